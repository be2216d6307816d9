// The client over test transports: retries and backoff, errors, nothing sent for bad input,
// waiters, the batch writer (UnprocessedItems, overwrite_by_pkeys, destructor), batch get, the
// paginator's MaxItems/StartingToken logic and boto3-format tokens.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <functional>
#include <map>
#include <set>
#include <simdjson.h>
#include <string>
#include <vector>

#include "ddbx/client/client.hpp"
#include "ddbx/client/paginator.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using seed::user;
using users_table = table<user, &user::username, &user::last_name>;

namespace {

struct scripted {
  std::function<result<http_response>(std::string_view, std::string_view)> answer;
  std::vector<std::pair<std::string, std::string>>* log;
  result<http_response> operator()(std::string_view op, std::string_view body) {
    log->emplace_back(std::string(op), std::string(body));
    return answer(op, body);
  }
};
static_assert(transport<scripted>);

http_response ok(std::string body) { return {200, {}, std::move(body)}; }
http_response fail(int status, std::string type) {
  return {status, {}, R"({"__type":"com.amazonaws.dynamodb.v20120810#)" + type + R"(","message":"m"})"};
}

struct recorded_sleeps {
  std::vector<std::chrono::milliseconds> sleeps;
  sleep_function fn() {
    return [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
  }
};

user make_user(std::string name, std::string last, int age) { return user{std::move(name), "F", std::move(last), age, "t"}; }

std::string str(simdjson::dom::element e) { return simdjson::minify(e); }

}  // namespace

TEST_CASE("retryable errors are retried with full-jitter backoff; others are not") {
  std::vector<std::pair<std::string, std::string>> log;
  recorded_sleeps rs;
  int calls = 0;
  client db{scripted{[&](auto, auto) -> result<http_response> {
              ++calls;
              if (calls == 1) return fail(400, "ProvisionedThroughputExceededException");
              if (calls == 2) {
                error crc = make_error(errc::crc32_mismatch, "x-amz-crc32 differs");
                crc.retryable = true;
                return crc;
              }
              if (calls == 3) return http_response{503, {}, "busy"};
              return ok("{}");
            }, &log},
            {.retry = {}, .sleep = rs.fn(), .jitter_seed = 7}};
  auto r = db.call("PutItem", "{}");
  REQUIRE(r.has_value());
  CHECK(calls == 4);
  REQUIRE(rs.sleeps.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(rs.sleeps[static_cast<std::size_t>(i)].count() <= 50 * (1 << i));

  calls = 0;
  rs.sleeps.clear();
  client always{scripted{[&](auto, auto) -> result<http_response> { return http_response{500, {}, ""}; }, &log},
                {.retry = {}, .sleep = rs.fn(), .jitter_seed = 1}};
  auto e = always.call("GetItem", "{}");
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().attempts == 10);
  CHECK(rs.sleeps.size() == 9);
  CHECK(e.error().retryable);
  CHECK(e.error().message.find("after 10 attempts") != std::string::npos);
  std::chrono::milliseconds longest{0};
  for (auto s : rs.sleeps) longest = std::max(longest, s);
  CHECK(longest.count() <= 50 * 256);

  rs.sleeps.clear();
  client strict{scripted{[&](auto, auto) -> result<http_response> { return fail(400, "ConditionalCheckFailedException"); }, &log},
                {.retry = {}, .sleep = rs.fn(), .jitter_seed = 1}};
  auto c = strict.call("PutItem", "{}");
  CHECK(c.error().attempts == 1);
  CHECK(rs.sleeps.empty());
  CHECK(c.error().aws_code == "ConditionalCheckFailedException");

  client once{scripted{[&](auto, auto) -> result<http_response> { return http_response{500, {}, ""}; }, &log},
              {.retry = {.max_attempts = 1}, .sleep = rs.fn(), .jitter_seed = 1}};
  auto o = once.call("GetItem", "{}");
  REQUIRE_FALSE(o.has_value());
  CHECK(o.error().attempts == 1);
}

TEST_CASE("bad input is refused with the member named and nothing is sent") {
  std::vector<std::pair<std::string, std::string>> log;
  client db{scripted{[](auto, auto) -> result<http_response> { return ok("{}"); }, &log}};
  auto users = db.table<users_table>("users");
  auto r = users.put_item(make_user("", "Doe", 1)).send();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().path == "username");
  CHECK(users.get_item({"a", ""}).send().error().path == "last_name");
  CHECK(users.scan().limit(0).send().error().path == "Limit");
  CHECK(db.table<users_table>("u").describe().error().path == "TableName");
  CHECK(users.batch_get({{"a", "b"}, {"a", "b"}}).error().path == "[1]");
  auto b = users.batch_writer();
  CHECK(b.put_item(make_user("a", "b", 1)).has_value());
  auto dup = b.delete_item({"a", "b"});
  REQUIRE_FALSE(dup.has_value());
  CHECK(dup.error().message.find("overwrite_by_pkeys") != std::string::npos);
  b.clear();
  CHECK(log.empty());
}

TEST_CASE("waiters poll DescribeTable") {
  std::vector<std::pair<std::string, std::string>> log;
  recorded_sleeps rs;
  int n = 0;
  client db{scripted{[&](auto, auto) -> result<http_response> {
              ++n;
              if (n == 1) return fail(400, "ResourceNotFoundException");
              if (n == 2) return ok(R"({"Table":{"TableName":"users","TableStatus":"CREATING"}})");
              return ok(R"({"Table":{"TableName":"users","TableStatus":"ACTIVE"}})");
            }, &log},
            {.retry = {}, .sleep = rs.fn()}};
  auto users = db.table<users_table>("users");
  REQUIRE(users.wait_until_exists({.delay = std::chrono::milliseconds(5), .max_attempts = 5}).has_value());
  CHECK(n == 3);
  CHECK(rs.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(5), std::chrono::milliseconds(5)});
  auto t = users.wait_until_not_exists({.delay = std::chrono::milliseconds(1), .max_attempts = 3});
  REQUIRE_FALSE(t.has_value());
  CHECK(t.error().code == errc::waiter_timed_out);
  CHECK(t.error().path == "users");
  n = 0;
  REQUIRE(users.wait_until_not_exists({.delay = std::chrono::milliseconds(1), .max_attempts = 3}).has_value());
}

// An in-memory BatchWriteItem server that withholds the second half of every batch (as
// UnprocessedItems) the first time it sees a request, so each key must arrive exactly once.
struct withholding_server {
  std::map<std::string, int> writes;  // key → times written
  std::set<std::string> withheld_once;
  int batches = 0;
  result<http_response> operator()(std::string_view op, std::string_view body) {
    REQUIRE(op == "BatchWriteItem");
    ++batches;
    simdjson::dom::parser p;
    simdjson::dom::element doc = p.parse(std::string(body));
    simdjson::dom::array reqs = doc["RequestItems"]["users"];
    std::size_t size = reqs.size(), i = 0;
    std::string unprocessed;
    std::set<std::string> keys_in_batch;
    for (auto r : reqs) {
      simdjson::dom::element key;
      bool put = !r["PutRequest"]["Item"].get(key);
      if (!put) key = r["DeleteRequest"]["Key"];
      std::string k = str(key["username"]) + str(key["last_name"]);
      REQUIRE(keys_in_batch.insert(k).second);  // never a key twice in one call
      if (i++ >= size / 2 && withheld_once.insert(str(r)).second) {
        unprocessed += (unprocessed.empty() ? "" : ",") + str(r);
        continue;
      }
      if (put) ++writes[k];
      else writes[k] += 100;
    }
    return ok(R"({"UnprocessedItems":{)" + (unprocessed.empty() ? std::string() : R"("users":[)" + unprocessed + "]") + "}}");
  }
};

TEST_CASE("batch writer: 25 per call, UnprocessedItems re-sent with backoff, every item exactly once") {
  std::vector<std::pair<std::string, std::string>> log;
  withholding_server server;
  recorded_sleeps rs;
  client db{scripted{std::ref(server), &log}, {.retry = {}, .sleep = rs.fn()}};
  auto users = db.table<users_table>("users");
  {
    auto batch = users.batch_writer({.overwrite_by_pkeys = true});
    for (int i = 0; i < 60; ++i) REQUIRE(batch.put_item(make_user("u" + std::to_string(i), "x", i)).has_value());
    // a later request for a buffered key replaces it
    REQUIRE(batch.put_item(make_user("u59", "x", 1000)).has_value());
    REQUIRE(batch.delete_item({"u58", "x"}).has_value());
  }  // flushed here
  for (const auto& [op, body] : log) {
    simdjson::dom::parser p;
    CHECK(simdjson::dom::array(p.parse(body)["RequestItems"]["users"]).size() <= 25);
  }
  CHECK(server.writes.size() == 60);
  for (const auto& entry : server.writes) {
    const std::string& k = entry.first;
    CHECK_MESSAGE(entry.second == (k.find("u58") != std::string::npos ? 100 : 1), k);
  }
  CHECK_FALSE(rs.sleeps.empty());  // unprocessed rounds waited
  // u59's put carried age 1000 (the last request won)
  bool saw_1000 = false;
  for (const auto& [op, body] : log) saw_1000 = saw_1000 || body.find(R"("age":{"N":"1000"})") != std::string::npos;
  CHECK(saw_1000);
}

TEST_CASE("batch writer: failures are returned, nothing is dropped, the destructor reports") {
  std::vector<std::pair<std::string, std::string>> log;
  bool fail_now = true;
  client db{scripted{[&](auto, auto) -> result<http_response> {
              if (fail_now) return fail(400, "ValidationException");
              return ok("{}");
            }, &log},
            {.retry = {}, .sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  std::vector<error> reported;
  {
    auto batch = users.batch_writer({.on_error = [&](const error& e) { reported.push_back(e); }});
    REQUIRE(batch.put_item(make_user("a", "b", 1)).has_value());
    auto s = batch.flush();
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().aws_code == "ValidationException");
    CHECK(batch.pending() == 1);
    fail_now = false;
    REQUIRE(batch.flush().has_value());
    CHECK(batch.pending() == 0);
    CHECK(batch.written() == 1);
    REQUIRE(batch.put_item(make_user("c", "d", 1)).has_value());
    fail_now = true;
  }
  REQUIRE(reported.size() == 1);
  CHECK(reported[0].aws_code == "ValidationException");

  // a service that never processes anything: the writer gives up after the policy's rounds, keeping the items
  client stuck{scripted{[&](auto, std::string_view body) -> result<http_response> {
                 simdjson::dom::parser p;
                 simdjson::dom::element doc = p.parse(std::string(body));
                 return ok(R"({"UnprocessedItems":)" + str(doc["RequestItems"]) + "}");
               }, &log},
               {.retry = {.max_attempts = 3}, .sleep = [](auto) {}}};
  auto b2 = stuck.table<users_table>("users").batch_writer({.on_error = [](const error&) {}});
  REQUIRE(b2.put_item(make_user("a", "b", 1)).has_value());
  auto s = b2.flush();
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().message.find("3 rounds") != std::string::npos);
  CHECK(b2.pending() == 1);
  b2.clear();
}

// Runs f with stderr sent to a temporary file, and returns what it wrote there.
template <class F>
std::string captured_stderr(F f) {
  std::fflush(stderr);
  std::FILE* tmp = std::tmpfile();
  REQUIRE(tmp != nullptr);
  const int saved = dup(2);
  dup2(fileno(tmp), 2);
  f();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::string text;
  std::rewind(tmp);
  for (int c; (c = std::fgetc(tmp)) != EOF;) text += static_cast<char>(c);
  std::fclose(tmp);
  return text;
}

TEST_CASE("batch writers without on_error report a failed flush at destruction on stderr, the table name escaped") {
  client db{scripted{[](auto, auto) -> result<http_response> { return fail(400, "ValidationException"); }},
            {.retry = {}, .sleep = [](auto) {}}};
  const std::string text = captured_stderr([&] {
    auto batch = db.table<users_table>("users\x1b[2Jgone").batch_writer();
    REQUIRE(batch.put_item(make_user("a", "b", 1)).has_value());
  });
  CHECK(text.find("ddbx: batch_writer for users\\x1b[2Jgone could not flush 1 requests at destruction") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  const std::string item_text = captured_stderr([&] {
    auto batch = db.item_table("items\nsecond line", {"username", "last_name"}).batch_writer();
    REQUIRE(batch.put_item(item{{"username", "a"}, {"last_name", "b"}}).has_value());
  });
  CHECK(item_text.find("ddbx: batch_writer for items\\nsecond line could not flush 1 requests at destruction") != std::string::npos);
  CHECK(std::count(item_text.begin(), item_text.end(), '\n') == 1);
  // Nothing buffered: nothing to report.
  CHECK(captured_stderr([&] { auto batch = db.table<users_table>("users").batch_writer(); }).empty());
}

TEST_CASE("batch get: 100 keys per call, UnprocessedKeys read again") {
  std::vector<std::pair<std::string, std::string>> log;
  std::set<std::string> withheld;
  int calls = 0;
  client db{scripted{[&](auto, std::string_view body) -> result<http_response> {
              ++calls;
              simdjson::dom::parser p;
              simdjson::dom::element doc = p.parse(std::string(body));
              simdjson::dom::array keys = doc["RequestItems"]["users"]["Keys"];
              REQUIRE(keys.size() <= 100);
              std::string items, left;
              for (auto k : keys) {
                std::string ks = str(k);
                if (withheld.insert(ks).second && ks.find("\"u1") != std::string::npos) {
                  left += (left.empty() ? "" : ",") + ks;
                  continue;
                }
                std::string_view name_view = k["username"]["S"];
                std::string name(name_view);
                items += (items.empty() ? "" : ",") + std::string(R"({"username":{"S":")") + name +
                         R"("},"first_name":{"S":"F"},"last_name":{"S":"x"},"age":{"N":"1"},"account_type":{"S":"t"}})";
              }
              return ok(R"({"Responses":{"users":[)" + items + R"(]},"UnprocessedKeys":{)" +
                        (left.empty() ? std::string() : R"("users":{"Keys":[)" + left + "]}") + "}}");
            }, &log},
            {.retry = {}, .sleep = [](auto) {}}};
  std::vector<primary_key<users_table>> keys;
  for (int i = 0; i < 250; ++i) keys.push_back({"u" + std::to_string(i), "x"});
  auto got = db.table<users_table>("users").batch_get(keys);
  REQUIRE(got.has_value());
  std::set<std::string> names;
  for (auto& u : *got) CHECK(names.insert(u.username).second);
  CHECK(names.size() == 250);
  CHECK(calls >= 4);
}

TEST_CASE("pagination tokens are boto3's format") {
  auto json_of = [](const std::string& token) {
    std::vector<std::byte> raw;
    REQUIRE(base64_decode(token, raw));
    return std::string(reinterpret_cast<const char*>(raw.data()), raw.size());
  };
  pagination_token t{item{{"username", value("johndoe")}, {"last_name", value("Doe")}}, 0};
  CHECK(json_of(encode_pagination_token(t).value()) ==
        R"({"ExclusiveStartKey": {"last_name": {"S": "Doe"}, "username": {"S": "johndoe"}}})");
  t.truncate_amount = 2;
  CHECK(json_of(encode_pagination_token(t).value()) ==
        R"({"ExclusiveStartKey": {"last_name": {"S": "Doe"}, "username": {"S": "johndoe"}}, "boto_truncate_amount": 2})");
  CHECK(json_of(encode_pagination_token({std::nullopt, 3}).value()) == R"({"ExclusiveStartKey": null, "boto_truncate_amount": 3})");
  pagination_token odd{item{{"k\"\xc3\xa9", value("\xf0\x9f\x98\x80\n\x01/")}, {"n", value(number::parse("-1.5E3").value())},
                            {"b", value(binary::from(std::string_view("\x00\xff", 2)))}},
                       0};
  CHECK(json_of(encode_pagination_token(odd).value()) ==
        R"({"ExclusiveStartKey": {"b": {"B": "AP8="}, "k\"\u00e9": {"S": "\ud83d\ude00\n\u0001/"}, "n": {"N": "-1500"}}, )"
        R"("boto_encoded_keys": [["ExclusiveStartKey", "b", "B"]]})");
  for (const auto& tok : {t, odd, pagination_token{std::nullopt, 3}}) CHECK(decode_pagination_token(encode_pagination_token(tok).value()).value() == tok);
  CHECK(decode_pagination_token("not base64!").error().code == errc::invalid_token);
  CHECK(decode_pagination_token("e30=").value() == pagination_token{});  // "{}"
  CHECK(encode_pagination_token({item{{"l", value(value::list{})}}, 0}).error().code == errc::invalid_token);
}

TEST_CASE("pagination tokens: what does not decode is invalid_token, never a crash") {
  auto token_of = [](std::string_view json) {
    std::string t;
    base64_encode(t, reinterpret_cast<const std::byte*>(json.data()), json.size());
    return t;
  };
  auto refused = [&](std::string_view json) {
    auto r = decode_pagination_token(token_of(json));
    REQUIRE_MESSAGE(!r.has_value(), std::string(json.substr(0, 80)));
    CHECK(r.error().code == errc::invalid_token);
    CHECK(r.error().path == "StartingToken");
    return r.error().message;
  };
  CHECK(decode_pagination_token("").error().message == "empty");
  for (const char* bad : {"e30", "e30=\n", " e30=", "e30=e30=", "e3-="}) CHECK(decode_pagination_token(bad).error().code == errc::invalid_token);
  refused("not json");
  refused("[]");
  refused("null");
  refused(std::string_view("{}\0", 3));
  refused(std::string(100000, '['));
  refused(R"({"ExclusiveStartKey": )" + std::string(100000, '['));
  refused(R"({"ExclusiveStartKey": [1]})");
  refused(R"({"ExclusiveStartKey": {"a": {"S": 1}}})");
  // Only key attributes (S, N, B), as encode_pagination_token writes; nested values included.
  CHECK(refused(R"({"ExclusiveStartKey": {"a": {"L": []}}})").find("not a key attribute") != std::string::npos);
  CHECK(refused(R"({"ExclusiveStartKey": {"a": {"BOOL": true}}})").find("not a key attribute") != std::string::npos);
  std::string deep = R"({"ExclusiveStartKey": {"a": )";
  for (int i = 0; i < 500; ++i) deep += R"({"L": [)";
  deep += R"({"S": "x"})";
  for (int i = 0; i < 500; ++i) deep += "]}";
  refused(deep + "}}");
  for (const char* amount : {"-1", "1.5", "1e300", "\"3\"", "true", "null", "9223372036854775808", "18446744073709551615"})
    CHECK(refused(std::string(R"({"boto_truncate_amount": )") + amount + "}").find("boto_truncate_amount") != std::string::npos);
  refused(R"({"boto_truncate_amount": 184467440737095516160})");  // beyond 64 bits: simdjson refuses the JSON
  if constexpr (sizeof(std::size_t) == 8)
    CHECK(decode_pagination_token(token_of(R"({"boto_truncate_amount": 9223372036854775807})"))->truncate_amount == 9223372036854775807u);
  auto k = decode_pagination_token(token_of(R"({"ExclusiveStartKey": {"b": {"B": "AP8="}, "n": {"N": "1"}}, "boto_truncate_amount": 0})"));
  REQUIRE(k.has_value());
  CHECK(k->exclusive_start_key->at("n") == value(number::parse("1").value()));
}

// A Query server over n items with keys ("p", "k00".."k<n>"), honouring Limit and ExclusiveStartKey.
struct paged_server {
  int n = 7;
  result<http_response> operator()(std::string_view, std::string_view body) {
    simdjson::dom::parser p;
    simdjson::dom::element doc = p.parse(std::string(body));
    std::int64_t limit = 1000;
    if (doc["Limit"].get(limit)) limit = 1000;
    int start = 0;
    std::string_view sk;
    if (!doc["ExclusiveStartKey"]["last_name"]["S"].get(sk)) start = std::stoi(std::string(sk.substr(1))) + 1;
    std::string items;
    int i = start;
    for (; i < n && i - start < limit; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "k%02d", i);
      items += std::string(items.empty() ? "" : ",") + R"({"username":{"S":"p"},"first_name":{"S":"F"},"last_name":{"S":")" +
               name + R"("},"age":{"N":")" + std::to_string(i) + R"("},"account_type":{"S":"t"}})";
    }
    std::string out = R"({"Items":[)" + items + R"(],"Count":)" + std::to_string(i - start) + ",\"ScannedCount\":" + std::to_string(i - start);
    if (i < n) {
      char name[16];
      std::snprintf(name, sizeof name, "k%02d", i - 1);
      out += std::string(R"(,"LastEvaluatedKey":{"username":{"S":"p"},"last_name":{"S":")") + name + "\"}}";
    }
    return ok(out + "}");
  }
};

TEST_CASE("paginator: PageSize, MaxItems cutting a page, StartingToken resuming mid-page") {
  std::vector<std::pair<std::string, std::string>> log;
  client db{scripted{paged_server{}, &log}};
  auto users = db.table<users_table>("users");
  auto q = [&] { return users.query(key<&user::username> == "p"); };
  auto ages = [](const std::vector<user>& v) {
    std::vector<int> a;
    for (auto& u : v) a.push_back(u.age);
    return a;
  };
  auto all = paginate(q(), {.page_size = 3}).build_full_result().value();
  CHECK(ages(all.items) == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
  CHECK(all.count == 7);
  CHECK_FALSE(all.next_token);

  // MaxItems 4 with pages of 3: the second page is cut after 1 item
  auto first = paginate(q(), {.max_items = 4, .page_size = 3}).build_full_result().value();
  CHECK(ages(first.items) == std::vector<int>{0, 1, 2, 3});
  REQUIRE(first.next_token);
  auto pos = decode_pagination_token(*first.next_token).value();
  CHECK(pos.truncate_amount == 1);
  CHECK(pos.exclusive_start_key->at("last_name") == value("k02"));
  // resuming skips what the cut page already returned, and a second cut adds the first skip
  auto second = paginate(q(), {.max_items = 1, .page_size = 3, .starting_token = first.next_token}).build_full_result().value();
  CHECK(ages(second.items) == std::vector<int>{4});
  CHECK(decode_pagination_token(*second.next_token).value().truncate_amount == 2);
  auto rest = paginate(q(), {.page_size = 3, .starting_token = second.next_token}).build_full_result().value();
  CHECK(ages(rest.items) == std::vector<int>{5, 6});
  CHECK_FALSE(rest.next_token);

  // on a page boundary the token is the LastEvaluatedKey alone
  auto boundary = paginate(q(), {.max_items = 3, .page_size = 3}).build_full_result().value();
  auto b = decode_pagination_token(*boundary.next_token).value();
  CHECK(b.truncate_amount == 0);
  CHECK(b.exclusive_start_key->at("last_name") == value("k02"));
  // MaxItems equal to everything there is: no token
  CHECK_FALSE(paginate(q(), {.max_items = 7, .page_size = 7}).build_full_result().value().next_token);

  auto broken = paginate(q(), {.starting_token = "%%%"});
  CHECK(broken.next().error().code == errc::invalid_token);
}

#include <atomic>
#include <thread>
#include <type_traits>

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace client_client_test {

TEST_CASE("an error says how many attempts were made, the request id, and whether an earlier one may have been applied") {
  std::vector<std::pair<std::string, std::string>> log;
  auto conditional = [] {
    http_response r = fail(400, "ConditionalCheckFailedException");
    r.headers.emplace_back("x-amzn-RequestId", "ABC123");
    return r;
  };
  auto after = [&](std::function<result<http_response>()> first) {
    int calls = 0;
    client db{scripted{[&](auto, auto) -> result<http_response> { return ++calls == 1 ? first() : conditional(); }, &log},
              {.retry = {.base = std::chrono::milliseconds(0)}, .sleep = [](auto) {}}};
    auto r = db.call("UpdateItem", "{}");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().aws_code == "ConditionalCheckFailedException");
    CHECK(r.error().request_id == "ABC123");
    CHECK(r.error().attempts == 2);
    return r.error().maybe_applied_earlier;
  };
  // no answer, a 5xx or a damaged body: the first attempt may have written the item
  CHECK(after([]() -> result<http_response> {
    error reset = make_error(errc::transport_failed, "connection reset");
    reset.retryable = true;
    return reset;
  }));
  CHECK(after([]() -> result<http_response> { return http_response{500, {}, ""}; }));
  CHECK(after([]() -> result<http_response> {
    error crc = make_error(errc::crc32_mismatch, "x-amz-crc32 differs");
    crc.retryable = true;
    return crc;
  }));
  // throttled: the first attempt was refused, so the failed condition is someone else's write
  CHECK_FALSE(after([]() -> result<http_response> { return fail(400, "ProvisionedThroughputExceededException"); }));

  client once{scripted{[&](auto, auto) -> result<http_response> { return conditional(); }, &log}};
  auto c = once.call("PutItem", "{}");
  CHECK(c.error().attempts == 1);
  CHECK_FALSE(c.error().maybe_applied_earlier);
  auto refused = once.table<users_table>("users").put_item(make_user("", "Doe", 1)).send();
  CHECK(refused.error().attempts == 0);  // nothing was sent
}

TEST_CASE("a client moves; table handles made before the move send through the moved-to client") {
  static_assert(std::is_nothrow_move_constructible_v<client<scripted>> && std::is_nothrow_move_assignable_v<client<scripted>>);
  std::vector<std::pair<std::string, std::string>> log;
  auto answer = [](auto, auto) -> result<http_response> { return ok("{}"); };
  client first{scripted{answer, &log}};
  auto users = first.table<users_table>("users");
  client moved = std::move(first);
  REQUIRE(users.put_item(make_user("a", "b", 1)).send().has_value());
  const scripted* state = &moved.transport();
  std::vector<client<scripted>> many;
  many.push_back(std::move(moved));
  many.emplace_back(scripted{answer, &log});  // reallocates: the states stay where they are
  CHECK(&many[0].transport() == state);
  REQUIRE(users.delete_item({"a", "b"}).send().has_value());
  CHECK(log.size() == 2);
}

TEST_CASE("one client shared by threads: each error counts its own attempts") {
  std::atomic<int> sent{0};
  auto busy = [&](std::string_view, std::string_view) -> result<http_response> {
    ++sent;
    return http_response{503, {}, ""};
  };
  client db{busy, {.retry = {.max_attempts = 3, .base = std::chrono::milliseconds(1)}, .sleep = [](auto) {}}};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto r = db.call("GetItem", "{}");
        if (r || r.error().attempts != 3 || r.error().maybe_applied_earlier != true) ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
  CHECK(sent == 8 * 200 * 3);
}

}  // namespace client_client_test
