#pragma once
// Credentials from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, optional
// AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION (ISO-8601), as botocore's EnvProvider reads them.
//
//   ddbx::result<ddbx::aws_credentials> c = ddbx::environment_credentials();
#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/credentials/profile.hpp"

namespace ddbx {

namespace detail {
inline bool environment_has_credentials() { return !env("AWS_ACCESS_KEY_ID").empty(); }
}  // namespace detail

inline result<aws_credentials> environment_credentials() {
  constexpr std::string_view provider = "environment";
  aws_credentials c{detail::env("AWS_ACCESS_KEY_ID"), detail::env("AWS_SECRET_ACCESS_KEY"), detail::env("AWS_SESSION_TOKEN"),
                    std::nullopt};
  if (c.access_key_id.empty()) return detail::credentials_error(provider, "AWS_ACCESS_KEY_ID is not set");
  if (c.secret_access_key.empty())
    return detail::credentials_error(provider, "AWS_ACCESS_KEY_ID is set, AWS_SECRET_ACCESS_KEY is not");
  if (const std::string expiry = detail::env("AWS_CREDENTIAL_EXPIRATION"); !expiry.empty()) {
    c.expiration = detail::parse_iso8601(expiry);
    if (!c.expiration) return detail::credentials_error(provider, "AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time");
  }
  return detail::checked(std::move(c), provider);
}

}  // namespace ddbx
