// IMDSv2 against AWS's amazon-ec2-metadata-mock started IMDSv2-only by imds_mock.py (a request
// without the session token is refused, so an answer proves the token PUT and header): the role's
// credentials, the region, the chain falling through to IMDS, AWS_EC2_METADATA_DISABLED, and a
// curl_transport with no region configured signing with the instance's region.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "ddbx/transport/credentials/chain.hpp"
#include "ddbx/transport/curl.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"

using namespace ddbx;

namespace {
std::string endpoint() {
  const char* url = std::getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  REQUIRE_MESSAGE(url, "run through imds_mock.py");
  REQUIRE(std::string(url).starts_with("http://127.0.0.1:"));  // never the real 169.254.169.254
  return url;
}

// A loopback "DynamoDB" that answers {} to every request and keeps each one's Authorization header.
class scope_recorder {
 public:
  scope_recorder() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) == 0);
    REQUIRE(::listen(fd_, 64) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~scope_recorder() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> authorizations() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  void run() {
    for (;;) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string in;
      char buf[4096];
      for (;;) {  // headers, then Content-Length bytes of body
        const std::size_t end = in.find("\r\n\r\n");
        if (end != std::string::npos) {
          const std::size_t cl = in.find("Content-Length: ");
          const std::size_t body = cl < end ? std::strtoul(in.c_str() + cl + 16, nullptr, 10) : 0;
          if (in.size() >= end + 4 + body) break;
        }
        const ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        in.append(buf, static_cast<std::size_t>(n));
      }
      const std::size_t auth = in.find("Authorization: ");
      {
        std::lock_guard lock(mutex_);
        seen_.push_back(auth == std::string::npos ? std::string() : in.substr(auth, in.find("\r\n", auth) - auth));
      }
      const std::string out = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
      (void)!::write(c, out.data(), out.size());
      ::close(c);
    }
  }
  int fd_ = -1, port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> seen_;
  std::thread thread_;
};
}  // namespace

TEST_CASE("the mock is IMDSv2-only: a GET without a token is refused") {
  detail::fetch_request r;
  r.url = endpoint() + "/latest/meta-data/iam/security-credentials/";
  auto reply = detail::http_fetch(r);
  REQUIRE(reply);
  CHECK(reply->status == 401);
}

TEST_CASE("IMDS credentials: token, role, keys with their expiration") {
  endpoint();
  auto c = imds_credentials();
  if (!c) FAIL(c.error().what_text());
  CHECK(c->access_key_id == "ASIAIMDSMOCK");
  CHECK(c->secret_access_key == "imds:secret");
  CHECK(c->session_token == "imds-session-token");
  CHECK(c->expiration == detail::parse_iso8601(std::getenv("DDBX_IMDS_EXPIRATION")));
  auto region = imds_region();
  if (!region) FAIL(region.error().what_text());
  CHECK(*region == "eu-north-1");
}

TEST_CASE("the chain ends at IMDS; AWS_EC2_METADATA_DISABLED=true turns it off") {
  endpoint();
  for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"})
    ::unsetenv(v);
  ::setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null", 1);
  ::setenv("AWS_CONFIG_FILE", "/dev/null", 1);
  auto c = cached_credentials(default_credentials_chain())();
  if (!c) FAIL(c.error().what_text());
  CHECK(c->access_key_id == "ASIAIMDSMOCK");
  ::setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  auto off = default_credentials_chain()();
  REQUIRE_FALSE(off);
  CHECK(off.error().message.starts_with("no AWS credentials"));
  CHECK(imds_credentials().error().message == "IMDS: disabled by AWS_EC2_METADATA_DISABLED");
  ::unsetenv("AWS_EC2_METADATA_DISABLED");
}

TEST_CASE("curl_transport with no region configured: IMDS's region on the first call, for the endpoint and SigV4, 8 threads") {
  endpoint();
  for (const char* v : {"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"})
    ::unsetenv(v);
  ::setenv("AWS_CONFIG_FILE", "/dev/null", 1);
  scope_recorder dynamodb;
  curl_options o{.endpoint = dynamodb.url(), .access_key_id = "AKIDTEST", .secret_access_key = "s"};
  curl_transport t{o};
  CHECK(t.options().region.empty());  // the constructor asks nothing
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      auto r = t("DescribeTable", "{}");
      ok += r && r->status == 200;
    });
  for (auto& th : threads) th.join();
  CHECK(ok == 8);
  CHECK(t.options().region == "eu-north-1");
  const auto seen = dynamodb.authorizations();
  REQUIRE(seen.size() == 8);
  for (const std::string& a : seen) {
    CAPTURE(a);
    CHECK(a.find("Credential=AKIDTEST/") != std::string::npos);
    CHECK(a.find("/eu-north-1/dynamodb/aws4_request") != std::string::npos);
  }
  // without an endpoint either, the default one is built from that region (a provider that fails
  // keeps the call from sending anything)
  curl_options no_endpoint;
  no_endpoint.credentials = [] { return result<aws_credentials>(make_error(errc::invalid_request, "test: no keys")); };
  curl_transport u{no_endpoint};
  CHECK(u.options().endpoint.empty());
  CHECK(u("DescribeTable", "{}").error().message == "test: no keys");
  CHECK(u.options().region == "eu-north-1");
  CHECK(u.options().endpoint == "https://dynamodb.eu-north-1.amazonaws.com");
  // a region from the environment: IMDS not asked
  ::setenv("AWS_REGION", "ap-south-1", 1);
  CHECK(curl_transport{o}.options().region == "ap-south-1");
  ::unsetenv("AWS_REGION");
}
