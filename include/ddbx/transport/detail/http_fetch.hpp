#pragma once
// detail::http_fetch — one small HTTP exchange for the credential providers (IMDS, container, STS,
// SSO), over libcurl: http and https only, redirects never followed, TLS verified, short timeouts,
// answers over 1 MB refused. Errors say what was asked of which host, never the headers sent
// (they carry tokens) nor the answer's body (it may carry keys).
//
//   auto r = detail::http_fetch({.method = "PUT", .url = "http://169.254.169.254/latest/api/token",
//                                .headers = {"X-aws-ec2-metadata-token-ttl-seconds: 21600"}});
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <curl/curl.h>

#include "ddbx/core/result.hpp"

namespace ddbx::detail {

// Only http and https, also for redirects (never followed): no file://, ftp://, … through an endpoint.
inline void allow_only_http(CURL* h) {
#if LIBCURL_VERSION_NUM >= 0x075500
  if (curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
      curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") == CURLE_OK)
    return;
#endif
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));  // libcurl before 7.85
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#pragma GCC diagnostic pop
}

struct fetch_request {
  const char* method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value", each checked for control characters by the caller
  std::string body;
  long connect_timeout_ms = 1000;
  long timeout_ms = 1000;
  bool use_proxy = false;  // metadata services are link-local: never through a proxy
  std::string sigv4;       // "aws:amz:<region>:<service>" to have libcurl sign the request
  std::string user, password;
};

struct fetch_reply {
  long status = 0;
  std::string body;
};

inline constexpr std::size_t max_fetch_body = std::size_t{1} << 20;

inline std::size_t on_fetch_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() + size * n > max_fetch_body) return 0;  // libcurl stops with CURLE_WRITE_ERROR
  body->append(data, size * n);
  return size * n;
}

// The URL without user:password@, query or fragment: enough to say where, nothing secret.
inline std::string url_for_errors(std::string_view url) {
  url = url.substr(0, std::min(url.find_first_of("?#"), url.size()));
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t host = scheme + 3, end = std::min(url.find('/', host), url.size());
  const std::size_t at = url.substr(host, end - host).rfind('@');
  return at == std::string_view::npos ? std::string(url) : std::string(url.substr(0, host)) + std::string(url.substr(host + at + 1));
}

inline result<fetch_reply> http_fetch(const fetch_request& r) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
  const auto failed = [&](std::string why) {
    error e = make_error(errc::transport_failed, std::string(r.method) + " " + url_for_errors(r.url) + ": " + why);
    e.retryable = true;
    return e;
  };
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
  if (!h) return failed("curl_easy_init failed");
  curl_slist* list = nullptr;
  for (const std::string& header : r.headers) list = curl_slist_append(list, header.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, &curl_slist_free_all);
  fetch_reply out;
  char errbuf[CURL_ERROR_SIZE] = {};
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  allow_only_http(c);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!r.use_proxy) curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method);
  if (std::string_view(r.method) == "POST" || std::string_view(r.method) == "PUT") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.c_str());
  }
  if (list) curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  if (!r.sigv4.empty()) {
    curl_easy_setopt(c, CURLOPT_AWS_SIGV4, r.sigv4.c_str());
    curl_easy_setopt(c, CURLOPT_USERNAME, r.user.c_str());  // not USERPWD: nothing parsed
    curl_easy_setopt(c, CURLOPT_PASSWORD, r.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, r.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, r.timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_fetch_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_WRITE_ERROR && out.body.size() + CURL_MAX_WRITE_SIZE > max_fetch_body) return failed("the answer is over 1 MB");
  if (rc != CURLE_OK) return failed(std::string("curl: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  return out;
}

inline bool starts_with_http(std::string_view url) {
  const auto prefix = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if ((url[i] >= 'A' && url[i] <= 'Z' ? url[i] - 'A' + 'a' : url[i]) != p[i]) return false;
    return true;
  };
  return prefix("https://") || prefix("http://");
}

// application/x-www-form-urlencoded and URL query values: RFC 3986 unreserved characters stay.
inline std::string url_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace ddbx::detail
