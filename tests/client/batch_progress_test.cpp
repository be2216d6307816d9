// Batches that never lose or invent a request, over test transports: the batch writer's progress
// rule, capped backoff and honest put_item; malformed batch answers that keep every unsent
// request; batch_get keeping what it read; 200 answers with a damaged body retried.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <simdjson.h>
#include <string>
#include <vector>

#include "ddbx/client/client.hpp"
#include "seed_types.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace client_batch_progress_test {

using namespace ddbx;
using seed::user;
using users_table = table<user, &user::username, &user::last_name>;

namespace {

struct fn_transport {
  std::function<result<http_response>(std::string_view, std::string_view)> answer;
  result<http_response> operator()(std::string_view op, std::string_view body) { return answer(op, body); }
};

http_response ok(std::string body) { return {200, {}, std::move(body)}; }
user make_user(std::string name, int age) { return user{std::move(name), "F", "x", age, "t"}; }
std::string str(simdjson::dom::element e) { return simdjson::minify(e); }

// The requests of a BatchWriteItem body, minified.
std::vector<std::string> requests_of(std::string_view body) {
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(std::string(body));
  std::vector<std::string> out;
  for (auto r : simdjson::dom::array(doc["RequestItems"]["users"])) out.push_back(str(r));
  return out;
}

std::string unprocessed_answer(const std::vector<std::string>& left) {
  std::string u;
  for (const auto& r : left) u += (u.empty() ? "" : ",") + r;
  return R"({"UnprocessedItems":{)" + (left.empty() ? std::string() : R"("users":[)" + u + "]") + "}}";
}

}  // namespace

TEST_CASE("batch writer: steady partial progress never gives up, and backoff restarts after progress") {
  // Every call writes one request and hands the rest back (24 of 25 unprocessed, then 23 of 24…).
  std::multiset<std::string> written;
  int calls = 0;
  std::vector<std::chrono::milliseconds> sleeps;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              ++calls;
              auto reqs = requests_of(body);
              written.insert(reqs.front());
              reqs.erase(reqs.begin());
              return ok(unprocessed_answer(reqs));
            }},
            {.retry = {.max_attempts = 3}, .sleep = [&](auto d) { sleeps.push_back(d); }}};
  auto users = db.table<users_table>("users");
  auto batch = users.batch_writer();
  for (int i = 0; i < 25; ++i) REQUIRE(batch.put_item(make_user("u" + std::to_string(i), i)).has_value());
  // Before the fix the writer gave up after max_attempts (3) rounds with UnprocessedItems.
  REQUIRE(batch.flush().has_value());
  CHECK(batch.pending() == 0);
  CHECK(batch.written() == 25);
  CHECK(written.size() == 25);
  CHECK(calls == 25);
  // Each round made progress, so each backoff is the first retry's: at most `base`.
  for (auto d : sleeps) CHECK(d.count() <= 50);
}

TEST_CASE("batch writer: rounds that write nothing give up after max_attempts, with backoff capped at max_delay") {
  std::vector<std::chrono::milliseconds> sleeps;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              return ok(unprocessed_answer(requests_of(body)));
            }},
            {.retry = {.max_attempts = 40, .base = std::chrono::milliseconds(50), .max_delay = std::chrono::milliseconds(20000)},
             .sleep = [&](auto d) { sleeps.push_back(d); }}};
  auto batch = db.table<users_table>("users").batch_writer({.on_error = [](const error&) {}});
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  auto s = batch.flush();
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().message.find("40 rounds in a row that wrote nothing") != std::string::npos);
  CHECK(sleeps.size() == 39);
  for (auto d : sleeps) CHECK(d.count() <= 20000);
  CHECK(*std::max_element(sleeps.begin(), sleeps.end()) > std::chrono::milliseconds(3000));  // grew, then capped
  CHECK(batch.pending() == 1);
  batch.clear();
}

TEST_CASE("batch writer: put_item either buffers and succeeds or fails and buffers nothing") {
  bool down = false;
  std::vector<std::string> sent;  // every request the service wrote
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              if (down) return http_response{400, {}, R"({"__type":"x#ValidationException","message":"no"})"};
              for (auto& r : requests_of(body)) sent.push_back(r);
              return ok("{}");
            }},
            {.retry = {.max_attempts = 1}, .sleep = [](auto) {}}};
  auto batch = db.table<users_table>("users").batch_writer({.flush_amount = 2, .on_error = [](const error&) {}});
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  REQUIRE(batch.put_item(make_user("b", 1)).has_value());
  CHECK(batch.pending() == 2);
  down = true;
  // The buffer is full: the batch must go first, fails, and "c" is not buffered (the error says so).
  auto c = batch.put_item(make_user("c", 1));
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().aws_code == "ValidationException");
  CHECK(batch.pending() == 2);
  // A failed delete likewise.
  CHECK_FALSE(batch.delete_item({"d", "x"}).has_value());
  CHECK(batch.pending() == 2);
  // A request for a buffered key needs no room: the same one again is a retry, taken without sending.
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  CHECK(batch.pending() == 2);
  // ...a different one is still refused without overwrite_by_pkeys.
  auto other = batch.put_item(make_user("a", 2));
  REQUIRE_FALSE(other.has_value());
  CHECK(other.error().code == errc::invalid_request);
  down = false;
  REQUIRE(batch.put_item(make_user("c", 1)).has_value());  // the retry: sends a, b; buffers c
  REQUIRE(batch.flush().has_value());
  CHECK(sent.size() == 3);
  CHECK(batch.written() == 3);
}

TEST_CASE("batch writer: a retried put_item of a key still buffered after a failed flush is taken") {
  bool down = true;
  int writes = 0;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              if (down) return http_response{400, {}, R"({"__type":"x#ValidationException","message":"no"})"};
              writes += static_cast<int>(requests_of(body).size());
              return ok("{}");
            }},
            {.retry = {.max_attempts = 1}, .sleep = [](auto) {}}};
  auto batch = db.table<users_table>("users").batch_writer({.on_error = [](const error&) {}});
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  REQUIRE_FALSE(batch.flush().has_value());
  // The caller does not know whether "a" is still buffered and puts it again: not refused.
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  down = false;
  REQUIRE(batch.flush().has_value());
  CHECK(writes == 1);
}

TEST_CASE("batch writer: a malformed BatchWriteItem answer is an error that keeps every request") {
  const char* answers[] = {
      R"({"UnprocessedItems":5})",
      R"({"UnprocessedItems":{"users":{"PutRequest":{}}}})",
      R"({"UnprocessedItems":{"users":[{"PutRequest":{"Item":{"username":{"S":"zz"},"last_name":{"S":"x"}}}}]}})",  // not sent
      R"({"UnprocessedItems":{"users":[{"DeleteRequest":{"Key":{"username":{"S":"a"}}}}]}})",                        // no range key
      (R"({"UnprocessedItems":{"users":[{"DeleteRequest":{"Key":{"username":{"S":"a"},"last_name":{"S":"x"}}}},)"
       R"({"DeleteRequest":{"Key":{"username":{"S":"a"},"last_name":{"S":"x"}}}}]}})"),  // the same key twice
      R"({"ConsumedCapacity":"lots"})",
      R"([])",
      "",
  };
  for (const char* answer : answers) {
    CAPTURE(answer);
    int calls = 0;
    client db{fn_transport{[&](auto, auto) -> result<http_response> {
                ++calls;
                return ok(answer);
              }},
              {.retry = {.max_attempts = 2}, .sleep = [](auto) {}}};
    auto batch = db.table<users_table>("users").batch_writer({.on_error = [](const error&) {}});
    REQUIRE(batch.put_item(make_user("a", 1)).has_value());
    REQUIRE(batch.delete_item({"b", "x"}).has_value());
    auto s = batch.flush();
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == errc::malformed_response);
    CHECK(batch.pending() == 2);
    CHECK(batch.written() == 0);
    batch.clear();
  }
}

TEST_CASE("batch writer: unprocessed requests are re-sent as they were sent, not as the service echoed them") {
  int calls = 0;
  std::vector<std::string> second;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              if (++calls == 1)  // echo the put with another age: a hostile or broken service
                return ok(R"({"UnprocessedItems":{"users":[{"PutRequest":{"Item":{"username":{"S":"a"},)"
                          R"("last_name":{"S":"x"},"age":{"N":"99"}}}}]}})");
              second = requests_of(body);
              return ok("{}");
            }},
            {.retry = {}, .sleep = [](auto) {}}};
  auto batch = db.table<users_table>("users").batch_writer();
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  REQUIRE(batch.flush().has_value());
  REQUIRE(second.size() == 1);
  CHECK(second[0].find(R"("age":{"N":"1"})") != std::string::npos);
}

TEST_CASE("batch get: an error keeps the items read and names the keys not read") {
  int calls = 0;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              simdjson::dom::parser p;
              simdjson::dom::element doc = p.parse(std::string(body));
              simdjson::dom::array keys = doc["RequestItems"]["users"]["Keys"];
              if (++calls > 1) return http_response{400, {}, R"({"__type":"x#ValidationException","message":"no"})"};
              std::string items;
              for (auto k : keys) {
                std::string_view name = k["username"]["S"];
                items += (items.empty() ? "" : ",") + std::string(R"({"username":{"S":")") + std::string(name) +
                         R"("},"first_name":{"S":"F"},"last_name":{"S":"x"},"age":{"N":"1"},"account_type":{"S":"t"}})";
              }
              return ok(R"({"Responses":{"users":[)" + items + "]}}");
            }},
            {.retry = {.max_attempts = 1}, .sleep = [](auto) {}}};
  std::vector<primary_key<users_table>> keys;
  for (int i = 0; i < 150; ++i) keys.push_back({"u" + std::to_string(i), "x"});
  auto users = db.table<users_table>("users");
  batch_get_progress<user> got;
  auto s = users.batch_get_into(got, keys);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().aws_code == "ValidationException");
  CHECK(got.items.size() == 100);  // the first call's items are kept
  CHECK(got.unread.size() == 50);
  std::set<std::string> seen;
  for (const auto& u : got.items) seen.insert(u.username);
  for (std::size_t i : got.unread) CHECK(seen.count(keys[i].hash) == 0);  // unread and read are disjoint
  CHECK(seen.size() + got.unread.size() == keys.size());
  // Resume with exactly the unread keys.
  calls = 0;
  std::vector<primary_key<users_table>> rest;
  for (std::size_t i : got.unread) rest.push_back(keys[i]);
  REQUIRE(users.batch_get_into(got, rest).has_value());
  CHECK(got.items.size() == 150);
  CHECK(got.unread.empty());
}

TEST_CASE("batch get: UnprocessedKeys that were not asked for, or twice, are malformed and nothing is taken") {
  const std::string item = R"({"username":{"S":"a"},"first_name":{"S":"F"},"last_name":{"S":"x"},"age":{"N":"1"},"account_type":{"S":"t"}})";
  const std::string answers[] = {
      R"({"Responses":{"users":[)" + item + R"(]},"UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"zz"},"last_name":{"S":"x"}}]}}})",
      R"({"Responses":{"users":[]},"UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"b"},"last_name":{"S":"x"}},)"
      R"({"last_name":{"S":"x"},"username":{"S":"b"}}]}}})",
      R"({"Responses":{"users":[]},"UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"b"}}]}}})",
      R"({"Responses":{"users":5}})",
      R"({"Responses":[],"UnprocessedKeys":{}})",
  };
  for (const auto& answer : answers) {
    CAPTURE(answer);
    client db{fn_transport{[&](auto, auto) -> result<http_response> { return ok(answer); }},
              {.retry = {.max_attempts = 2}, .sleep = [](auto) {}}};
    batch_get_progress<user> got;
    auto s = db.table<users_table>("users").batch_get_into(got, {{"a", "x"}, {"b", "x"}});
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == errc::malformed_response);
    CHECK(got.items.empty());
    CHECK(got.unread.size() == 2);
  }
  // An unprocessed key spelled differently (members in another order) is still the key asked for.
  int calls = 0;
  client db{fn_transport{[&](auto, auto) -> result<http_response> {
              if (++calls == 1)
                return ok(R"({"Responses":{"users":[]},"UnprocessedKeys":{"users":{"Keys":[{"last_name":{"S":"x"},"username":{"S":"a"}}]}}})");
              return ok(R"({"Responses":{"users":[)" + item + "]}}");
            }},
            {.retry = {}, .sleep = [](auto) {}}};
  auto got = db.table<users_table>("users").batch_get({{"a", "x"}});
  REQUIRE(got.has_value());
  CHECK(got->size() == 1);
  CHECK(calls == 2);
}

TEST_CASE("a 200 whose body is damaged is retried like a lost answer and counted") {
  const char* damaged[] = {"", "<html>oops", R"({"Item":{"username":{"S":"a")", "{\"Item\":{}}}", "\xff\xfe", "{\"Item\":[}"};
  for (const char* bad : damaged) {
    CAPTURE(bad);
    int calls = 0;
    client db{fn_transport{[&](auto, auto) -> result<http_response> {
                if (++calls == 1) return http_response{200, {{"x-amzn-RequestId", "r1"}}, bad};
                return ok(R"({"Item":{"username":{"S":"a"},"first_name":{"S":"F"},"last_name":{"S":"x"},"age":{"N":"1"},"account_type":{"S":"t"}}})");
              }},
              {.retry = {}, .sleep = [](auto) {}}};
    auto r = db.table<users_table>("users").get_item({"a", "x"}).send();
    REQUIRE(r.has_value());
    CHECK(calls == 2);
    REQUIRE(r->item.has_value());
    CHECK(r->item->username == "a");
  }
  // Always damaged: the error after max_attempts says so, with the attempts and the request id;
  // a conditional write retried after a damaged 200 may have been applied earlier.
  int calls = 0;
  client db{fn_transport{[&](std::string_view op, auto) -> result<http_response> {
              ++calls;
              if (op == "PutItem" && calls > 1)
                return http_response{400, {}, R"({"__type":"x#ConditionalCheckFailedException","message":"failed"})"};
              return http_response{200, {{"x-amzn-RequestId", "r9"}}, "{\"Item\":"};
            }},
            {.retry = {.max_attempts = 3}, .sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto g = users.get_item({"a", "x"}).send();
  REQUIRE_FALSE(g.has_value());
  CHECK(g.error().attempts == 3);
  CHECK(g.error().http_status == 200);
  CHECK(g.error().request_id == "r9");
  CHECK(g.error().message.find("damaged") != std::string::npos);
  calls = 0;
  auto p = users.put_item(make_user("a", 1)).send();
  REQUIRE_FALSE(p.has_value());
  CHECK(p.error().aws_code == "ConditionalCheckFailedException");
  CHECK(p.error().maybe_applied_earlier);
  CHECK(p.error().attempts == 2);
  // A body of the wrong shape (valid JSON) is the caller's verdict, not retried.
  for (const char* shaped : {R"({"Item":5})", "[1]", R"({"Item":{"username":{"N":"1"}}})"}) {
    CAPTURE(shaped);
    calls = 0;
    client shape{fn_transport{[&](auto, auto) -> result<http_response> {
                   ++calls;
                   return ok(shaped);
                 }},
                 {.retry = {}, .sleep = [](auto) {}}};
    auto s = shape.table<users_table>("users").get_item({"a", "x"}).send();
    REQUIRE_FALSE(s.has_value());
    CHECK(calls == 1);
  }
}

}  // namespace client_batch_progress_test
