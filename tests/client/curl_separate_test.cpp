// The curl transport with DDBX_SEPARATE_COMPILATION: this file sees only curl.hpp's declarations
// (the build fails if curl.hpp brings in libcurl's, zlib's or OpenSSL's headers); the definitions
// come from examples/ddbx_curl.cpp, linked into the same test program as
// transport_security_test.cpp, which runs every guard of the transport against it.
#include <doctest/doctest.h>

#include <string>

#include "ddbx/transport/curl.hpp"

#ifndef DDBX_SEPARATE_COMPILATION
#error "curl_separate_test.cpp is built with -DDDBX_SEPARATE_COMPILATION"
#endif
#if defined(CURLINC_CURL_H) || defined(__CURL_CURL_H)
#error "with DDBX_SEPARATE_COMPILATION, ddbx/transport/curl.hpp includes <curl/curl.h>"
#endif
#if defined(ZLIB_H) || defined(OPENSSL_EVP_H) || defined(HEADER_ENVELOPE_H)
#error "with DDBX_SEPARATE_COMPILATION, ddbx/transport/curl.hpp includes zlib's or OpenSSL's headers"
#endif

TEST_CASE("separate compilation: the transport's declarations link to the one compiled copy") {
  ddbx::curl_transport bad{{.region = "eu-west-1\nHost: elsewhere", .endpoint = "http://127.0.0.1:1",
                            .access_key_id = "AKIDEXAMPLE", .secret_access_key = "secret"}};
  ddbx::curl_transport moved = std::move(bad);
  CHECK(moved.options().endpoint == "http://127.0.0.1:1");
  auto r = moved("GetItem", "{}");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ddbx::errc::invalid_request);
  CHECK(r.error().message.find("region") != std::string::npos);
  CHECK(r.error().message.find("elsewhere") == std::string::npos);
}
