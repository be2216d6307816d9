#pragma once
// IAM Identity Center (SSO): the access token `aws sso login` cached in
// ~/.aws/sso/cache/<sha1 hex>.json (of the sso_session name, or of sso_start_url for a legacy
// profile) buys role credentials from GET https://portal.sso.<sso_region>.amazonaws.com/federation/credentials
// (AWS_ENDPOINT_URL_SSO overrides). An expired token is an error asking for `aws sso login`: ddbx
// does not refresh the token itself (that needs SSO-OIDC).
//
//   [profile dev]                          [sso-session corp]
//   sso_session = corp                     sso_region = eu-west-1
//   sso_account_id = 123456789012          sso_start_url = https://corp.awsapps.com/start
//   sso_role_name = ReadOnly
#include <algorithm>
#include <chrono>
#include <string>

#include <openssl/evp.h>

#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/detail/credentials_json_parse.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"

namespace ddbx {
namespace detail {

inline std::string sha1_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr) != 1) return {};
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) (out += hex[digest[i] >> 4]) += hex[digest[i] & 15];
  return out;
}

inline bool profile_uses_sso(const profile_files& f, std::string_view profile) {
  return !f.setting(profile, "sso_session").empty() || !f.setting(profile, "sso_start_url").empty();
}

}  // namespace detail

inline result<aws_credentials> sso_credentials(const detail::profile_files& f, const std::string& profile) {
  const std::string provider = "SSO for profile " + profile;
  const std::string session = f.setting(profile, "sso_session");
  const std::string start_url = session.empty() ? f.setting(profile, "sso_start_url") : f.sso_session_setting(session, "sso_start_url");
  const std::string region = session.empty() ? f.setting(profile, "sso_region") : f.sso_session_setting(session, "sso_region");
  const std::string account = f.setting(profile, "sso_account_id"), role = f.setting(profile, "sso_role_name");
  if (start_url.empty() || region.empty() || account.empty() || role.empty())
    return detail::credentials_error(provider, session.empty()
        ? "needs sso_start_url, sso_region, sso_account_id and sso_role_name"
        : "needs sso_account_id and sso_role_name, and [sso-session " + session + "] sso_start_url and sso_region");
  if (!detail::is_region_name(region)) return detail::credentials_error(provider, "sso_region is not a region name");

  const std::string home = detail::env("HOME");
  const std::string cache = home + "/.aws/sso/cache/" + detail::sha1_hex(session.empty() ? start_url : session) + ".json";
  auto text = detail::read_aws_file(cache, "the SSO token cache");
  if (!text) return detail::credentials_error(provider, text.error().message);
  const std::string login = "run `aws sso login --profile " + profile + "`";
  if (text->empty()) return detail::credentials_error(provider, "no cached token in " + cache + "; " + login);
  auto token = detail::json_fields(*text);
  if (!token) return detail::credentials_error(provider, cache + ": " + token.error().message);
  const std::string access_token = token->text("accessToken");
  const auto expires = detail::parse_iso8601(token->text("expiresAt"));
  if (access_token.empty() || !expires) return detail::credentials_error(provider, cache + " has no accessToken and expiresAt; " + login);
  if (*expires <= std::chrono::system_clock::now()) return detail::credentials_error(provider, "the cached token has expired; " + login);
  if (detail::has_control(access_token)) return detail::credentials_error(provider, "the cached token has a control character");

  std::string url = detail::env("AWS_ENDPOINT_URL_SSO");
  if (url.empty()) url = "https://portal.sso." + region + ".amazonaws.com";
  if (!detail::starts_with_http(url) || detail::has_control(url))
    return detail::credentials_error(provider, "AWS_ENDPOINT_URL_SSO is not an https:// or http:// URL");
  while (!url.empty() && url.back() == '/') url.pop_back();
  detail::fetch_request r;
  r.url = url + "/federation/credentials?account_id=" + detail::url_encode(account) + "&role_name=" + detail::url_encode(role);
  r.headers = {"x-amz-sso_bearer_token: " + access_token};
  r.connect_timeout_ms = 3000;
  r.timeout_ms = 10000;
  r.use_proxy = true;
  auto reply = detail::http_fetch(r);
  if (!reply) return detail::credentials_error(provider, reply.error().message, errc::transport_failed);
  if (reply->status != 200) {
    error e = detail::credentials_error(provider, "GetRoleCredentials answered HTTP " + std::to_string(reply->status) +
                                                      (reply->status == 401 || reply->status == 403 ? "; " + login : std::string()),
                                        errc::service_error);
    e.http_status = static_cast<int>(reply->status);
    return e;
  }
  auto fields = detail::json_fields(reply->body, {"roleCredentials"});
  if (!fields) return detail::credentials_error(provider, "GetRoleCredentials: " + fields.error().message, errc::malformed_response);
  aws_credentials c{fields->text("accessKeyId"), fields->text("secretAccessKey"), fields->text("sessionToken"), std::nullopt};
  // Epoch milliseconds, required (botocore): role credentials always expire. Checked before the
  // conversion: NaN, a negative or a huge number would overflow system_clock (it ends in 2262).
  const auto ms = fields->numbers.find("expiration");
  if (ms == fields->numbers.end())
    return detail::credentials_error(provider, "GetRoleCredentials: no \"expiration\"", errc::malformed_response);
  constexpr double year_2200_ms = 7258118400000.0;  // "never" in practice, as parse_iso8601 caps it
  if (!(ms->second > 0))
    return detail::credentials_error(provider, "GetRoleCredentials: \"expiration\" is not a time", errc::malformed_response);
  const double when = std::min(ms->second, year_2200_ms);
  c.expiration = std::chrono::system_clock::time_point{
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::milliseconds{static_cast<long long>(when)})};
  return detail::checked(std::move(c), provider);
}

}  // namespace ddbx
