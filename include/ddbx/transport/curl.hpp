#pragma once
// ddbx::curl_transport — a transport for real DynamoDB (or any endpoint) over libcurl: SigV4
// signing by curl (CURLOPT_AWS_SIGV4), region and endpoint from the environment or the shared
// config file, credentials from the AWS credential chain (credentials/chain.hpp, found on the first
// call and refreshed before they expire) or the options, a pool of handles keeping their connections alive, timeouts, and the
// x-amz-crc32 of every answer checked with zlib. With detail/http_fetch.hpp (the credential
// providers' requests), the only ddbx headers that include curl; link libcurl, zlib, libcrypto and
// libexpat. One transport may serve any number of threads at once; libcurl never resends a
// request by itself (every attempt is the client's). Only http(s) endpoints, TLS always verified,
// redirects never followed; a setting with a control character, a region that is not a host label
// or an unreadable credentials file (FIFO, device, over 1 MB) fails every call, nothing sent.
// The constructor never touches the network; credentials are looked for on the first call, and
// so is the region, in EC2 instance metadata, when nothing else names one.
//
//   ddbx::client db{ddbx::curl_transport{}};          // AWS_REGION, AWS_ACCESS_KEY_ID, …
//   ddbx::client local{ddbx::curl_transport{{.endpoint = "http://127.0.0.1:8000"}}};
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ddbx/client/transport.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/transport/credentials/cache.hpp"
#include "ddbx/transport/credentials/chain.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"
#include "ddbx/transport/detail/sha256.hpp"

namespace ddbx {

// Every member has a default, so `{.endpoint = …}` is -Wmissing-field-initializers-clean.
struct curl_options {
  // empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then EC2 instance metadata (asked
  // on the first call, 1 s timeouts; not when AWS_EC2_METADATA_DISABLED=true), then us-east-1
  std::string region = {};
  // empty: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, https://dynamodb.<region>.amazonaws.com
  // (https:// or http:// only)
  std::string endpoint = {};
  // Static keys. `credentials`, when set, is used instead and these three are ignored. Neither set:
  // the default credential chain (credentials/chain.hpp), cached.
  std::string access_key_id = {};
  std::string secret_access_key = {};
  std::string session_token = {};
  std::string profile = {};  // empty: AWS_PROFILE, then "default"
  long connect_timeout_ms = 3000;
  long timeout_ms = 30000;
  bool verify_crc32 = true;
  // Handles (each with its connection) kept idle for reuse. A thread that finds none idle makes
  // one, so as many connections are open as threads are sending; beyond pool_size they close after use.
  std::size_t pool_size = 16;
  // The user's provider, asked before every request; it outranks access_key_id and the chain.
  // Wrap it in ddbx::cached_credentials to cache.
  credentials_provider credentials = {};
  // How long a profile's credential_process may run before it is killed.
  std::chrono::milliseconds credential_process_timeout{60000};
};

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

}  // namespace detail

class curl_transport {
 public:
  curl_transport() : curl_transport(curl_options{}) {}
  explicit curl_transport(curl_options o)
      : profile_named_in_code_(!o.profile.empty()),
        options_(detail::resolve_settings(std::move(o), &problem_, &region_pending_)),
        pool_(std::make_unique<detail::curl_handle_pool>(options_.pool_size)),
        first_call_(std::make_unique<std::once_flag>()) {
    // The chain calls STS in the client's region: with the region pending, it is made on the first call.
    if (!region_pending_) credentials_ = detail::transport_credentials(options_, profile_named_in_code_);
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)initialised;
  }

  // The settings in use. When no setting names a region and IMDS is enabled, region (and the
  // endpoint built from it) stay empty until the first call has asked IMDS for them: read them
  // after a call has returned, not while the first one runs.
  const curl_options& options() const noexcept { return options_; }

  // Safe to call from any number of threads at once: each call takes a handle from the pool.
  result<http_response> operator()(std::string_view operation, std::string_view body) {
    if (problem_.code != errc::ok) return problem_;
    if (region_pending_) std::call_once(*first_call_, [this] { settle_region(); });  // one thread asks; all wait
    if (detail::has_control(operation)) return make_error(errc::invalid_request, "the operation name has a control character");
    result<aws_credentials> keys = credentials_();
    if (keys) keys = detail::checked(std::move(*keys), "credentials");  // a user's provider's too
    if (!keys) {
      // Nothing was sent to DynamoDB, and asking again at once would fail the same way (a source
      // that was down has had its own timeouts): the client neither retries nor suspects an
      // earlier attempt was applied.
      error e = std::move(keys).error();
      e.retryable = false;
      return e;
    }
    detail::curl_handle h = pool_->take();
    if (!h) return detail::transport_error("curl_easy_init failed");
    result<http_response> r = perform(h.get(), operation, body, *keys);
    pool_->give_back(std::move(h));
    return r;
  }

 private:
  result<http_response> perform(CURL* h, std::string_view operation, std::string_view body, const aws_credentials& keys) const {
    curl_easy_reset(h);  // keeps the handle's connection, so it is reused
    http_response out;
    char errbuf[CURL_ERROR_SIZE] = {};
    const std::string target = "X-Amz-Target: " + target_header(operation);
    const std::string sigv4 = "aws:amz:" + options_.region + ":dynamodb";
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.0");
    headers = curl_slist_append(headers, target.c_str());
    // libcurl before 8.3 signs a removed header ("Expect:") that it does not send, which AWS may
    // refuse (curl issue 11664); there Expect: 100-continue (bodies over 1 MB) stays, not waited for.
    const bool removal_signed = !detail::curl_at_least(0x080300);
    if (!removal_signed) headers = curl_slist_append(headers, "Expect:");
    std::string token_header;
    if (!keys.session_token.empty()) {
      token_header = "X-Amz-Security-Token: " + keys.session_token;
      headers = curl_slist_append(headers, token_header.c_str());
    }
    // libcurl resends a body it can rewind when a reused connection closes without an answer,
    // uncounted. A body read through a callback that cannot seek turns that into an error, so every
    // resend is an attempt of the client's retry policy. SigV4 then takes the payload hash from
    // X-Amz-Content-Sha256, which libcurl reads since 7.87; older ones keep POSTFIELDS.
    const bool streamed = detail::curl_at_least(0x075700);
    const std::string digest = streamed ? detail::sha256_hex(body) : std::string();
    if (streamed && digest.empty()) {
      curl_slist_free_all(headers);
      return detail::transport_error("libcrypto could not hash the request body");
    }
    const std::string payload_hash = "X-Amz-Content-Sha256: " + digest;
    if (streamed) headers = curl_slist_append(headers, payload_hash.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers, &curl_slist_free_all);
    curl_easy_setopt(h, CURLOPT_URL, options_.endpoint.c_str());
    detail::allow_only_http(h);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is the answer, never followed
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);  // libcurl's defaults, stated so they stay on
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    detail::upload source{body.data(), body.size()};
    if (streamed) {
      curl_easy_setopt(h, CURLOPT_READFUNCTION, &detail::upload::read);
      curl_easy_setopt(h, CURLOPT_READDATA, &source);
      curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, &detail::upload::seek);
    } else {
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_AWS_SIGV4, sigv4.c_str());
    // Two options, not CURLOPT_USERPWD "key:secret": no value is parsed for a separator.
    curl_easy_setopt(h, CURLOPT_USERNAME, keys.access_key_id.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, keys.secret_access_key.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    if (removal_signed) curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, 0L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &curl_transport::on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &curl_transport::on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &out.headers);
    const CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_SEND_FAIL_REWIND)
      return detail::transport_error("curl: the connection closed after the request was sent, before an answer (" +
                                     detail::endpoint_for_errors(options_.endpoint) + ")");
    if (rc != CURLE_OK)
      return detail::transport_error(std::string("curl: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc)) + " (" +
                                     detail::endpoint_for_errors(options_.endpoint) + ")");
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    out.status = static_cast<int>(code);
    if (options_.verify_crc32) {
      const std::string_view expected = out.header("x-amz-crc32");
      if (!expected.empty()) {
        const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.body.data()),
                                static_cast<uInt>(out.body.size()));
        if (std::to_string(crc) != expected) {
          error e = make_error(errc::crc32_mismatch, "x-amz-crc32 is " + std::string(expected) + ", the body's is " +
                                                         std::to_string(crc));
          e.http_status = out.status;
          e.request_id = std::string(out.header("x-amzn-RequestId"));
          e.retryable = true;
          return e;
        }
      }
    }
    return out;
  }

  // The region from IMDS (us-east-1 when it cannot say), the endpoint built from it, and the
  // credential chain that calls STS there. Runs once, under call_once, before any request.
  void settle_region() {
    auto region = imds_region();
    options_.region = region ? *region : "us-east-1";
    if (options_.endpoint.empty()) options_.endpoint = "https://dynamodb." + options_.region + ".amazonaws.com";
    credentials_ = detail::transport_credentials(options_, profile_named_in_code_);
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
  }
  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
    std::string_view line(data, size * n);
    if (line.starts_with("HTTP/")) headers->clear();  // a new answer (after 100 Continue)
    auto colon = line.find(':');
    if (colon != std::string_view::npos)
      headers->emplace_back(detail::trim(line.substr(0, colon)), detail::trim(line.substr(colon + 1)));
    return size * n;
  }

  bool profile_named_in_code_;  // botocore: a profile named in code outranks the environment's keys
  error problem_;  // before options_: resolve_settings() fills it; errc::ok when every call may be sent
  bool region_pending_ = false;  // before options_ too: IMDS is asked for the region on the first call
  curl_options options_;
  credentials_provider credentials_;
  std::unique_ptr<detail::curl_handle_pool> pool_;
  std::unique_ptr<std::once_flag> first_call_;  // a pointer: the transport stays movable
};

}  // namespace ddbx
