#pragma once
// Container credentials (ECS task roles, EKS Pod Identity): GET of
// http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, or of AWS_CONTAINER_CREDENTIALS_FULL_URI,
// with `Authorization: <AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE's contents, else
// AWS_CONTAINER_AUTHORIZATION_TOKEN>` (the file is read each time: it is rotated). Answer:
// {"AccessKeyId","SecretAccessKey","Token","Expiration"}.
// A full URI over http must name a loopback address, 169.254.170.2 (ECS) or 169.254.170.23 /
// [fd00:ec2::23] (EKS) — the SDKs' rule, so an environment variable cannot send the token elsewhere
// in the clear; https may go anywhere.
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <string>

#include <unistd.h>

#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/detail/credentials_json_parse.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"

namespace ddbx {
namespace detail {

inline bool container_credentials_configured() {
  return !env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").empty() || !env("AWS_CONTAINER_CREDENTIALS_FULL_URI").empty();
}

// The host of an http(s) URL, without brackets, port, user or path.
inline std::string url_host(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, std::min(rest.find_first_of("/?#"), rest.size()));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(1, rest.find(']') - 1));
  return std::string(rest.substr(0, rest.find(':')));
}

inline bool container_host_allowed_over_http(const std::string& host) {
  if (host == "localhost" || host == "169.254.170.2" || host == "169.254.170.23") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, host.c_str(), &v6) != 1) return false;
  in6_addr eks{};
  ::inet_pton(AF_INET6, "fd00:ec2::23", &eks);
  return IN6_IS_ADDR_LOOPBACK(&v6) || std::memcmp(&v6, &eks, sizeof v6) == 0;
}

}  // namespace detail

inline result<aws_credentials> container_credentials() {
  constexpr std::string_view provider = "container credentials";
  const std::string relative = detail::env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  std::string url = relative.empty() ? detail::env("AWS_CONTAINER_CREDENTIALS_FULL_URI") : "http://169.254.170.2" + relative;
  if (url.empty()) return detail::credentials_error(provider, "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set");
  if (detail::has_control(url)) return detail::credentials_error(provider, "the URI has a control character");
  if (!relative.empty() && relative.front() != '/')
    return detail::credentials_error(provider, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI does not start with '/'");
  const bool https = detail::starts_with_http(url) && (url[4] == 's' || url[4] == 'S');
  if (!detail::starts_with_http(url)) return detail::credentials_error(provider, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not http(s)");
  if (!https && !detail::container_host_allowed_over_http(detail::url_host(url)))
    return detail::credentials_error(provider, "AWS_CONTAINER_CREDENTIALS_FULL_URI over http must name a loopback address, "
                                               "169.254.170.2, 169.254.170.23 or fd00:ec2::23, not " + detail::url_host(url));
  detail::fetch_request r;
  r.url = url;
  r.timeout_ms = 2000;
  std::string token;
  if (const std::string file = detail::env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); !file.empty()) {
    // Set but missing is an error (botocore raises): a request without the header would only be refused.
    if (::access(file.c_str(), R_OK) != 0)
      return detail::credentials_error(provider, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file + " cannot be read: " +
                                                     std::strerror(errno));
    auto text = detail::read_aws_file(file, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (!text) return detail::credentials_error(provider, text.error().message);
    token = detail::trim(*text);
  } else {
    token = detail::env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  if (detail::has_control(token)) return detail::credentials_error(provider, "the authorization token has a control character");
  if (!token.empty()) r.headers.push_back("Authorization: " + token);
  auto reply = detail::http_fetch(r);
  if (!reply) return detail::credentials_error(provider, reply.error().message, errc::transport_failed);
  if (reply->status != 200) {
    error e = detail::credentials_error(provider, detail::url_for_errors(url) + " answered HTTP " + std::to_string(reply->status),
                                        errc::service_error);
    e.http_status = static_cast<int>(reply->status);
    e.retryable = reply->status >= 500;
    return e;
  }
  auto fields = detail::json_fields(reply->body);
  if (!fields) return detail::credentials_error(provider, fields.error().message, errc::malformed_response);
  aws_credentials c{fields->text("AccessKeyId"), fields->text("SecretAccessKey"), fields->text("Token"), std::nullopt};
  // Temporary keys must say when they end (botocore requires "Expiration"): kept for good, they
  // would be signed with after they stopped working.
  if (const std::string expiry = fields->text("Expiration"); !expiry.empty()) {
    c.expiration = detail::parse_iso8601(expiry);
    if (!c.expiration) return detail::credentials_error(provider, "\"Expiration\" is not an ISO-8601 time", errc::malformed_response);
  } else if (!c.session_token.empty()) {
    return detail::credentials_error(provider, "the answer has a \"Token\" but no \"Expiration\"", errc::malformed_response);
  }
  return detail::checked(std::move(c), provider);
}

}  // namespace ddbx
