#pragma once
// ddbx::aws_credentials — the keys a request is signed with, and ddbx::credentials_provider, any
// callable that finds them: the default chain (chain.hpp), one provider of it (environment.hpp,
// profile.hpp, sts.hpp, sso.hpp, container.hpp, imds.hpp) or the user's own.
//
//   ddbx::curl_options o;
//   o.credentials = [] { return ddbx::result<ddbx::aws_credentials>(ddbx::aws_credentials{"AKID", "secret"}); };
//
// Errors name the provider ("IMDS: …", "credential_process for profile dev: …") and never hold a
// secret key or a session token; an access key id appears at most as its first four characters.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ddbx/core/result.hpp"

namespace ddbx {

struct aws_credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  // When temporary credentials stop working; none for keys that do not expire.
  std::optional<std::chrono::system_clock::time_point> expiration;
};

// Called whenever credentials are needed; cached_credentials() (cache.hpp) keeps its answer.
using credentials_provider = std::function<result<aws_credentials>()>;

namespace detail {

inline bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// "IMDS: no role" — the provider's name leads, so a user knows which source to fix.
// A source that could not be reached (transport_failed) is retryable when called on its own;
// curl_transport makes every credentials error final (nothing was sent to DynamoDB).
inline error credentials_error(std::string_view provider, std::string_view what, errc code = errc::invalid_request) {
  error e = make_error(code, std::string(provider) + ": " + std::string(what));
  e.retryable = code == errc::transport_failed;
  return e;
}

// An access key id for an error text: its first four characters ("AKIA…"), never more.
inline std::string key_id_hint(std::string_view id) {
  return id.size() <= 4 ? std::string("…") : std::string(id.substr(0, 4)) + "…";
}

// Credentials from anywhere pass here before use: both keys present, and no control character
// in any value (CR/LF in a header value would add headers). The error names the value, not its text.
inline result<aws_credentials> checked(aws_credentials c, std::string_view provider) {
  if (c.access_key_id.empty() || c.secret_access_key.empty())
    return credentials_error(provider, "the access key id or the secret access key is empty");
  const std::pair<const std::string*, const char*> values[] = {
      {&c.access_key_id, "the access key id (AWS_ACCESS_KEY_ID, aws_access_key_id) has a control character"},
      {&c.secret_access_key, "the secret access key (AWS_SECRET_ACCESS_KEY, aws_secret_access_key) has a control character"},
      {&c.session_token, "the session token (AWS_SESSION_TOKEN, aws_session_token) has a control character"}};
  for (const auto& [value, complaint] : values)
    if (has_control(*value)) return credentials_error(provider, complaint);
  return c;
}

// ISO-8601 UTC as AWS writes expirations: "2026-12-01T13:48:25Z", with optional fraction
// ("…25.123Z") and "+00:00"/"-05:00" offsets. None for anything else.
inline std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, used = 0;
  const std::string text(s.substr(0, 64));
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6 || used != 19)
    return std::nullopt;
  std::string_view rest = std::string_view(text).substr(19);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
  }
  long offset = 0;
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             std::isdigit(static_cast<unsigned char>(rest[1])) && std::isdigit(static_cast<unsigned char>(rest[2])) &&
             std::isdigit(static_cast<unsigned char>(rest[4])) && std::isdigit(static_cast<unsigned char>(rest[5]))) {
    const int oh = (rest[1] - '0') * 10 + (rest[2] - '0'), om = (rest[4] - '0') * 10 + (rest[5] - '0');
    offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
  } else {
    return std::nullopt;
  }
  if (y < 1970) return std::nullopt;
  if (y > 2200) y = 2200;  // "never" in practice; system_clock ends in 2262
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{sec} -
         std::chrono::seconds{offset};
}

}  // namespace detail
}  // namespace ddbx
