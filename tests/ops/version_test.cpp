// Optimistic locking (ddbx::versioned) and local secondary indexes (ddbx::lsi): request bodies,
// conditions joined in one placeholder namespace, version_conflict, CreateTable and Query of an LSI.
#include <doctest/doctest.h>

#include <string>

#include "ddbx/client/client.hpp"
#include "ddbx/ops/create_table.hpp"
#include "ddbx/ops/delete_item.hpp"
#include "ddbx/ops/describe_table.hpp"
#include "ddbx/ops/query.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/update_item.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace ops_version_test {

using namespace ddbx;

namespace {
struct doc {
  std::string id;
  std::string text;
  long version = 0;
};
using docs = versioned<table<doc, &doc::id>, &doc::version>;

template <class R>
std::string body_of(const R& r) {
  std::string b;
  auto s = r.append_body(b);
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().what_text()));
  return b;
}

// A transport answering every request with one ConditionalCheckFailed body.
struct refusing {
  std::string body;
  result<http_response> operator()(std::string_view, std::string_view) { return http_response{400, {}, body}; }
};
}  // namespace

TEST_CASE("versioned put: the item goes out at version + 1, if the stored one is at its version") {
  CHECK(body_of(put_item_request<docs>("docs", {"d1", "hello", 0})) ==
        R"j({"TableName":"docs","Item":{"id":{"S":"d1"},"text":{"S":"hello"},"version":{"N":"1"}},"ConditionExpression":"attribute_not_exists(#0)","ExpressionAttributeNames":{"#0":"version"}})j");
  CHECK(body_of(put_item_request<docs>("docs", {"d1", "hello", 3})) ==
        R"j({"TableName":"docs","Item":{"id":{"S":"d1"},"text":{"S":"hello"},"version":{"N":"4"}},"ConditionExpression":"#0 = :0","ExpressionAttributeNames":{"#0":"version"},"ExpressionAttributeValues":{":0":{"N":"3"}}})j");
  CHECK(body_of(put_item_request<docs>("docs", {"d1", "hello", 3}).condition(attr<&doc::text> != "locked")) ==
        R"j({"TableName":"docs","Item":{"id":{"S":"d1"},"text":{"S":"hello"},"version":{"N":"4"}},"ConditionExpression":"#0 <> :0 AND #1 = :1","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"locked"},":1":{"N":"3"}}})j");
  std::string b;
  auto bad = put_item_request<docs>("docs", {"d1", "x", -1}).append_body(b);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().path == "version");
}

TEST_CASE("versioned update and delete: the version goes up by one; expected_version adds the condition") {
  CHECK(body_of(update_item_request<docs>("docs", {"d1"}, set(attr<&doc::text>, "x"))) ==
        R"j({"TableName":"docs","Key":{"id":{"S":"d1"}},"UpdateExpression":"SET #0 = :0 ADD #1 :1","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"x"},":1":{"N":"1"}}})j");
  CHECK(body_of(update_item_request<docs>("docs", {"d1"}, set(attr<&doc::text>, "x")).expected_version(2).condition(attr<&doc::text> == "y")) ==
        R"j({"TableName":"docs","Key":{"id":{"S":"d1"}},"ConditionExpression":"#0 = :2 AND #1 = :3","UpdateExpression":"SET #0 = :0 ADD #1 :1","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"x"},":1":{"N":"1"},":2":{"S":"y"},":3":{"N":"2"}}})j");
  CHECK(body_of(delete_item_request<docs>("docs", {"d1"}).expected_version(5)) ==
        R"j({"TableName":"docs","Key":{"id":{"S":"d1"}},"ConditionExpression":"#0 = :0","ExpressionAttributeNames":{"#0":"version"},"ExpressionAttributeValues":{":0":{"N":"5"}}})j");
  CHECK(body_of(delete_item_request<docs>("docs", {"d1"})) == R"j({"TableName":"docs","Key":{"id":{"S":"d1"}}})j");
}

TEST_CASE("a second condition is joined with AND, versioned or not, never dropped") {
  // On a versioned table a second .condition() replaced the first (review finding): a put meant
  // only for an unlocked document went out with no lock check at all.
  CHECK(body_of(put_item_request<docs>("docs", {"d1", "hello", 3}).condition(attr<&doc::text> != "locked").condition(attr<&doc::text> != "frozen")) ==
        R"j({"TableName":"docs","Item":{"id":{"S":"d1"},"text":{"S":"hello"},"version":{"N":"4"}},"ConditionExpression":"(#0 <> :0) AND (#0 <> :1 AND #1 = :2)","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"locked"},":1":{"S":"frozen"},":2":{"N":"3"}}})j");
  // expected_version between the two: still both, and the version's condition
  CHECK(body_of(delete_item_request<docs>("docs", {"d1"}).condition(attr<&doc::text> != "locked").expected_version(5).condition(attr<&doc::text> != "frozen")) ==
        R"j({"TableName":"docs","Key":{"id":{"S":"d1"}},"ConditionExpression":"(#0 <> :0) AND (#0 <> :1 AND #1 = :2)","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"locked"},":1":{"S":"frozen"},":2":{"N":"5"}}})j");
  CHECK(body_of(update_item_request<docs>("docs", {"d1"}, set(attr<&doc::text>, "x")).condition(attr<&doc::text> != "locked").condition(attr<&doc::text> != "frozen")) ==
        R"j({"TableName":"docs","Key":{"id":{"S":"d1"}},"ConditionExpression":"(#0 <> :2) AND (#0 <> :3)","UpdateExpression":"SET #0 = :0 ADD #1 :1","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"x"},":1":{"N":"1"},":2":{"S":"locked"},":3":{"S":"frozen"}}})j");
  using plain = table<doc, &doc::id>;
  CHECK(body_of(put_item_request<plain>("docs", {"d1", "hello", 3}).condition(attr<&doc::text> != "locked").condition(attr<&doc::version> == 3)) ==
        R"j({"TableName":"docs","Item":{"id":{"S":"d1"},"text":{"S":"hello"},"version":{"N":"3"}},"ConditionExpression":"(#0 <> :0) AND (#1 = :1)","ExpressionAttributeNames":{"#0":"text","#1":"version"},"ExpressionAttributeValues":{":0":{"S":"locked"},":1":{"N":"3"}}})j");
}

TEST_CASE("a versioned write that fails its version is version_conflict; the caller's own condition is not") {
  const std::string ccf = R"j({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed")j";
  client db{refusing{ccf + "}"}};
  auto t = db.table<docs>("docs");
  auto stale = t.put_item({"d1", "x", 3}).send();
  REQUIRE_FALSE(stale);
  CHECK(stale.error().code == errc::version_conflict);
  CHECK(stale.error().path == "version");
  CHECK(stale.error().aws_code == "ConditionalCheckFailedException");
  auto fresh = t.put_item({"d1", "x", 0}).send();
  CHECK(fresh.error().code == errc::version_conflict);
  CHECK(t.update_item({"d1"}, set(attr<&doc::text>, "y")).expected_version(1).send().error().code == errc::version_conflict);
  CHECK(t.delete_item({"d1"}).expected_version(1).send().error().code == errc::version_conflict);
  // Not versioned: a delete without an expected version has no version condition.
  client other{refusing{ccf + "}"}};
  CHECK(other.table<docs>("docs").delete_item({"d1"}).send().error().code == errc::service_error);

  // With a condition of the caller's: the item sent back says which failed.
  client same_version{refusing{ccf + R"j(,"Item":{"id":{"S":"d1"},"text":{"S":"locked"},"version":{"N":"3"}}})j"}};
  auto own = same_version.table<docs>("docs").put_item({"d1", "x", 3}).condition(attr<&doc::text> != "locked").send();
  CHECK(own.error().code == errc::service_error);  // the version matched: the caller's condition failed
  client moved_on{refusing{ccf + R"j(,"Item":{"id":{"S":"d1"},"text":{"S":"locked"},"version":{"N":"4"}}})j"}};
  auto conflict = moved_on.table<docs>("docs").put_item({"d1", "x", 3}).condition(attr<&doc::text> != "locked").send();
  CHECK(conflict.error().code == errc::version_conflict);
  client unknown{refusing{ccf + "}"}};
  auto unsure = unknown.table<docs>("docs").put_item({"d1", "x", 3}).condition(attr<&doc::text> != "locked").send();
  CHECK(unsure.error().code == errc::service_error);  // no item sent back: cannot tell, so not claimed
}

namespace {
struct order {
  std::string customer, id, status;
  long total = 0;
};
using by_total = lsi<"by_total", &order::customer, &order::total>;
using by_status = gsi<"by_status", &order::status>;
using orders = table<order, &order::customer, &order::id, by_total, by_status>;
}  // namespace

TEST_CASE("local secondary indexes: made with the table, without throughput; queried like any index") {
  static_assert(orders::local_index_count == 1 && orders::global_index_count == 1);
  CHECK(body_of(create_table_request<orders>("orders").provisioned(2, 3)) ==
        R"j({"TableName":"orders","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"id","KeyType":"RANGE"}],)j"
        R"j("AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"total","AttributeType":"N"},{"AttributeName":"status","AttributeType":"S"}],)j"
        R"j("BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3},)j"
        R"j("LocalSecondaryIndexes":[{"IndexName":"by_total","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],)j"
        R"j("GlobalSecondaryIndexes":[{"IndexName":"by_status","KeySchema":[{"AttributeName":"status","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3}}]})j");
  CHECK(body_of(query_request<orders, by_total>("orders", key<&order::customer> == "ann" && key<&order::total> > 100)) ==
        R"j({"TableName":"orders","IndexName":"by_total","KeyConditionExpression":"#0 = :0 AND #1 > :1","ExpressionAttributeNames":{"#0":"customer","#1":"total"},"ExpressionAttributeValues":{":0":{"S":"ann"},":1":{"N":"100"}}})j");
  auto d = describe_table_request::parse(
      R"j({"Table":{"TableName":"orders","LocalSecondaryIndexes":[{"IndexName":"by_total","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}})j");
  REQUIRE(d);
  REQUIRE(d->local_secondary_indexes.size() == 1);
  CHECK(d->local_secondary_indexes[0].index_name == "by_total");
}

}  // namespace ops_version_test
