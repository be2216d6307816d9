// ddbx expressions applied to each aws-sdk-cpp request type, and typed items out of its results.
#include <doctest/doctest.h>

#include <aws/dynamodb/model/ConditionCheck.h>
#include <aws/dynamodb/model/Delete.h>
#include <aws/dynamodb/model/DeleteItemRequest.h>
#include <aws/dynamodb/model/Get.h>
#include <aws/dynamodb/model/Put.h>
#include <aws/dynamodb/model/TransactWriteItem.h>
#include <aws/dynamodb/model/TransactWriteItemsRequest.h>
#include <aws/dynamodb/model/Update.h>
#include <aws/dynamodb/model/GetItemRequest.h>
#include <aws/dynamodb/model/GetItemResult.h>
#include <aws/dynamodb/model/PutItemRequest.h>
#include <aws/dynamodb/model/QueryRequest.h>
#include <aws/dynamodb/model/QueryResult.h>
#include <aws/dynamodb/model/ScanRequest.h>
#include <aws/dynamodb/model/ScanResult.h>
#include <aws/dynamodb/model/UpdateItemRequest.h>
#include <aws/dynamodb/model/UpdateItemResult.h>

#include "ddbx/aws_sdk/requests.hpp"
#include "ddbx/ddbx.hpp"
#include "sdk_support.hpp"
#include "seed_types.hpp"

namespace model = Aws::DynamoDB::Model;
using namespace ddbx;
using seed::user;
using account_type_index = gsi<"account_type_index", &user::account_type, &user::age>;
using users_table = table<user, &user::username, &user::last_name, account_type_index>;

namespace {

Aws::Map<Aws::String, Aws::String> names(std::initializer_list<std::pair<const char*, const char*>> l) {
  Aws::Map<Aws::String, Aws::String> m;
  for (auto [k, v] : l) m.emplace(k, v);
  return m;
}

// The request's values, compared exactly with ddbx's JSON of them.
void check_values(const aws_attribute_map& got, const expression& ex) {
  CHECK_MESSAGE(sdk_test::same(got, sdk_test::sdk_item_from_json(ex.values())), ex.values() << " vs " << sdk_test::text(got));
}

// The SDK's own body for the request, holding ddbx's expression members.
template <class Request>
void check_payload(const Request& r, const expression& ex) {
  const Aws::String body = r.SerializePayload();
  Aws::Utils::Json::JsonValue j(body);
  auto v = j.View();
  auto str = [&](const char* k) { return v.ValueExists(k) ? std::string(v.GetString(k).c_str()) : std::string(); };
  CHECK(str("KeyConditionExpression") == ex.key_condition());
  CHECK(str("FilterExpression") == ex.filter());
  CHECK(str("ConditionExpression") == ex.condition());
  CHECK(str("UpdateExpression") == ex.update());
  CHECK(str("ProjectionExpression") == ex.projection());
  if (!ex.values().empty()) {
    auto values = decode_item<item>(std::string(v.GetObject("ExpressionAttributeValues").WriteCompact().c_str()));
    REQUIRE(values.has_value());
    CHECK(*values == decode_item<item>(ex.values()).value());
  }
  if (!ex.names().empty()) {
    Aws::Utils::Json::JsonValue ours(Aws::String(ex.names().c_str()));
    CHECK(v.GetObject("ExpressionAttributeNames").WriteCompact() == ours.View().WriteCompact());
  }
}

}  // namespace

TEST_CASE("Query: key condition, filter, projection, names and values") {
  auto ex = builder{}
                .with_key_condition<users_table>(key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "Do"))
                .with_filter(attr<&user::age> < 27 && attr<&user::address, &seed::postal_address::state> == "CA")
                .with_projection(project<&user::username, &user::age>)
                .build()
                .value();
  model::QueryRequest q;
  q.SetTableName("users");
  REQUIRE(apply_expression(q, ex).has_value());
  CHECK(q.GetKeyConditionExpression() == "#0 = :0 AND begins_with(#1, :1)");
  CHECK(q.GetFilterExpression() == Aws::String(ex.filter().c_str()));
  CHECK(q.GetProjectionExpression() == Aws::String(ex.projection().c_str()));
  CHECK(q.GetExpressionAttributeNames() ==
        names({{"#0", "username"}, {"#1", "last_name"}, {"#2", "age"}, {"#3", "address"}, {"#4", "state"}}));
  check_values(q.GetExpressionAttributeValues(), ex);
  CHECK(q.GetExpressionAttributeValues().at(":2").GetN() == "27");
  check_payload(q, ex);
}

TEST_CASE("Query through an index; the builder itself may be given") {
  model::QueryRequest q;
  q.SetIndexName("account_type_index");
  REQUIRE(apply_expression(q, builder{}.with_key_condition<account_type_index, users_table>(
                                  key<&user::account_type> == "super_user" && key<&user::age> >= 30))
              .has_value());
  CHECK(q.GetKeyConditionExpression() == "#0 = :0 AND #1 >= :1");
  CHECK(q.GetExpressionAttributeValues().at(":1").GetN() == "30");
}

TEST_CASE("Scan: filter and projection") {
  auto ex = builder{}
                .with_filter(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J"))
                .with_projection(project<&user::username>)
                .build()
                .value();
  model::ScanRequest s;
  REQUIRE(apply_expression(s, ex).has_value());
  CHECK(s.GetFilterExpression() == "#0 < :0 AND begins_with(#1, :1)");
  check_values(s.GetExpressionAttributeValues(), ex);
  check_payload(s, ex);
}

TEST_CASE("GetItem: projection and names, no values") {
  auto ex = builder{}.with_projection(project<&user::username, &user::address>).build().value();
  model::GetItemRequest g;
  g.SetKey(to_attribute_map(item{{"username", "janedoe"}, {"last_name", "Doe"}}).value());
  REQUIRE(apply_expression(g, ex).has_value());
  CHECK(g.GetProjectionExpression() == "#0, #1");
  CHECK(g.GetExpressionAttributeNames() == names({{"#0", "username"}, {"#1", "address"}}));
  check_payload(g, ex);
  // a value where GetItem takes none
  auto bad = apply_expression(g, builder{}.with_filter(attr<&user::age> < 3));
  REQUIRE(!bad);
  CHECK(bad.error().code == errc::invalid_request);
  CHECK(bad.error().message == "GetItem takes no FilterExpression");
}

TEST_CASE("PutItem: a condition; an update is refused and leaves the request as it was") {
  auto ex = builder{}.with_condition(attribute_not_exists(attr<&user::username>)).build().value();
  model::PutItemRequest p;
  p.SetItem(to_attribute_map(seed::user{"janedoe", "Jane", "Doe", 25, "standard_user", {}, {}, {}}).value());
  REQUIRE(apply_expression(p, ex).has_value());
  CHECK(p.GetConditionExpression() == "attribute_not_exists(#0)");
  CHECK(p.GetExpressionAttributeNames() == names({{"#0", "username"}}));
  CHECK(p.GetExpressionAttributeValues().empty());
  check_payload(p, ex);
  auto refused = apply_expression(p, builder{}.with_update(set(attr<&user::age>, 26)));
  REQUIRE(!refused);
  CHECK(refused.error().message == "PutItem takes no UpdateExpression");
  CHECK(p.GetExpressionAttributeNames() == names({{"#0", "username"}}));
}

TEST_CASE("UpdateItem: update and condition share one placeholder namespace; numbers exact") {
  auto ex = builder{}
                .with_update<users_table>((set(attr<&user::age>, 26), set(attr<&user::scores>, std::vector<double>{0.1, 2.5}),
                                           remove(attr<&user::tags>)))
                .with_condition(attr<&user::age> == 25)
                .build()
                .value();
  model::UpdateItemRequest u;
  REQUIRE(apply_expression(u, ex).has_value());
  CHECK(u.GetUpdateExpression() == Aws::String(ex.update().c_str()));
  CHECK(u.GetConditionExpression() == Aws::String(ex.condition().c_str()));
  check_values(u.GetExpressionAttributeValues(), ex);
  const auto l = u.GetExpressionAttributeValues().at(":1").GetL();
  REQUIRE(l.size() == 2);
  CHECK(l[0]->GetN() == "0.1");
  check_payload(u, ex);
}

TEST_CASE("DeleteItem: a condition with values") {
  auto ex = builder{}.with_condition(attr<&user::age> > 20 && attr<&user::account_type> == "standard_user").build().value();
  model::DeleteItemRequest d;
  REQUIRE(apply_expression(d, ex).has_value());
  CHECK(d.GetConditionExpression() == "#0 > :0 AND #1 = :1");
  check_values(d.GetExpressionAttributeValues(), ex);
  check_payload(d, ex);
}

TEST_CASE("names and values already on the request are kept; a clash is an error; a failed build is returned") {
  model::ScanRequest s;
  s.AddExpressionAttributeNames("#mine", "first_name");
  s.AddExpressionAttributeValues(":mine", model::AttributeValue(Aws::String("J")));
  REQUIRE(apply_expression(s, builder{}.with_filter(attr<&user::age> < 27)).has_value());
  CHECK(s.GetExpressionAttributeNames().size() == 2);
  CHECK(s.GetExpressionAttributeValues().size() == 2);
  CHECK(apply_expression(s, builder{}.with_filter(attr<&user::age> < 27)).has_value());  // the same again
  model::ScanRequest clash;
  clash.AddExpressionAttributeNames("#0", "first_name");
  auto r = apply_expression(clash, builder{}.with_filter(attr<&user::age> < 27));
  REQUIRE(!r);
  CHECK(r.error().message == "the request's ExpressionAttributeNames already has #0 with another meaning");
  CHECK(clash.GetFilterExpression().empty());
  // a failed expression: its error, naming the part
  auto failed = apply_expression(s, builder{}.with_filter(attr<&user::age> < std::nan("")));
  REQUIRE(!failed);
  CHECK(failed.error().code == errc::number_not_finite);
}

TEST_CASE("typed results: items_of, page_of, item_of") {
  const seed::user jane{"janedoe", "Jane", "Doe", 25, "standard_user", seed::postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}, {}, {}};
  const seed::user john{"johndoe", "John", "Doe", 31, "super_user", {}, std::vector<std::string>{"a"}, {}};
  model::QueryResult q;
  q.AddItems(to_attribute_map(jane).value());
  q.AddItems(to_attribute_map(john).value());
  q.SetCount(2);
  q.SetScannedCount(3);
  q.SetLastEvaluatedKey(to_attribute_map(item{{"username", "johndoe"}, {"last_name", "Doe"}}).value());
  auto items = items_of<seed::user>(q);
  REQUIRE(items.has_value());
  CHECK(*items == std::vector<seed::user>{jane, john});
  auto page = page_of<seed::user>(q).value();
  CHECK(page.count == 2);
  CHECK(page.scanned_count == 3);
  CHECK(page.last_evaluated_key == item{{"username", "johndoe"}, {"last_name", "Doe"}});

  model::ScanResult s;
  auto broken = to_attribute_map(john).value();
  broken["age"] = model::AttributeValue(Aws::String("31"));
  s.AddItems(to_attribute_map(jane).value());
  s.AddItems(broken);
  auto bad = items_of<seed::user>(s);
  REQUIRE(!bad);
  CHECK(bad.error().what_text() == "Items[1].age: expected N, got S");

  model::GetItemResult g;
  CHECK(item_of<seed::user>(g).value() == std::nullopt);
  g.SetItem(to_attribute_map(jane).value());
  CHECK(item_of<seed::user>(g).value() == jane);
  model::UpdateItemResult u;
  u.SetAttributes(broken);
  auto ua = item_of<seed::user>(u);
  REQUIRE(!ua);
  CHECK(ua.error().what_text() == "Attributes.age: expected N, got S");
}

TEST_CASE("transaction items: Put, Update, Delete, ConditionCheck (TransactWriteItems) and Get (TransactGetItems)") {
  auto cond = builder{}.with_condition(attr<&user::age> == 25 && attribute_exists(attr<&user::username>)).build().value();
  model::Put p;
  REQUIRE(apply_expression(p, cond).has_value());
  CHECK(p.GetConditionExpression() == Aws::String(cond.condition().c_str()));
  check_values(p.GetExpressionAttributeValues(), cond);
  model::Delete d;
  REQUIRE(apply_expression(d, cond).has_value());
  CHECK(d.GetExpressionAttributeNames() == names({{"#0", "age"}, {"#1", "username"}}));
  model::ConditionCheck c;
  REQUIRE(apply_expression(c, cond).has_value());
  CHECK(c.GetConditionExpression() == "#0 = :0 AND attribute_exists(#1)");

  auto upd = builder{}.with_update<users_table>(set(attr<&user::age>, 26)).with_condition(attr<&user::age> == 25).build().value();
  model::Update u;
  REQUIRE(apply_expression(u, upd).has_value());
  CHECK(u.GetUpdateExpression() == Aws::String(upd.update().c_str()));
  CHECK(u.GetConditionExpression() == Aws::String(upd.condition().c_str()));
  check_values(u.GetExpressionAttributeValues(), upd);
  model::Put refuses;
  CHECK_FALSE(apply_expression(refuses, upd).has_value());  // a Put takes no update

  auto proj = builder{}.with_projection(project<&user::age, &user::first_name>).build().value();
  model::Get g;
  REQUIRE(apply_expression(g, proj).has_value());
  CHECK(g.GetProjectionExpression() == "#0, #1");

  // The whole TransactWriteItems request, serialised by the SDK, carries them.
  model::TransactWriteItemsRequest t;
  model::TransactWriteItem put_item, update_item;
  put_item.SetPut(p);
  update_item.SetUpdate(u);
  t.AddTransactItems(put_item);
  t.AddTransactItems(update_item);
  const std::string body = t.SerializePayload().c_str();
  CHECK(body.find("UpdateExpression") != std::string::npos);
  CHECK(body.find("SET #0 = :0") != std::string::npos);
  CHECK(body.find("attribute_exists(#1)") != std::string::npos);
}
