#pragma once
// ddbx::curl_transport — a transport for real DynamoDB (or any endpoint) over libcurl: SigV4
// signing by curl (CURLOPT_AWS_SIGV4), region and endpoint from the environment or the shared
// config file, credentials from the AWS credential chain (credentials/chain.hpp, found on the first
// call and refreshed before they expire) or the options, a pool of handles keeping their
// connections alive, timeouts, and the x-amz-crc32 of every answer checked with zlib. Its
// definitions (detail/curl_transport_impl.hpp, detail/curl_settings.hpp) and detail/http_fetch.hpp
// (the credential providers' requests) are the only ddbx headers that include curl; link libcurl,
// zlib, libcrypto and libexpat. One transport may serve any number of threads at once; libcurl never resends a
// request by itself (every attempt is the client's). Only http(s) endpoints, TLS always verified,
// redirects never followed; a setting with a control character, a region that is not a host label
// or an unreadable credentials file (FIFO, device, over 1 MB) fails every call, nothing sent.
// The constructor never touches the network; credentials are looked for on the first call, and
// so is the region, in EC2 instance metadata, when nothing else names one.
//
//   ddbx::client db{ddbx::curl_transport{}};          // AWS_REGION, AWS_ACCESS_KEY_ID, …
//   ddbx::client local{ddbx::curl_transport{{.endpoint = "http://127.0.0.1:8000"}}};
//
// Header-only by default. A program with many translation units that include this header can
// compile the transport once instead: define DDBX_SEPARATE_COMPILATION for the whole program (every
// TU, so that none holds an inline copy) and include "ddbx/transport/curl_source.hpp" in exactly one
// .cpp file. This header then declares the transport without libcurl's header, the credential chain
// or the transport's code.
#include <memory>
#include <mutex>
#include <string_view>

#include "ddbx/client/transport.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/curl_options.hpp"

namespace ddbx {

namespace detail {
class curl_handle_pool;
}  // namespace detail

class curl_transport {
 public:
  curl_transport();
  explicit curl_transport(curl_options o);
  curl_transport(curl_transport&&) noexcept;
  curl_transport& operator=(curl_transport&&) noexcept;
  ~curl_transport();

  // The settings in use. When no setting names a region and IMDS is enabled, region (and the
  // endpoint built from it) stay empty until the first call has asked IMDS for them: read them
  // after a call has returned, not while the first one runs.
  const curl_options& options() const noexcept { return options_; }

  // Safe to call from any number of threads at once: each call takes a handle from the pool.
  result<http_response> operator()(std::string_view operation, std::string_view body);

 private:
  // The region from IMDS (us-east-1 when it cannot say), the endpoint built from it, and the
  // credential chain that calls STS there. Runs once, under call_once, before any request.
  void settle_region();

  bool profile_named_in_code_;  // botocore: a profile named in code outranks the environment's keys
  error problem_;  // before options_: resolve_settings() fills it; errc::ok when every call may be sent
  bool region_pending_ = false;  // before options_ too: IMDS is asked for the region on the first call
  curl_options options_;
  credentials_provider credentials_;
  std::unique_ptr<detail::curl_handle_pool> pool_;
  std::unique_ptr<std::once_flag> first_call_;  // a pointer: the transport stays movable
};

}  // namespace ddbx

#ifndef DDBX_SEPARATE_COMPILATION
#include "ddbx/transport/detail/curl_transport_impl.hpp"
#endif
