// Every copy of a request the server sees is an attempt the client counts: libcurl must not resend
// a request by itself when a kept-alive connection closes without an answer. Run through
// resend_server.py, which also checks each request's SigV4 signature and payload hash.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "ddbx/client/client.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;
using namespace std::chrono_literals;

namespace {

// Counts the attempts the client makes (calls to the transport).
struct counted {
  curl_transport inner;
  int calls = 0;
  result<http_response> operator()(std::string_view op, std::string_view body) { return ++calls, inner(op, body); }
};

client<counted> make_client(int max_attempts, std::string token = {}) {
  const char* url = std::getenv("DDBX_RESEND_SERVER");
  REQUIRE_MESSAGE(url, "run through tests/integration/resend_server.py");
  return client{counted{curl_transport{{.endpoint = url, .access_key_id = "k", .secret_access_key = "s",
                                        .session_token = std::move(token)}}},
                {.retry = {.max_attempts = max_attempts, .base = 1ms}}};
}

// How many copies of the request with this id the server saw.
int copies(client<counted>& db, const std::string& id) {
  auto r = db.call("Copies", R"({"id":")" + id + "\"}");
  REQUIRE(r.has_value());
  return std::atoi(r->substr(r->find(':') + 1).c_str());
}

}  // namespace

TEST_CASE("a reused connection closed after the request: one copy with max_attempts 1, a retryable error") {
  auto db = make_client(1);
  REQUIRE(db.call("Answer", R"({"id":"warm1"})").has_value());  // opens the connection that is reused
  auto r = db.call("CloseReused", R"({"id":"once"})");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::transport_failed);
  CHECK(r.error().retryable);
  CHECK(r.error().attempts == 1);
  CHECK(copies(db, "once") == 1);
}

TEST_CASE("with max_attempts 3 the server sees exactly the attempts the client makes") {
  auto db = make_client(3);
  REQUIRE(db.call("Answer", R"({"id":"warm2"})").has_value());
  db.transport().calls = 0;
  REQUIRE(db.call("CloseReused", R"({"id":"second"})").has_value());  // the retry opens a new connection
  CHECK(db.transport().calls == 2);
  CHECK(copies(db, "second") == 2);

  REQUIRE(db.call("Answer", R"({"id":"warm3"})").has_value());
  auto r = db.call("CloseAlways", R"({"id":"never"})");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == errc::transport_failed);
  CHECK(r.error().attempts == 3);
  CHECK(copies(db, "never") == 3);
}

TEST_CASE("a ConditionalCheckFailed after an unanswered attempt says the first may have been applied") {
  auto db = make_client(3);
  auto r = db.call("CloseThenConditional", R"({"id":"ccf"})");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().aws_code == "ConditionalCheckFailedException");
  CHECK(r.error().attempts == 2);
  CHECK(r.error().maybe_applied_earlier);
  CHECK(r.error().request_id.starts_with("rid-"));
  CHECK(copies(db, "ccf") == 2);
}

TEST_CASE("signed requests: a session token, an empty-ish body, a body over 1 MB") {
  auto db = make_client(1, "tok");
  CHECK(db.call("Answer", R"({"id":"token"})").has_value());
  std::string big = R"({"id":"big","pad":")" + std::string(1500000, 'x') + "\"}";
  CHECK(db.call("Answer", big).has_value());
  CHECK(copies(db, "big") == 1);
}
