#pragma once
// ddbx::default_credentials_chain — where the AWS SDKs look for credentials, in botocore's order:
// environment → role from the profile (role_arn) → web identity → SSO → the shared credentials
// file → credential_process → static keys in the config file → container (ECS/EKS) → EC2 instance
// metadata. The first source that is configured answers; if it fails, its error is the answer
// (a broken configuration is not skipped), except that a container endpoint or IMDS that cannot be
// reached has no credentials: "no AWS credentials: …", not retryable. A profile named (in code or
// by AWS_PROFILE) must exist. Found once, that source alone is asked again on refresh.
// The shared files are read on the first call, never before.
//
//   ddbx::credentials_provider p = ddbx::cached_credentials(ddbx::default_credentials_chain({.region = "eu-west-1"}));
//   auto c = p();   // "no AWS credentials: …" when no source is configured
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "ddbx/transport/credentials/assume_role.hpp"
#include "ddbx/transport/credentials/cache.hpp"

namespace ddbx {

struct credentials_chain_options {
  std::string profile = {};  // empty: AWS_PROFILE, then "default"
  std::string region = {};   // where STS is called unless the profile names a region
  // A profile named in code turns off the environment's keys and web identity variables (botocore).
  bool profile_named_in_code = false;
  credential_process_options process{};  // credential_process's timeout
};

namespace detail {

// One source of the chain: `configured` says cheaply whether to ask it; `fetch` asks.
struct chain_link {
  const char* name;
  std::function<bool()> configured;
  credentials_provider fetch;
};

// A metadata service that cannot be reached (refused, no answer in time) has no credentials for
// us: the chain ends with "no AWS credentials", not with a retryable transport error.
inline error metadata_unreachable(const error& e, const std::string& profile, std::string_view which) {
  error out = make_error(errc::invalid_request, "no AWS credentials: none in the environment or profile " + profile + ", and " +
                                                    std::string(which) + " was tried and was not reachable (" + e.message + ")");
  out.retryable = false;
  return out;
}

inline result<aws_credentials> resolve_chain(const credentials_chain_options& o, credentials_provider* winner) {
  const bool named = !o.profile.empty() || !env("AWS_PROFILE").empty();
  std::string profile = o.profile.empty() ? env("AWS_PROFILE") : o.profile;
  if (profile.empty()) profile = "default";
  if (has_control(profile)) return credentials_error("credentials chain", "the profile (AWS_PROFILE) has a control character");
  const bool env_vars = !o.profile_named_in_code;
  // A profile someone named must exist (botocore's ProfileNotFound), so a misspelt one is not
  // silently replaced by the instance's role; only the implicit "default" may be missing.
  const bool must_exist = named && profile != "default";
  if (env_vars && !must_exist && environment_has_credentials()) {
    if (winner) *winner = [] { return environment_credentials(); };
    return environment_credentials();
  }
  auto loaded = load_profile_files();  // only now: keys in the environment need no file
  if (!loaded) return std::move(loaded).error();
  const auto files = std::make_shared<const profile_files>(std::move(*loaded));
  if (must_exist && !files->has_profile(profile))
    return credentials_error("credentials chain", "the profile " + profile + " is in neither the credentials nor the config file (" +
                                                      (o.profile.empty() ? "AWS_PROFILE" : "named in code") + ")");
  if (env_vars && environment_has_credentials()) {
    if (winner) *winner = [] { return environment_credentials(); };
    return environment_credentials();
  }
  const profile_context ctx{*files, o.region, env_vars, o.process};
  // Each fetch holds `files`, so the source found can be asked again after this returns.
  const std::string region = o.region;
  const credential_process_options process = o.process;
  const std::vector<chain_link> links{
      {"assume role", [&] { return profile_assumes_role(*files, profile); },
       [files, profile, region, env_vars, process] {
         std::set<std::string> seen;
         return assumed_role_credentials(profile_context{*files, region, env_vars, process}, profile, seen);
       }},
      {"web identity", [&] { return web_identity_configured(ctx, profile); },
       [files, profile, region, env_vars, process] {
         return web_identity_credentials(profile_context{*files, region, env_vars, process}, profile);
       }},
      {"SSO", [&] { return profile_uses_sso(*files, profile); }, [files, profile] { return sso_credentials(*files, profile); }},
      {"shared credentials file", [&] { return !ini_get(files->credentials, profile, "aws_access_key_id").empty(); },
       [files, profile] { return *static_profile_keys(files->credentials, profile, "the credentials file, profile " + profile); }},
      {"credential_process", [&] { return !files->setting(profile, "credential_process").empty(); },
       [files, profile, process] { return process_credentials(files->setting(profile, "credential_process"), profile, process); }},
      {"config file", [&] { return !ini_get(files->config, config_section_name(profile), "aws_access_key_id").empty(); },
       [files, profile] {
         return *static_profile_keys(files->config, config_section_name(profile), "the config file, profile " + profile);
       }},
      {"container", [] { return container_credentials_configured(); },
       [profile] {
         auto r = container_credentials();
         if (!r && r.error().code == errc::transport_failed)
           return result<aws_credentials>(metadata_unreachable(r.error(), profile, "the container credentials endpoint"));
         return r;
       }},
      {"IMDS", [] { return !imds_disabled(); },
       [profile] {
         auto r = imds_credentials();
         if (!r && r.error().code == errc::transport_failed)
           return result<aws_credentials>(metadata_unreachable(r.error(), profile, "EC2 instance metadata (IMDS)"));
         return r;
       }},
  };
  for (const chain_link& link : links) {
    if (!link.configured()) continue;
    result<aws_credentials> r = link.fetch();
    if (r && winner) *winner = link.fetch;  // later refreshes ask the same source
    return r;
  }
  return make_error(errc::invalid_request,
                    "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure the profile " + profile +
                        " in ~/.aws/credentials or ~/.aws/config (keys, role_arn, sso_session, credential_process), or run "
                        "where a container or instance role is available" +
                        (imds_disabled() ? std::string(" (EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED)") : std::string()));
}

}  // namespace detail

// The chain as a provider: the first call finds the source, later calls ask only it. Not cached:
// wrap it in cached_credentials() (curl_transport does).
inline credentials_provider default_credentials_chain(credentials_chain_options o = {}) {
  struct state {
    std::mutex mutex;
    credentials_provider winner;
  };
  auto s = std::make_shared<state>();
  return [s, o] {
    credentials_provider winner;
    {
      std::lock_guard lock(s->mutex);
      winner = s->winner;
    }
    if (winner) return winner();
    credentials_provider found;
    result<aws_credentials> r = detail::resolve_chain(o, &found);
    if (r && found) {
      std::lock_guard lock(s->mutex);
      if (!s->winner) s->winner = std::move(found);
    }
    return r;
  };
}

}  // namespace ddbx
