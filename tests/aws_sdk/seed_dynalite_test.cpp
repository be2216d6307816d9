// The seed's boto3 walkthrough against dynalite (tools/dynalite/dynalite.py sets
// AWS_ENDPOINT_URL_DYNAMODB and dummy credentials), twice:
//   1. through aws-sdk-cpp's own Aws::DynamoDB::DynamoDBClient, with ddbx building the items, keys
//      and expressions and decoding the results into the seed's structs;
//   2. through a ddbx client on ddbx::aws_sdk_transport (the SDK's HTTP client, SigV4 signer and
//      default credentials chain; ddbx's request bodies and decoding).
// Both check every step's answer against the same expectations.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <aws/core/client/ClientConfiguration.h>
#include <aws/dynamodb/DynamoDBClient.h>
#include <aws/dynamodb/model/AttributeDefinition.h>
#include <aws/dynamodb/model/BatchWriteItemRequest.h>
#include <aws/dynamodb/model/CreateTableRequest.h>
#include <aws/dynamodb/model/DeleteItemRequest.h>
#include <aws/dynamodb/model/DeleteTableRequest.h>
#include <aws/dynamodb/model/DescribeTableRequest.h>
#include <aws/dynamodb/model/GetItemRequest.h>
#include <aws/dynamodb/model/GlobalSecondaryIndex.h>
#include <aws/dynamodb/model/PutItemRequest.h>
#include <aws/dynamodb/model/QueryRequest.h>
#include <aws/dynamodb/model/ScanRequest.h>
#include <aws/dynamodb/model/UpdateItemRequest.h>

#include "ddbx/aws_sdk.hpp"
#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

namespace model = Aws::DynamoDB::Model;
using namespace ddbx;
using seed::postal_address;
using seed::user;

using account_type_index = gsi<"account_type_index", &user::account_type, &user::age>;
using users_table = table<user, &user::username, &user::last_name, account_type_index>;

namespace {

struct name_and_age {
  std::string username;
  int age = 0;
  friend bool operator==(const name_and_age&, const name_and_age&) = default;
};

const user jane{"janedoe", "Jane", "Doe", 25, "standard_user", {}, {}, {}};
// The batch of the walkthrough, with overwrite_by_pkeys: the last request for a key wins.
const std::vector<user> batch_puts = {
    {"johndoe", "John", "Doe", 25, "standard_user", postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}, {}, {}},
    {"janedoering", "Jane", "Doering", 40, "super_user", postal_address{"2 Washington Avenue", "Seattle", "WA", 98109}, {}, {}},
    {"johndoe", "Johnny", "Dorian", 26, "standard_user", postal_address{"3 Ocean Drive", "San Diego", "CA", 92101}, {}, {}},
    {"johndoe", "Jon", "Smith", 31, "super_user", postal_address{"4 Pine Street", "Portland", "OR", 97201}, {}, {}},
    {"jimbo", "Jim", "Beam", 22, "standard_user", postal_address{"5 Market Street", "San Francisco", "CA", 94103}, {}, {}},
    {"alice", "Alice", "Liddell", 23, "standard_user", postal_address{"6 Wonder Lane", "Boston", "MA", 2108}, {}, std::vector<double>{0.5, 1e-3}},
    {"jackie", "Jackie", "Chan", 24, "super_user", postal_address{"7 Sunset Blvd", "Los Angeles", "CA", 90028},
     std::vector<std::string>{"kung", "fu"}, {}},
};

std::vector<std::string> keys_of(const std::vector<user>& users, bool sort) {
  std::vector<std::string> k;
  for (const auto& u : users) k.push_back(u.username + "/" + u.last_name);
  if (sort) std::sort(k.begin(), k.end());
  return k;
}

const user& batch_user(std::string_view username, std::string_view last_name) {
  for (const auto& u : batch_puts)
    if (u.username == username && u.last_name == last_name) return u;
  FAIL("no such user");
  return batch_puts.front();
}

// What each step must answer, whichever way it was sent.
void check_query_key(const std::vector<user>& r) {
  CHECK(keys_of(r, false) == std::vector<std::string>{"johndoe/Doe", "johndoe/Dorian", "johndoe/Smith"});
  CHECK(r.at(0) == batch_user("johndoe", "Doe"));
}
void check_query_begins_with(const std::vector<user>& r) {
  CHECK(keys_of(r, false) == std::vector<std::string>{"johndoe/Doe", "johndoe/Dorian"});
}
void check_query_gsi(const std::vector<user>& r) {  // ordered by age in the index
  CHECK(keys_of(r, false) == std::vector<std::string>{"jackie/Chan", "johndoe/Smith", "janedoering/Doering"});
  CHECK(r.at(0) == batch_user("jackie", "Chan"));
}
void check_projection(const std::vector<name_and_age>& r) {
  CHECK(r == std::vector<name_and_age>{{"johndoe", 25}, {"johndoe", 26}, {"johndoe", 31}});
}
void check_scan_age_first_name(const std::vector<user>& r) {
  CHECK(keys_of(r, true) == std::vector<std::string>{"jackie/Chan", "jimbo/Beam", "johndoe/Doe", "johndoe/Dorian"});
}
void check_scan_state(const std::vector<user>& r) {
  CHECK(keys_of(r, true) == std::vector<std::string>{"jackie/Chan", "jimbo/Beam", "johndoe/Doe", "johndoe/Dorian"});
  for (const auto& u : r) CHECK(u == batch_user(u.username, u.last_name));
}

std::string endpoint() {
  const char* e = std::getenv("AWS_ENDPOINT_URL_DYNAMODB");
  REQUIRE_MESSAGE(e != nullptr, "run under tools/dynalite/dynalite.py");
  return e;
}

template <class Outcome>
const auto& ok(const Outcome& o) {
  REQUIRE_MESSAGE(o.IsSuccess(), o.GetError().GetExceptionName() << ": " << o.GetError().GetMessage());
  return o.GetResult();
}

model::KeySchemaElement key_element(const char* name, model::KeyType t) {
  return model::KeySchemaElement().WithAttributeName(name).WithKeyType(t);
}
model::AttributeDefinition attribute(const char* name, model::ScalarAttributeType t) {
  return model::AttributeDefinition().WithAttributeName(name).WithAttributeType(t);
}

}  // namespace

TEST_CASE("the seed through Aws::DynamoDB::DynamoDBClient, with ddbx values, expressions and typed results") {
  Aws::Client::ClientConfiguration config;
  config.region = "us-east-1";
  config.endpointOverride = Aws::String(endpoint().c_str());
  Aws::DynamoDB::DynamoDBClient db(config);
  const Aws::String table = "users_sdk";

  // Create a table (provisioned 5/5) with the account_type_index GSI, and wait until it is ACTIVE.
  model::CreateTableRequest create;
  create.SetTableName(table);
  create.SetKeySchema({key_element("username", model::KeyType::HASH), key_element("last_name", model::KeyType::RANGE)});
  create.SetAttributeDefinitions({attribute("username", model::ScalarAttributeType::S),
                                  attribute("last_name", model::ScalarAttributeType::S),
                                  attribute("account_type", model::ScalarAttributeType::S),
                                  attribute("age", model::ScalarAttributeType::N)});
  create.AddGlobalSecondaryIndexes(
      model::GlobalSecondaryIndex()
          .WithIndexName("account_type_index")
          .WithKeySchema({key_element("account_type", model::KeyType::HASH), key_element("age", model::KeyType::RANGE)})
          .WithProjection(model::Projection().WithProjectionType(model::ProjectionType::ALL))
          .WithProvisionedThroughput(model::ProvisionedThroughput().WithReadCapacityUnits(5).WithWriteCapacityUnits(5)));
  create.SetProvisionedThroughput(model::ProvisionedThroughput().WithReadCapacityUnits(5).WithWriteCapacityUnits(5));
  ok(db.CreateTable(create));
  for (int i = 0;; ++i) {
    auto d = db.DescribeTable(model::DescribeTableRequest().WithTableName(table));
    if (ok(d).GetTable().GetTableStatus() == model::TableStatus::ACTIVE) break;
    REQUIRE(i < 100);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  const auto jane_key = to_attribute_map(item{{"username", "janedoe"}, {"last_name", "Doe"}}).value();

  {  // put, get, update, delete one item
    model::PutItemRequest put;
    put.SetTableName(table);
    put.SetItem(to_attribute_map(jane).value());
    apply_expression(put, builder{}.with_condition(attribute_not_exists(attr<&user::username>))).value();
    ok(db.PutItem(put));
    // the same put again fails its condition
    auto again = db.PutItem(put);
    REQUIRE(!again.IsSuccess());
    CHECK(again.GetError().GetExceptionName() == "ConditionalCheckFailedException");

    model::GetItemRequest get;
    get.SetTableName(table);
    get.SetKey(jane_key);
    CHECK(item_of<user>(ok(db.GetItem(get))).value() == jane);

    model::UpdateItemRequest update;
    update.SetTableName(table);
    update.SetKey(jane_key);
    update.SetReturnValues(model::ReturnValue::ALL_NEW);
    apply_expression(update, builder{}.with_update<users_table>(set(attr<&user::age>, 26)).with_condition(attr<&user::age> == 25))
        .value();
    auto updated = item_of<user>(ok(db.UpdateItem(update))).value();
    REQUIRE(updated.has_value());
    CHECK(updated->age == 26);

    get.SetProjectionExpression("");
    apply_expression(get, builder{}.with_projection(project<&user::username, &user::age>)).value();
    CHECK(item_of<name_and_age>(ok(db.GetItem(get))).value() == name_and_age{"janedoe", 26});

    model::DeleteItemRequest del;
    del.SetTableName(table);
    del.SetKey(jane_key);
    apply_expression(del, builder{}.with_condition(attr<&user::age> > 20)).value();
    ok(db.DeleteItem(del));
    model::GetItemRequest get_again;
    get_again.SetTableName(table);
    get_again.SetKey(jane_key);
    CHECK(item_of<user>(ok(db.GetItem(get_again))).value() == std::nullopt);
  }

  // Batch write (one BatchWriteItem; keys made unique the way overwrite_by_pkeys does).
  {
    Aws::Vector<model::WriteRequest> writes;
    for (const auto& u : batch_puts)
      writes.push_back(model::WriteRequest().WithPutRequest(model::PutRequest().WithItem(to_attribute_map(u).value())));
    model::BatchWriteItemRequest batch;
    batch.AddRequestItems(table, writes);
    auto r = ok(db.BatchWriteItem(batch));
    CHECK(r.GetUnprocessedItems().empty());
  }

  auto query = [&](auto&& b) {
    model::QueryRequest q;
    q.SetTableName(table);
    apply_expression(q, std::forward<decltype(b)>(b)).value();
    return q;
  };

  check_query_key(items_of<user>(ok(db.Query(query(builder{}.with_key_condition<users_table>(key<&user::username> == "johndoe"))))).value());
  check_query_begins_with(items_of<user>(ok(db.Query(query(builder{}.with_key_condition<users_table>(
                                             key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "Do"))))))
                              .value());
  {
    auto q = query(builder{}.with_key_condition<account_type_index, users_table>(key<&user::account_type> == "super_user"));
    q.SetIndexName("account_type_index");
    check_query_gsi(items_of<user>(ok(db.Query(q))).value());
  }
  {  // Limit 2, following LastEvaluatedKey with ExclusiveStartKey
    std::vector<user> all;
    std::optional<item> start;
    int pages = 0;
    do {
      auto q = query(builder{}.with_key_condition<users_table>(key<&user::username> == "johndoe"));
      q.SetLimit(2);
      if (start) q.SetExclusiveStartKey(to_attribute_map(*start).value());
      auto page = page_of<user>(ok(db.Query(q))).value();
      all.insert(all.end(), page.items.begin(), page.items.end());
      start = page.last_evaluated_key;
      ++pages;
    } while (start);
    CHECK(pages >= 2);
    check_query_key(all);
  }
  check_projection(items_of<name_and_age>(ok(db.Query(query(builder{}
                                                                  .with_key_condition<users_table>(key<&user::username> == "johndoe")
                                                                  .with_projection(project<&user::username, &user::age>)))))
                       .value());
  {  // Select COUNT, ReturnConsumedCapacity TOTAL
    auto q = query(builder{}.with_key_condition<users_table>(key<&user::username> == "johndoe"));
    q.SetSelect(model::Select::COUNT);
    q.SetReturnConsumedCapacity(model::ReturnConsumedCapacity::TOTAL);
    const auto r = ok(db.Query(q));
    CHECK(r.GetCount() == 3);
    CHECK(items_of<user>(r).value().empty());
    CHECK(r.GetConsumedCapacity().GetTableName() == table);
  }
  auto scan_all = [&](auto&& b) {
    std::vector<user> all;
    std::optional<item> start;
    do {
      model::ScanRequest s;
      s.SetTableName(table);
      s.SetLimit(2);
      apply_expression(s, b).value();
      if (start) s.SetExclusiveStartKey(to_attribute_map(*start).value());
      auto page = page_of<user>(ok(db.Scan(s))).value();
      all.insert(all.end(), page.items.begin(), page.items.end());
      start = page.last_evaluated_key;
    } while (start);
    return all;
  };
  check_scan_age_first_name(scan_all(builder{}.with_filter(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J"))));
  check_scan_state(scan_all(builder{}.with_filter(attr<&user::address, &postal_address::state> == "CA")));

  ok(db.DeleteTable(model::DeleteTableRequest().WithTableName(table)));
}

TEST_CASE("the seed through a ddbx client on aws_sdk_transport (the SDK's HTTP client and SigV4 signer)") {
  Aws::Client::ClientConfiguration config;
  config.region = "us-east-1";
  config.endpointOverride = Aws::String(endpoint().c_str());
  client db{aws_sdk_transport{config}};
  CHECK(db.transport().endpoint() == endpoint());
  auto users = db.table<users_table>("users_ddbx");

  users.create().provisioned(5, 5).send().value();
  users.wait_until_exists({.delay = std::chrono::milliseconds(100), .max_attempts = 100}).value();
  CHECK(users.describe().value().item_count == 0);

  users.put_item(jane).condition(attribute_not_exists(attr<&user::username>)).send().value();
  auto again = users.put_item(jane).condition(attribute_not_exists(attr<&user::username>)).send();
  REQUIRE(!again);
  CHECK(again.error().aws_code == "ConditionalCheckFailedException");
  CHECK(again.error().http_status == 400);
  CHECK(users.get_item({"janedoe", "Doe"}).send().value().item == jane);
  auto updated = users.update_item({"janedoe", "Doe"}, set(attr<&user::age>, 26))
                     .return_values(return_values::all_new).send().value();
  CHECK(updated.attributes->age == 26);
  users.delete_item({"janedoe", "Doe"}).send().value();
  CHECK(users.get_item({"janedoe", "Doe"}).send().value().item == std::nullopt);

  {
    auto batch = users.batch_writer({.overwrite_by_pkeys = true});
    for (const auto& u : batch_puts) batch.put_item(u).value();
    batch.close().value();
  }

  check_query_key(users.query(key<&user::username> == "johndoe").send().value().items);
  check_query_begins_with(
      users.query(key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "Do")).send().value().items);
  check_query_gsi(users.query<account_type_index>(key<&user::account_type> == "super_user").send().value().items);
  {
    std::vector<user> all;
    std::optional<item> start;
    int pages = 0;
    do {
      auto page = users.query(key<&user::username> == "johndoe").limit(2).exclusive_start_key(start).send().value();
      all.insert(all.end(), page.items.begin(), page.items.end());
      start = page.last_evaluated_key;
      ++pages;
    } while (start);
    CHECK(pages >= 2);
    check_query_key(all);
  }
  check_projection(users.query(key<&user::username> == "johndoe")
                       .project(project<&user::username, &user::age>)
                       .send<name_and_age>().value().items);
  {
    auto counted = users.query(key<&user::username> == "johndoe")
                       .select(select::count)
                       .return_consumed_capacity(return_consumed_capacity::total)
                       .send().value();
    CHECK(counted.count == 3);
    REQUIRE(counted.consumed_capacity.has_value());
    CHECK(counted.consumed_capacity->table_name == "users_ddbx");
  }
  {
    auto first = paginate(users.query(key<&user::username> == "johndoe"), {.max_items = 2, .page_size = 2})
                     .build_full_result().value();
    CHECK(first.items.size() == 2);
    REQUIRE(first.next_token.has_value());
    auto rest = paginate(users.query(key<&user::username> == "johndoe"), {.page_size = 2, .starting_token = first.next_token})
                    .build_full_result().value();
    first.items.insert(first.items.end(), rest.items.begin(), rest.items.end());
    check_query_key(first.items);
  }
  check_scan_age_first_name(paginate(users.scan().filter(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J")),
                                     {.page_size = 2})
                                .build_full_result().value().items);
  check_scan_state(paginate(users.scan().filter(attr<&user::address, &postal_address::state> == "CA")).build_full_result().value().items);

  users.delete_table().value();
  users.wait_until_not_exists({.delay = std::chrono::milliseconds(100), .max_attempts = 100}).value();
}

TEST_CASE("aws_sdk_transport: settings refused before sending, connection failures retryable") {
  {
    Aws::Client::ClientConfiguration config;
    config.region = "us-east-1\r\nX-Injected: 1";
    aws_sdk_transport t{config};
    auto r = t("ListTables", "{}");
    REQUIRE(!r);
    CHECK(r.error().code == errc::invalid_request);
  }
  {
    Aws::Client::ClientConfiguration config;
    config.region = "us-east-1";
    config.endpointOverride = "ftp://127.0.0.1:1";
    auto r = aws_sdk_transport{config}("ListTables", "{}");
    REQUIRE(!r);
    CHECK(r.error().code == errc::invalid_request);
  }
  {
    Aws::Client::ClientConfiguration config;
    config.region = "us-east-1";
    config.endpointOverride = "http://127.0.0.1:1";  // nothing listens on port 1
    config.connectTimeoutMs = 500;
    auto r = aws_sdk_transport{config}("ListTables", "{}");
    REQUIRE(!r);
    CHECK(r.error().code == errc::transport_failed);
    CHECK(r.error().retryable);
  }
  {  // the scheme from the configuration when the override names none
    Aws::Client::ClientConfiguration config;
    config.region = "eu-west-1";
    config.endpointOverride = "localhost:8000";
    config.scheme = Aws::Http::Scheme::HTTP;
    CHECK(aws_sdk_transport{config}.endpoint() == "http://localhost:8000");
    config.endpointOverride = "";
    CHECK(aws_sdk_transport{config, {}, true}.endpoint() == endpoint());  // AWS_ENDPOINT_URL_DYNAMODB
  }
}
