#pragma once
// The shared AWS files — ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE) and ~/.aws/config
// (AWS_CONFIG_FILE) — read, parsed as INI, and the static keys a profile holds in either.
// Sections are `[name]` in the credentials file and `[default]`, `[profile name]`,
// `[sso-session name]` in the config file; a profile's settings are the config file's, overridden
// by the credentials file's (as botocore merges them).
//
//   auto files = ddbx::detail::load_profile_files();
//   files->setting("dev", "role_arn")  // "arn:aws:iam::123456789012:role/dev" or ""
#include <cerrno>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddbx/transport/credentials/credentials.hpp"

namespace ddbx::detail {

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
// file of at most 1 MB is read: a FIFO or a device could block or never end (/dev/null, often
// used to turn a file off, reads as empty).
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

// botocore's validate_region_name: a DNS label (letters, digits, '-', at most 63), not all digits.
// Anything else could move a default endpoint's host ("x@127.0.0.1:1/#") or the SigV4 scope.
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

using ini_section = std::map<std::string, std::string, std::less<>>;
using ini_sections = std::map<std::string, ini_section, std::less<>>;

// Sections of an INI text; keys lower-cased, as Python's configparser does (section names are
// not). Comments start with '#' or ';'; indented lines after `key =` are
// nested settings (`s3 =\n  max_concurrent_requests = 10`), which no credential setting uses: skipped.
inline ini_sections parse_ini(std::string_view text) {
  ini_sections out;
  ini_section* current = nullptr;
  bool nested = false;  // inside the indented block of a `key =` with no value
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view raw = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::string t = trim(raw);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      current = &out[trim(std::string_view(t).substr(1, t.size() - 2))];
      nested = false;
      continue;
    }
    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (!current || (nested && indented)) continue;
    const std::size_t eq = t.find('=');
    if (eq == std::string::npos) continue;
    std::string value = trim(std::string_view(t).substr(eq + 1));
    nested = value.empty();
    std::string key = trim(std::string_view(t).substr(0, eq));
    for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);  // configparser lower-cases keys
    (*current)[std::move(key)] = std::move(value);
  }
  return out;
}

inline std::string ini_get(const ini_sections& s, std::string_view section, std::string_view key) {
  const auto sec = s.find(section);
  if (sec == s.end()) return {};
  const auto it = sec->second.find(key);
  return it == sec->second.end() ? std::string() : it->second;
}

// `key` of `[section]` in the text of an INI file, or empty.
inline std::string ini_value(std::string_view text, std::string_view section, std::string_view key) {
  return ini_get(parse_ini(text), section, key);
}

inline std::string config_section_name(std::string_view profile) {
  return profile == "default" ? std::string("default") : "profile " + std::string(profile);
}

// The config file's sections as botocore names profiles: `[profile  x]` (any spaces) is
// "profile x", `[profile default]` is "default" (its settings over `[default]`'s), and
// `[sso-session  y]` is "sso-session y".
inline ini_sections config_sections(std::string_view text) {
  ini_sections out;
  for (auto& [name, settings] : parse_ini(text)) {
    std::string key = name;
    for (std::string_view kind : {"profile", "sso-session"}) {
      if (name.size() > kind.size() && name.compare(0, kind.size(), kind) == 0 &&
          (name[kind.size()] == ' ' || name[kind.size()] == '\t')) {
        const std::string rest = trim(std::string_view(name).substr(kind.size()));
        key = kind == "profile" && rest == "default" ? std::string("default") : std::string(kind) + " " + rest;
      }
    }
    ini_section& into = out[key];
    for (auto& [k, v] : settings)
      if (key != name || !into.count(k)) into[k] = v;  // the `[profile x]` spelling wins over `[default]`
  }
  return out;
}

struct profile_files {
  ini_sections credentials;  // [name]
  ini_sections config;       // [default], [profile name], [sso-session name]

  bool has_profile(std::string_view profile) const {
    return credentials.count(profile) || config.count(config_section_name(profile));
  }
  // The credentials file's value, else the config file's.
  std::string setting(std::string_view profile, std::string_view key) const {
    std::string v = ini_get(credentials, profile, key);
    return v.empty() ? ini_get(config, config_section_name(profile), key) : v;
  }
  std::string sso_session_setting(std::string_view session, std::string_view key) const {
    return ini_get(config, "sso-session " + std::string(session), key);
  }
};

inline std::string credentials_file_path() {
  std::string path = env("AWS_SHARED_CREDENTIALS_FILE");
  if (path.empty() && !env("HOME").empty()) path = env("HOME") + "/.aws/credentials";
  return path;
}
inline std::string config_file_path() {
  std::string path = env("AWS_CONFIG_FILE");
  if (path.empty() && !env("HOME").empty()) path = env("HOME") + "/.aws/config";
  return path;
}

// Both files, read now. A file that must be refused (FIFO, device, over 1 MB) is an error naming it.
inline result<profile_files> load_profile_files() {
  profile_files files;
  const std::string creds = credentials_file_path(), config = config_file_path();
  if (!creds.empty()) {
    result<std::string> text = read_aws_file(creds, "the credentials file (AWS_SHARED_CREDENTIALS_FILE)");
    if (!text) return std::move(text).error();
    files.credentials = parse_ini(*text);
  }
  if (!config.empty()) {
    result<std::string> text = read_aws_file(config, "the config file (AWS_CONFIG_FILE)");
    if (!text) return std::move(text).error();
    files.config = config_sections(*text);
  }
  return files;
}

// Static keys of `profile` in one file's sections (aws_access_key_id, aws_secret_access_key,
// aws_session_token), or none when that file gives the profile no access key id.
inline std::optional<result<aws_credentials>> static_profile_keys(const ini_sections& file, std::string_view section,
                                                                   std::string_view provider) {
  aws_credentials c{ini_get(file, section, "aws_access_key_id"), ini_get(file, section, "aws_secret_access_key"),
                    ini_get(file, section, "aws_session_token"), std::nullopt};
  if (c.access_key_id.empty()) return std::nullopt;
  if (c.secret_access_key.empty())
    return result<aws_credentials>(credentials_error(provider, "aws_access_key_id without aws_secret_access_key"));
  return checked(std::move(c), provider);
}

}  // namespace ddbx::detail
