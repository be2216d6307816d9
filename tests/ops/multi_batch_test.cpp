// BatchWriteItem and BatchGetItem over several tables: request bodies (golden), what they refuse
// before sending (naming the table), and their answers read table by table.
#include <doctest/doctest.h>

#include <string>

#include "ddbx/ops/multi_batch_get.hpp"
#include "ddbx/ops/multi_batch_write.hpp"
#include "seed_types.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace ops_multi_batch_test {

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
struct counter {
  std::string name;
  long n = 0;
};
using users_table = table<user, &user::username, &user::last_name>;
using orders_table = table<order, &order::customer, &order::id>;
struct note {
  std::string name, text;
};
using counters_table = table<counter, &counter::name>;
using notes_table = table<note, &note::name>;
using writes = multi_batch_write_request<users_table, orders_table>;

template <class R>
std::string body_of(const R& r) {
  std::string b;
  auto s = r.append_body(b);
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().what_text()));
  return b;
}
template <class R>
error refusal_of(const R& r) {
  std::string b;
  auto s = r.append_body(b);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().code == errc::invalid_request);
  return s.error();
}

const user jane{"janedoe", "Jane", "Doe", 25, "standard_user"};
}  // namespace

TEST_CASE("BatchWriteItem over two tables: each item to its table, tables in the batch's order") {
  writes r({"users", "orders"});
  REQUIRE(r.put(order{"ann", "o-1", 30}).has_value());  // added first, still listed after users
  REQUIRE(r.put(jane).has_value());
  REQUIRE(r.del<orders_table>({"ann", "o-2"}).has_value());
  REQUIRE(r.del(primary_key<users_table>{"johndoe", "Doe"}).has_value());
  r.return_consumed_capacity(return_consumed_capacity::total);
  CHECK(body_of(r) ==
        R"({"RequestItems":{"users":[{"PutRequest":{"Item":{"username":{"S":"janedoe"},"first_name":{"S":"Jane"},)"
        R"("last_name":{"S":"Doe"},"age":{"N":"25"},"account_type":{"S":"standard_user"}}}},)"
        R"({"DeleteRequest":{"Key":{"username":{"S":"johndoe"},"last_name":{"S":"Doe"}}}}],)"
        R"("orders":[{"PutRequest":{"Item":{"customer":{"S":"ann"},"id":{"S":"o-1"},"total":{"N":"30"}}}},)"
        R"({"DeleteRequest":{"Key":{"customer":{"S":"ann"},"id":{"S":"o-2"}}}}]},"ReturnConsumedCapacity":"TOTAL"})");
  CHECK(r.requests[0].table == 1);
  CHECK(r.requests[1].table == 0);
  // A table without requests is left out.
  writes only_orders({"users", "orders"});
  REQUIRE(only_orders.put<orders_table>(order{"ann", "o-1", 30}).has_value());
  CHECK(body_of(only_orders).rfind(R"({"RequestItems":{"orders":[)", 0) == 0);
}

TEST_CASE("BatchWriteItem over two tables: at most 25 in all, no key twice in a table, names checked") {
  writes many({"users", "orders"});
  for (int i = 0; i < 13; ++i) REQUIRE(many.del<orders_table>({"c", "o" + std::to_string(i)}).has_value());
  for (int i = 0; i < 13; ++i) REQUIRE(many.del<users_table>({"u" + std::to_string(i), "x"}).has_value());
  CHECK(refusal_of(many).message == "26 requests; BatchWriteItem takes at most 25 (over all its tables)");

  writes dup({"users", "orders"});
  REQUIRE(dup.put(order{"ann", "o-1", 1}).has_value());
  REQUIRE(dup.put(jane).has_value());
  REQUIRE(dup.del<orders_table>({"ann", "o-1"}).has_value());
  auto e = refusal_of(dup);
  CHECK(e.path == "RequestItems.orders[1]");
  CHECK(e.message.find("as request 0") != std::string::npos);

  // The same key values in two tables are two items.
  multi_batch_write_request<counters_table, notes_table> both({"counters", "notes"});
  REQUIRE(both.put(counter{"a", 1}).has_value());
  REQUIRE(both.put(note{"a", "x"}).has_value());
  CHECK(body_of(both) == R"({"RequestItems":{"counters":[{"PutRequest":{"Item":{"name":{"S":"a"},"n":{"N":"1"}}}}],)"
                         R"("notes":[{"PutRequest":{"Item":{"name":{"S":"a"},"text":{"S":"x"}}}}]}})");

  writes none({"users", "orders"});
  CHECK(refusal_of(none).message == "nothing to send");
  writes bad_name({"users", "or ders"});
  REQUIRE(bad_name.put(jane).has_value());
  auto n = refusal_of(bad_name);
  CHECK(n.path == "RequestItems");
  CHECK(n.message.find("'or ders'") != std::string::npos);
  writes twice({"users", "users"});
  REQUIRE(twice.put(jane).has_value());
  CHECK(refusal_of(twice).message.find("'users' is given twice") != std::string::npos);
  writes arn({"arn:aws:dynamodb:us-east-1:123456789012:table/users", "orders"});
  REQUIRE(arn.put(jane).has_value());
  CHECK(body_of(arn).find(R"("arn:aws:dynamodb:us-east-1:123456789012:table/users":[)") != std::string::npos);

  // A bad item or key is refused when added, naming the attribute; nothing is added.
  writes r({"users", "orders"});
  auto bad = r.put(order{"", "o-1", 1});
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().path == "customer");
  CHECK_FALSE(r.del<users_table>({"a", ""}).has_value());
  CHECK(r.requests.empty());
}

TEST_CASE("BatchWriteItem over two tables: UnprocessedItems read back table by table") {
  const writes::names_type names{"users", "orders"};
  auto r = writes::parse(
      R"({"UnprocessedItems":{"orders":[{"DeleteRequest":{"Key":{"id":{"S":"o-2"},"customer":{"S":"ann"}}}}],)"
      R"("users":[{"PutRequest":{"Item":{"username":{"S":"a"},"last_name":{"S":"b"},"age":{"N":"1.0"}}}}]},)"
      R"("ConsumedCapacity":[{"TableName":"users","CapacityUnits":1.0},{"TableName":"orders","CapacityUnits":2.0}]})",
      names);
  REQUIRE(r.has_value());
  REQUIRE(r->unprocessed.size() == 2);
  CHECK(r->unprocessed[0].table == 0);  // in the batch's order of tables
  CHECK(r->unprocessed[0].entry.key == R"({"S":"a"},{"S":"b"})");
  CHECK(r->unprocessed[1].table == 1);
  CHECK(r->unprocessed[1].entry.key == writes::delete_entry<orders_table>({"ann", "o-2"})->entry.key);
  CHECK(r->consumed_capacity.size() == 2);

  auto failure = [&](const std::string& body) {
    auto p = writes::parse(body, names);
    REQUIRE_MESSAGE(!p.has_value(), body);
    CHECK(p.error().code == errc::malformed_response);
    return p.error();
  };
  CHECK(failure(R"({"UnprocessedItems":{"other":[]}})").path == "UnprocessedItems.other");
  CHECK(failure(R"({"UnprocessedItems":{"orders":{}}})").path == "UnprocessedItems.orders");
  CHECK(failure(R"({"UnprocessedItems":{"users":[],"orders":[5]}})").path == "UnprocessedItems.orders[0]");
  // The keys are read with each table's own key attributes.
  CHECK(failure(R"({"UnprocessedItems":{"orders":[{"PutRequest":{"Item":{"username":{"S":"a"},"last_name":{"S":"b"}}}}]}})").path ==
        "UnprocessedItems.orders[0].PutRequest.Item.customer");
  CHECK(failure(R"({"ConsumedCapacity":[{"CapacityUnits":-1}]})").path == "ConsumedCapacity[0].CapacityUnits");
}

TEST_CASE("BatchGetItem over two tables: per-table projection and ConsistentRead, typed per table") {
  auto r = multi_batch_get_request<>{}
               .get<users_table>("users", {{"janedoe", "Doe"}, {"johndoe", "Doe"}})
               .get<orders_table, order_total>("orders", {{"ann", "o-1"}}, project<&order::id, &order::total>,
                                               {.consistent_read = true})
               .return_consumed_capacity(return_consumed_capacity::indexes);
  static_assert(std::is_same_v<decltype(r), multi_batch_get_request<user, order_total>>);
  CHECK(body_of(r) ==
        R"({"RequestItems":{"users":{"Keys":[{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}},)"
        R"({"username":{"S":"johndoe"},"last_name":{"S":"Doe"}}]},)"
        R"("orders":{"Keys":[{"customer":{"S":"ann"},"id":{"S":"o-1"}}],"ConsistentRead":true,)"
        R"("ProjectionExpression":"#0, #1","ExpressionAttributeNames":{"#0":"id","#1":"total"}}},)"
        R"("ReturnConsumedCapacity":"INDEXES"})");

  auto p = r.parse(
      R"({"Responses":{"orders":[{"id":{"S":"o-1"},"total":{"N":"30"}}],)"
      R"("users":[{"username":{"S":"janedoe"},"first_name":{"S":"Jane"},"last_name":{"S":"Doe"},"age":{"N":"25"},"account_type":{"S":"x"}}]},)"
      R"("UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"johndoe"},"last_name":{"S":"Doe"}}]}},)"
      R"("ConsumedCapacity":[{"TableName":"users","CapacityUnits":1}]})");
  REQUIRE(p.has_value());
  REQUIRE(std::get<0>(p->items).size() == 1);
  CHECK(std::get<0>(p->items)[0].age == 25);
  REQUIRE(std::get<1>(p->items).size() == 1);
  CHECK(std::get<1>(p->items)[0].total == 30);
  CHECK(p->unprocessed[0] == std::vector<std::string>{R"({"username":{"S":"johndoe"},"last_name":{"S":"Doe"}})"});
  CHECK(p->unprocessed[1].empty());
  CHECK(p->consumed_capacity.size() == 1);

  auto failure = [&](const std::string& body) {
    auto f = r.parse(body);
    REQUIRE_MESSAGE(!f.has_value(), body);
    return f.error();
  };
  CHECK(failure(R"({"Responses":{"accounts":[]}})").path == "Responses.accounts");
  CHECK(failure(R"({"UnprocessedKeys":{"accounts":{"Keys":[]}}})").path == "UnprocessedKeys.accounts");
  CHECK(failure(R"({"Responses":{"orders":[{"id":{"S":"o-1"},"total":{"S":"x"}}]}})").path == "Responses.orders[0].total");
  CHECK(failure(R"({"Responses":{"users":{}}})").path == "Responses.users");
  CHECK(failure(R"({"UnprocessedKeys":{"orders":{}}})").path == "UnprocessedKeys.orders.Keys");
  CHECK(failure(R"({"UnprocessedKeys":{"orders":{"Keys":[5]}}})").path == "UnprocessedKeys.orders.Keys[0]");
}

TEST_CASE("BatchGetItem over two tables: refusals name the table, nothing is sent") {
  // More than 100 keys in all.
  std::vector<primary_key<users_table>> users(60), users2;
  std::vector<primary_key<orders_table>> orders(41);
  for (int i = 0; i < 60; ++i) users[static_cast<std::size_t>(i)] = {"u" + std::to_string(i), "x"};
  for (int i = 0; i < 41; ++i) orders[static_cast<std::size_t>(i)] = {"c", "o" + std::to_string(i)};
  auto many = multi_batch_get_request<>{}.get<users_table>("users", users).get<orders_table>("orders", orders);
  CHECK(refusal_of(many).message == "101 keys; BatchGetItem takes at most 100 (over all its tables)");
  // A key twice in a table; the same key values in two tables are fine.
  auto dup = multi_batch_get_request<>{}.get<users_table>("users", {{"a", "x"}, {"a", "x"}});
  CHECK(refusal_of(dup).path == "RequestItems.users.Keys[1]");
  // A bad key names the table and the key.
  auto bad = multi_batch_get_request<>{}.get<users_table>("users", {{"a", "x"}}).get<orders_table>("orders", {{"ann", ""}});
  CHECK(refusal_of(bad).path == "RequestItems.orders.Keys[0].id");
  // A table twice, a bad name, nothing at all.
  auto twice = multi_batch_get_request<>{}.get<users_table>("users", {{"a", "x"}}).get<users_table>("users", {{"b", "x"}});
  CHECK(refusal_of(twice).message.find("'users' is given twice") != std::string::npos);
  auto bad_name = multi_batch_get_request<>{}.get<users_table>("u", {{"a", "x"}});
  CHECK(refusal_of(bad_name).path == "RequestItems");
  CHECK(refusal_of(multi_batch_get_request<>{}.get<users_table>("users", users2)).message == "nothing to send");
  // A get without keys is left out of the body.
  auto some = multi_batch_get_request<>{}.get<users_table>("users", users2).get<orders_table>("orders", {{"ann", "o-1"}});
  CHECK(body_of(some) == R"({"RequestItems":{"orders":{"Keys":[{"customer":{"S":"ann"},"id":{"S":"o-1"}}]}}})");
  // ...and an answer for it is one for a table not asked for.
  CHECK_FALSE(some.parse(R"({"Responses":{"users":[]}})").has_value());
}

}  // namespace ops_multi_batch_test
