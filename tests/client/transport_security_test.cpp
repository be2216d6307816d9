// The curl transport's guards (README, "Transport security"): settings that would change where a
// request goes or what it says are refused before anything is sent; only http(s) endpoints, no
// redirects followed, TLS verified; credentials files that could block or never end are refused;
// the server's text is escaped before it reaches what_text(), exceptions and stderr. Every server
// here listens on 127.0.0.1 only.
#include <doctest/doctest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "ddbx/client/client.hpp"
#include "ddbx/transport/curl.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using namespace std::chrono_literals;

namespace {

// Requests go to loopback servers only, never through a proxy.
// Nor to EC2 instance metadata (169.254.169.254), which a transport without a region would ask.
const bool no_proxies = [] {
  for (const char* v : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) ::unsetenv(v);
  ::setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  return true;
}();

// A TCP listener on 127.0.0.1. With an `answer` it reads each request (headers and
// Content-Length body) and sends the answer; without one it accepts and never answers.
class loopback_server {
 public:
  explicit loopback_server(std::string answer = {}) : answer_(std::move(answer)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&a), len) == 0);
    REQUIRE(::listen(listener_, 16) == 0);
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~loopback_server() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  int connections() const { return connections_; }
  std::string received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void run() {
    std::vector<pollfd> fds{{listener_, POLLIN, 0}};
    std::vector<std::string> pending{""};
    while (!stop_) {
      if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
      for (std::size_t i = fds.size(); i-- > 0;) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        if (i == 0) {
          fds.push_back({::accept(listener_, nullptr, nullptr), POLLIN, 0});
          pending.emplace_back();
          ++connections_;
          continue;
        }
        char buf[65536];
        const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
        if (n <= 0) {
          ::close(fds[i].fd);
          fds.erase(fds.begin() + static_cast<std::ptrdiff_t>(i));
          pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(i));
          continue;
        }
        {
          std::lock_guard lock(mutex_);
          received_.append(buf, static_cast<std::size_t>(n));
        }
        std::string& p = pending[i];
        p.append(buf, static_cast<std::size_t>(n));
        const std::size_t end = p.find("\r\n\r\n");
        if (answer_.empty() || end == std::string::npos) continue;
        const std::size_t cl = p.find("Content-Length: ");
        const std::size_t body = cl < end ? std::strtoul(p.c_str() + cl + 16, nullptr, 10) : 0;
        if (p.size() < end + 4 + body) continue;
        p.erase(0, end + 4 + body);
        (void)::send(fds[i].fd, answer_.data(), answer_.size(), MSG_NOSIGNAL);
      }
    }
    for (std::size_t i = 1; i < fds.size(); ++i) ::close(fds[i].fd);
  }

  std::string answer_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::string received_;
  std::thread thread_;
};

const std::string ok_answer = "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}";

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

// Sets environment variables for one test and restores them. Every AWS_ variable the transport
// reads starts unset, and the shared files point into an empty directory.
struct scoped_env {
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  std::string dir;
  scoped_env() {
    char tmpl[] = "/tmp/ddbx-sec-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                          "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"})
      set(v, nullptr);
    set("AWS_SHARED_CREDENTIALS_FILE", (dir + "/credentials").c_str());
    set("AWS_CONFIG_FILE", (dir + "/config").c_str());
  }
  void set(const char* name, const char* v) {
    const char* old = std::getenv(name);
    saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (v) ::setenv(name, v, 1);
    else ::unsetenv(name);
  }
  ~scoped_env() {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->second) ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else ::unsetenv(it->first.c_str());
    }
    std::filesystem::remove_all(dir);
  }
};

curl_options local(const loopback_server& s) {
  return {.region = "us-east-1", .endpoint = s.url(), .access_key_id = "k", .secret_access_key = "s",
          .connect_timeout_ms = 2000, .timeout_ms = 2000};
}

bool refused_naming(const result<http_response>& r, std::string_view setting) {
  if (r) return false;
  INFO(r.error().what_text());
  return r.error().code == errc::invalid_request && r.error().message.find(setting) != std::string::npos;
}

}  // namespace

TEST_CASE("a region that is not a host label is refused: it would move the TLS handshake elsewhere") {
  scoped_env env;
  loopback_server silent;
  // The default endpoint is https://dynamodb.<region>.amazonaws.com: this one goes to 127.0.0.1.
  const std::string hijack = "x@127.0.0.1:" + std::to_string(silent.port()) + "/#";
  env.set("AWS_REGION", hijack.c_str());
  curl_transport t{{.access_key_id = "k", .secret_access_key = "s", .connect_timeout_ms = 2000, .timeout_ms = 2000}};
  CHECK(refused_naming(t("DescribeTable", "{}"), "region"));
  CHECK(silent.connections() == 0);
}

TEST_CASE("region names: botocore's rule (a DNS label of letters, digits and '-', not all digits)") {
  loopback_server server(ok_answer);
  for (const char* good : {"us-east-1", "local", "x-1", "EU-WEST-2", "a", "1a"}) {
    CAPTURE(good);
    auto o = local(server);
    o.region = good;
    auto r = curl_transport{o}("DescribeTable", "{}");
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
  }
  const int before = server.connections();
  const std::vector<std::string> bad_regions{"-us", "us-", "123", std::string(64, 'a'), "us.east", "us east", "us/1",
                                             "us:1", "us@h", "us-east-1\r\nX-Injected: 1", "\xc3\xa9u"};
  for (const std::string& bad : bad_regions) {
    CAPTURE(bad);
    auto o = local(server);
    o.region = bad;
    CHECK(refused_naming(curl_transport{o}("DescribeTable", "{}"), "region"));
  }
  auto o = local(server);
  o.region = std::string(63, 'a');
  CHECK(curl_transport{o}("DescribeTable", "{}").has_value());
  CHECK(server.connections() == before + 1);
  CHECK(server.received().find("X-Injected") == std::string::npos);
}

TEST_CASE("CR, LF or another control character in any setting is refused, naming it, never its value") {
  loopback_server server(ok_answer);
  struct bad_setting { std::string curl_options::*member; const char* name; };
  for (const bad_setting& setting : {bad_setting{&curl_options::access_key_id, "access key id"},
                                     bad_setting{&curl_options::secret_access_key, "secret access key"},
                                     bad_setting{&curl_options::session_token, "session token"},
                                     bad_setting{&curl_options::region, "region"},
                                     bad_setting{&curl_options::profile, "profile"},
                                     bad_setting{&curl_options::endpoint, "endpoint"}}) {
    for (const std::string& tail : {std::string("\r\nX-Injected: 1"), std::string("\n"), std::string("\r"),
                                    std::string("\t"), std::string(1, '\0'), std::string("\x7f")}) {
      CAPTURE(setting.name);
      auto o = local(server);
      o.secret_access_key = "wJalrXUtnFEMI";
      std::string& value = o.*setting.member;
      if (value.empty()) value = "value";
      value += tail;
      auto r = curl_transport{o}("DescribeTable", "{}");
      CHECK(refused_naming(r, setting.name));
      if (!r) CHECK(r.error().what_text().find("wJalrXUtnFEMI") == std::string::npos);
    }
  }
  CHECK(server.connections() == 0);
}

TEST_CASE("control characters from the environment, the credentials file or the operation are refused") {
  scoped_env env;
  loopback_server server(ok_answer);
  env.set("AWS_ENDPOINT_URL", server.url().c_str());
  env.set("AWS_ACCESS_KEY_ID", "k");
  env.set("AWS_SECRET_ACCESS_KEY", "s");
  env.set("AWS_SESSION_TOKEN", "tok\r\nX-Injected: 1");
  CHECK(refused_naming(curl_transport{}("DescribeTable", "{}"), "session token"));
  env.set("AWS_SESSION_TOKEN", nullptr);
  env.set("AWS_PROFILE", "default\nX");
  CHECK(refused_naming(curl_transport{}("DescribeTable", "{}"), "profile"));
  env.set("AWS_PROFILE", nullptr);
  CHECK(refused_naming(curl_transport{}("DescribeTable\r\nX-Injected: 1", "{}"), "operation"));

  env.set("AWS_ACCESS_KEY_ID", nullptr);
  env.set("AWS_SECRET_ACCESS_KEY", nullptr);
  std::ofstream(env.dir + "/credentials") << "[default]\naws_access_key_id = k\naws_secret_access_key = s\n"
                                             "aws_session_token = tok\rX-Injected: 1\n";
  CHECK(refused_naming(curl_transport{}("DescribeTable", "{}"), "session token"));
  CHECK(server.connections() == 0);
  // the same file without the CR is sent
  std::ofstream(env.dir + "/credentials") << "[default]\naws_access_key_id = k\naws_secret_access_key = s\n";
  CHECK(curl_transport{}("DescribeTable", "{}").has_value());
  CHECK(server.connections() == 1);
}

TEST_CASE("only http:// and https:// endpoints") {
  scoped_env env;
  loopback_server server(ok_answer), silent;
  const std::string port = std::to_string(silent.port());
  std::ofstream(env.dir + "/body.json") << "{\"read\":\"from a file\"}";
  const std::vector<std::string> bad_endpoints{"file://" + env.dir + "/body.json", "ftp://127.0.0.1:" + port + "/",
                                               "dict://127.0.0.1:" + port,   "gopher://127.0.0.1:" + port,
                                               "telnet://127.0.0.1:" + port, "127.0.0.1:" + port,
                                               ""};  // "": smb:// from AWS_ENDPOINT_URL
  for (const std::string& bad : bad_endpoints) {
    CAPTURE(bad);
    auto o = local(server);
    o.endpoint = bad;
    if (bad.empty()) env.set("AWS_ENDPOINT_URL", ("smb://127.0.0.1:" + port).c_str());
    CHECK(refused_naming(curl_transport{o}("DescribeTable", "{}"), "endpoint"));
  }
  CHECK(silent.connections() == 0);
  auto o = local(server);
  o.endpoint = "HTTP://127.0.0.1:" + std::to_string(server.port()) + "/";
  CHECK(curl_transport{o}("DescribeTable", "{}").has_value());
}

TEST_CASE("a redirect is the answer: never followed") {
  loopback_server elsewhere(ok_answer);
  for (const std::string& location : std::vector<std::string>{elsewhere.url() + "/", "file:///etc/passwd"}) {
    loopback_server redirecting("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    auto r = curl_transport{local(redirecting)}("DescribeTable", "{}");
    REQUIRE(r.has_value());
    CHECK(r->status == 307);
    CHECK(r->body.empty());
  }
  CHECK(elsewhere.connections() == 0);
}

TEST_CASE("an endpoint's user:password@ never appears in an error") {
  curl_options o{.region = "us-east-1", .endpoint = "http://ddbx-user:hunter2@127.0.0.1:" + std::to_string(closed_port()) + "/",
                 .access_key_id = "k", .secret_access_key = "s"};
  auto r = curl_transport{o}("DescribeTable", "{}");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::transport_failed);
  CHECK(r.error().message.find("127.0.0.1") != std::string::npos);
  CHECK(r.error().what_text().find("hunter2") == std::string::npos);
  CHECK(r.error().what_text().find("ddbx-user") == std::string::npos);
  // an '@' after the host is not a user's
  const std::string at_in_path = "127.0.0.1:" + std::to_string(closed_port()) + "/x@y";
  auto p = curl_transport{{.region = "us-east-1", .endpoint = "http://" + at_in_path, .access_key_id = "k",
                           .secret_access_key = "s"}}("DescribeTable", "{}");
  REQUIRE_FALSE(p.has_value());
  CHECK(p.error().message.find("(http://" + at_in_path + ")") != std::string::npos);
}

namespace {
// Constructs a transport in another thread: true if that took under 5 s. A constructor blocked
// on the FIFO is let go by opening the FIFO for writing, as often as it opens it (so this test never hangs).
bool constructs_quickly(const std::string& fifo, curl_options o, result<http_response>& first_call) {
  std::atomic<bool> done{false};
  std::thread worker([&] {
    curl_transport t{o};
    done = true;
    first_call = t("DescribeTable", "{}");
  });
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!done && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  const bool quick = done;
  for (; !done; std::this_thread::sleep_for(10ms)) {
    const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);  // EOF for a blocked reader
    if (writer >= 0) ::close(writer);
  }
  worker.join();
  return quick;
}
}  // namespace

TEST_CASE("a FIFO as credentials or config file never blocks the constructor; it is refused, named") {
  scoped_env env;
  loopback_server server(ok_answer);
  const std::string fifo = env.dir + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  result<http_response> r = http_response{};
  env.set("AWS_SHARED_CREDENTIALS_FILE", fifo.c_str());
  CHECK(constructs_quickly(fifo, {.region = "us-east-1", .endpoint = server.url()}, r));
  CHECK(refused_naming(r, "AWS_SHARED_CREDENTIALS_FILE"));
  env.set("AWS_SHARED_CREDENTIALS_FILE", nullptr);
  env.set("AWS_CONFIG_FILE", fifo.c_str());
  CHECK(constructs_quickly(fifo, {.endpoint = server.url(), .access_key_id = "k", .secret_access_key = "s"}, r));
  CHECK(refused_naming(r, "AWS_CONFIG_FILE"));
  env.set("AWS_CONFIG_FILE", env.dir.c_str());  // a directory
  CHECK(refused_naming(curl_transport{{.endpoint = server.url(), .access_key_id = "k", .secret_access_key = "s"}}(
                           "DescribeTable", "{}"),
                       "not a regular file"));
  CHECK(server.connections() == 0);
  // /dev/null turns a file off, as with the AWS CLI
  env.set("AWS_CONFIG_FILE", "/dev/null");
  CHECK(curl_transport{{.endpoint = server.url(), .access_key_id = "k", .secret_access_key = "s"}}("DescribeTable", "{}")
            .has_value());
}

TEST_CASE("a credentials file over 1 MB is refused") {
  scoped_env env;
  loopback_server server(ok_answer);
  {
    std::ofstream f(env.dir + "/credentials");
    f << "[default]\naws_access_key_id = k\naws_secret_access_key = s\n";
    for (int i = 0; i < 20000; ++i) f << "# padding padding padding padding padding padding padding\n";
  }
  REQUIRE(std::filesystem::file_size(env.dir + "/credentials") > (1u << 20));
  CHECK(refused_naming(curl_transport{{.region = "us-east-1", .endpoint = server.url()}}("DescribeTable", "{}"), "1 MB"));
  CHECK(server.connections() == 0);
}

TEST_CASE("TLS is verified: a self-signed certificate fails, no request reaches the server") {
  scoped_env env;
  // python3's ssl module serves one connection with a certificate made here by openssl, and says
  // whether the handshake succeeded and how many bytes of request it got.
  std::ofstream(env.dir + "/tls_server.py") << R"(import socket, ssl, subprocess, sys
d = sys.argv[1]
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", d + "/key.pem", "-out", d + "/cert.pem"],
               check=True, capture_output=True)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(d + "/cert.pem", d + "/key.pem")
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
srv.settimeout(20)
print(srv.getsockname()[1], flush=True)
accepted, handshakes, got = 0, 0, b""
try:
    conn, _ = srv.accept()
    accepted = 1
    conn.settimeout(10)
    tls = ctx.wrap_socket(conn, server_side=True)
    handshakes = 1
    while b"\r\n\r\n" not in got:
        chunk = tls.recv(65536)
        if not chunk:
            break
        got += chunk
    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
    tls.close()
except (OSError, ssl.SSLError):
    pass
print("accepted", accepted, "handshakes", handshakes, "bytes", len(got), flush=True)
)";
  const std::string python = ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  FILE* server = ::popen((python + " " + env.dir + "/tls_server.py " + env.dir).c_str(), "r");
  REQUIRE(server != nullptr);
  char line[256] = {};
  const bool started = std::fgets(line, sizeof line, server) != nullptr;
  if (started) {
    auto r = curl_transport{{.region = "us-east-1", .endpoint = "https://127.0.0.1:" + std::string(line, std::strcspn(line, "\n")),
                             .access_key_id = "k", .secret_access_key = "s", .timeout_ms = 10000}}("DescribeTable", "{}");
    CHECK_FALSE(r.has_value());
    if (!r) CHECK(r.error().code == errc::transport_failed);
    if (!r) CHECK(r.error().message.find("certificate") != std::string::npos);
    CHECK(std::fgets(line, sizeof line, server) != nullptr);
    CHECK(std::string(line) == "accepted 1 handshakes 0 bytes 0\n");
  }
  ::pclose(server);
  REQUIRE_MESSAGE(started, "needs python3 and openssl");
}

TEST_CASE("the server's text is escaped in what_text(), exceptions and the batch writer's stderr line") {
  const std::string body = R"({"__type":"com.amazonaws#Bad\u001b[2JType","message":"line1\nline2\r\u001b[31mred\u007f\u009b1m"})";
  const error e = parse_service_error(400, body);
  CHECK(e.message == "line1\nline2\r\x1b[31mred\x7f\xc2\x9b" "1m");  // kept as sent
  CHECK(e.what_text() == R"(Bad\x1b[2JType: line1\nline2\r\x1b[31mred\x7f\xc2\x9b1m)");
#if defined(__cpp_exceptions)
  CHECK(std::string(ddbx::exception(e).what()) == e.what_text());
#endif
  // é (U+00E9), a tab-free text and others stay as they are
  CHECK(make_error(errc::custom, "caf\xc3\xa9 \\n").what_text() == "caf\xc3\xa9 \\n");

  using users_table = table<seed::user, &seed::user::username, &seed::user::last_name>;
  client db{[&](std::string_view, std::string_view) -> result<http_response> { return http_response{400, {}, body}; },
            {.retry = {.max_attempts = 1}}};
  const std::string log = std::filesystem::temp_directory_path() / ("ddbx-sec-stderr-" + std::to_string(::getpid()));
  std::fflush(stderr);
  const int saved = ::dup(2), file = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(file, 2);
  for (const char* name : {"users", "users\n\x1b[2J"}) {
    auto batch = db.table<users_table>(name).batch_writer();
    (void)batch.put_item(seed::user{.username = "a", .last_name = "b"});
  }  // each destructor's flush fails and prints one line
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  ::close(file);
  std::ifstream in(log);
  const std::string printed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(log);
  INFO(printed);
  CHECK(std::count(printed.begin(), printed.end(), '\n') == 2);
  CHECK(printed.find('\x1b') == std::string::npos);
  CHECK(printed.find('\r') == std::string::npos);
  CHECK(printed.find(R"(Bad\x1b[2JType: line1\nline2)") != std::string::npos);
}
