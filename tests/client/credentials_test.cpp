// The credential chain (ddbx/transport/credentials/): INI files and profiles, botocore's order,
// credential_process, the refreshing cache (an injected clock, 8 threads), control characters and
// errors that never show a secret. HTTP sources (container, IMDS) answer from a canned loopback
// server here; tests/integration/credentials_server.py and imds_mock.py check the protocols.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <csignal>
#include <fcntl.h>

#include "ddbx/client/client.hpp"
#include "ddbx/transport/credentials/chain.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;
using namespace std::chrono_literals;

namespace {

const bool no_proxies = [] {
  for (const char* v : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) ::unsetenv(v);
  return true;
}();

const char* const aws_vars[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
                                "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL",
                                "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
                                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                                "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO"};

// Every AWS_ variable starts unset, IMDS off, the shared files in an empty directory; all restored.
struct scoped_env {
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  std::string dir;
  scoped_env() {
    char tmpl[] = "/tmp/ddbx-cred-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    for (const char* v : aws_vars) set(v, nullptr);
    set("AWS_EC2_METADATA_DISABLED", "true");
    set("AWS_SHARED_CREDENTIALS_FILE", (dir + "/credentials").c_str());
    set("AWS_CONFIG_FILE", (dir + "/config").c_str());
    set("HOME", dir.c_str());
  }
  void set(const char* name, const char* v) {
    const char* old = std::getenv(name);
    saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (v) ::setenv(name, v, 1);
    else ::unsetenv(name);
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir + "/" + name) << text; }
  ~scoped_env() {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->second) ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else ::unsetenv(it->first.c_str());
    }
    std::filesystem::remove_all(dir);
  }
};

// A loopback HTTP/1.0-style server: each request gets the answer registered for "METHOD /path"
// (404 otherwise) and is recorded with its headers.
class canned_server {
 public:
  canned_server() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~canned_server() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  void answer(const std::string& request_line, int status, const std::string& body) {
    std::lock_guard lock(mutex_);
    answers_[request_line] = {status, body};
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void run() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) break;
      std::string in;
      char buf[4096];
      while (in.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        in.append(buf, static_cast<std::size_t>(n));
      }
      const std::string line = in.substr(0, in.find(" HTTP/"));
      std::pair<int, std::string> a{404, "not found"};
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(in.substr(0, in.find("\r\n\r\n")));
        if (auto it = answers_.find(line); it != answers_.end()) a = it->second;
      }
      const std::string out = "HTTP/1.1 " + std::to_string(a.first) + " X\r\nContent-Length: " + std::to_string(a.second.size()) +
                              "\r\nConnection: close\r\n\r\n" + a.second;
      (void)!::write(c, out.data(), out.size());
      ::close(c);
    }
  }
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::map<std::string, std::pair<int, std::string>> answers_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

std::string iso(std::chrono::system_clock::time_point t) {
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&s));
  return out;
}

result<aws_credentials> chain(credentials_chain_options o = {}) { return default_credentials_chain(std::move(o))(); }

std::string key_of(const result<aws_credentials>& r) {
  if (!r) return "error: " + r.error().what_text();
  return r->access_key_id;
}

}  // namespace

TEST_CASE("INI: sections, comments, spaces, nested settings; profiles merge the credentials file over the config file") {
  const auto s = detail::parse_ini("# c\n[default]\n  region = eu-west-1 \r\n; c\n[profile dev]\nrole_arn=arn:x\n"
                                   "s3 =\n  max_concurrent_requests = 10\nsource_profile = base\n[sso-session corp]\nsso_region=us-east-2\n");
  CHECK(detail::ini_get(s, "default", "region") == "eu-west-1");
  CHECK(detail::ini_get(s, "profile dev", "role_arn") == "arn:x");
  CHECK(detail::ini_get(s, "profile dev", "max_concurrent_requests").empty());
  CHECK(detail::ini_get(s, "profile dev", "source_profile") == "base");
  detail::profile_files f{detail::parse_ini("[dev]\nregion = from-credentials\n"), s};
  CHECK(f.setting("dev", "region") == "from-credentials");
  CHECK(f.setting("dev", "role_arn") == "arn:x");
  CHECK(f.setting("default", "region") == "eu-west-1");
  CHECK(f.sso_session_setting("corp", "sso_region") == "us-east-2");
  CHECK(f.has_profile("dev"));
  CHECK_FALSE(f.has_profile("nope"));
}

TEST_CASE("ISO-8601 expirations as AWS writes them") {
  const auto t = detail::parse_iso8601("2026-12-01T13:48:25Z");
  REQUIRE(t);
  CHECK(std::chrono::system_clock::to_time_t(*t) == 1796132905);
  CHECK(detail::parse_iso8601("2026-12-01T13:48:25.123Z") == t);
  CHECK(detail::parse_iso8601("2026-12-01T14:48:25+01:00") == t);
  for (const char* bad : {"", "2026-12-01", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01T13:48:25", "x",
                          "2026-12-01T13:48:25+ab:cd", "2026-12-01T13:48:25+0a:00", "2026-12-01T13:48:25-01:0 "})
    CHECK_FALSE(detail::parse_iso8601(bad));
}

TEST_CASE("precedence: environment, then the profile's role, …, shared credentials file, credential_process, config file") {
  scoped_env env;
  env.write("credentials", "[default]\naws_access_key_id = FROMCREDS\naws_secret_access_key = s1\n");
  env.write("config", "[default]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = s2\n"
                      "credential_process = /bin/false\n");
  env.set("AWS_ACCESS_KEY_ID", "FROMENV");
  env.set("AWS_SECRET_ACCESS_KEY", "s0");
  CHECK(key_of(chain()) == "FROMENV");
  // a profile named in code outranks the environment's keys (botocore)
  CHECK(key_of(chain({.profile = "default", .profile_named_in_code = true})) == "FROMCREDS");
  env.set("AWS_ACCESS_KEY_ID", nullptr);
  CHECK(key_of(chain()) == "FROMCREDS");
  env.write("credentials", "");
  // credential_process comes before the config file's keys: /bin/false fails, and that is the answer
  auto r = chain();
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "credential_process for profile default: /bin/false exited with status 1");
  env.write("config", "[default]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = s2\n");
  CHECK(key_of(chain()) == "FROMCONFIG");
  // AWS_PROFILE picks the section: [profile dev] in config, [dev] in credentials
  env.write("credentials", "[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = s3\naws_session_token = t3\n");
  env.set("AWS_PROFILE", "dev");
  auto dev = chain();
  REQUIRE(dev);
  CHECK(dev->access_key_id == "DEVKEY");
  CHECK(dev->session_token == "t3");
  CHECK_FALSE(dev->expiration);
  env.set("AWS_PROFILE", "missing");
  CHECK(chain().error().message.find("the profile missing is in neither") != std::string::npos);
}

namespace {

// A loopback port nobody listens on (connections are refused).
int closed_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), len) == 0);
  REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  ::close(s);
  return ntohs(a.sin_port);
}

// A loopback port that accepts connections (the kernel's backlog) and never answers.
struct silent_listener {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0), port = 0;
  silent_listener() {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), len) == 0);
    REQUIRE(::listen(fd, 16) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
  }
  ~silent_listener() { ::close(fd); }
};

}  // namespace

TEST_CASE("a misspelt named profile is an error, never replaced by the container or the instance role") {
  scoped_env env;
  canned_server imds;
  const std::string expiry = iso(std::chrono::system_clock::now() + 6h);
  imds.answer("PUT /latest/api/token", 200, "imds-token");
  imds.answer("GET /latest/meta-data/iam/security-credentials/", 200, "role-a\n");
  imds.answer("GET /latest/meta-data/iam/security-credentials/role-a", 200,
              R"({"Code":"Success","AccessKeyId":"IMDSKEY","SecretAccessKey":"s","Token":"t","Expiration":")" + expiry + "\"}");
  env.set("AWS_EC2_METADATA_DISABLED", nullptr);
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url().c_str());
  env.write("config", "[profile prod-readonly]\nregion = eu-west-1\n");
  env.set("AWS_PROFILE", "prod-readnly");
  auto r = chain();
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("the profile prod-readnly is in neither the credentials nor the config file (AWS_PROFILE)") !=
        std::string::npos);
  env.set("AWS_ACCESS_KEY_ID", "ENVKEY");  // botocore: ProfileNotFound even with keys in the environment
  env.set("AWS_SECRET_ACCESS_KEY", "s");
  CHECK_FALSE(chain());
  env.set("AWS_ACCESS_KEY_ID", nullptr);
  env.set("AWS_PROFILE", nullptr);
  auto named = chain({.profile = "prod-readnly", .profile_named_in_code = true});
  REQUIRE_FALSE(named);
  CHECK(named.error().message.find("(named in code)") != std::string::npos);
  auto t = curl_transport{{.region = "us-east-1", .endpoint = "http://127.0.0.1:1", .profile = "prod-readnly"}}("DescribeTable", "{}");
  REQUIRE_FALSE(t);
  CHECK(t.error().message.find("prod-readnly is in neither") != std::string::npos);
  CHECK(imds.requests().empty());
  // the implicit "default" may be missing: then IMDS answers
  CHECK(key_of(chain()) == "IMDSKEY");
}

TEST_CASE("IMDS or a container endpoint that cannot be reached: 'no AWS credentials', at once, not retryable") {
  scoped_env env;
  env.set("AWS_EC2_METADATA_DISABLED", nullptr);
  silent_listener silent;
  for (const int port : {closed_port(), silent.port}) {
    CAPTURE(port);
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", ("http://127.0.0.1:" + std::to_string(port)).c_str());
    const auto start = std::chrono::steady_clock::now();
    auto r = chain();
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::invalid_request);
    CHECK_FALSE(r.error().retryable);
    CHECK(r.error().message.starts_with("no AWS credentials"));
    CHECK(r.error().message.find("EC2 instance metadata (IMDS) was tried and was not reachable") != std::string::npos);
    // through a client with the default retry policy: one attempt, nothing maybe applied
    client db{curl_transport{{.region = "us-east-1", .endpoint = "http://127.0.0.1:" + std::to_string(closed_port())}}};
    const auto client_start = std::chrono::steady_clock::now();
    auto c = db.call("DescribeTable", R"({"TableName":"t"})");
    CHECK(std::chrono::steady_clock::now() - client_start < 2500ms);
    REQUIRE_FALSE(c);
    CHECK(c.error().attempts == 1);
    CHECK_FALSE(c.error().maybe_applied_earlier);
    CHECK_FALSE(c.error().retryable);
    CHECK(c.error().message.starts_with("no AWS credentials"));
  }
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", ("http://127.0.0.1:" + std::to_string(closed_port()) + "/creds").c_str());
  auto r = chain();
  REQUIRE_FALSE(r);
  CHECK_FALSE(r.error().retryable);
  CHECK(r.error().message.find("the container credentials endpoint was tried and was not reachable") != std::string::npos);
  // any credentials failure in the transport: not retried (STS down here)
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", nullptr);
  env.set("AWS_EC2_METADATA_DISABLED", "true");
  env.set("AWS_ENDPOINT_URL_STS", ("http://127.0.0.1:" + std::to_string(closed_port())).c_str());
  env.write("credentials", "[src]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = s\n");
  env.write("config", "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = src\n");
  client db{curl_transport{{.region = "us-east-1", .endpoint = "http://127.0.0.1:1", .profile = "r"}}};
  auto c = db.call("DescribeTable", R"({"TableName":"t"})");
  REQUIRE_FALSE(c);
  CHECK(c.error().message.starts_with("assume role for profile r: POST"));
  CHECK(c.error().attempts == 1);
  CHECK_FALSE(c.error().maybe_applied_earlier);
}

TEST_CASE("a region that is not a region name never reaches an STS URL or a SigV4 scope; the setting is named") {
  scoped_env env;
  canned_server sts;  // answers nothing: any request reaching it is a failure of the check
  env.set("AWS_ENDPOINT_URL_STS", sts.url().c_str());
  env.write("token", "tok");
  env.write("credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  env.write("config", "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\nregion = evil.example#\n"
                      "[profile w]\nweb_identity_token_file = " + env.dir + "/token\nrole_arn = arn:aws:iam::1:role/w\n"
                      "region = x@127.0.0.1:1/#\n"
                      "[profile plain]\nrole_arn = arn:aws:iam::1:role/p\nsource_profile = base\n");
  for (const char* profile : {"r", "w"}) {
    CAPTURE(profile);
    auto r = chain({.profile = profile});
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("the region of profile " + std::string(profile) + " (region) is not a region name") !=
          std::string::npos);
    CHECK(r.error().message.find("evil") == std::string::npos);
    CHECK(r.error().message.find("127.0.0.1:1") == std::string::npos);
  }
  auto client_region = chain({.profile = "plain", .region = "us-east-1.evil.example#"});
  REQUIRE_FALSE(client_region);
  CHECK(client_region.error().message.find("the client's region") != std::string::npos);
  CHECK(sts.requests().empty());
  assume_role_request q{.role_arn = "arn:aws:iam::1:role/x"};
  CHECK(sts_assume_role({"AKID", "s", "", std::nullopt}, q, "a/b").error().message.find("not a region name") != std::string::npos);
  CHECK(sts.requests().empty());
}

TEST_CASE("a source_profile with static keys and a role_arn signs with its keys (botocore), not its role") {
  scoped_env env;
  canned_server sts;
  env.set("AWS_ENDPOINT_URL_STS", sts.url().c_str());
  sts.answer("POST /", 200,
             "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIADEV</AccessKeyId><SecretAccessKey>s"
             "</SecretAccessKey><SessionToken>t</SessionToken><Expiration>" + iso(std::chrono::system_clock::now() + 1h) +
             "</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>");
  env.write("credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  // base's own role would make a cycle (and an extra hop): its keys sign instead
  env.write("config", "[profile dev]\nrole_arn = arn:aws:iam::1:role/dev\nsource_profile = base\n"
                      "[profile base]\nrole_arn = arn:aws:iam::1:role/base\nsource_profile = dev\n"
                      "[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n");
  auto r = chain({.profile = "dev"});
  CHECK(key_of(r) == "ASIADEV");
  REQUIRE(sts.requests().size() == 1);
  CHECK(sts.requests()[0].find("Credential=AKIDBASE/") != std::string::npos);
  // a profile that is its own source without static keys is a cycle (botocore's InfiniteLoopConfigError)
  CHECK(chain({.profile = "self"}).error().message.find("cycle") != std::string::npos);
}

TEST_CASE("config file: [profile default], spaces in [profile  x], keys in any case; a missing token file is an error") {
  scoped_env env;
  env.write("config", "[default]\nregion = from-default\n[profile default]\nAWS_ACCESS_KEY_ID = PROFDEFAULT\n"
                      "Aws_Secret_Access_Key = s\n[profile   spaced ]\naws_access_key_id = SPACED\naws_secret_access_key = s\n");
  CHECK(key_of(chain()) == "PROFDEFAULT");
  CHECK(key_of(chain({.profile = "spaced"})) == "SPACED");
  CHECK(detail::resolve_settings({.profile = "default"}).region == "from-default");
  env.write("credentials", "[default]\nAWS_ACCESS_KEY_ID = UPPER\nAWS_SECRET_ACCESS_KEY = s\n");
  CHECK(key_of(chain()) == "UPPER");
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/creds");
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", (env.dir + "/no-such-token").c_str());
  auto r = container_credentials();
  REQUIRE_FALSE(r);
  CHECK(r.error().message.starts_with("container credentials: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
  CHECK(r.error().message.find("cannot be read") != std::string::npos);
}

TEST_CASE("SSO and container answers: an expiration is required and range-checked") {
  scoped_env env;
  canned_server portal, container;
  env.set("AWS_ENDPOINT_URL_SSO", portal.url().c_str());
  env.write("config", "[profile s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n"
                      "sso_account_id = 1\nsso_role_name = r\n");
  std::filesystem::create_directories(env.dir + "/.aws/sso/cache");
  env.write(".aws/sso/cache/" + detail::sha1_hex("https://x.awsapps.com/start") + ".json",
            R"({"accessToken":"tok","expiresAt":"2099-01-01T00:00:00Z"})");
  const std::string line = "GET /federation/credentials?account_id=1&role_name=r";
  const auto answer = [](const std::string& expiration) {
    return R"({"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s","sessionToken":"t")" + expiration + "}}";
  };
  portal.answer(line, 200, answer(""));
  auto none = chain({.profile = "s"});
  REQUIRE_FALSE(none);
  CHECK(none.error().message.find("no \"expiration\"") != std::string::npos);
  for (const char* bad : {R"(,"expiration":-5)", R"(,"expiration":0)"}) {
    portal.answer(line, 200, answer(bad));
    auto r = chain({.profile = "s"});
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("\"expiration\" is not a time") != std::string::npos);
  }
  for (const char* huge : {R"(,"expiration":1e300)", R"(,"expiration":15000000000000)", R"(,"expiration":9223372036854775807)"}) {
    CAPTURE(huge);
    portal.answer(line, 200, answer(huge));
    auto r = chain({.profile = "s"});
    REQUIRE(r);
    REQUIRE(r->expiration);
    CHECK(*r->expiration > std::chrono::system_clock::now() + 24h * 365 * 100);  // far future, not wrapped around
  }
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", (container.url() + "/creds").c_str());
  container.answer("GET /creds", 200, R"({"AccessKeyId":"ECSKEY","SecretAccessKey":"s","Token":"t"})");
  auto c = container_credentials();
  REQUIRE_FALSE(c);
  CHECK(c.error().message == "container credentials: the answer has a \"Token\" but no \"Expiration\"");
}

TEST_CASE("nothing configured: a 'no AWS credentials' error, IMDS not asked when disabled") {
  scoped_env env;
  auto r = chain();
  REQUIRE_FALSE(r);
  CHECK(r.error().code == errc::invalid_request);
  CHECK(r.error().message.starts_with("no AWS credentials"));
  CHECK(r.error().message.find("disabled by AWS_EC2_METADATA_DISABLED") != std::string::npos);
}

TEST_CASE("container credentials beat IMDS; the token and its file are sent as Authorization") {
  scoped_env env;
  canned_server container, imds;
  const std::string expiry = iso(std::chrono::system_clock::now() + 6h);
  container.answer("GET /creds", 200, R"({"AccessKeyId":"ECSKEY","SecretAccessKey":"s","Token":"t","Expiration":")" + expiry + "\"}");
  imds.answer("PUT /latest/api/token", 200, "imds-token");
  imds.answer("GET /latest/meta-data/iam/security-credentials/", 200, "role-a\n");
  imds.answer("GET /latest/meta-data/iam/security-credentials/role-a", 200,
              R"({"Code":"Success","AccessKeyId":"IMDSKEY","SecretAccessKey":"s","Token":"t","Expiration":")" + expiry + "\"}");
  env.set("AWS_EC2_METADATA_DISABLED", nullptr);
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url().c_str());
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", (container.url() + "/creds").c_str());
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer abc");
  auto c = chain();
  REQUIRE(c);
  CHECK(c->access_key_id == "ECSKEY");
  CHECK(c->expiration == detail::parse_iso8601(expiry));
  REQUIRE(container.requests().size() == 1);
  CHECK(container.requests()[0].find("\r\nAuthorization: Bearer abc") != std::string::npos);
  env.write("token", "from-file\n");
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", (env.dir + "/token").c_str());
  REQUIRE(chain());
  CHECK(container.requests().back().find("\r\nAuthorization: from-file") != std::string::npos);
  CHECK(imds.requests().empty());
  // without the container, IMDS: token PUT, then role and credentials with the token
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", nullptr);
  auto i = chain();
  REQUIRE(i);
  CHECK(i->access_key_id == "IMDSKEY");
  const auto seen = imds.requests();
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].find("X-aws-ec2-metadata-token-ttl-seconds: 21600") != std::string::npos);
  CHECK(seen[1].find("X-aws-ec2-metadata-token: imds-token") != std::string::npos);
  CHECK(seen[2].find("X-aws-ec2-metadata-token: imds-token") != std::string::npos);
  // the environment beats both
  env.set("AWS_ACCESS_KEY_ID", "ENVKEY");
  env.set("AWS_SECRET_ACCESS_KEY", "s");
  CHECK(key_of(chain()) == "ENVKEY");
}

TEST_CASE("container: http only to loopback or the ECS/EKS addresses (botocore's rule); any https") {
  for (const char* ok : {"127.0.0.1", "127.1.2.3", "localhost", "169.254.170.2", "169.254.170.23", "::1", "fd00:ec2::23"})
    CHECK(detail::container_host_allowed_over_http(ok));
  for (const char* bad : {"169.254.169.254", "example.com", "fd00:ec2::24", "127.0.0.1.evil.com", ""})
    CHECK_FALSE(detail::container_host_allowed_over_http(bad));
  CHECK(detail::url_host("http://user@[fd00:ec2::23]:80/x") == "fd00:ec2::23");
  CHECK(detail::url_host("http://127.0.0.1:9/x?y") == "127.0.0.1");
  scoped_env env;
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://creds.example.invalid/creds");  // refused before any lookup
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "secret-token");
  auto r = container_credentials();
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("container credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI over http must name") == 0);
  CHECK(r.error().what_text().find("secret-token") == std::string::npos);
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/creds");
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "x\r\nX-Injected: 1");
  CHECK(container_credentials().error().message.find("control character") != std::string::npos);
}

TEST_CASE("credential_process: run without a shell, JSON on stdout, expiry, failures named") {
  scoped_env env;
  const std::string script = env.dir + "/get keys.sh";
  const std::string expiry = iso(std::chrono::system_clock::now() + 1h);
  std::ofstream(script) << "#!/bin/sh\n[ \"$1\" = 'two words' ] || exit 3\n"
                           "echo '{\"Version\": 1, \"AccessKeyId\": \"PROCKEY\", \"SecretAccessKey\": \"proc-secret\", "
                           "\"SessionToken\": \"proc-token\", \"Expiration\": \"" + expiry + "\"}'\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  env.write("config", "[profile p]\ncredential_process = \"" + script + "\" 'two words'\n"
                      "[profile wrong]\ncredential_process = \"" + script + "\" one\n"
                      "[profile bad]\ncredential_process = /bin/echo '{\"Version\":2}'\n"
                      "[profile ctl]\ncredential_process = /bin/cat " + env.dir + "/ctl.json\n");
  env.write("ctl.json", R"({"Version":1,"AccessKeyId":"K","SecretAccessKey":"a\u0007b"})");
  auto r = chain({.profile = "p"});
  REQUIRE(r);
  CHECK(r->access_key_id == "PROCKEY");
  CHECK(r->session_token == "proc-token");
  CHECK(r->expiration == detail::parse_iso8601(expiry));
  auto wrong = chain({.profile = "wrong"});
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message == "credential_process for profile wrong: " + script + " exited with status 3");
  CHECK(chain({.profile = "bad"}).error().message == "credential_process for profile bad: its output has no \"Version\": 1");
  auto ctl = chain({.profile = "ctl"});
  REQUIRE_FALSE(ctl);
  CHECK(ctl.error().message.find("secret access key") != std::string::npos);
  CHECK(ctl.error().message.find("control character") != std::string::npos);
  CHECK(detail::split_command(R"(a "b c" 'd e' f\ g "h\"i")") == std::vector<std::string>{"a", "b c", "d e", "f g", "h\"i"});
  // valid JSON and then a failing exit status: refused all the same
  const std::string json = "{\"Version\": 1, \"AccessKeyId\": \"K\", \"SecretAccessKey\": \"s\"}";
  std::ofstream(env.dir + "/exit3.sh") << "#!/bin/sh\necho '" + json + "'\nexit 3\n";
  std::filesystem::permissions(env.dir + "/exit3.sh", std::filesystem::perms::owner_all);
  CHECK(process_credentials(env.dir + "/exit3.sh", "e").error().message ==
        "credential_process for profile e: " + env.dir + "/exit3.sh exited with status 3");
}

TEST_CASE("credential_process: a deadline (killed, reaped, named), a background child holding stdout, no inherited fds") {
  scoped_env env;
  const std::string json = "{\"Version\": 1, \"AccessKeyId\": \"K\", \"SecretAccessKey\": \"s\"}";
  // a helper that never ends: killed at the deadline, the error names the profile
  auto start = std::chrono::steady_clock::now();
  auto slow = process_credentials("/bin/sleep 30", "slow", {.timeout = 500ms});
  CHECK(std::chrono::steady_clock::now() - start < 3s);
  REQUIRE_FALSE(slow);
  CHECK(slow.error().message == "credential_process for profile slow: /bin/sleep timed out after 500 ms (killed)");
  // the chain passes the deadline on
  env.write("config", "[profile slow]\ncredential_process = /bin/sleep 30\n");
  start = std::chrono::steady_clock::now();
  CHECK(chain({.profile = "slow", .process = {.timeout = 300ms}}).error().message.find("timed out") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < 3s);
  // a helper that prints, exits and leaves a child holding stdout: its answer is taken when it exits
  std::ofstream(env.dir + "/bg.sh") << "#!/bin/sh\necho '" + json + "'\n/bin/sleep 4 &\nexit 0\n";
  std::filesystem::permissions(env.dir + "/bg.sh", std::filesystem::perms::owner_all);
  start = std::chrono::steady_clock::now();
  auto bg = process_credentials(env.dir + "/bg.sh", "bg", {.timeout = 10s});
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  CHECK(key_of(bg) == "K");
  // descriptors of ours (libcurl's sockets have no FD_CLOEXEC) are not the helper's
  const int leaky = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC
  REQUIRE(leaky >= 3);
  std::ofstream(env.dir + "/fds.sh") << "#!/bin/sh\n[ -e /proc/$$/fd/$1 ] && exit 4\necho '" + json + "'\n";
  std::filesystem::permissions(env.dir + "/fds.sh", std::filesystem::perms::owner_all);
  CHECK(key_of(process_credentials(env.dir + "/fds.sh " + std::to_string(leaky), "fds")) == "K");
  ::close(leaky);
  // with SIGCHLD ignored the child cannot be waited for: an error, not a status of 0
  const auto old = std::signal(SIGCHLD, SIG_IGN);
  auto ignored = process_credentials("/bin/echo '" + json + "'", "ign");
  std::signal(SIGCHLD, old);
  REQUIRE_FALSE(ignored);
  CHECK(ignored.error().message.starts_with("credential_process for profile ign: could not wait for /bin/echo"));
  CHECK_FALSE(detail::split_command("a 'b"));
}

TEST_CASE("control characters in any credential value are refused, naming the value, never showing it") {
  scoped_env env;
  env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
  env.set("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI\x7f");
  auto r = chain();
  REQUIRE_FALSE(r);
  CHECK(r.error().message.starts_with("environment: the secret access key"));
  CHECK(r.error().what_text().find("wJalrXUtnFEMI") == std::string::npos);
  // a user's provider goes through the same check in the transport
  curl_options o{.region = "us-east-1", .endpoint = "http://127.0.0.1:1"};
  o.credentials = [] { return result<aws_credentials>(aws_credentials{"AKID", "secret", "tok\r\nX-Injected: 1", std::nullopt}); };
  auto t = curl_transport{o}("DescribeTable", "{}");
  REQUIRE_FALSE(t);
  CHECK(t.error().message.find("session token") != std::string::npos);
  CHECK(t.error().what_text().find("X-Injected") == std::string::npos);
}

TEST_CASE("errors never show a secret key or a session token") {
  scoped_env env;
  const std::string secret = "SECRETwJalrXUtnFEMIK7MDENG", token = "TOKENFwoGZXIvYXdzEJr";
  env.write("credentials", "[src]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = " + secret +
                               "\naws_session_token = " + token + "\n");
  env.write("config", "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = src\n"
                      "[profile half]\naws_access_key_id = AKIDHALF\n");
  env.set("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");  // refused at once: nothing listens there
  for (const char* profile : {"r", "half"}) {
    auto r = chain({.profile = profile});
    REQUIRE_FALSE(r);
    CAPTURE(r.error().what_text());
    CHECK(r.error().what_text().find(secret) == std::string::npos);
    CHECK(r.error().what_text().find(token) == std::string::npos);
  }
  CHECK(chain({.profile = "r"}).error().message.starts_with("assume role for profile r: POST http://127.0.0.1:1/: curl:"));
  CHECK(chain({.profile = "r"}).error().retryable);
  CHECK(detail::key_id_hint("AKIDEXAMPLE") == "AKID…");
}

TEST_CASE("role_arn: source_profile cycles, unknown credential_source and mfa_serial are errors, named") {
  scoped_env env;
  env.write("config", "[profile a]\nrole_arn = arn:1\nsource_profile = b\n[profile b]\nrole_arn = arn:2\nsource_profile = a\n"
                      "[profile c]\nrole_arn = arn:3\ncredential_source = Nowhere\n"
                      "[profile m]\nrole_arn = arn:4\nsource_profile = a\nmfa_serial = arn:mfa\n"
                      "[profile both]\nrole_arn = arn:5\nsource_profile = a\ncredential_source = Environment\n");
  CHECK(chain({.profile = "a"}).error().message.find("cycle") != std::string::npos);
  CHECK(chain({.profile = "c"}).error().message ==
        "assume role for profile c: credential_source Nowhere is not Environment, Ec2InstanceMetadata or EcsContainer");
  CHECK(chain({.profile = "m"}).error().message.find("mfa_serial") != std::string::npos);
  CHECK(chain({.profile = "both"}).error().message.find("either source_profile or credential_source") != std::string::npos);
}

TEST_CASE("STS XML: the leaves picked, a DOCTYPE refused") {
  const auto ok = detail::sts_xml_leaves(
      "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
      "<AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
      "<Expiration>2026-12-01T13:48:25Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>");
  REQUIRE(ok);
  CHECK(ok->at("Credentials/AccessKeyId") == "ASIA");
  CHECK(ok->at("Credentials/Expiration") == "2026-12-01T13:48:25Z");
  CHECK_FALSE(detail::sts_xml_leaves("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>"));
  CHECK_FALSE(detail::sts_xml_leaves("<a><b></a>"));
}

namespace {
// A provider counting its calls, answering keys that expire `lifetime` after the fake clock's now.
struct counting_source {
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<bool>> fail = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<std::chrono::system_clock::time_point> now;
  std::chrono::seconds lifetime{3600};
  std::chrono::milliseconds delay{0};
  result<aws_credentials> operator()() const {
    const int n = ++*calls;
    std::this_thread::sleep_for(delay);
    if (*fail) return make_error(errc::transport_failed, "test source: down");
    return aws_credentials{"KEY" + std::to_string(n), "s", "t", *now + lifetime};
  }
};
}  // namespace

TEST_CASE("cache: refreshed 15 minutes before expiry; a failed advisory refresh keeps the old keys; mandatory fails") {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::system_clock::now());
  counting_source src{.now = now};
  auto p = cached_credentials(src, {.now = [now] { return *now; }});
  CHECK(key_of(p()) == "KEY1");
  *now += 44min;  // 16 minutes left: still good
  CHECK(key_of(p()) == "KEY1");
  *now += 2min;   // 14 left: advisory refresh
  CHECK(key_of(p()) == "KEY2");
  CHECK(*src.calls == 2);
  *now += 46min;  // 14 left on KEY2; the source is down: keep KEY2
  *src.fail = true;
  CHECK(key_of(p()) == "KEY2");
  *now += 5min;   // 9 left: mandatory, the error is the answer
  auto r = p();
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "test source: down");
  *src.fail = false;
  CHECK(key_of(p()) == "KEY5");
  // keys without an expiration are kept for good
  counting_source forever{.now = now};
  auto q = cached_credentials([forever] { auto c = forever(); c->expiration.reset(); return c; });
  CHECK(key_of(q()) == "KEY1");
  *now += 1000h;
  CHECK(key_of(q()) == "KEY1");
}

TEST_CASE("cache: 8 threads during an advisory refresh: one refresh, nobody waits for it, all get keys") {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::system_clock::now());
  counting_source src{.now = now};
  src.delay = 300ms;
  auto p = cached_credentials(src, {.now = [now] { return *now; }});
  CHECK(key_of(p()) == "KEY1");
  *now += 50min;  // 10 minutes 0 s left → still advisory (mandatory is < 10 min)
  *now -= 1s;
  std::vector<std::thread> threads;
  std::vector<std::string> keys(8);
  std::vector<std::chrono::milliseconds> took(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      const auto start = std::chrono::steady_clock::now();
      keys[static_cast<std::size_t>(i)] = key_of(p());
      took[static_cast<std::size_t>(i)] = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    });
  for (auto& t : threads) t.join();
  CHECK(*src.calls == 2);
  int refreshed = 0, fast = 0;
  for (int i = 0; i < 8; ++i) {
    refreshed += keys[static_cast<std::size_t>(i)] == "KEY2";
    fast += took[static_cast<std::size_t>(i)] < 250ms;
    CHECK((keys[static_cast<std::size_t>(i)] == "KEY1" || keys[static_cast<std::size_t>(i)] == "KEY2"));
  }
  CHECK(refreshed >= 1);
  CHECK(fast >= 1);  // the threads that found the refresh under way kept KEY1 at once
  // mandatory window: 8 threads wait for one refresh and all get the new keys
  *now += 60min;
  threads.clear();
  for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { keys[static_cast<std::size_t>(i)] = key_of(p()); });
  for (auto& t : threads) t.join();
  CHECK(*src.calls == 3);
  for (const auto& k : keys) CHECK(k == "KEY3");
}

TEST_CASE("cache: 8 threads on a fresh cache whose source fails slowly: one call, all 8 get its error") {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::system_clock::now());
  counting_source src{.now = now};
  src.delay = 200ms;
  *src.fail = true;
  auto p = cached_credentials(src, {.now = [now] { return *now; }});
  std::vector<std::thread> threads;
  std::vector<std::string> keys(8);
  for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { keys[static_cast<std::size_t>(i)] = key_of(p()); });
  for (auto& t : threads) t.join();
  CHECK(*src.calls == 1);
  for (const auto& k : keys) CHECK(k == "error: test source: down");
  CHECK_FALSE(p());  // a later call asks again
  CHECK(*src.calls == 2);
}

TEST_CASE("curl_transport: no region anywhere: IMDS asked on the first call, us-east-1 when it cannot say") {
  scoped_env env;
  env.set("AWS_EC2_METADATA_DISABLED", nullptr);
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", ("http://127.0.0.1:" + std::to_string(closed_port())).c_str());
  curl_options o{.endpoint = "http://127.0.0.1:1"};
  o.credentials = [] { return result<aws_credentials>(aws_credentials{"AKID", "s", "", std::nullopt}); };
  curl_transport t{o};
  CHECK(t.options().region.empty());  // not in the constructor
  (void)t("DescribeTable", "{}");
  CHECK(t.options().region == "us-east-1");
  env.set("AWS_EC2_METADATA_DISABLED", "true");
  curl_transport off{{}};
  CHECK(off.options().region == "us-east-1");
  CHECK(off.options().endpoint == "https://dynamodb.us-east-1.amazonaws.com");
}

TEST_CASE("curl_transport: no network in the constructor; the chain once, then cached; a user's provider is asked") {
  scoped_env env;
  int calls = 0;
  curl_options o{.region = "us-east-1", .endpoint = "http://127.0.0.1:1"};
  o.credentials = [&calls] {
    ++calls;
    return result<aws_credentials>(aws_credentials{"AKIDUSER", "se:cr:et", "", std::nullopt});
  };
  curl_transport t{o};
  CHECK(calls == 0);
  (void)t("DescribeTable", "{}");  // refused connection; the provider was asked
  CHECK(calls == 1);
  // the chain: environment keys read on the first call, not in the constructor
  curl_transport chained{{.region = "us-east-1", .endpoint = "http://127.0.0.1:1"}};
  auto r = chained("DescribeTable", "{}");
  REQUIRE_FALSE(r);
  CHECK(r.error().message.starts_with("no AWS credentials"));
  env.set("AWS_ACCESS_KEY_ID", "LATE");
  env.set("AWS_SECRET_ACCESS_KEY", "s");
  CHECK(chained("DescribeTable", "{}").error().code == errc::transport_failed);  // found now: sent
  // static keys in the options still work; one without the other is named
  auto half = curl_transport{{.region = "us-east-1", .endpoint = "http://127.0.0.1:1", .access_key_id = "k"}}("DescribeTable", "{}");
  CHECK(half.error().message.starts_with("no AWS credentials"));
}
