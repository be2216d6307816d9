// Request bodies of every operation (golden), what is refused before sending, and response parsing.
#include <doctest/doctest.h>

#include <string>

#include "ddbx/ops/batch_get_item.hpp"
#include "ddbx/ops/batch_write_item.hpp"
#include "ddbx/ops/create_table.hpp"
#include "ddbx/ops/delete_item.hpp"
#include "ddbx/ops/describe_table.hpp"
#include "ddbx/ops/get_item.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/query.hpp"
#include "ddbx/ops/scan.hpp"
#include "ddbx/ops/update_item.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using seed::user;
using by_account = gsi<"by_account", &user::account_type, &user::age>;
using users_table = table<user, &user::username, &user::last_name, by_account>;

struct blob_row {
  binary id;
  long long n = 0;
};
using blobs = table<blob_row, &blob_row::id>;

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
  CHECK(s.error().code == errc::invalid_request);
  return s.error();
}

const user jane{"janedoe", "Jane", "Doe", 25, "standard_user"};

TEST_CASE("CreateTable is derived from the table descriptor") {
  CHECK(body_of(create_table_request<users_table>("users").provisioned(5, 5)) ==
        R"({"TableName":"users","KeySchema":[{"AttributeName":"username","KeyType":"HASH"},{"AttributeName":"last_name","KeyType":"RANGE"}],)"
        R"("AttributeDefinitions":[{"AttributeName":"username","AttributeType":"S"},{"AttributeName":"last_name","AttributeType":"S"},)"
        R"({"AttributeName":"account_type","AttributeType":"S"},{"AttributeName":"age","AttributeType":"N"}],)"
        R"("BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},)"
        R"("GlobalSecondaryIndexes":[{"IndexName":"by_account","KeySchema":[{"AttributeName":"account_type","KeyType":"HASH"},)"
        R"({"AttributeName":"age","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"},)"
        R"("ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}]})");
  CHECK(body_of(create_table_request<blobs>("blobs")) ==
        R"({"TableName":"blobs","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
        R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"B"}],"BillingMode":"PAY_PER_REQUEST"})");
  CHECK(body_of(create_table_request<users_table>("users").index_projection(index_projection::keys_only))
            .find(R"("Projection":{"ProjectionType":"KEYS_ONLY"})") != std::string::npos);
  CHECK(refusal_of(create_table_request<users_table>("no")).path == "TableName");
  CHECK(refusal_of(create_table_request<users_table>("users!")).path == "TableName");
}

TEST_CASE("PutItem, GetItem, UpdateItem, DeleteItem bodies") {
  CHECK(body_of(put_item_request<users_table>("users", jane)) ==
        R"({"TableName":"users","Item":{"username":{"S":"janedoe"},"first_name":{"S":"Jane"},"last_name":{"S":"Doe"},)"
        R"("age":{"N":"25"},"account_type":{"S":"standard_user"}}})");
  CHECK(body_of(put_item_request<users_table>("users", jane)
                    .condition(attribute_not_exists(attr<&user::username>))
                    .return_values(return_values::all_old)
                    .return_consumed_capacity(return_consumed_capacity::total))
            .ends_with(R"j("ConditionExpression":"attribute_not_exists(#0)","ExpressionAttributeNames":{"#0":"username"},)j"
                       R"("ReturnValues":"ALL_OLD","ReturnConsumedCapacity":"TOTAL"})"));
  CHECK(body_of(get_item_request<users_table>("users", {"janedoe", "Doe"}).consistent_read()) ==
        R"({"TableName":"users","Key":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}},"ConsistentRead":true})");
  CHECK(body_of(get_item_request<users_table>("users", {"janedoe", "Doe"}).project(project<&user::age>)) ==
        R"({"TableName":"users","Key":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}},)"
        R"("ProjectionExpression":"#0","ExpressionAttributeNames":{"#0":"age"}})");
  CHECK(body_of(update_item_request<users_table>("users", {"janedoe", "Doe"}, set(attr<&user::age>, 26))
                    .condition(attr<&user::age> == 25)
                    .return_values(return_values::updated_new)) ==
        R"({"TableName":"users","Key":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}},"ConditionExpression":"#0 = :1",)"
        R"("UpdateExpression":"SET #0 = :0","ExpressionAttributeNames":{"#0":"age"},)"
        R"("ExpressionAttributeValues":{":0":{"N":"26"},":1":{"N":"25"}},"ReturnValues":"UPDATED_NEW"})");
  CHECK(body_of(delete_item_request<users_table>("users", {"janedoe", "Doe"})) ==
        R"({"TableName":"users","Key":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}}})");
  CHECK(body_of(delete_item_request<blobs>("blobs", {binary::from("\x01\x02")})) ==
        R"({"TableName":"blobs","Key":{"id":{"B":"AQI="}}})");
}

TEST_CASE("Query and Scan bodies") {
  CHECK(body_of(query_request<users_table>("users", key<&user::username> == "johndoe")
                    .filter(attr<&user::age> < 30)
                    .project(project<&user::username, &user::age>)
                    .limit(2)
                    .consistent_read()
                    .scan_index_forward(false)
                    .return_consumed_capacity(return_consumed_capacity::indexes)
                    .exclusive_start_key(primary_key<users_table>{"johndoe", "Doe"})) ==
        R"({"TableName":"users","KeyConditionExpression":"#0 = :0","FilterExpression":"#1 < :1","ProjectionExpression":"#0, #1",)"
        R"("ExpressionAttributeNames":{"#0":"username","#1":"age"},"ExpressionAttributeValues":{":0":{"S":"johndoe"},":1":{"N":"30"}},)"
        R"("Limit":2,"ConsistentRead":true,"ReturnConsumedCapacity":"INDEXES",)"
        R"("ExclusiveStartKey":{"username":{"S":"johndoe"},"last_name":{"S":"Doe"}},"ScanIndexForward":false})");
  CHECK(body_of(query_request<users_table, by_account>("users", key<&user::account_type> == "super_user")
                    .select(select::all_projected_attributes)) ==
        R"({"TableName":"users","IndexName":"by_account","KeyConditionExpression":"#0 = :0",)"
        R"("ExpressionAttributeNames":{"#0":"account_type"},"ExpressionAttributeValues":{":0":{"S":"super_user"}},)"
        R"("Select":"ALL_PROJECTED_ATTRIBUTES"})");
  CHECK(body_of(scan_request<users_table>("users").select(select::count).segment(1, 4)) ==
        R"({"TableName":"users","Select":"COUNT","Segment":1,"TotalSegments":4})");
  item start{{"username", value("a")}, {"last_name", value("b")}};
  CHECK(body_of(scan_request<users_table>("users").exclusive_start_key(start)) ==
        R"({"TableName":"users","ExclusiveStartKey":{"last_name":{"S":"b"},"username":{"S":"a"}}})");
}

TEST_CASE("requests DynamoDB would refuse are refused before sending, naming the member") {
  user no_name = jane;
  no_name.username.clear();
  CHECK(refusal_of(put_item_request<users_table>("users", no_name)).path == "username");
  user long_sort = jane;
  long_sort.last_name.assign(1025, 'x');
  auto e = refusal_of(put_item_request<users_table>("users", long_sort));
  CHECK(e.path == "last_name");
  CHECK(e.message == "key value is 1025 bytes; DynamoDB allows 1024");
  CHECK(refusal_of(get_item_request<users_table>("users", {"janedoe", ""})).path == "last_name");
  CHECK(refusal_of(delete_item_request<users_table>("users", {std::string(2049, 'k'), "Doe"})).path == "username");
  CHECK(refusal_of(delete_item_request<blobs>("blobs", {binary{}})).path == "id");
  CHECK(refusal_of(put_item_request<users_table>("users", jane).return_values(return_values::all_new)).path == "ReturnValues");
  CHECK(refusal_of(query_request<users_table>("users", key<&user::username> == "j")
                       .select(select::count)
                       .project(project<&user::age>))
            .path == "Select");
  CHECK(refusal_of(scan_request<users_table>("users").select(select::specific_attributes)).path == "Select");
  CHECK(refusal_of(scan_request<users_table>("users").select(select::all_projected_attributes)).path == "Select");
  CHECK(refusal_of(scan_request<users_table>("users").limit(0)).path == "Limit");
  CHECK(refusal_of(scan_request<users_table>("users").segment(4, 4)).path == "Segment");
  CHECK(refusal_of(scan_request<users_table>("users", "x")).path == "IndexName");
  // a bad item is reported with its attribute path, not sent
  seed::user bad = jane;
  bad.first_name = "\xff";
  std::string b;
  auto s = put_item_request<users_table>("users", bad).append_body(b);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().path == "first_name");
  CHECK(b.empty());
}

TEST_CASE("BatchWriteItem: at most 25, no key twice") {
  batch_write_item_request<users_table> r("users");
  REQUIRE(r.put(jane).has_value());
  REQUIRE(r.del({"johndoe", "Doe"}).has_value());
  CHECK(body_of(r) ==
        R"({"RequestItems":{"users":[{"PutRequest":{"Item":{"username":{"S":"janedoe"},"first_name":{"S":"Jane"},)"
        R"("last_name":{"S":"Doe"},"age":{"N":"25"},"account_type":{"S":"standard_user"}}}},)"
        R"({"DeleteRequest":{"Key":{"username":{"S":"johndoe"},"last_name":{"S":"Doe"}}}}]}})");
  REQUIRE(r.del({"janedoe", "Doe"}).has_value());
  auto dup = refusal_of(r);
  CHECK(dup.path == "RequestItems.users[2]");
  CHECK(dup.message.find("as request 0") != std::string::npos);
  batch_write_item_request<users_table> many("users");
  for (int i = 0; i < 26; ++i) REQUIRE(many.del({"u" + std::to_string(i), "x"}).has_value());
  CHECK(refusal_of(many).message == "26 requests; BatchWriteItem takes at most 25");
  CHECK_FALSE(batch_write_item_request<users_table>::put_entry(user{}).has_value());
}

TEST_CASE("BatchWriteItem UnprocessedItems come back as entries with canonical keys") {
  auto r = batch_write_item_request<users_table>::parse(
      R"({"UnprocessedItems":{"users":[{"PutRequest":{"Item":{"username":{"S":"a"},"last_name":{"S":"b"},"age":{"N":"1.0"}}}},)"
      R"({"DeleteRequest":{"Key":{"last_name":{"S":"d"},"username":{"S":"c"}}}}]},)"
      R"("ConsumedCapacity":[{"TableName":"users","CapacityUnits":2.0}]})",
      "users");
  REQUIRE(r.has_value());
  REQUIRE(r->unprocessed.size() == 2);
  CHECK(r->unprocessed[0].key == R"({"S":"a"},{"S":"b"})");
  CHECK(r->unprocessed[1].key == R"({"S":"c"},{"S":"d"})");
  CHECK(r->unprocessed[1].json == R"({"DeleteRequest":{"Key":{"last_name":{"S":"d"},"username":{"S":"c"}}}})");
  REQUIRE(r->consumed_capacity.size() == 1);
  CHECK(r->consumed_capacity[0].capacity_units == 2.0);
  auto entry = batch_write_item_request<users_table>::delete_entry({"c", "d"});
  CHECK(entry->key == r->unprocessed[1].key);
  CHECK_FALSE(batch_write_item_request<users_table>::parse(R"({"UnprocessedItems":{"users":[{"Nope":{}}]}})", "users").has_value());
}

TEST_CASE("BatchGetItem: body, duplicates, responses") {
  batch_get_item_request<users_table> r("users");
  REQUIRE(r.key({"johndoe", "Doe"}).has_value());
  r.consistent_read().project(project<&user::username, &user::age>);
  CHECK(body_of(r) == R"({"RequestItems":{"users":{"Keys":[{"username":{"S":"johndoe"},"last_name":{"S":"Doe"}}],)"
                      R"("ConsistentRead":true,"ProjectionExpression":"#0, #1","ExpressionAttributeNames":{"#0":"username","#1":"age"}}}})");
  REQUIRE(r.key({"johndoe", "Doe"}).has_value());
  CHECK(refusal_of(r).path == "RequestItems.users.Keys[1]");
  CHECK_FALSE(r.key({"", "Doe"}).has_value());
  auto g = batch_get_item_request<users_table>::parse(
      R"({"Responses":{"users":[{"username":{"S":"a"},"first_name":{"S":"A"},"last_name":{"S":"b"},"age":{"N":"3"},"account_type":{"S":"x"}}]},)"
      R"("UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"c"},"last_name":{"S":"d"}}]}}})",
      "users");
  REQUIRE(g.has_value());
  REQUIRE(g->items.size() == 1);
  CHECK(g->items[0].age == 3);
  CHECK(g->unprocessed == std::vector<std::string>{R"({"username":{"S":"c"},"last_name":{"S":"d"}})"});
  auto bad = batch_get_item_request<users_table>::parse(R"({"Responses":{"users":[{"username":{"N":"1"}}]}})", "users");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().path == "Responses.users[0].username");
}

TEST_CASE("responses: GetItem, write attributes, pages, ConsumedCapacity, DescribeTable") {
  auto g = get_item_request<users_table>::parse(
      R"({"Item":{"username":{"S":"a"},"first_name":{"S":"A"},"last_name":{"S":"b"},"age":{"N":"3"},"account_type":{"S":"x"}},)"
      R"("ConsumedCapacity":{"TableName":"users","CapacityUnits":0.5,"Table":{"CapacityUnits":0.5}}})");
  REQUIRE(g.has_value());
  CHECK(g->item->first_name == "A");
  CHECK(g->consumed_capacity->capacity_units == 0.5);
  CHECK(g->consumed_capacity->table->capacity_units == 0.5);
  CHECK_FALSE(get_item_request<users_table>::parse("{}")->item.has_value());
  auto bad = get_item_request<users_table>::parse(R"({"Item":{"username":{"S":"a"},"age":{"S":"x"}}})");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().path == "Item.age");
  CHECK(get_item_request<users_table>::parse("[1]").error().code == errc::malformed_json);

  auto w = detail::parse_write_result<user, decode_options{.lenient_missing = true}>(R"({"Attributes":{"age":{"N":"26"}}})");
  REQUIRE(w.has_value());
  CHECK(w->attributes->age == 26);

  auto q = detail::parse_query_result<user, decode_options{}>(
      R"({"Count":0,"ScannedCount":5,"LastEvaluatedKey":{"username":{"S":"a"},"last_name":{"S":"b"}},)"
      R"("ConsumedCapacity":{"TableName":"users","CapacityUnits":1,"GlobalSecondaryIndexes":{"by_account":{"CapacityUnits":1}}}})",
      true);
  REQUIRE(q.has_value());
  CHECK(q->items.empty());
  CHECK(q->scanned_count == 5);
  CHECK(q->last_evaluated_key->at("username") == value("a"));
  CHECK(q->consumed_capacity->global_secondary_indexes.at("by_account").capacity_units == 1);

  auto d = describe_table_request::parse(
      R"({"Table":{"TableName":"users","TableStatus":"ACTIVE","ItemCount":7,"TableSizeBytes":1234,"CreationDateTime":1764086400.5,)"
      R"("KeySchema":[{"AttributeName":"username","KeyType":"HASH"},{"AttributeName":"last_name","KeyType":"RANGE"}],)"
      R"("AttributeDefinitions":[{"AttributeName":"username","AttributeType":"S"}],)"
      R"("ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5,"NumberOfDecreasesToday":0},)"
      R"("GlobalSecondaryIndexes":[{"IndexName":"by_account","KeySchema":[{"AttributeName":"account_type","KeyType":"HASH"}],)"
      R"("Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["age"]},"IndexStatus":"ACTIVE","ItemCount":3}]}})");
  REQUIRE(d.has_value());
  CHECK(d->item_count == 7);
  CHECK(d->table_size_bytes == 1234);
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(d->creation_date_time.time_since_epoch()).count() == 1764086400500);
  CHECK(d->key_schema == std::vector<key_schema_element>{{"username", "HASH"}, {"last_name", "RANGE"}});
  CHECK(d->attribute_definitions == std::vector<attribute_definition>{{"username", "S"}});
  CHECK(d->throughput->read_capacity_units == 5);
  REQUIRE(d->global_secondary_indexes.size() == 1);
  CHECK(d->global_secondary_indexes[0].non_key_attributes == std::vector<std::string>{"age"});
  CHECK(d->global_secondary_indexes[0].item_count == 3);
  CHECK(describe_table_request::parse("{}").error().code == errc::malformed_response);
}

TEST_CASE("service errors: code after '#', message or Message, retryable by the standard policy") {
  auto e = parse_service_error(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})");
  CHECK(e.code == errc::service_error);
  CHECK(e.aws_code == "ConditionalCheckFailedException");
  CHECK(e.message == "The conditional request failed");
  CHECK(e.http_status == 400);
  CHECK_FALSE(e.retryable);
  CHECK(e.what_text() == "ConditionalCheckFailedException: The conditional request failed");
  auto t = parse_service_error(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","Message":"slow down"})");
  CHECK(t.retryable);
  CHECK(t.message == "slow down");
  CHECK(parse_service_error(400, R"({"__type":"com.amazon.coral.availability#ThrottlingException"})").retryable);
  CHECK(parse_service_error(400, R"({"__type":"x#RequestLimitExceeded"})").retryable);
  CHECK(parse_service_error(400, R"({"__type":"x#TransactionInProgressException"})").retryable);
  CHECK_FALSE(parse_service_error(400, R"({"__type":"x#ValidationException"})").retryable);
  CHECK_FALSE(parse_service_error(400, R"({"__type":"x#ResourceNotFoundException"})").retryable);
  CHECK_FALSE(parse_service_error(400, R"({"__type":"x#TransactionCanceledException"})").retryable);
  for (int s : {500, 502, 503, 504}) CHECK(parse_service_error(s, "<html>").retryable);
  auto plain = parse_service_error(503, "not json");
  CHECK(plain.aws_code == "HTTP503");
  CHECK_FALSE(parse_service_error(413, "").retryable);
}
