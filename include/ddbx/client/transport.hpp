#pragma once
// A transport sends one DynamoDB request and returns the HTTP answer. Anything callable as
//
//   ddbx::result<ddbx::http_response> t(std::string_view operation, std::string_view body);
//
// is one: ddbx::curl_transport (ddbx/transport/curl.hpp), aws-sdk-cpp's HTTP client, Boost.Beast,
// an event loop, or a test double. `operation` is "PutItem", …; the transport sets
// `X-Amz-Target: DynamoDB_20120810.<operation>` and `Content-Type: application/x-amz-json-1.0`
// and signs. A connection failure is an error with errc::transport_failed (retryable); a body
// that fails its x-amz-crc32 check is errc::crc32_mismatch (retryable).
#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddbx/core/result.hpp"

namespace ddbx {

struct http_response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that name (case-insensitive), or empty.
  std::string_view header(std::string_view name) const noexcept {
    for (const auto& [k, v] : headers) {
      if (k.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < k.size() && same; ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        same = lower(k[i]) == lower(name[i]);
      }
      if (same) return v;
    }
    return {};
  }
};

template <class T>
concept transport = requires(T& t, std::string_view operation, std::string_view body) {
  { t(operation, body) } -> std::convertible_to<result<http_response>>;
};

// The X-Amz-Target header value of an operation.
inline std::string target_header(std::string_view operation) {
  std::string t = "DynamoDB_20120810.";
  t += operation;
  return t;
}

}  // namespace ddbx
