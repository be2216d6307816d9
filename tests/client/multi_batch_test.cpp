// Batches over several tables, over test transports: the writer sends each item to its table, 25
// requests per call whatever their tables, re-sends UnprocessedItems of every table until done or
// gives up saying what was not written; the batch get reads 100 keys per call over all tables,
// re-reads UnprocessedKeys of every table, decodes per table and keeps what it read on an error.
#include <doctest/doctest.h>

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
namespace client_multi_batch_test {

using namespace ddbx;
using seed::user;

namespace {
struct order {
  std::string customer, id;
  long total = 0;
};
struct order_total {
  std::string id;
  long total = 0;
};
using users_table = table<user, &user::username, &user::last_name>;
using orders_table = table<order, &order::customer, &order::id>;

struct fn_transport {
  std::function<result<http_response>(std::string_view, std::string_view)> answer;
  result<http_response> operator()(std::string_view op, std::string_view body) { return answer(op, body); }
};

http_response ok(std::string body) { return {200, {}, std::move(body)}; }
user make_user(std::string name, int age) { return user{std::move(name), "F", "x", age, "t"}; }

// The requests of a BatchWriteItem body per table, minified.
std::map<std::string, std::vector<std::string>> requests_of(std::string_view body) {
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(std::string(body));
  std::map<std::string, std::vector<std::string>> out;
  for (auto [table, reqs] : simdjson::dom::object(doc["RequestItems"]))
    for (auto r : simdjson::dom::array(reqs)) out[std::string(table)].push_back(simdjson::minify(r));
  return out;
}
std::string unprocessed_answer(const std::map<std::string, std::vector<std::string>>& left) {
  std::string tables;
  for (const auto& [table, reqs] : left) {
    if (reqs.empty()) continue;
    std::string list;
    for (const auto& r : reqs) list += (list.empty() ? "" : ",") + r;
    tables += (tables.empty() ? "" : ",") + ("\"" + table + "\":[" + list + "]");
  }
  return R"({"UnprocessedItems":{)" + tables + "}}";
}
std::size_t count(const std::map<std::string, std::vector<std::string>>& m) {
  std::size_t n = 0;
  for (const auto& [t, v] : m) n += v.size();
  return n;
}
}  // namespace

TEST_CASE("multi-table writer: 25 per call over both tables, partial UnprocessedItems of both re-sent until all are written") {
  std::map<std::string, std::multiset<std::string>> written;
  int calls = 0;
  std::vector<std::chrono::milliseconds> sleeps;
  client db{fn_transport{[&](std::string_view op, std::string_view body) -> result<http_response> {
              CHECK(op == "BatchWriteItem");
              ++calls;
              auto reqs = requests_of(body);
              CHECK(count(reqs) <= 25);
              // Each table writes its first request and hands the rest back.
              for (auto& [table, list] : reqs) {
                written[table].insert(list.front());
                list.erase(list.begin());
              }
              return ok(unprocessed_answer(reqs));
            }},
            {.retry = {.max_attempts = 3}, .sleep = [&](auto d) { sleeps.push_back(d); }}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");
  auto batch = db.batch_writer(users, orders);
  for (int i = 0; i < 20; ++i) REQUIRE(batch.put_item(make_user("u" + std::to_string(i), i)).has_value());
  for (int i = 0; i < 15; ++i) REQUIRE(batch.put_item(order{"ann", "o" + std::to_string(i), i}).has_value());
  REQUIRE(batch.delete_item<orders_table>({"bob", "o-1"}).has_value());
  REQUIRE(batch.delete_item(orders, {"bob", "o-2"}).has_value());
  CHECK(batch.pending() <= 25);  // the first 25 went out when the buffer filled
  REQUIRE(batch.flush().has_value());
  CHECK(batch.pending() == 0);
  CHECK(batch.written() == 37);
  CHECK(written["users"].size() == 20);
  CHECK(written["orders"].size() == 17);
  std::set<std::string> distinct;
  for (const auto& [t, w] : written) distinct.insert(w.begin(), w.end());
  CHECK(distinct.size() == 37);  // each request written once
  for (auto d : sleeps) CHECK(d.count() <= 50);  // every round made progress
  CHECK(calls > 2);
}

TEST_CASE("multi-table writer: rounds that write nothing give up, saying which requests of which table were not written") {
  int calls = 0;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              ++calls;
              return ok(unprocessed_answer(requests_of(body)));
            }},
            {.retry = {.max_attempts = 4}, .sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");
  auto batch = db.batch_writer({.on_error = [](const error&) {}}, users, orders);
  REQUIRE(batch.put_item(make_user("a", 1)).has_value());
  REQUIRE(batch.put_item(order{"ann", "o-1", 1}).has_value());
  REQUIRE(batch.delete_item(orders, {"ann", "o-2"}).has_value());
  auto s = batch.flush();
  REQUIRE_FALSE(s.has_value());
  CHECK(calls == 4);
  CHECK(s.error().code == errc::service_error);
  CHECK(s.error().message.find("4 rounds in a row that wrote nothing; 3 requests stay buffered") != std::string::npos);
  CHECK(s.error().message.find(R"(users: 1 ({"S":"a"},{"S":"x"}))") != std::string::npos);
  CHECK(s.error().message.find(R"(orders: 2 ({"S":"ann"},{"S":"o-1"}; {"S":"ann"},{"S":"o-2"}))") != std::string::npos);
  CHECK(batch.pending() == 3);
  CHECK(batch.pending(0) == 1);
  CHECK(batch.pending(1) == 2);
  CHECK(batch.written() == 0);
  batch.clear();
}

TEST_CASE("multi-table writer: a malformed answer is an error that keeps every request") {
  const char* answers[] = {
      R"({"UnprocessedItems":{"accounts":[]}})",  // a table not in the batch
      // a key of the other table: users sent "a"/"x", orders did not
      R"({"UnprocessedItems":{"orders":[{"DeleteRequest":{"Key":{"customer":{"S":"a"},"id":{"S":"x"}}}}]}})",
      (R"({"UnprocessedItems":{"orders":[{"DeleteRequest":{"Key":{"customer":{"S":"ann"},"id":{"S":"o-1"}}}},)"
       R"({"DeleteRequest":{"Key":{"customer":{"S":"ann"},"id":{"S":"o-1"}}}}]}})"),  // twice
      R"({"UnprocessedItems":{"users":[{"PutRequest":{"Item":{"customer":{"S":"ann"},"id":{"S":"o-1"}}}}]}})",  // orders' keys under users
  };
  for (const char* answer : answers) {
    CAPTURE(answer);
    client db{fn_transport{[&](auto, auto) -> result<http_response> { return ok(answer); }},
              {.retry = {.max_attempts = 2}, .sleep = [](auto) {}}};
    auto batch = db.batch_writer({.on_error = [](const error&) {}}, db.table<users_table>("users"), db.table<orders_table>("orders"));
    REQUIRE(batch.put_item(make_user("a", 1)).has_value());
    REQUIRE(batch.put_item(order{"ann", "o-1", 1}).has_value());
    auto s = batch.flush();
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == errc::malformed_response);
    CHECK(s.error().path.rfind("UnprocessedItems", 0) == 0);
    CHECK(batch.pending() == 2);
    CHECK(batch.written() == 0);
    batch.clear();
  }
}

TEST_CASE("multi-table writer: unprocessed requests are re-sent as sent; duplicates are per table") {
  int calls = 0;
  std::map<std::string, std::vector<std::string>> second;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              if (++calls == 1)
                return ok(R"({"UnprocessedItems":{"orders":[{"PutRequest":{"Item":{"customer":{"S":"ann"},"id":{"S":"o-1"},"total":{"N":"99"}}}}]}})");
              second = requests_of(body);
              return ok("{}");
            }},
            {.retry = {}, .sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");
  auto batch = db.batch_writer(users, orders);
  REQUIRE(batch.put_item(order{"ann", "o-1", 1}).has_value());
  REQUIRE(batch.put_item(make_user("ann", 1)).has_value());
  // The same request again is a retry; a different one for a buffered key is refused, naming the table.
  REQUIRE(batch.put_item(order{"ann", "o-1", 1}).has_value());
  auto other = batch.put_item(order{"ann", "o-1", 2});
  REQUIRE_FALSE(other.has_value());
  CHECK(other.error().path == "orders");
  CHECK(batch.pending() == 2);
  REQUIRE(batch.flush().has_value());
  REQUIRE(second["orders"].size() == 1);
  CHECK(second["orders"][0].find(R"("total":{"N":"1"})") != std::string::npos);
  CHECK(batch.written() == 2);

  // overwrite_by_pkeys: the last request for a key of a table wins.
  auto last = db.batch_writer({.overwrite_by_pkeys = true}, users, orders);
  REQUIRE(last.put_item(order{"ann", "o-1", 1}).has_value());
  REQUIRE(last.put_item(order{"ann", "o-1", 2}).has_value());
  REQUIRE(last.delete_item<users_table>({"ann", "x"}).has_value());
  CHECK(last.pending() == 2);
  calls = 1;
  REQUIRE(last.close().has_value());
  CHECK(second["orders"][0].find(R"("total":{"N":"2"})") != std::string::npos);
}

TEST_CASE("multi-table writer: tables sharing a descriptor are named by handle; bad names refuse every request") {
  std::vector<std::string> bodies;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              bodies.emplace_back(body);
              return ok(R"({"ConsumedCapacity":[{"TableName":"users_eu","CapacityUnits":1}]})");
            }},
            {.retry = {}, .sleep = [](auto) {}}};
  auto eu = db.table<users_table>("users_eu");
  auto us = db.table<users_table>("users_us");
  auto batch = db.batch_writer(eu, us);
  batch.return_consumed_capacity(return_consumed_capacity::total);
  REQUIRE(batch.put_item(us, make_user("a", 1)).has_value());
  REQUIRE(batch.put_item(eu, make_user("a", 1)).has_value());  // the same key in another table
  REQUIRE(batch.delete_item(us, {"b", "x"}).has_value());
  auto elsewhere = batch.put_item(db.table<users_table>("users_ca"), make_user("c", 1));
  REQUIRE_FALSE(elsewhere.has_value());
  CHECK(elsewhere.error().message == "the table 'users_ca' is not one of this batch's tables (users_eu, users_us)");
  REQUIRE(batch.flush().has_value());
  REQUIRE(bodies.size() == 1);
  auto reqs = requests_of(bodies[0]);
  CHECK(reqs["users_eu"].size() == 1);
  CHECK(reqs["users_us"].size() == 2);
  CHECK(bodies[0].find(R"("ReturnConsumedCapacity":"TOTAL")") != std::string::npos);
  CHECK(batch.consumed_capacity().size() == 1);

  // Two descriptors of one item type: put_item<Table> says which.
  using by_name_table = table<user, &user::username>;
  auto by_name = db.table<by_name_table>("users_by_name");
  auto pair = db.batch_writer(eu, by_name);
  REQUIRE(pair.put_item<by_name_table>(make_user("a", 1)).has_value());
  REQUIRE(pair.put_item<users_table>(make_user("a", 1)).has_value());
  REQUIRE(pair.delete_item<by_name_table>({"b"}).has_value());
  CHECK(pair.pending(0) == 1);
  CHECK(pair.pending(1) == 2);
  REQUIRE(pair.close().has_value());
  REQUIRE(bodies.size() == 2);
  CHECK(requests_of(bodies[1])["users_by_name"].size() == 2);

  auto twice = db.batch_writer(eu, eu);
  auto refused = twice.put_item(eu, make_user("a", 1));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message.find("'users_eu' is given twice") != std::string::npos);
  CHECK(twice.pending() == 0);
  CHECK(bodies.size() == 2);
}

namespace {
std::string user_item(std::string_view name) {
  return R"({"username":{"S":")" + std::string(name) + R"("},"first_name":{"S":"F"},"last_name":{"S":"x"},"age":{"N":"1"},"account_type":{"S":"t"}})";
}
std::string order_item(std::string_view customer, std::string_view id) {
  return R"({"customer":{"S":")" + std::string(customer) + R"("},"id":{"S":")" + std::string(id) + R"("},"total":{"N":"7"}})";
}
// Answers a multi-table BatchGetItem: every key read, except the first `hold` of each table (but
// never all of them), handed back in UnprocessedKeys.
std::string answer_get(std::string_view body, std::size_t hold) {
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(std::string(body));
  std::string responses, unprocessed;
  for (auto [table, ka] : simdjson::dom::object(doc["RequestItems"])) {
    std::string items, held;
    std::size_t i = 0;
    const std::size_t n = simdjson::dom::array(ka["Keys"]).size();
    for (auto k : simdjson::dom::array(ka["Keys"])) {
      if (i++ < std::min(hold, n - 1)) {
        held += (held.empty() ? "" : ",") + std::string(simdjson::minify(k));
        continue;
      }
      std::string item = table == "users" ? user_item(std::string_view(k["username"]["S"]))
                                          : order_item(std::string_view(k["customer"]["S"]), std::string_view(k["id"]["S"]));
      items += (items.empty() ? "" : ",") + item;
    }
    responses += (responses.empty() ? "" : ",") + ("\"" + std::string(table) + "\":[" + items + "]");
    if (!held.empty()) unprocessed += (unprocessed.empty() ? "" : ",") + ("\"" + std::string(table) + "\":{\"Keys\":[" + held + "]}");
  }
  return R"({"Responses":{)" + responses + R"(},"UnprocessedKeys":{)" + unprocessed + "}}";
}
}  // namespace

TEST_CASE("multi-table batch get: 100 keys per call over both tables, UnprocessedKeys of both re-read, typed per table") {
  int calls = 0;
  bool orders_consistent = true;
  std::vector<std::chrono::milliseconds> sleeps;
  client db{fn_transport{[&](std::string_view op, std::string_view body) -> result<http_response> {
              CHECK(op == "BatchGetItem");
              ++calls;
              simdjson::dom::parser p;
              simdjson::dom::element doc = p.parse(std::string(body));
              std::size_t keys = 0;
              for (auto [table, ka] : simdjson::dom::object(doc["RequestItems"])) {
                keys += simdjson::dom::array(ka["Keys"]).size();
                bool consistent = false;
                if (ka["ConsistentRead"].get(consistent)) consistent = false;  // absent
                CHECK(consistent == (orders_consistent && table == "orders"));
              }
              CHECK(keys <= 100);
              return ok(answer_get(body, 2));
            }},
            {.retry = {.max_attempts = 3}, .sleep = [&](auto d) { sleeps.push_back(d); }}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");
  std::vector<primary_key<users_table>> user_keys;
  std::vector<primary_key<orders_table>> order_keys;
  for (int i = 0; i < 120; ++i) user_keys.push_back({"u" + std::to_string(i), "x"});
  for (int i = 0; i < 30; ++i) order_keys.push_back({"ann", "o" + std::to_string(i)});
  auto got = db.batch_get()
                 .get(users, user_keys)
                 .get(orders, order_keys, {.consistent_read = true})
                 .return_consumed_capacity(return_consumed_capacity::total)
                 .send();
  REQUIRE(got.has_value());
  auto& [found_users, found_orders] = got->items;
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(found_orders)>, std::vector<order>>);
  CHECK(found_users.size() == 120);
  CHECK(found_orders.size() == 30);
  std::set<std::string> names;
  for (const auto& u : found_users) names.insert(u.username);
  CHECK(names.size() == 120);
  std::set<std::string> ids;
  for (const auto& o : found_orders) ids.insert(o.id);
  CHECK(ids.size() == 30);
  CHECK(calls >= 2);
  for (auto d : sleeps) CHECK(d.count() <= 50);

  // A projection decodes that table into a smaller struct.
  orders_consistent = false;
  auto totals = db.batch_get().get<order_total>(orders, {{"ann", "o1"}}, project<&order::id, &order::total>).send();
  REQUIRE(totals.has_value());
  static_assert(std::is_same_v<decltype(std::get<0>(totals->items)), std::vector<order_total>&>);
}

TEST_CASE("multi-table batch get: an error keeps the items read and, per get, the keys not read") {
  int calls = 0;
  client db{fn_transport{[&](auto, std::string_view body) -> result<http_response> {
              if (++calls > 1) return http_response{400, {}, R"({"__type":"x#ValidationException","message":"no"})"};
              return ok(answer_get(body, 0));
            }},
            {.retry = {.max_attempts = 1}, .sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");
  std::vector<primary_key<users_table>> user_keys;
  std::vector<primary_key<orders_table>> order_keys;
  for (int i = 0; i < 90; ++i) user_keys.push_back({"u" + std::to_string(i), "x"});
  for (int i = 0; i < 60; ++i) order_keys.push_back({"ann", "o" + std::to_string(i)});
  auto get = db.batch_get().get(users, user_keys).get(orders, order_keys);
  multi_batch_get_progress<user, order> got;
  auto s = get.send_into(got);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().aws_code == "ValidationException");
  const auto read = std::get<0>(got.items).size() + std::get<1>(got.items).size();
  CHECK(read == 100);  // the first call's items are kept
  CHECK(got.unread[0].size() + got.unread[1].size() == 50);
  std::set<std::string> seen_users, seen_orders;
  for (const auto& u : std::get<0>(got.items)) seen_users.insert(u.username);
  for (const auto& o : std::get<1>(got.items)) seen_orders.insert(o.id);
  for (std::size_t i : got.unread[0]) CHECK(seen_users.count(user_keys[i].hash) == 0);
  for (std::size_t i : got.unread[1]) CHECK(seen_orders.count(order_keys[i].range) == 0);
  CHECK(seen_users.size() + got.unread[0].size() == user_keys.size());
  CHECK(seen_orders.size() + got.unread[1].size() == order_keys.size());
  // Resume with exactly the unread keys.
  calls = 0;
  std::vector<primary_key<users_table>> rest_users;
  std::vector<primary_key<orders_table>> rest_orders;
  for (std::size_t i : got.unread[0]) rest_users.push_back(user_keys[i]);
  for (std::size_t i : got.unread[1]) rest_orders.push_back(order_keys[i]);
  REQUIRE(db.batch_get().get(users, rest_users).get(orders, rest_orders).send_into(got).has_value());
  CHECK(std::get<0>(got.items).size() == 90);
  CHECK(std::get<1>(got.items).size() == 60);
  CHECK(got.unread[0].empty());
  CHECK(got.unread[1].empty());
}

TEST_CASE("multi-table batch get: refusals before sending, malformed UnprocessedKeys, giving up") {
  int calls = 0;
  std::string answer;
  client db{fn_transport{[&](auto, auto) -> result<http_response> {
              ++calls;
              return ok(answer);
            }},
            {.retry = {.max_attempts = 3}, .sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");
  // A key twice in a get: refused, nothing sent, every key unread.
  multi_batch_get_progress<user, order> p;
  auto dup = db.batch_get().get(users, {{"a", "x"}}).get(orders, {{"ann", "o-1"}, {"ann", "o-1"}}).send_into(p);
  REQUIRE_FALSE(dup.has_value());
  CHECK(dup.error().path == "RequestItems.orders.Keys[1]");
  CHECK(calls == 0);
  CHECK(p.unread[0].size() == 1);
  CHECK(p.unread[1].size() == 2);

  auto get = db.batch_get().get(users, {{"a", "x"}}).get(orders, {{"ann", "o-1"}});
  const std::string malformed[] = {
      R"({"UnprocessedKeys":{"orders":{"Keys":[{"customer":{"S":"ann"},"id":{"S":"o-9"}}]}}})",  // not asked for
      R"({"UnprocessedKeys":{"users":{"Keys":[{"customer":{"S":"ann"},"id":{"S":"o-1"}}]}}})",  // orders' key under users
      R"({"UnprocessedKeys":{"orders":{"Keys":[{"customer":{"S":"ann"},"id":{"S":"o-1"}},{"id":{"S":"o-1"},"customer":{"S":"ann"}}]}}})",
      R"({"Responses":{"accounts":[]}})",
  };
  for (const auto& m : malformed) {
    CAPTURE(m);
    answer = m;
    multi_batch_get_progress<user, order> q;
    auto s = get.send_into(q);
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().code == errc::malformed_response);
    CHECK(std::get<0>(q.items).empty());
    CHECK(q.unread[0].size() == 1);
    CHECK(q.unread[1].size() == 1);
  }
  // Rounds that read nothing: gives up after max_attempts, naming what was not read per table.
  answer = R"({"Responses":{},"UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"a"},"last_name":{"S":"x"}}]},)"
           R"("orders":{"Keys":[{"customer":{"S":"ann"},"id":{"S":"o-1"}}]}}})";
  calls = 0;
  auto s = get.send();
  REQUIRE_FALSE(s.has_value());
  CHECK(calls == 3);
  CHECK(s.error().message == "UnprocessedKeys in 3 rounds in a row that read nothing; 2 keys not read (users: 1, orders: 1)");
}

}  // namespace client_multi_batch_test
