// The seed's boto3 walkthrough, step by step, in C++ against a DynamoDB endpoint (scripts/tour
// starts a local dynalite and points AWS_ENDPOINT_URL_DYNAMODB at it). Each step prints what it
// did; with DDBX_TOUR_RESULTS=<file> it also writes "step<TAB>json" lines for the boto3 comparison.
//
//   seed_tour [table-name]
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;
using namespace std::chrono_literals;

struct address_t {
  std::string road, city, state;
  int zipcode = 0;
};
struct user {
  std::string username, first_name, last_name;
  int age = 0;
  std::string account_type;
  std::optional<address_t> address{};  // {}: may be left out of an initializer (-Wextra warns otherwise)
};
struct name_and_age {  // what the projection step reads
  std::string username;
  int age = 0;
};

using account_type_index = gsi<"account_type_index", &user::account_type, &user::age>;
using users_table = table<user, &user::username, &user::last_name, account_type_index>;

namespace {

std::ofstream results;

void step(const char* title) { std::printf("\n== %s\n", title); }

// Prints the items (as AttributeValue JSON) and records them for the comparison with boto3.
template <class T>
void show(const char* name, const std::vector<T>& items) {
  std::string all = "[";
  for (const auto& it : items) {
    std::string json = encode_item(it).value();
    std::printf("   %s\n", json.c_str());
    all += (all.size() > 1 ? "," : "") + json;
  }
  all += ']';
  if (results) results << name << '\t' << all << '\n';
}
void record(const char* name, const std::string& json) {
  if (results) results << name << '\t' << json << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  const std::string table_name = argc > 1 ? argv[1] : "users";
  if (const char* f = std::getenv("DDBX_TOUR_RESULTS")) results.open(f);

  client db{curl_transport{}};
  std::printf("endpoint %s, table %s\n", db.transport().options().endpoint.c_str(), table_name.c_str());
  auto users = db.table<users_table>(table_name);

  step("Create a table (provisioned 5/5) and wait until it exists");
  users.create().provisioned(5, 5).send().value();
  users.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();
  auto meta = users.describe().value();
  std::printf("   item_count %llu, status %s\n", static_cast<unsigned long long>(meta.item_count), meta.table_status.c_str());
  record("item_count", std::to_string(meta.item_count));

  step("Get existing table: creation_date_time, key_schema, attribute_definitions, global_secondary_indexes");
  const std::time_t created = std::chrono::system_clock::to_time_t(meta.creation_date_time);
  std::printf("   created %s", std::ctime(&created));
  for (const auto& k : meta.key_schema) std::printf("   key %s %s\n", k.attribute_name.c_str(), k.key_type.c_str());
  for (const auto& a : meta.attribute_definitions)
    std::printf("   attribute %s %s\n", a.attribute_name.c_str(), a.attribute_type.c_str());
  for (const auto& g : meta.global_secondary_indexes)
    std::printf("   index %s (%s, projection %s)\n", g.index_name.c_str(), g.key_schema[0].attribute_name.c_str(),
                g.projection_type.c_str());

  step("Create a new item");
  users.put_item({"janedoe", "Jane", "Doe", 25, "standard_user"}).send().value();

  step("Get an item");
  auto jane = users.get_item({"janedoe", "Doe"}).send().value().item;
  show("get_item", std::vector<user>{*jane});

  step("Update an item: SET age = 26");
  auto updated = users.update_item({"janedoe", "Doe"}, set(attr<&user::age>, 26))
                     .return_values(return_values::all_new).send().value();
  show("update_item", std::vector<user>{*updated.attributes});

  step("Delete an item");
  users.delete_item({"janedoe", "Doe"}).send().value();
  std::printf("   get_item now finds %s\n", users.get_item({"janedoe", "Doe"}).send().value().item ? "it" : "nothing");
  record("after_delete", users.get_item({"janedoe", "Doe"}).send().value().item ? "1" : "0");

  step("Batch write (overwrite_by_pkeys: the last request for a key wins)");
  {
    auto batch = users.batch_writer({.overwrite_by_pkeys = true});
    batch.put_item({"johndoe", "John", "Doe", 25, "standard_user", address_t{"1 Jefferson Street", "Los Angeles", "CA", 90001}}).value();
    batch.put_item({"janedoering", "Jane", "Doering", 40, "super_user", address_t{"2 Washington Avenue", "Seattle", "WA", 98109}}).value();
    batch.put_item({"johndoe", "Johnny", "Dorian", 26, "standard_user", address_t{"3 Ocean Drive", "San Diego", "CA", 92101}}).value();
    batch.put_item({"johndoe", "Jon", "Smith", 31, "super_user", address_t{"4 Pine Street", "Portland", "OR", 97201}}).value();
    batch.put_item({"jimbo", "Jim", "Beam", 21, "standard_user", address_t{"5 Market Street", "San Francisco", "CA", 94103}}).value();
    batch.put_item({"jimbo", "Jim", "Beam", 22, "standard_user", address_t{"5 Market Street", "San Francisco", "CA", 94103}}).value();
    batch.delete_item({"alice", "Liddell"}).value();
    batch.put_item({"alice", "Alice", "Liddell", 23, "standard_user", address_t{"6 Wonder Lane", "Boston", "MA", 2108}}).value();
    batch.put_item({"jackie", "Jackie", "Chan", 24, "super_user", address_t{"7 Sunset Blvd", "Los Angeles", "CA", 90028}}).value();
    batch.close().value();
    std::printf("   %zu requests written\n", batch.written());
  }

  step("Query: username = johndoe");
  show("query_key", users.query(key<&user::username> == "johndoe").send().value().items);

  step("Query: username = johndoe AND begins_with(last_name, \"Do\")");
  show("query_begins_with",
       users.query(key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "Do")).send().value().items);

  step("Query through the GSI: account_type = super_user");
  show("query_gsi",
       users.query<account_type_index>(key<&user::account_type> == "super_user").send().value().items);

  step("Query with Limit 2, following LastEvaluatedKey with ExclusiveStartKey");
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
    std::printf("   %d pages\n", pages);
    show("query_limit_pages", all);
  }

  step("Query with a projection (username, age)");
  show("query_projection", users.query(key<&user::username> == "johndoe")
                               .project(project<&user::username, &user::age>)
                               .send<name_and_age>().value().items);

  step("Query with Select COUNT and ReturnConsumedCapacity TOTAL");
  {
    auto counted = users.query(key<&user::username> == "johndoe")
                       .select(select::count)
                       .return_consumed_capacity(return_consumed_capacity::total)
                       .send().value();
    std::printf("   Count %zu, ScannedCount %zu, %g capacity units on %s\n", counted.count, counted.scanned_count,
                counted.consumed_capacity ? counted.consumed_capacity->capacity_units : 0.0,
                counted.consumed_capacity ? counted.consumed_capacity->table_name.c_str() : "?");
    record("query_count", std::to_string(counted.count));
  }

  step("Query paginator: MaxItems 2, PageSize 2, then resume from its NextToken");
  {
    auto first = paginate(users.query(key<&user::username> == "johndoe"), {.max_items = 2, .page_size = 2})
                     .build_full_result().value();
    show("paginate_first", first.items);
    std::printf("   NextToken %s\n", first.next_token ? first.next_token->c_str() : "(none)");
    auto rest = paginate(users.query(key<&user::username> == "johndoe"), {.page_size = 2, .starting_token = first.next_token})
                    .build_full_result().value();
    show("paginate_rest", rest.items);
  }

  step("Scan: age < 27 AND begins_with(first_name, \"J\"), following LastEvaluatedKey");
  {
    std::vector<user> all;
    std::optional<item> start;
    do {
      auto page = users.scan()
                      .filter(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J"))
                      .limit(2)
                      .exclusive_start_key(start)
                      .send().value();
      all.insert(all.end(), page.items.begin(), page.items.end());
      start = page.last_evaluated_key;
    } while (start);
    show("scan_age_first_name", all);
  }

  step("Scan a nested attribute: address.state = CA");
  show("scan_state", paginate(users.scan().filter(attr<&user::address, &address_t::state> == "CA"))
                         .build_full_result().value().items);

  step("Delete the table");
  users.delete_table().value();
  users.wait_until_not_exists({.delay = 200ms, .max_attempts = 50}).value();
  std::printf("   deleted\n");
  return 0;
}
