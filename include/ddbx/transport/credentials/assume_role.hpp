#pragma once
// Roles a profile names: `role_arn` with `source_profile` (whose credentials sign the AssumeRole:
// its static keys if it has any, else the role it assumes itself, as botocore) or `credential_source` (Environment, Ec2InstanceMetadata,
// EcsContainer); and web identity, from `web_identity_token_file` + `role_arn` or from
// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN [+ AWS_ROLE_SESSION_NAME] (each variable before the
// profile's setting, as botocore reads them, unless the profile was named in code).
//
//   [profile dev]                          [profile base]
//   role_arn = arn:aws:iam::1:role/dev     aws_access_key_id = …
//   source_profile = base                  (in ~/.aws/credentials)
#include <cstdlib>
#include <set>
#include <string>

#include "ddbx/transport/credentials/container.hpp"
#include "ddbx/transport/credentials/environment.hpp"
#include "ddbx/transport/credentials/imds.hpp"
#include "ddbx/transport/credentials/process.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/credentials/sso.hpp"
#include "ddbx/transport/credentials/sts.hpp"

namespace ddbx::detail {

struct profile_context {
  const profile_files& files;
  std::string region;         // the client's: STS is called there unless the profile names a region
  bool use_env_vars = true;   // false when the profile was named in code (botocore's disable_env_vars)
  credential_process_options process{};
};

// The region STS is called in for `profile`: its `region`, else the client's. It goes into the
// endpoint's host and the SigV4 scope, so it must be a region name; the error names the setting.
inline result<std::string> sts_region(const profile_context& ctx, std::string_view profile, std::string_view provider) {
  const std::string own = ctx.files.setting(profile, "region");
  if (!own.empty()) {
    if (!is_region_name(own))
      return credentials_error(provider, "the region of profile " + std::string(profile) + " (region) is not a region name");
    return own;
  }
  if (!ctx.region.empty() && !is_region_name(ctx.region))
    return credentials_error(provider, "the client's region (AWS_REGION, AWS_DEFAULT_REGION) is not a region name");
  return ctx.region;
}

inline bool profile_has_static_keys(const profile_files& f, std::string_view profile) {
  return !f.setting(profile, "aws_access_key_id").empty();
}

inline bool profile_assumes_role(const profile_files& f, std::string_view profile) {
  return !f.setting(profile, "role_arn").empty() && f.setting(profile, "web_identity_token_file").empty();
}

inline std::string web_identity_setting(const profile_context& ctx, std::string_view profile, const char* env_name,
                                        std::string_view key) {
  if (ctx.use_env_vars && !env(env_name).empty()) return env(env_name);
  return ctx.files.setting(profile, key);
}

inline bool web_identity_configured(const profile_context& ctx, std::string_view profile) {
  return !web_identity_setting(ctx, profile, "AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file").empty();
}

inline result<aws_credentials> web_identity_credentials(const profile_context& ctx, const std::string& profile) {
  const std::string provider = "web identity";
  const std::string file = web_identity_setting(ctx, profile, "AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file");
  assume_role_request q;
  q.role_arn = web_identity_setting(ctx, profile, "AWS_ROLE_ARN", "role_arn");
  q.role_session_name = web_identity_setting(ctx, profile, "AWS_ROLE_SESSION_NAME", "role_session_name");
  if (q.role_arn.empty()) return credentials_error(provider, "a web identity token file without a role ARN (AWS_ROLE_ARN, role_arn)");
  auto region = sts_region(ctx, profile, provider);
  if (!region) return std::move(region).error();
  return sts_assume_role_with_web_identity(file, q, *region, provider);
}

inline std::string static_key_provider_name(std::string_view profile) { return "profile " + std::string(profile); }

// The credentials `profile` gives as a source profile, as botocore's _resolve_credentials_from_profile
// finds them: a role it assumes — unless it has static keys, which then sign (its own role_arn is
// not assumed) — else its web identity, SSO, the credentials file's keys, credential_process or the
// config file's keys, environment variables never read. `seen` stops a cycle of source profiles.
inline result<aws_credentials> assumed_role_credentials(const profile_context& ctx, const std::string& profile,
                                                        std::set<std::string>& seen);

inline result<aws_credentials> source_profile_credentials(const profile_context& ctx, const std::string& profile,
                                                          std::set<std::string>& seen) {
  const std::string provider = "source_profile " + profile;
  const profile_files& f = ctx.files;
  if (!f.has_profile(profile)) return credentials_error(provider, "no such profile in the credentials or config file");
  if (profile_assumes_role(f, profile) && !profile_has_static_keys(f, profile)) {
    if (seen.count(profile)) return credentials_error(provider, "source_profile forms a cycle");
    return assumed_role_credentials(ctx, profile, seen);
  }
  if (!f.setting(profile, "web_identity_token_file").empty())
    return web_identity_credentials({f, ctx.region, false, ctx.process}, profile);
  if (profile_uses_sso(f, profile)) return sso_credentials(f, profile);
  if (auto keys = static_profile_keys(f.credentials, profile, provider)) return std::move(*keys);
  if (const std::string command = f.setting(profile, "credential_process"); !command.empty())
    return process_credentials(command, profile, ctx.process);
  if (auto keys = static_profile_keys(f.config, config_section_name(profile), provider)) return std::move(*keys);
  return credentials_error(provider, "has no credentials");
}

inline result<aws_credentials> assumed_role_credentials(const profile_context& ctx, const std::string& profile,
                                                        std::set<std::string>& seen) {
  const std::string provider = "assume role for profile " + profile;
  const profile_files& f = ctx.files;
  if (!seen.insert(profile).second) return credentials_error(provider, "source_profile forms a cycle");
  if (!f.setting(profile, "mfa_serial").empty()) return credentials_error(provider, "mfa_serial is not supported (no prompt)");
  const std::string source_profile = f.setting(profile, "source_profile"), source = f.setting(profile, "credential_source");
  if (source_profile.empty() == source.empty())
    return credentials_error(provider, "role_arn needs either source_profile or credential_source");
  result<aws_credentials> signer = make_error(errc::invalid_request, "");
  if (!source_profile.empty()) {
    // botocore: a profile may be its own source only when it has static keys (they sign).
    if (source_profile == profile && !profile_has_static_keys(f, profile))
      return credentials_error(provider, "source_profile forms a cycle");
    signer = source_profile_credentials(ctx, source_profile, seen);
  } else if (source == "Environment") {
    signer = environment_credentials();
  } else if (source == "Ec2InstanceMetadata") {
    signer = imds_credentials();
  } else if (source == "EcsContainer") {
    signer = container_credentials();
  } else {
    return credentials_error(provider, "credential_source " + source.substr(0, 40) +
                                           " is not Environment, Ec2InstanceMetadata or EcsContainer");
  }
  if (!signer) {
    error e = std::move(signer).error();
    e.message = provider + ": " + e.message;
    return e;
  }
  assume_role_request q;
  q.role_arn = f.setting(profile, "role_arn");
  q.role_session_name = f.setting(profile, "role_session_name");
  q.external_id = f.setting(profile, "external_id");
  if (const std::string d = f.setting(profile, "duration_seconds"); !d.empty()) q.duration_seconds = std::atoi(d.c_str());
  auto region = sts_region(ctx, profile, provider);
  if (!region) return std::move(region).error();
  return sts_assume_role(*signer, q, *region, provider);
}

}  // namespace ddbx::detail
