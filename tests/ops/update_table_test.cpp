// UpdateTable bodies (golden) and what they refuse before sending; index projections (ALL,
// KEYS_ONLY, INCLUDE) and per-index throughput in CreateTable; sparse indexes (an std::optional
// GSI key) and keys stored through a codec (time_point, enum, codec<T>) with their S/N/B types.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "ddbx/mapping/chrono.hpp"
#include "ddbx/ops/create_table.hpp"
#include "ddbx/ops/describe_table.hpp"
#include "ddbx/ops/get_item.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/query.hpp"
#include "ddbx/ops/update_table.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace ops_update_table_test {

using namespace ddbx;

namespace {
struct person {
  std::string id;
  std::optional<std::string> city;  // sparse: people without a city are not in by_city
  std::optional<long> score;
  int age = 0;
  std::string name;
  std::string email;
};
using by_city = gsi<"by_city", &person::city, &person::age>::include<&person::name, &person::email>;
using by_score = gsi<"by_score", &person::score>::keys_only::provisioned<3, 4>;
using by_age = gsi<"by_age", &person::age>;
using people = table<person, &person::id, no_range_key, by_city, by_score, by_age>;
using people_plain = table<person, &person::id>;

enum class tier : std::uint8_t { free, gold };
struct sku {
  std::string code;
};
}  // namespace
}  // namespace ops_update_table_test

// A specialization is declared outside the test's namespace (in one enclosing ddbx::codec).
template <>
struct ddbx::codec<ops_update_table_test::sku> {
  using sku = ops_update_table_test::sku;
  using repr = std::string;
  static repr to_repr(const sku& s) { return s.code; }
  static result<sku> from_repr(repr&& s) { return sku{std::move(s)}; }
};

namespace ops_update_table_test {

namespace {
struct event {
  std::chrono::system_clock::time_point at;
  tier level = tier::free;
  sku product;
  epoch_seconds expires;
  std::string text;
};
using by_product = gsi<"by_product", &event::product, &event::expires>;
using events = table<event, &event::at, &event::level, by_product>;

template <class R>
std::string body_of(const R& r) {
  std::string b;
  auto s = r.append_body(b);
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().what_text()));
  return b;
}
template <class R>
error refusal_of(const R& r) {
  std::string b = "untouched";
  auto s = r.append_body(b);
  REQUIRE_FALSE(s.has_value());
  CHECK(b == "untouched");
  CHECK(s.error().code == errc::invalid_request);
  return s.error();
}
}  // namespace

TEST_CASE("UpdateTable: billing mode, table throughput, on-demand maximums") {
  CHECK(body_of(update_table_request<people>("people").provisioned(10, 5)) ==
        R"({"TableName":"people","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":10,"WriteCapacityUnits":5}})");
  CHECK(body_of(update_table_request<people>("people").throughput(7, 8)) ==
        R"({"TableName":"people","ProvisionedThroughput":{"ReadCapacityUnits":7,"WriteCapacityUnits":8}})");
  CHECK(body_of(update_table_request<people>("people").on_demand()) == R"({"TableName":"people","BillingMode":"PAY_PER_REQUEST"})");
  CHECK(body_of(update_table_request<people>("people").on_demand().on_demand_maximums({.max_read_request_units = 100, .max_write_request_units = -1})) ==
        R"({"TableName":"people","BillingMode":"PAY_PER_REQUEST","OnDemandThroughput":{"MaxReadRequestUnits":100,"MaxWriteRequestUnits":-1}})");
  CHECK(body_of(update_table_request<>("people").on_demand_maximums({.max_write_request_units = 50})) ==
        R"({"TableName":"people","OnDemandThroughput":{"MaxWriteRequestUnits":50}})");
  CHECK(body_of(update_table_request<>("arn:aws:dynamodb:us-east-1:123456789012:table/people").on_demand()) ==
        R"({"TableName":"arn:aws:dynamodb:us-east-1:123456789012:table/people","BillingMode":"PAY_PER_REQUEST"})");
}

TEST_CASE("UpdateTable: what DynamoDB would refuse is refused before sending, naming the member") {
  CHECK(refusal_of(update_table_request<people>("people")).message.find("nothing to update") != std::string::npos);
  CHECK(refusal_of(update_table_request<people>("no").on_demand()).path == "TableName");
  CHECK(refusal_of(update_table_request<people>("people").billing_mode(billing_mode::provisioned)).path == "ProvisionedThroughput");
  CHECK(refusal_of(update_table_request<people>("people").on_demand().throughput(1, 1)).path == "ProvisionedThroughput");
  CHECK(refusal_of(update_table_request<people>("people").provisioned(0, 1)).path == "ProvisionedThroughput.ReadCapacityUnits");
  CHECK(refusal_of(update_table_request<people>("people").provisioned(1, 0)).path == "ProvisionedThroughput.WriteCapacityUnits");
  CHECK(refusal_of(update_table_request<people>("people").provisioned(1, 1).on_demand_maximums({.max_read_request_units = 5})).path ==
        "OnDemandThroughput");
  CHECK(refusal_of(update_table_request<people>("people").on_demand_maximums({})).path == "OnDemandThroughput");
  CHECK(refusal_of(update_table_request<people>("people").on_demand_maximums({.max_read_request_units = 0})).path ==
        "OnDemandThroughput.MaxReadRequestUnits");
  CHECK(refusal_of(update_table_request<people>("people").on_demand_maximums({.max_write_request_units = -2})).path ==
        "OnDemandThroughput.MaxWriteRequestUnits");
  // One index created or deleted per call; an index changed once; no table throughput beside a create/delete.
  auto two = refusal_of(update_table_request<people>("people").create_index<by_city>().delete_index("old_index"));
  CHECK(two.path == "GlobalSecondaryIndexUpdates[1].Delete");
  CHECK(two.message.find("at most one") != std::string::npos);
  CHECK(refusal_of(update_table_request<people>("people").delete_index("a_1").delete_index("a_2")).path ==
        "GlobalSecondaryIndexUpdates[1].Delete");
  CHECK(refusal_of(update_table_request<people>("people").update_index<by_age>(1, 1).update_index("by_age", 2, 2)).path ==
        "GlobalSecondaryIndexUpdates[1].Update.IndexName");
  CHECK(refusal_of(update_table_request<people>("people").throughput(5, 5).delete_index<by_age>()).path == "ProvisionedThroughput");
  CHECK(refusal_of(update_table_request<people>("people").delete_index("x")).path == "GlobalSecondaryIndexUpdates[0].Delete.IndexName");
  CHECK(refusal_of(update_table_request<people>("people").update_index("by_age", 0, 3)).path ==
        "GlobalSecondaryIndexUpdates[0].Update.ProvisionedThroughput.ReadCapacityUnits");
  CHECK(refusal_of(update_table_request<people>("people").update_index("by_age", on_demand_throughput{})).path ==
        "GlobalSecondaryIndexUpdates[0].Update.OnDemandThroughput");
  // A PAY_PER_REQUEST table's indexes take no throughput; a PROVISIONED one's no on-demand maximums.
  CHECK(refusal_of(update_table_request<people>("people").on_demand().create_index<by_score>()).path ==
        "GlobalSecondaryIndexUpdates[0].Create.ProvisionedThroughput");
  CHECK(refusal_of(update_table_request<people>("people").on_demand().update_index<by_age>(1, 1)).path ==
        "GlobalSecondaryIndexUpdates[0].Update.ProvisionedThroughput");
  CHECK(refusal_of(update_table_request<people>("people").provisioned(1, 1).update_index<by_age>(on_demand_throughput{.max_read_request_units = 9}))
            .path == "GlobalSecondaryIndexUpdates[0].Update.OnDemandThroughput");
  // Unbound: renders, but send() says so.
  CHECK(update_table_request<>("people").on_demand().send().error().code == errc::invalid_request);
}

TEST_CASE("UpdateTable: a GSI created from its descriptor, deleted, its throughput changed") {
  CHECK(body_of(update_table_request<people>("people").create_index<by_city>()) ==
        R"({"TableName":"people","AttributeDefinitions":[{"AttributeName":"city","AttributeType":"S"},{"AttributeName":"age","AttributeType":"N"}],)"
        R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_city","KeySchema":[{"AttributeName":"city","KeyType":"HASH"},)"
        R"({"AttributeName":"age","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name","email"]}}}]})");
  // Its descriptor's provisioned<3, 4>, or the throughput given; KEYS_ONLY; an optional N key is N.
  CHECK(body_of(update_table_request<people>("people").create_index<by_score>()) ==
        R"({"TableName":"people","AttributeDefinitions":[{"AttributeName":"score","AttributeType":"N"}],)"
        R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_score","KeySchema":[{"AttributeName":"score","KeyType":"HASH"}],)"
        R"("Projection":{"ProjectionType":"KEYS_ONLY"},"ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":4}}}]})");
  CHECK(body_of(update_table_request<people>("people").create_index<by_age>(2, 1)) ==
        R"({"TableName":"people","AttributeDefinitions":[{"AttributeName":"age","AttributeType":"N"}],)"
        R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_age","KeySchema":[{"AttributeName":"age","KeyType":"HASH"}],)"
        R"("Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":1}}}]})");
  // A request by name checks the index against the class of its key members.
  CHECK(body_of(update_table_request<>("people").create_index<by_age>()).find(R"("IndexName":"by_age")") != std::string::npos);
  CHECK(body_of(update_table_request<people>("people").delete_index<by_city>()) ==
        R"({"TableName":"people","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"by_city"}}]})");
  CHECK(body_of(update_table_request<people>("people")
                    .provisioned(4, 4)
                    .update_index<by_score>(6, 7)
                    .update_index<by_age>(1, 2)) ==
        R"({"TableName":"people","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":4,"WriteCapacityUnits":4},)"
        R"("GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"by_score","ProvisionedThroughput":{"ReadCapacityUnits":6,"WriteCapacityUnits":7}}},)"
        R"({"Update":{"IndexName":"by_age","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":2}}}]})");
  CHECK(body_of(update_table_request<people>("people").update_index<by_age>(on_demand_throughput{.max_read_request_units = -1})) ==
        R"({"TableName":"people","GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"by_age","OnDemandThroughput":{"MaxReadRequestUnits":-1}}}]})");
}

TEST_CASE("UpdateTable's answer: the table description, with on-demand maximums and index projections") {
  auto d = update_table_request<>::parse(
      R"({"TableDescription":{"TableName":"people","TableStatus":"UPDATING","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},)"
      R"("OnDemandThroughput":{"MaxReadRequestUnits":100,"MaxWriteRequestUnits":-1},)"
      R"("GlobalSecondaryIndexes":[{"IndexName":"by_city","IndexStatus":"CREATING","Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name","email"]},)"
      R"("OnDemandThroughput":{"MaxReadRequestUnits":5},"ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":0}}]}})");
  REQUIRE_MESSAGE(d, (d ? "" : d.error().what_text()));
  CHECK(d->table_status == "UPDATING");
  CHECK(d->billing_mode == "PAY_PER_REQUEST");
  CHECK(d->on_demand == on_demand_throughput{100, -1});
  REQUIRE(d->global_secondary_indexes.size() == 1);
  const auto& g = d->global_secondary_indexes[0];
  CHECK(g.projection_type == "INCLUDE");
  CHECK(g.non_key_attributes == std::vector<std::string>{"name", "email"});
  CHECK(g.index_status == "CREATING");
  CHECK(g.on_demand == on_demand_throughput{5, std::nullopt});
  auto bad = update_table_request<>::parse(R"({"TableDescription":{"OnDemandThroughput":{"MaxReadRequestUnits":"5"}}})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().path == "TableDescription.OnDemandThroughput.MaxReadRequestUnits");
  auto bad_index = describe_table_request::parse(R"({"Table":{"GlobalSecondaryIndexes":[{"OnDemandThroughput":{"MaxWriteRequestUnits":1.5}}]}})");
  REQUIRE_FALSE(bad_index);
  CHECK(bad_index.error().path == "Table.GlobalSecondaryIndexes[0].OnDemandThroughput.MaxWriteRequestUnits");
  CHECK(update_table_request<>::parse(R"({"Table":{}})").error().code == errc::malformed_response);
}

TEST_CASE("CreateTable: each index's projection and throughput from its descriptor") {
  const std::string provisioned = body_of(create_table_request<people>("people").provisioned(1, 2));
  CHECK(provisioned ==
        R"({"TableName":"people","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
        R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"city","AttributeType":"S"},)"
        R"({"AttributeName":"age","AttributeType":"N"},{"AttributeName":"score","AttributeType":"N"}],)"
        R"("BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":2},)"
        R"("GlobalSecondaryIndexes":[{"IndexName":"by_city","KeySchema":[{"AttributeName":"city","KeyType":"HASH"},{"AttributeName":"age","KeyType":"RANGE"}],)"
        R"("Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name","email"]},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":2}},)"
        R"({"IndexName":"by_score","KeySchema":[{"AttributeName":"score","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"},)"
        R"("ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":4}},)"
        R"({"IndexName":"by_age","KeySchema":[{"AttributeName":"age","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},)"
        R"("ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":2}}]})");
  // index_projection() applies to the indexes whose descriptor does not say.
  using explicit_all = table<person, &person::id, no_range_key, by_age::all, gsi<"by_name", &person::name>>;
  const std::string keys_only = body_of(create_table_request<explicit_all>("people").index_projection(index_projection::keys_only));
  CHECK(keys_only.find(R"("IndexName":"by_age","KeySchema":[{"AttributeName":"age","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"})") !=
        std::string::npos);
  CHECK(keys_only.find(R"("IndexName":"by_name","KeySchema":[{"AttributeName":"name","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"})") !=
        std::string::npos);
  // An on-demand table's indexes take no throughput: by_score's provisioned<3, 4> is refused.
  auto on_demand = refusal_of(create_table_request<people>("people"));
  CHECK(on_demand.path == "GlobalSecondaryIndexes[1].ProvisionedThroughput");
  CHECK(on_demand.message.find("by_score") != std::string::npos);
  using on_demand_people = table<person, &person::id, no_range_key, by_city, by_age>;
  CHECK(body_of(create_table_request<on_demand_people>("people")).find("ProvisionedThroughput") == std::string::npos);
  // An LSI with include<…>.
  struct post {
    std::string forum, id, title, author;
    long votes = 0;
  };
  using by_votes = lsi<"by_votes", &post::forum, &post::votes>::include<&post::title>;
  CHECK(body_of(create_table_request<table<post, &post::forum, &post::id, by_votes>>("posts")).find(
            R"("LocalSecondaryIndexes":[{"IndexName":"by_votes","KeySchema":[{"AttributeName":"forum","KeyType":"HASH"},{"AttributeName":"votes","KeyType":"RANGE"}],)"
            R"("Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["title"]}}])") != std::string::npos);
}

TEST_CASE("index descriptors: projection kinds, names, throughput at compile time") {
  static_assert(by_city::projection == detail::projection_kind::include);
  static_assert(by_city::non_key_attributes.size() == 2 && by_city::non_key_attributes[1] == "email");
  static_assert(!by_city::has_throughput);
  static_assert(by_score::projection == detail::projection_kind::keys_only && by_score::has_throughput);
  static_assert(by_score::throughput::read == 3 && by_score::throughput::write == 4);
  static_assert(by_age::projection == detail::projection_kind::unset);
  static_assert(by_age::all::projection == detail::projection_kind::all);
  static_assert(people::global_index_count == 3);
  CHECK(by_city::name == "by_city");
}

TEST_CASE("a sparse GSI: an std::optional key, absent from items without it; queried like any index") {
  const std::string q = body_of(query_request<people, by_city>("people", key<&person::city> == "Paris" && key<&person::age> > 30));
  CHECK(q == R"({"TableName":"people","IndexName":"by_city","KeyConditionExpression":"#0 = :0 AND #1 > :1",)"
             R"("ExpressionAttributeNames":{"#0":"city","#1":"age"},"ExpressionAttributeValues":{":0":{"S":"Paris"},":1":{"N":"30"}}})");
  // Without a city, the item carries no city attribute (not NULL, which DynamoDB refuses for an index key).
  const std::string put = body_of(put_item_request<people>("people", person{"p1", std::nullopt, std::nullopt, 40, "Ann", "a@x"}));
  CHECK(put.find("city") == std::string::npos);
  CHECK(put.find("score") == std::string::npos);
  CHECK(body_of(put_item_request<people>("people", person{"p2", "Paris", 7, 40, "Bob", "b@x"})).find(R"("city":{"S":"Paris"})") !=
        std::string::npos);
}

TEST_CASE("keys stored through a codec: time_point S, enum N, codec<T> with a string repr S, epoch_seconds N") {
  static_assert(detail::key_attribute_type<std::chrono::system_clock::time_point>() == "S");
  static_assert(detail::key_attribute_type<tier>() == "N");
  static_assert(detail::key_attribute_type<sku>() == "S");
  static_assert(detail::key_attribute_type<epoch_seconds>() == "N");
  static_assert(detail::key_attribute_type<std::optional<std::string>>().empty());  // not a table key
  static_assert(detail::index_key_attribute_type<std::optional<std::string>>() == "S");
  static_assert(detail::index_key_attribute_type<std::optional<tier>>() == "N");
  static_assert(!detail::valid_key_type<bool>);
  CHECK(body_of(create_table_request<events>("events")) ==
        R"({"TableName":"events","KeySchema":[{"AttributeName":"at","KeyType":"HASH"},{"AttributeName":"level","KeyType":"RANGE"}],)"
        R"("AttributeDefinitions":[{"AttributeName":"at","AttributeType":"S"},{"AttributeName":"level","AttributeType":"N"},)"
        R"({"AttributeName":"product","AttributeType":"S"},{"AttributeName":"expires","AttributeType":"N"}],"BillingMode":"PAY_PER_REQUEST",)"
        R"("GlobalSecondaryIndexes":[{"IndexName":"by_product","KeySchema":[{"AttributeName":"product","KeyType":"HASH"},)"
        R"({"AttributeName":"expires","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]})");
  const auto t0 = std::chrono::system_clock::time_point(std::chrono::seconds(1717245296));
  CHECK(body_of(get_item_request<events>("events", {t0, tier::gold})) ==
        R"({"TableName":"events","Key":{"at":{"S":"2024-06-01T12:34:56.000000000Z"},"level":{"N":"1"}}})");
  CHECK(body_of(query_request<events, by_product>("events", key<&event::product> == sku{"A-1"})).find(R"(":0":{"S":"A-1"})") !=
        std::string::npos);
  // A codec's repr is checked like the key it is: an empty string is refused, naming the key.
  struct stock {
    sku product;
    long count = 0;
  };
  using stocks = table<stock, &stock::product>;
  std::string b;
  auto empty = get_item_request<stocks>("stocks", {sku{""}}).append_body(b);
  REQUIRE_FALSE(empty);
  CHECK(empty.error().path == "product");
  CHECK(body_of(get_item_request<stocks>("stocks", {sku{"A-1"}})) == R"({"TableName":"stocks","Key":{"product":{"S":"A-1"}}})");
}

}  // namespace ops_update_table_test
