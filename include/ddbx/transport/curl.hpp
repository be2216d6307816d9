#pragma once
// ddbx::curl_transport — a transport for real DynamoDB (or any endpoint) over libcurl: SigV4
// signing by curl (CURLOPT_AWS_SIGV4), credentials, region and endpoint from the environment or
// the shared credentials file, a pool of handles keeping their connections alive, timeouts, and the
// x-amz-crc32 of every answer checked with zlib. The only ddbx header that includes curl; link
// libcurl and zlib. One transport may serve any number of threads at once; libcurl never resends a
// request by itself (every attempt is the client's). Only http(s) endpoints, TLS always verified,
// redirects never followed; a setting with a control character, a region that is not a host label
// or an unreadable credentials file (FIFO, device, over 1 MB) fails every call, nothing sent.
//
//   ddbx::client db{ddbx::curl_transport{}};          // AWS_REGION, AWS_ACCESS_KEY_ID, …
//   ddbx::client local{ddbx::curl_transport{{.endpoint = "http://127.0.0.1:8000"}}};
#include <algorithm>
#include <cerrno>
#include <cstdlib>
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
#include "ddbx/transport/detail/sha256.hpp"

namespace ddbx {

struct curl_options {
  std::string region;            // empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1
  std::string endpoint;          // empty: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, https://dynamodb.<region>.amazonaws.com
                                 // (https:// or http:// only)
  std::string access_key_id;     // empty: AWS_ACCESS_KEY_ID, then the shared credentials file
  std::string secret_access_key;
  std::string session_token;
  std::string profile;           // empty: AWS_PROFILE, then "default"
  long connect_timeout_ms = 3000;
  long timeout_ms = 30000;
  bool verify_crc32 = true;
  // Handles (each with its connection) kept idle for reuse. A thread that finds none idle makes
  // one, so as many connections are open as threads are sending; beyond pool_size they close after use.
  std::size_t pool_size = 16;
};

namespace detail {

inline std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

inline std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return std::string(s);
}

// The text of ~/.aws/credentials or ~/.aws/config; a missing file reads as empty. Only a regular
// file of at most 1 MB is read: a FIFO or a device could block the constructor or never end
// (/dev/null, often used to turn a file off, reads as empty).
inline result<std::string> read_aws_file(const std::string& path, const char* setting) {
  constexpr std::size_t max_size = std::size_t{1} << 20;
  struct stat st {}, null {};
  if (::stat(path.c_str(), &st) != 0) return std::string();
  if (::stat("/dev/null", &null) == 0 && st.st_dev == null.st_dev && st.st_ino == null.st_ino) return std::string();
  const auto refused = [&](const char* why) {
    return make_error(errc::invalid_request, std::string(setting) + " " + path + why);
  };
  if (!S_ISREG(st.st_mode)) return refused(" is not a regular file");
  // O_NONBLOCK: a FIFO put there since stat() opens at once, and fstat() refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return std::string();
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  std::string text;
  char chunk[4096];
  while (regular && text.size() <= max_size) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n > 0) text.append(chunk, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  ::close(fd);
  if (!regular) return refused(" is not a regular file");
  if (text.size() > max_size) return refused(" is over 1 MB");
  return text;
}

// `key` of `[section]` in the text of an INI file (~/.aws/credentials, ~/.aws/config), or empty.
inline std::string ini_value(std::string_view text, std::string_view section, std::string_view key) {
  std::string current;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string t = trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      current = trim(std::string_view(t).substr(1, t.size() - 2));
      continue;
    }
    if (current != section) continue;
    auto eq = t.find('=');
    if (eq != std::string::npos && trim(std::string_view(t).substr(0, eq)) == key) return trim(std::string_view(t).substr(eq + 1));
  }
  return {};
}

// botocore's validate_region_name: a DNS label (letters, digits, '-', at most 63), not all digits.
// Anything else could move the default endpoint's host ("x@127.0.0.1:1/#") or the SigV4 scope.
inline bool is_region_name(std::string_view r) {
  if (r.empty() || r.size() > 63 || r.front() == '-' || r.back() == '-') return false;
  bool digits_only = true;
  for (char c : r) {
    const bool digit = c >= '0' && c <= '9';
    if (!digit && c != '-' && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) return false;
    digits_only = digits_only && digit;
  }
  return !digits_only;
}

inline bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

inline bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) != prefix[i]) return false;
  return true;
}

// Settings that would change where a request goes or what it says (CR/LF adds headers) are
// refused; the error names the setting, never its value.
inline error check_settings(const curl_options& o) {
  const std::pair<std::string_view, const char*> settings[] = {
      {o.access_key_id, "access key id (AWS_ACCESS_KEY_ID, aws_access_key_id)"},
      {o.secret_access_key, "secret access key (AWS_SECRET_ACCESS_KEY, aws_secret_access_key)"},
      {o.session_token, "session token (AWS_SESSION_TOKEN, aws_session_token)"},
      {o.region, "region (AWS_REGION, AWS_DEFAULT_REGION, the profile's region)"},
      {o.profile, "profile (AWS_PROFILE)"},
      {o.endpoint, "endpoint (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL)"}};
  for (const auto& [value, name] : settings)
    if (has_control(value)) return make_error(errc::invalid_request, std::string("the ") + name + " has a control character");
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

// Fills what the options leave empty, the way the AWS SDKs look for it. With `problem`, the first
// setting or credentials file that must be refused is put there (errc::ok when there is none).
inline curl_options resolve(curl_options o, error* problem = nullptr) {
  const std::string home = env("HOME");
  if (o.profile.empty()) o.profile = env("AWS_PROFILE");
  if (o.profile.empty()) o.profile = "default";
  std::string creds = env("AWS_SHARED_CREDENTIALS_FILE");
  if (creds.empty() && !home.empty()) creds = home + "/.aws/credentials";
  std::string config = env("AWS_CONFIG_FILE");
  if (config.empty() && !home.empty()) config = home + "/.aws/config";
  const std::string config_section = o.profile == "default" ? "default" : "profile " + o.profile;
  if (o.access_key_id.empty()) {
    o.access_key_id = env("AWS_ACCESS_KEY_ID");
    o.secret_access_key = env("AWS_SECRET_ACCESS_KEY");
    o.session_token = env("AWS_SESSION_TOKEN");
  }
  const auto read = [&](const std::string& path, const char* setting) {
    result<std::string> text = read_aws_file(path, setting);
    if (text) return std::move(*text);
    if (problem && problem->code == errc::ok) *problem = std::move(text).error();
    return std::string();
  };
  if (o.access_key_id.empty() && !creds.empty()) {
    const std::string text = read(creds, "the credentials file (AWS_SHARED_CREDENTIALS_FILE)");
    o.access_key_id = ini_value(text, o.profile, "aws_access_key_id");
    o.secret_access_key = ini_value(text, o.profile, "aws_secret_access_key");
    o.session_token = ini_value(text, o.profile, "aws_session_token");
  }
  if (o.region.empty()) o.region = env("AWS_REGION");
  if (o.region.empty()) o.region = env("AWS_DEFAULT_REGION");
  if (o.region.empty() && !config.empty())
    o.region = ini_value(read(config, "the config file (AWS_CONFIG_FILE)"), config_section, "region");
  if (o.region.empty()) o.region = "us-east-1";
  if (o.endpoint.empty()) o.endpoint = env("AWS_ENDPOINT_URL_DYNAMODB");
  if (o.endpoint.empty()) o.endpoint = env("AWS_ENDPOINT_URL");
  if (o.endpoint.empty()) o.endpoint = "https://dynamodb." + o.region + ".amazonaws.com";
  if (problem && problem->code == errc::ok) *problem = check_settings(o);
  return o;
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

}  // namespace detail

class curl_transport {
 public:
  curl_transport() : curl_transport(curl_options{}) {}
  explicit curl_transport(curl_options o)
      : options_(detail::resolve(std::move(o), &problem_)), pool_(std::make_unique<detail::curl_handle_pool>(options_.pool_size)) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)initialised;
  }

  const curl_options& options() const noexcept { return options_; }

  // Safe to call from any number of threads at once: each call takes a handle from the pool.
  result<http_response> operator()(std::string_view operation, std::string_view body) {
    if (problem_.code != errc::ok) return problem_;
    if (detail::has_control(operation)) return make_error(errc::invalid_request, "the operation name has a control character");
    if (options_.access_key_id.empty() || options_.secret_access_key.empty())
      return make_error(errc::invalid_request,
                        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or a profile in ~/.aws/credentials");
    detail::curl_handle h = pool_->take();
    if (!h) return detail::transport_error("curl_easy_init failed");
    result<http_response> r = perform(h.get(), operation, body);
    pool_->give_back(std::move(h));
    return r;
  }

 private:
  result<http_response> perform(CURL* h, std::string_view operation, std::string_view body) const {
    curl_easy_reset(h);  // keeps the handle's connection, so it is reused
    http_response out;
    char errbuf[CURL_ERROR_SIZE] = {};
    const std::string target = "X-Amz-Target: " + target_header(operation);
    const std::string sigv4 = "aws:amz:" + options_.region + ":dynamodb";
    const std::string userpwd = options_.access_key_id + ":" + options_.secret_access_key;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.0");
    headers = curl_slist_append(headers, target.c_str());
    // libcurl before 8.3 signs a removed header ("Expect:") that it does not send, which AWS may
    // refuse (curl issue 11664); there Expect: 100-continue (bodies over 1 MB) stays, not waited for.
    const bool removal_signed = !detail::curl_at_least(0x080300);
    if (!removal_signed) headers = curl_slist_append(headers, "Expect:");
    std::string token_header;
    if (!options_.session_token.empty()) {
      token_header = "X-Amz-Security-Token: " + options_.session_token;
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
    curl_easy_setopt(h, CURLOPT_USERPWD, userpwd.c_str());
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

  error problem_;  // before options_: resolve() fills it; errc::ok when every call may be sent
  curl_options options_;
  std::unique_ptr<detail::curl_handle_pool> pool_;
};

}  // namespace ddbx
