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

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace ops_ops_test {

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

TEST_CASE("ConsumedCapacity whose member name is spelled with \\u escapes is read (botocore_responses)") {
  auto g = get_item_request<users_table>::parse(R"({"\u0043onsumedCapacity":{"TableName":"users","CapacityUnits":1.5}})");
  REQUIRE(g.has_value());
  REQUIRE(g->consumed_capacity.has_value());
  CHECK(g->consumed_capacity->capacity_units == 1.5);
  auto w = detail::parse_write_result<user, decode_options{.lenient_missing = true}>(R"({"Consumed\u0043apacity":{"CapacityUnits":2}})");
  REQUIRE(w.has_value());
  REQUIRE(w->consumed_capacity.has_value());
  CHECK(w->consumed_capacity->capacity_units == 2);
  auto plain = get_item_request<users_table>::parse<item>(R"({"Item":{"username":{"S":"\u00e9"}}})");
  REQUIRE(plain.has_value());
  CHECK_FALSE(plain->consumed_capacity.has_value());
}

TEST_CASE("service errors: a ':<url>' after the code is dropped, as awsJson1_0 and botocore do (botocore_responses)") {
  auto e = parse_service_error(
      400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"bad"})");
  CHECK(e.aws_code == "ValidationException");
  CHECK(e.message == "bad");
  CHECK(parse_service_error(400, R"({"__type":"ThrottlingException:http://x/"})").aws_code == "ThrottlingException");
  CHECK(parse_service_error(400, R"({"__type":"ThrottlingException:http://x/"})").retryable);
}

namespace {
// The error of a DescribeTable answer {"Table":{<members>}}.
error describe_failure(const std::string& members) {
  auto d = describe_table_request::parse(R"({"Table":{)" + members + "}}");
  REQUIRE_MESSAGE(!d.has_value(), members);
  CHECK(d.error().code == errc::malformed_response);
  return d.error();
}
}  // namespace

TEST_CASE("DescribeTable: out-of-range, negative and mistyped members are errors naming them") {
  // A double beyond the clock's range was converted to an integer (undefined); counts went negative.
  CHECK(describe_failure(R"("CreationDateTime":1e300)").path == "Table.CreationDateTime");
  CHECK(describe_failure(R"("CreationDateTime":-1e300)").path == "Table.CreationDateTime");
  CHECK(describe_failure(R"("CreationDateTime":9223372036.854776)").path == "Table.CreationDateTime");  // 2^63 ns
  CHECK(describe_failure(R"("CreationDateTime":-9223372036.85478)").path == "Table.CreationDateTime");
  CHECK(describe_failure(R"("CreationDateTime":"2024-06-01")").path == "Table.CreationDateTime");
  CHECK(describe_failure(R"("ItemCount":-1)").path == "Table.ItemCount");
  CHECK(describe_failure(R"("ItemCount":1.5)").path == "Table.ItemCount");
  CHECK(describe_failure(R"("ItemCount":"7")").path == "Table.ItemCount");
  CHECK(describe_failure(R"("ItemCount":18446744073709551616)").code == errc::malformed_response);
  CHECK(describe_failure(R"("TableSizeBytes":-5)").path == "Table.TableSizeBytes");
  CHECK(describe_failure(R"("ProvisionedThroughput":{"ReadCapacityUnits":-1})").path == "Table.ProvisionedThroughput.ReadCapacityUnits");
  CHECK(describe_failure(R"("ProvisionedThroughput":{"WriteCapacityUnits":1e3})").path == "Table.ProvisionedThroughput.WriteCapacityUnits");
  CHECK(describe_failure(R"("ProvisionedThroughput":5)").path == "Table.ProvisionedThroughput");
  CHECK(describe_failure(R"("GlobalSecondaryIndexes":[{"IndexName":"a"},{"ItemCount":-1}])").path == "Table.GlobalSecondaryIndexes[1].ItemCount");
  CHECK(describe_failure(R"("GlobalSecondaryIndexes":[{"ProvisionedThroughput":{"ReadCapacityUnits":-1}}])").path ==
        "Table.GlobalSecondaryIndexes[0].ProvisionedThroughput.ReadCapacityUnits");
  CHECK(describe_failure(R"("GlobalSecondaryIndexes":[{"Projection":{"NonKeyAttributes":["a",5]}}])").path ==
        "Table.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes[1]");
  CHECK(describe_failure(R"("GlobalSecondaryIndexes":[{"KeySchema":[{"AttributeName":"a","KeyType":1}]}])").path ==
        "Table.GlobalSecondaryIndexes[0].KeySchema[0].KeyType");
  CHECK(describe_failure(R"("GlobalSecondaryIndexes":{})").path == "Table.GlobalSecondaryIndexes");
  CHECK(describe_failure(R"("GlobalSecondaryIndexes":[5])").path == "Table.GlobalSecondaryIndexes[0]");
  CHECK(describe_failure(R"("TableName":5)").path == "Table.TableName");
  CHECK(describe_failure(R"("TableStatus":null,"TableArn":[])").path == "Table.TableArn");
  CHECK(describe_failure(R"("KeySchema":{})").path == "Table.KeySchema");
  CHECK(describe_failure(R"("KeySchema":[{"AttributeName":"a"}])").path == "Table.KeySchema[0].KeyType");  // required
  CHECK(describe_failure(R"("KeySchema":["a"])").path == "Table.KeySchema[0]");
  CHECK(describe_failure(R"("AttributeDefinitions":[{"AttributeType":"S"}])").path == "Table.AttributeDefinitions[0].AttributeName");
  CHECK(describe_failure(R"("BillingModeSummary":{"BillingMode":true})").path == "Table.BillingModeSummary.BillingMode");
  auto deleted = delete_table_request::parse(R"({"TableDescription":{"ItemCount":-3}})");
  REQUIRE_FALSE(deleted.has_value());
  CHECK(deleted.error().path == "TableDescription.ItemCount");
  CHECK(describe_table_request::parse(R"({"Table":5})").error().code == errc::malformed_response);
  CHECK(describe_table_request::parse("").error().code == errc::malformed_response);
  CHECK(describe_table_request::parse(std::string_view{}).error().code == errc::malformed_response);  // null data
  CHECK(batch_get_item_request<users_table>::parse(std::string_view{}, "users").error().code == errc::malformed_response);
  CHECK(describe_table_request::parse(std::string(100000, '[')).error().code == errc::malformed_response);
}

TEST_CASE("DescribeTable: absent or null members are fine; the edges of the ranges are read exactly") {
  auto empty = describe_table_request::parse(R"({"Table":{"TableName":null,"ItemCount":null,"KeySchema":null}})");
  REQUIRE(empty.has_value());
  CHECK(empty->table_name.empty());
  CHECK(empty->item_count == 0);
  CHECK(empty->creation_date_time == std::chrono::system_clock::time_point{});
  CHECK_FALSE(empty->throughput.has_value());
  auto big = describe_table_request::parse(
      R"({"Table":{"ItemCount":18446744073709551615,"TableSizeBytes":0,"CreationDateTime":9223372036.854775,)"
      R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"},"ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":0}}})");
  REQUIRE(big.has_value());
  CHECK(big->item_count == 18446744073709551615ull);
  CHECK(big->billing_mode == "PAY_PER_REQUEST");
  CHECK(big->throughput->write_capacity_units == 0);
  using std::chrono::system_clock;
  if constexpr (std::is_same_v<system_clock::duration, std::chrono::nanoseconds>) {
    CHECK(big->creation_date_time.time_since_epoch().count() == 9223372036854774784);  // the double nearest below 2^63
    auto first = describe_table_request::parse(R"({"Table":{"CreationDateTime":-9223372036.854776}})");  // -2^63 ns
    REQUIRE(first.has_value());
    CHECK(first->creation_date_time == system_clock::time_point::min());
  }
}

TEST_CASE("ConsumedCapacity: negative or mistyped figures are errors naming them") {
  auto get_failure = [](const std::string& cc) {
    auto g = get_item_request<users_table>::parse(R"({"ConsumedCapacity":)" + cc + "}");
    REQUIRE_MESSAGE(!g.has_value(), cc);
    CHECK(g.error().code == errc::malformed_response);
    return g.error().path;
  };
  CHECK(get_failure(R"({"CapacityUnits":-1})") == "ConsumedCapacity.CapacityUnits");
  CHECK(get_failure(R"({"CapacityUnits":"1"})") == "ConsumedCapacity.CapacityUnits");
  CHECK(get_failure(R"({"ReadCapacityUnits":-0.5})") == "ConsumedCapacity.ReadCapacityUnits");
  CHECK(get_failure(R"({"TableName":7})") == "ConsumedCapacity.TableName");
  CHECK(get_failure(R"({"Table":5})") == "ConsumedCapacity.Table");
  CHECK(get_failure(R"({"Table":{"WriteCapacityUnits":-1}})") == "ConsumedCapacity.Table.WriteCapacityUnits");
  CHECK(get_failure(R"({"GlobalSecondaryIndexes":[]})") == "ConsumedCapacity.GlobalSecondaryIndexes");
  CHECK(get_failure(R"({"LocalSecondaryIndexes":{"i":{"CapacityUnits":-2}}})") == "ConsumedCapacity.LocalSecondaryIndexes.i.CapacityUnits");
  CHECK(get_failure(R"({"GlobalSecondaryIndexes":{"i":true}})") == "ConsumedCapacity.GlobalSecondaryIndexes.i");
  CHECK(get_failure(R"("lots")") == "ConsumedCapacity");
  CHECK(get_failure(R"([{"CapacityUnits":1},{"CapacityUnits":2}])") == "ConsumedCapacity");  // one table: an object
  // A Query/Scan page's ConsumedCapacity, read after the page.
  auto q = detail::parse_query_result<user, decode_options{}>(R"({"Count":0,"ConsumedCapacity":{"CapacityUnits":-1}})", true);
  REQUIRE(!q.has_value());
  CHECK(q.error().path == "ConsumedCapacity.CapacityUnits");
  auto w = detail::parse_write_result<user, decode_options{.lenient_missing = true}>(R"({"ConsumedCapacity":{"CapacityUnits":-1}})");
  REQUIRE_FALSE(w.has_value());
  CHECK(w.error().path == "ConsumedCapacity.CapacityUnits");
  auto none = get_item_request<users_table>::parse(R"({"ConsumedCapacity":null})");
  REQUIRE(none.has_value());
  CHECK_FALSE(none->consumed_capacity.has_value());
  auto big = get_item_request<users_table>::parse(R"({"ConsumedCapacity":{"CapacityUnits":18446744073709551615,"Table":{}}})");
  REQUIRE(big.has_value());
  CHECK(big->consumed_capacity->capacity_units == 18446744073709551615.0);
}

TEST_CASE("batch responses: malformed shapes are errors naming where, nothing is dropped") {
  using writes = batch_write_item_request<users_table>;
  auto write_failure = [](const std::string& body) {
    auto r = writes::parse(body, "users");
    REQUIRE_MESSAGE(!r.has_value(), body);
    return r.error();
  };
  CHECK(write_failure(R"({"UnprocessedItems":[]})").path == "UnprocessedItems");
  CHECK(write_failure(R"({"UnprocessedItems":{"users":{}}})").path == "UnprocessedItems.users");
  CHECK(write_failure(R"({"UnprocessedItems":{"users":[5]}})").path == "UnprocessedItems.users[0]");
  CHECK(write_failure(R"({"UnprocessedItems":{"users":[{"PutRequest":{"Item":{"username":{"S":"a"}}}}]}})").path ==
        "UnprocessedItems.users[0].PutRequest.Item.last_name");
  CHECK(write_failure(R"({"UnprocessedItems":{"users":[{"DeleteRequest":{"Key":{"username":{"S":"a"},"last_name":{"Q":"b"}}}}]}})").path ==
        "UnprocessedItems.users[0].DeleteRequest.Key.last_name");
  CHECK(write_failure(R"({"ConsumedCapacity":{"CapacityUnits":1}})").path == "ConsumedCapacity");
  CHECK(write_failure(R"({"ConsumedCapacity":[{"CapacityUnits":1},{"CapacityUnits":-1}]})").path == "ConsumedCapacity[1].CapacityUnits");
  CHECK(write_failure(R"({"ConsumedCapacity":[7]})").path == "ConsumedCapacity[0]");
  auto other = writes::parse(R"({"UnprocessedItems":{"other":[5]},"ConsumedCapacity":null})", "users");
  REQUIRE(other.has_value());
  CHECK(other->unprocessed.empty());

  using gets = batch_get_item_request<users_table>;
  auto get_failure = [](const std::string& body) {
    auto r = gets::parse(body, "users");
    REQUIRE_MESSAGE(!r.has_value(), body);
    CHECK(r.error().code != errc::ok);
    return r.error();
  };
  CHECK(get_failure(R"({"Responses":[]})").path == "Responses");
  CHECK(get_failure(R"({"Responses":{"users":{}}})").path == "Responses.users");
  CHECK(get_failure(R"({"Responses":{"users":[5]}})").path == "Responses.users[0]");
  CHECK(get_failure(R"({"UnprocessedKeys":[]})").path == "UnprocessedKeys");
  CHECK(get_failure(R"({"UnprocessedKeys":{"users":[]}})").path == "UnprocessedKeys.users");
  CHECK(get_failure(R"({"UnprocessedKeys":{"users":{}}})").path == "UnprocessedKeys.users.Keys");
  CHECK(get_failure(R"({"UnprocessedKeys":{"users":{"Keys":{}}}})").path == "UnprocessedKeys.users.Keys");
  CHECK(get_failure(R"({"UnprocessedKeys":{"users":{"Keys":[{"username":{"S":"a"}},5]}}})").path == "UnprocessedKeys.users.Keys[1]");
  CHECK(get_failure(R"({"ConsumedCapacity":[{"CapacityUnits":-1}]})").path == "ConsumedCapacity[0].CapacityUnits");
  CHECK(get_failure(R"({"ConsumedCapacity":{}})").path == "ConsumedCapacity");
  auto fine = gets::parse(R"({"Responses":{"users":[]},"UnprocessedKeys":{},"ConsumedCapacity":[{"TableName":"users","CapacityUnits":1}]})", "users");
  REQUIRE(fine.has_value());
  CHECK(fine->items.empty());
  CHECK(fine->consumed_capacity.size() == 1);
}

TEST_CASE("service errors: mistyped members fall back to the HTTP status") {
  auto e = parse_service_error(400, R"({"__type":5,"message":[1]})");
  CHECK(e.aws_code == "HTTP400");
  CHECK(e.message == "HTTP status 400");
  CHECK(parse_service_error(400, R"({"__type":"x#","message":5,"Message":"m"})").message == "m");
  CHECK(parse_service_error(400, R"({"__type":"x#"})").aws_code == "HTTP400");
  CHECK(parse_service_error(400, R"({"__type":"NoHash"})").aws_code == "NoHash");
  CHECK(parse_service_error(-1, "[").aws_code == "HTTP-1");
  CHECK(parse_service_error(500, std::string_view{}).retryable);  // null data
  CHECK(parse_service_error(400, std::string(100000, '[')).aws_code == "HTTP400");
}

TEST_CASE("a Query's filter may not name a key attribute of what is queried (DynamoDB refuses it)") {
  auto on_table = query_request<users_table>("users", key<&user::username> == "a").filter(attr<&user::last_name> == "D");
  auto e = refusal_of(on_table);
  CHECK(e.path == "FilterExpression");
  CHECK(e.message.find("'last_name'") != std::string::npos);
  auto nested_runtime = query_request<users_table>("users", key<&user::username> == "a").filter(attribute_exists(path("username")));
  CHECK(refusal_of(nested_runtime).path == "FilterExpression");
  // The index's keys are the queried keys there; the table's sort key is an ordinary attribute.
  auto on_index = query_request<users_table, by_account>("users", key<&user::account_type> == "a").filter(attr<&user::age> > 3);
  CHECK(refusal_of(on_index).path == "FilterExpression");
  CHECK_FALSE(body_of(query_request<users_table, by_account>("users", key<&user::account_type> == "a")
                          .filter(attr<&user::last_name> == "D")).empty());
  // A key attribute deeper in a path is another attribute; a Scan may filter on keys.
  CHECK_FALSE(body_of(query_request<users_table>("users", key<&user::username> == "a").filter(attr<&user::age> > 3)).empty());
  CHECK_FALSE(body_of(scan_request<users_table>("users").filter(attr<&user::last_name> == "D")).empty());
}

TEST_CASE("Select other than SPECIFIC_ATTRIBUTES with a projection is refused (DynamoDB refuses it)") {
  for (auto s : {select::all_attributes, select::all_projected_attributes, select::count}) {
    auto q = query_request<users_table, by_account>("users", key<&user::account_type> == "a").project(project<&user::age>).select(s);
    CHECK(refusal_of(q).path == "Select");
  }
  CHECK_FALSE(body_of(query_request<users_table>("users", key<&user::username> == "a")
                          .project(project<&user::age>)
                          .select(select::specific_attributes)).empty());
}

}  // namespace ops_ops_test
