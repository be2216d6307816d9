#pragma once
// The curl transport's helpers: settings resolved the way the AWS SDKs do (environment, shared
// config and credentials files) and checked, where its keys come from, the pool of easy handles,
// the request body's read callback and the answer's write callbacks. Included by the transport's
// definitions (curl_transport_impl.hpp), never by curl.hpp in separate compilation.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <curl/curl.h>

#include "ddbx/client/transport.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/transport/credentials/cache.hpp"
#include "ddbx/transport/credentials/chain.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/curl_options.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"

namespace ddbx {

namespace detail {

inline bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) != prefix[i]) return false;
  return true;
}

// Settings that would change where a request goes or what it says (CR/LF adds headers) are
// refused; the error names the setting, never its value.
inline error check_settings(const curl_options& o, bool region_pending = false) {
  const std::pair<std::string_view, const char*> settings[] = {
      {o.access_key_id, "access key id (AWS_ACCESS_KEY_ID, aws_access_key_id)"},
      {o.secret_access_key, "secret access key (AWS_SECRET_ACCESS_KEY, aws_secret_access_key)"},
      {o.session_token, "session token (AWS_SESSION_TOKEN, aws_session_token)"},
      {o.region, "region (AWS_REGION, AWS_DEFAULT_REGION, the profile's region)"},
      {o.profile, "profile (AWS_PROFILE)"},
      {o.endpoint, "endpoint (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL)"}};
  for (const auto& [value, name] : settings)
    if (has_control(value)) return make_error(errc::invalid_request, std::string("the ") + name + " has a control character");
  if (region_pending) return {};  // region and endpoint come on the first call, checked then
  if (!is_region_name(o.region))
    return make_error(errc::invalid_request, "the region (AWS_REGION, AWS_DEFAULT_REGION, the profile's region) is not "
                                             "a region name: letters, digits and '-', at most 63");
  if (!starts_with_nocase(o.endpoint, "https://") && !starts_with_nocase(o.endpoint, "http://"))
    return make_error(errc::invalid_request, "the endpoint (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL) is not an "
                                             "https:// or http:// URL");
  return {};
}

// The endpoint for an error text, without the user:password@ it may hold.
inline std::string endpoint_for_errors(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const std::size_t host = scheme + 3, end = std::min(url.find_first_of("/?#", host), url.size());
  const std::size_t at = url.substr(host, end - host).rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, host)) + std::string(url.substr(host + at + 1));
}

// Fills the profile, region and endpoint the options leave empty, the way the AWS SDKs look for
// them; credentials stay as given (the transport asks the chain for them on its first call). With
// `problem`, the first setting or file that must be refused is put there (errc::ok when there is none).
// With `region_pending`, a region no setting gives is left empty (and the endpoint, if it would be
// built from it) when IMDS may be asked for it, and *region_pending says so; else it is us-east-1.
inline curl_options resolve_settings(curl_options o, error* problem = nullptr, bool* region_pending = nullptr) {
  if (o.profile.empty()) o.profile = env("AWS_PROFILE");
  if (o.profile.empty()) o.profile = "default";
  if (o.region.empty()) o.region = env("AWS_REGION");
  if (o.region.empty()) o.region = env("AWS_DEFAULT_REGION");
  if (const std::string config = config_file_path(); o.region.empty() && !config.empty()) {
    result<std::string> text = read_aws_file(config, "the config file (AWS_CONFIG_FILE)");
    if (text) o.region = ini_get(config_sections(*text), config_section_name(o.profile), "region");
    else if (problem && problem->code == errc::ok) *problem = std::move(text).error();
  }
  const bool pending = o.region.empty() && region_pending && !imds_disabled();
  if (region_pending) *region_pending = pending;
  if (o.region.empty() && !pending) o.region = "us-east-1";
  if (o.endpoint.empty()) o.endpoint = env("AWS_ENDPOINT_URL_DYNAMODB");
  if (o.endpoint.empty()) o.endpoint = env("AWS_ENDPOINT_URL");
  if (o.endpoint.empty() && !pending) o.endpoint = "https://dynamodb." + o.region + ".amazonaws.com";
  if (problem && problem->code == errc::ok) *problem = check_settings(o, pending);
  return o;
}

// resolve_settings() plus static keys where the options have none: AWS_ACCESS_KEY_ID, … or the
// profile's keys in the shared credentials file. Kept for callers that read keys from the options;
// curl_transport itself uses the whole credential chain instead.
inline curl_options resolve(curl_options o, error* problem = nullptr) {
  if (o.access_key_id.empty()) {
    o.access_key_id = env("AWS_ACCESS_KEY_ID");
    o.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
    o.session_token = env("AWS_SESSION_TOKEN");
  }
  const std::string profile = !o.profile.empty() ? o.profile : !env("AWS_PROFILE").empty() ? env("AWS_PROFILE") : "default";
  if (const std::string creds = credentials_file_path(); o.access_key_id.empty() && !creds.empty()) {
    result<std::string> text = read_aws_file(creds, "the credentials file (AWS_SHARED_CREDENTIALS_FILE)");
    if (!text && problem && problem->code == errc::ok) *problem = text.error();
    const ini_sections file = parse_ini(text ? *text : std::string());
    o.access_key_id = ini_get(file, profile, "aws_access_key_id");
    o.secret_access_key = ini_get(file, profile, "aws_secret_access_key");
    o.session_token = ini_get(file, profile, "aws_session_token");
  }
  error settings;
  o = resolve_settings(std::move(o), &settings);
  if (problem && problem->code == errc::ok) *problem = std::move(settings);
  return o;
}

// Where the transport's keys come from: the user's provider, the static keys in the options, or
// the default chain behind a cache that refreshes them before they expire. `profile_named_in_code`:
// o.profile came from the caller, not from AWS_PROFILE (it then outranks the environment's keys).
inline credentials_provider transport_credentials(const curl_options& o, bool profile_named_in_code) {
  if (o.credentials) return o.credentials;
  if (!o.access_key_id.empty() || !o.secret_access_key.empty()) {
    return [c = aws_credentials{o.access_key_id, o.secret_access_key, o.session_token, std::nullopt}]() -> result<aws_credentials> {
      if (c.access_key_id.empty() || c.secret_access_key.empty())
        return make_error(errc::invalid_request, "no AWS credentials: curl_options has an access key id or a secret access key, "
                                                 "not both");
      return c;
    };
  }
  return cached_credentials(default_credentials_chain({.profile = o.profile,
                                                       .region = o.region,
                                                       .profile_named_in_code = profile_named_in_code,
                                                       .process = {.timeout = o.credential_process_timeout}}));
}

inline error transport_error(std::string message) {
  error e = make_error(errc::transport_failed, std::move(message));
  e.retryable = true;
  return e;
}

struct curl_handle_deleter {
  void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
using curl_handle = std::unique_ptr<CURL, curl_handle_deleter>;

// Idle easy handles, each keeping its own keep-alive connection. A call takes the handle returned
// last (its connection is the warmest), or makes a new one when none is idle: it never waits.
// Returned handles beyond `max_idle` are closed, so at most that many connections stay open idle.
class curl_handle_pool {
 public:
  explicit curl_handle_pool(std::size_t max_idle) : max_idle_(max_idle) {}
  curl_handle take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        curl_handle h = std::move(idle_.back());
        idle_.pop_back();
        return h;
      }
    }
    return curl_handle(curl_easy_init());
  }
  void give_back(curl_handle h) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(h));
  }  // a handle not kept closes after the lock is released

 private:
  std::mutex mutex_;
  std::vector<curl_handle> idle_;
  std::size_t max_idle_;
};

// The request body, handed to libcurl through a read callback that cannot rewind.
struct upload {
  const char* data;
  std::size_t left;
  static std::size_t read(char* buffer, std::size_t size, std::size_t n, void* self) {
    auto* u = static_cast<upload*>(self);
    const std::size_t k = std::min(size * n, u->left);
    if (k) std::memcpy(buffer, u->data, k);
    u->data += k;
    u->left -= k;
    return k;
  }
  static int seek(void*, curl_off_t, int) { return CURL_SEEKFUNC_CANTSEEK; }
};

// The libcurl in use (not the one compiled against) is that version or newer: 0x075700 is 7.87.0.
inline bool curl_at_least(unsigned version) {
  static const unsigned in_use = curl_version_info(CURLVERSION_NOW)->version_num;
  return in_use >= version;
}

// libcurl's write callbacks: the answer's body, and its headers (those of the last answer after a
// 100 Continue).
inline std::size_t curl_on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}
inline std::size_t curl_on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) headers->clear();  // a new answer (after 100 Continue)
  auto colon = line.find(':');
  if (colon != std::string_view::npos)
    headers->emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  return size * n;
}

}  // namespace detail

}  // namespace ddbx
