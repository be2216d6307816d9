#pragma once
// EC2 instance metadata (IMDSv2): PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds: 21600),
// then with X-aws-ec2-metadata-token: GET /latest/meta-data/iam/security-credentials/ → the role,
// GET …/security-credentials/<role> → {"Code":"Success","AccessKeyId","SecretAccessKey","Token","Expiration"}.
// Base http://169.254.169.254 ([fd00:ec2::254] with AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6),
// AWS_EC2_METADATA_SERVICE_ENDPOINT overrides; AWS_EC2_METADATA_DISABLED=true turns it off. 1 s
// timeouts, never a proxy. A token PUT answered 403/404/405 falls back to IMDSv1, as botocore does,
// unless AWS_EC2_METADATA_V1_DISABLED=true.
//
//   auto c = ddbx::imds_credentials();   // "IMDS: …" errors
//   auto r = ddbx::imds_region();        // "eu-west-1"
#include <string>

#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/detail/credentials_json_parse.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"

namespace ddbx {
namespace detail {

inline bool env_true(const char* name) {
  const std::string v = env(name);
  return v.size() == 4 && (v[0] | 0x20) == 't' && (v[1] | 0x20) == 'r' && (v[2] | 0x20) == 'u' && (v[3] | 0x20) == 'e';
}

inline bool imds_disabled() { return env_true("AWS_EC2_METADATA_DISABLED"); }

inline std::string imds_base() {
  std::string base = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (base.empty())
    base = env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") == "IPv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// One IMDS session: the token (empty for IMDSv1) and GETs with it.
class imds_session {
 public:
  static result<imds_session> open() {
    constexpr std::string_view provider = "IMDS";
    if (imds_disabled()) return credentials_error(provider, "disabled by AWS_EC2_METADATA_DISABLED");
    imds_session s;
    s.base_ = imds_base();
    if (!starts_with_http(s.base_) || has_control(s.base_))
      return credentials_error(provider, "AWS_EC2_METADATA_SERVICE_ENDPOINT is not an http:// or https:// URL");
    fetch_request put;
    put.method = "PUT";
    put.url = s.base_ + "/latest/api/token";
    put.headers = {"X-aws-ec2-metadata-token-ttl-seconds: 21600"};
    auto token = http_fetch(put);
    if (!token) return credentials_error(provider, token.error().message, errc::transport_failed);
    if (token->status == 200) {
      s.token_ = trim(token->body);
      if (s.token_.empty() || has_control(s.token_)) return credentials_error(provider, "the session token it gave is unusable", errc::malformed_response);
    } else if (!(token->status == 403 || token->status == 404 || token->status == 405) || env_true("AWS_EC2_METADATA_V1_DISABLED")) {
      return credentials_error(provider, "PUT /latest/api/token answered HTTP " + std::to_string(token->status), errc::service_error);
    }
    return s;
  }

  result<std::string> get(const std::string& path) const {
    fetch_request r;
    r.url = base_ + path;
    if (!token_.empty()) r.headers.push_back("X-aws-ec2-metadata-token: " + token_);
    auto reply = http_fetch(r);
    if (!reply) return credentials_error("IMDS", reply.error().message, errc::transport_failed);
    if (reply->status != 200) {
      error e = credentials_error("IMDS", "GET " + path + " answered HTTP " + std::to_string(reply->status), errc::service_error);
      e.http_status = static_cast<int>(reply->status);
      return e;
    }
    return std::move(reply->body);
  }

 private:
  std::string base_, token_;
};

}  // namespace detail

inline result<aws_credentials> imds_credentials() {
  constexpr std::string_view provider = "IMDS";
  auto s = detail::imds_session::open();
  if (!s) return std::move(s).error();
  const std::string roles_path = "/latest/meta-data/iam/security-credentials/";
  auto roles = s->get(roles_path);
  if (!roles) return std::move(roles).error();
  const std::string role = detail::trim(std::string_view(*roles).substr(0, roles->find('\n')));
  if (role.empty()) return detail::credentials_error(provider, "the instance has no IAM role");
  if (role.find_first_of("/?#%") != std::string::npos || detail::has_control(role))
    return detail::credentials_error(provider, "the role name it gave is not a name", errc::malformed_response);
  auto answer = s->get(roles_path + role);
  if (!answer) return std::move(answer).error();
  auto fields = detail::json_fields(*answer);
  if (!fields) return detail::credentials_error(provider, fields.error().message, errc::malformed_response);
  if (const std::string code = fields->text("Code"); !code.empty() && code != "Success")
    return detail::credentials_error(provider, "role " + role + ": Code is " + code.substr(0, 100), errc::service_error);
  aws_credentials c{fields->text("AccessKeyId"), fields->text("SecretAccessKey"), fields->text("Token"),
                    detail::parse_iso8601(fields->text("Expiration"))};
  if (!c.expiration) return detail::credentials_error(provider, "role " + role + ": no \"Expiration\"", errc::malformed_response);
  return detail::checked(std::move(c), provider);
}

// The instance's region (GET /latest/meta-data/placement/region), checked to be a region name.
inline result<std::string> imds_region() {
  auto s = detail::imds_session::open();
  if (!s) return std::move(s).error();
  auto region = s->get("/latest/meta-data/placement/region");
  if (!region) return std::move(region).error();
  std::string r = detail::trim(*region);
  if (!detail::is_region_name(r)) return detail::credentials_error("IMDS", "the region it gave is not a region name", errc::malformed_response);
  return r;
}

}  // namespace ddbx
