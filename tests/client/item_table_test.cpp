// A table of ddbx::item whose key names come at run time (client/item_table.hpp), over a test
// transport: the bodies sent, and every check a typed table makes at compile time made before
// sending (nothing reaches the transport), each error naming the attribute.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "ddbx/client/client.hpp"
#include "ddbx/client/paginator.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace client_item_table_test {

using namespace ddbx;

namespace {
struct recording_transport {
  std::vector<std::string> ops, bodies;
  std::function<std::string(std::string_view, std::string_view)> answer = [](std::string_view, std::string_view) {
    return std::string("{}");
  };
  result<http_response> operator()(std::string_view op, std::string_view body) {
    ops.emplace_back(op);
    bodies.emplace_back(body);
    return http_response{200, {}, answer(op, body)};
  }
};

item jane_key() { return item{{"username", "jane"}, {"last_name", "Doe"}}; }
}  // namespace

TEST_CASE("item_table: put, get, update, delete send the typed table's bodies; answers decode as ddbx::item") {
  client db{recording_transport{}};
  auto users = db.item_table("users", {"username", "last_name"});
  CHECK(users.key_names() == item_key_names{"username", "last_name"});

  REQUIRE(users.put_item({{"username", "jane"}, {"last_name", "Doe"}, {"age", 25}, {"score", 2.5}})
              .condition(attribute_not_exists(path("username")))
              .send()
              .has_value());
  CHECK(db.transport().ops.back() == "PutItem");
  CHECK(db.transport().bodies.back() ==
        R"J({"TableName":"users","Item":{"age":{"N":"25"},"last_name":{"S":"Doe"},"score":{"N":"2.5"},"username":{"S":"jane"}},)J"
        R"J("ConditionExpression":"attribute_not_exists(#0)","ExpressionAttributeNames":{"#0":"username"}})J");

  db.transport().answer = [](std::string_view, std::string_view) {
    return std::string(R"J({"Item":{"username":{"S":"jane"},"last_name":{"S":"Doe"},"age":{"N":"25"}}})J");
  };
  auto got = users.get_item(jane_key()).consistent_read().send();
  REQUIRE(got.has_value());
  REQUIRE(got->item.has_value());
  CHECK(got->item->at("age") == value(25));
  CHECK(db.transport().bodies.back() ==
        R"J({"TableName":"users","Key":{"last_name":{"S":"Doe"},"username":{"S":"jane"}},"ConsistentRead":true})J");

  db.transport().answer = [](std::string_view, std::string_view) { return std::string("{}"); };
  REQUIRE(users.update_item(jane_key(), (set(path("age"), 26), remove(path("score")))).send().has_value());
  CHECK(db.transport().bodies.back() ==
        R"J({"TableName":"users","Key":{"last_name":{"S":"Doe"},"username":{"S":"jane"}},)J"
        R"J("UpdateExpression":"SET #0 = :0 REMOVE #1","ExpressionAttributeNames":{"#0":"age","#1":"score"},)J"
        R"J("ExpressionAttributeValues":{":0":{"N":"26"}}})J");

  REQUIRE(users.delete_item(jane_key()).send().has_value());
  CHECK(db.transport().ops.back() == "DeleteItem");
  CHECK(db.transport().bodies.back() == R"J({"TableName":"users","Key":{"last_name":{"S":"Doe"},"username":{"S":"jane"}}})J");
}

TEST_CASE("item_table: a key or item that does not fit the key names is refused, naming the attribute, nothing sent") {
  client db{recording_transport{}};
  auto users = db.item_table("users", {"username", "last_name"});
  auto refused = [&](auto&& request, std::string_view path_text, std::string_view words, errc code = errc::invalid_request) {
    auto r = request.send();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == code);
    CHECK(r.error().path == path_text);
    CHECK_MESSAGE(r.error().message.find(words) != std::string::npos, r.error().what_text());
  };
  refused(users.put_item({{"username", "jane"}, {"age", 25}}), "last_name", "missing key attribute");
  refused(users.put_item({{"username", "jane"}, {"last_name", ""}}), "last_name", "cannot be empty");
  refused(users.put_item({{"username", true}, {"last_name", "Doe"}}), "username", "S, N or B, not BOOL");
  refused(users.get_item({{"username", "jane"}}), "last_name", "missing key attribute");
  refused(users.get_item({{"username", "jane"}, {"last_name", "Doe"}, {"age", 25}}), "age", "not a key attribute");
  refused(users.delete_item({{"username", std::string(2049, 'x')}, {"last_name", "Doe"}}), "username", "2048");
  refused(users.update_item(jane_key(), set(path("last_name"), "Roe")), "last_name", "key attribute last_name",
          errc::invalid_expression);
  refused(users.update_item({{"username", "jane"}}, set(path("age"), 1)), "last_name", "missing key attribute");
  refused(users.query("jane").filter(path("last_name") == "Doe"), "FilterExpression", "key attribute");
  refused(users.query_index("by_city", "Paris"), "IndexName", "no index of this name");
  auto no_sort = db.item_table("events", {"id"});
  refused(no_sort.query("e1", sort_key > 3), "KeyConditionExpression", "no sort key");
  refused(no_sort.get_item({{"id", "e1"}, {"username", "x"}}), "username", "not a key attribute");
  CHECK(db.transport().ops.empty());

  auto batch = users.batch_writer();
  auto s = batch.put_item({{"username", "jane"}});
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().path == "last_name");
  CHECK(batch.delete_item({{"username", "jane"}, {"last_name", "Doe"}, {"x", 1}}).error().path == "x");
  CHECK(batch.pending() == 0);
  CHECK(db.transport().ops.empty());
}

TEST_CASE("item_table: query and scan with run-time key names; the schema of DescribeTable") {
  client db{recording_transport{}};
  db.transport().answer = [](std::string_view op, std::string_view) {
    if (op == "DescribeTable")
      return std::string(R"J({"Table":{"TableName":"users","TableStatus":"ACTIVE",)J"
                         R"J("KeySchema":[{"AttributeName":"username","KeyType":"HASH"},{"AttributeName":"last_name","KeyType":"RANGE"}],)J"
                         R"J("GlobalSecondaryIndexes":[{"IndexName":"by_city","KeySchema":[{"AttributeName":"city","KeyType":"HASH"}],)J"
                         R"J("Projection":{"ProjectionType":"ALL"}}]}})J");
    return std::string(R"J({"Items":[{"username":{"S":"jane"},"last_name":{"S":"Doe"}}],"Count":1,"ScannedCount":1})J");
  };
  auto users = db.describe_item_table("users");
  REQUIRE(users.has_value());
  CHECK(users->key_names() == item_key_names{"username", "last_name"});
  REQUIRE(users->schema().index("by_city"));
  CHECK(*users->schema().index("by_city") == item_key_names{"city"});

  auto page = users->query("jane", begins_with(sort_key, "D")).filter(path("age") < 30).limit(5).send();
  REQUIRE(page.has_value());
  REQUIRE(page->items.size() == 1);
  CHECK(page->items[0].at("last_name") == value("Doe"));
  CHECK(db.transport().bodies.back() ==
        R"J({"TableName":"users","KeyConditionExpression":"#0 = :0 AND begins_with(#1, :1)","FilterExpression":"#2 < :2",)J"
        R"J("ExpressionAttributeNames":{"#0":"username","#1":"last_name","#2":"age"},)J"
        R"J("ExpressionAttributeValues":{":0":{"S":"jane"},":1":{"S":"D"},":2":{"N":"30"}},"Limit":5})J");

  REQUIRE(users->query("jane", between(sort_key, "A", "M")).scan_index_forward(false).send().has_value());
  CHECK(db.transport().bodies.back().find(R"J("KeyConditionExpression":"#0 = :0 AND #1 BETWEEN :1 AND :2")J") != std::string::npos);
  CHECK(db.transport().bodies.back().find(R"J("ScanIndexForward":false)J") != std::string::npos);

  // On the index, its own key: last_name may be filtered there.
  REQUIRE(users->query_index("by_city", "Paris").filter(path("last_name") == "Doe").send().has_value());
  CHECK(db.transport().bodies.back() ==
        R"J({"TableName":"users","IndexName":"by_city","KeyConditionExpression":"#0 = :0","FilterExpression":"#1 = :1",)J"
        R"J("ExpressionAttributeNames":{"#0":"city","#1":"last_name"},"ExpressionAttributeValues":{":0":{"S":"Paris"},":1":{"S":"Doe"}}})J");

  auto all = paginate(users->scan()).build_full_result();
  REQUIRE(all.has_value());
  CHECK(all->items.size() == 1);
  CHECK(db.transport().ops.back() == "Scan");
}

TEST_CASE("item_table: the batch writer re-sends UnprocessedItems as it sent them, keyed by the run-time names") {
  client db{recording_transport{}};
  int calls = 0;
  db.transport().answer = [&](std::string_view, std::string_view body) {
    // the first call leaves its first request unprocessed
    if (++calls > 1) return std::string("{}");
    const std::size_t start = body.find("[{") + 1, end = body.find("}},{", start) + 2;
    return R"J({"UnprocessedItems":{"users":[)J" + std::string(body.substr(start, end - start)) + "]}}";
  };
  auto users = db.item_table("users", {"username", "last_name"});
  {
    auto batch = users.batch_writer({.unprocessed_retry = retry_policy{.max_attempts = 3, .base = std::chrono::milliseconds(0)}});
    for (int i = 0; i < 30; ++i)
      REQUIRE(batch.put_item({{"username", "u" + std::to_string(i)}, {"last_name", "x"}, {"n", i}}).has_value());
    REQUIRE(batch.delete_item({{"username", "gone"}, {"last_name", "x"}}).has_value());
    REQUIRE(batch.flush().has_value());
    CHECK(batch.written() == 31);
  }
  REQUIRE(db.transport().bodies.size() == 2);
  CHECK(db.transport().bodies[0].find(R"J({"PutRequest":{"Item":{"last_name":{"S":"x"},"n":{"N":"0"},"username":{"S":"u0"}}}})J") !=
        std::string::npos);
  // the withheld request comes again in the second call, with the rest
  CHECK(db.transport().bodies[1].find(R"J({"PutRequest":{"Item":{"last_name":{"S":"x"},"n":{"N":"0"},"username":{"S":"u0"}}}})J") !=
        std::string::npos);
  CHECK(db.transport().bodies[1].find(R"J({"DeleteRequest":{"Key":{"last_name":{"S":"x"},"username":{"S":"gone"}}}})J") !=
        std::string::npos);
}

}  // namespace client_item_table_test
