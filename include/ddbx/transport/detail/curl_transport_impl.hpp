#pragma once
// The definitions of ddbx::curl_transport (curl.hpp): inline when the library is header-only; the
// one source of them when DDBX_SEPARATE_COMPILATION is defined and curl_source.hpp includes this.
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include <curl/curl.h>
#include <zlib.h>

#include "ddbx/transport/curl.hpp"
#include "ddbx/transport/detail/curl_settings.hpp"
#include "ddbx/transport/detail/sha256.hpp"

#ifdef DDBX_SEPARATE_COMPILATION
#define DDBX_CURL_INLINE
#else
#define DDBX_CURL_INLINE inline
#endif

namespace ddbx {

namespace detail {

// One attempt: the signed POST on handle `h`, its answer, its x-amz-crc32 checked.
DDBX_CURL_INLINE result<http_response> curl_perform(CURL* h, const curl_options& options, std::string_view operation,
                                                     std::string_view body, const aws_credentials& keys) {
  curl_easy_reset(h);  // keeps the handle's connection, so it is reused
  http_response out;
  char errbuf[CURL_ERROR_SIZE] = {};
  const std::string target = "X-Amz-Target: " + target_header(operation);
  const std::string sigv4 = "aws:amz:" + options.region + ":dynamodb";
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.0");
  headers = curl_slist_append(headers, target.c_str());
  // libcurl before 8.3 signs a removed header ("Expect:") that it does not send, which AWS may
  // refuse (curl issue 11664); there Expect: 100-continue (bodies over 1 MB) stays, not waited for.
  const bool removal_signed = !curl_at_least(0x080300);
  if (!removal_signed) headers = curl_slist_append(headers, "Expect:");
  std::string token_header;
  if (!keys.session_token.empty()) {
    token_header = "X-Amz-Security-Token: " + keys.session_token;
    headers = curl_slist_append(headers, token_header.c_str());
  }
  // libcurl resends a body it can rewind when a reused connection closes without an answer,
  // uncounted. A body read through a callback that cannot seek turns that into an error, so every
  // resend is an attempt of the client's retry policy. SigV4 then takes the payload hash from
  // X-Amz-Content-Sha256, which libcurl reads since 7.87; older ones keep POSTFIELDS.
  const bool streamed = curl_at_least(0x075700);
  const std::string digest = streamed ? sha256_hex(body) : std::string();
  if (streamed && digest.empty()) {
    curl_slist_free_all(headers);
    return transport_error("libcrypto could not hash the request body");
  }
  const std::string payload_hash = "X-Amz-Content-Sha256: " + digest;
  if (streamed) headers = curl_slist_append(headers, payload_hash.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers, &curl_slist_free_all);
  curl_easy_setopt(h, CURLOPT_URL, options.endpoint.c_str());
  allow_only_http(h);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is the answer, never followed
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);  // libcurl's defaults, stated so they stay on
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  upload source{body.data(), body.size()};
  if (streamed) {
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &upload::read);
    curl_easy_setopt(h, CURLOPT_READDATA, &source);
    curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, &upload::seek);
  } else {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_AWS_SIGV4, sigv4.c_str());
  // Two options, not CURLOPT_USERPWD "key:secret": no value is parsed for a separator.
  curl_easy_setopt(h, CURLOPT_USERNAME, keys.access_key_id.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, keys.secret_access_key.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (removal_signed) curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, 0L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &curl_on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &curl_on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &out.headers);
  const CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_SEND_FAIL_REWIND)
    return transport_error("curl: the connection closed after the request was sent, before an answer (" +
                                   endpoint_for_errors(options.endpoint) + ")");
  if (rc != CURLE_OK)
    return transport_error(std::string("curl: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc)) + " (" +
                                   endpoint_for_errors(options.endpoint) + ")");
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  out.status = static_cast<int>(code);
  if (options.verify_crc32) {
    const std::string_view expected = out.header("x-amz-crc32");
    if (!expected.empty()) {
      const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.body.data()),
                              static_cast<uInt>(out.body.size()));
      if (std::to_string(crc) != expected) {
        error e = make_error(errc::crc32_mismatch, "x-amz-crc32 is " + std::string(expected) + ", the body's is " +
                                                       std::to_string(crc));
        e.http_status = out.status;
        e.request_id = std::string(out.header("x-amzn-RequestId"));
        e.retryable = true;
        return e;
      }
    }
  }
  return out;
}

}  // namespace detail

DDBX_CURL_INLINE curl_transport::curl_transport() : curl_transport(curl_options{}) {}

DDBX_CURL_INLINE curl_transport::curl_transport(curl_options o)
    : profile_named_in_code_(!o.profile.empty()),
      options_(detail::resolve_settings(std::move(o), &problem_, &region_pending_)),
      pool_(std::make_unique<detail::curl_handle_pool>(options_.pool_size)),
      first_call_(std::make_unique<std::once_flag>()) {
  // The chain calls STS in the client's region: with the region pending, it is made on the first call.
  if (!region_pending_) credentials_ = detail::transport_credentials(options_, profile_named_in_code_);
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
}

DDBX_CURL_INLINE curl_transport::curl_transport(curl_transport&&) noexcept = default;
DDBX_CURL_INLINE curl_transport& curl_transport::operator=(curl_transport&&) noexcept = default;
DDBX_CURL_INLINE curl_transport::~curl_transport() = default;

DDBX_CURL_INLINE result<http_response> curl_transport::operator()(std::string_view operation, std::string_view body) {
  if (problem_.code != errc::ok) return problem_;
  if (region_pending_) std::call_once(*first_call_, [this] { settle_region(); });  // one thread asks; all wait
  if (detail::has_control(operation)) return make_error(errc::invalid_request, "the operation name has a control character");
  result<aws_credentials> keys = credentials_();
  if (keys) keys = detail::checked(std::move(*keys), "credentials");  // a user's provider's too
  if (!keys) {
    // Nothing was sent to DynamoDB, and asking again at once would fail the same way (a source
    // that was down has had its own timeouts): the client neither retries nor suspects an
    // earlier attempt was applied.
    error e = std::move(keys).error();
    e.retryable = false;
    return e;
  }
  detail::curl_handle h = pool_->take();
  if (!h) return detail::transport_error("curl_easy_init failed");
  result<http_response> r = detail::curl_perform(h.get(), options_, operation, body, *keys);
  pool_->give_back(std::move(h));
  return r;
}

DDBX_CURL_INLINE void curl_transport::settle_region() {
  auto region = imds_region();
  options_.region = region ? *region : "us-east-1";
  if (options_.endpoint.empty()) options_.endpoint = "https://dynamodb." + options_.region + ".amazonaws.com";
  credentials_ = detail::transport_credentials(options_, profile_named_in_code_);
}

}  // namespace ddbx

#undef DDBX_CURL_INLINE
