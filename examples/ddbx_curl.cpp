// The curl transport compiled once, for a program built with -DDDBX_SEPARATE_COMPILATION: its other
// files include "ddbx/transport/curl.hpp" as usual and get the declarations only, without libcurl's
// header, the credential chain or the transport's code (docs/client.md, "Compile the transport once").
#include "ddbx/transport/curl_source.hpp"
