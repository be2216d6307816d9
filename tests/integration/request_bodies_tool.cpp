// Prints the request body of every operation ddbx builds, in many variants, one JSON line each:
// {"op":"PutItem","case":"…","body":{…}}. tests/integration/botocore_requests.py validates each
// body with botocore's parameter validator against DynamoDB's service model and compares it with
// botocore's own serialisation of the same parameters.
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using seed::user;

namespace {
struct account {
  std::string owner;
  long balance = 0;
  std::set<std::string> tags;
  epoch_seconds expires;
};
using by_account = gsi<"by_account", &user::account_type, &user::age>;
using users_table = table<user, &user::username, &user::last_name, by_account>;
using accounts_table = table<account, &account::owner>;
using by_age_local = lsi<"by_age", &user::username, &user::age>;
using users_lsi_table = table<user, &user::username, &user::last_name, by_age_local, by_account>;
// Projections, per-index throughput, a sparse (std::optional) GSI key.
struct member {
  std::string id;
  std::optional<std::string> city;
  long joined = 0;
  std::string name, email;
};
using by_city = gsi<"by_city", &member::city, &member::joined>::include<&member::name, &member::email>;
using by_joined = gsi<"by_joined", &member::joined>::keys_only::provisioned<2, 3>;
using by_name = gsi<"by_name", &member::name>;
using members_table = table<member, &member::id, no_range_key, by_city, by_joined, by_name>;
using members_on_demand = table<member, &member::id, no_range_key, by_city, by_name::keys_only>;

int failures = 0;

template <class R>
void print(const char* op, const char* name, const R& request) {
  std::string body;
  if (auto s = request.append_body(body); !s) {
    std::fprintf(stderr, "%s %s: refused: %s\n", op, name, s.error().what_text().c_str());
    ++failures;
    return;
  }
  std::printf("{\"op\":\"%s\",\"case\":\"%s\",\"body\":%s}\n", op, name, body.c_str());
}

user jane() { return user{"janedoe", "Jane", "Doe", 25, "standard_user"}; }
}  // namespace

int main() {
  const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/users";
  print("CreateTable", "provisioned with a GSI", create_table_request<users_table>("users").provisioned(5, 5));
  print("CreateTable", "on demand", create_table_request<accounts_table>("accounts"));
  print("CreateTable", "an LSI and a GSI, provisioned", create_table_request<users_lsi_table>("users").provisioned(1, 1));
  print("Query", "an LSI", query_request<users_lsi_table, by_age_local>("users", key<&user::username> == "a" && key<&user::age> < 30));
  print("CreateTable", "INCLUDE, KEYS_ONLY, an index's own throughput", create_table_request<members_table>("members").provisioned(1, 1));
  print("CreateTable", "on demand, INCLUDE and KEYS_ONLY", create_table_request<members_on_demand>("members"));
  print("UpdateTable", "provisioned", update_table_request<members_table>("members").provisioned(10, 5));
  print("UpdateTable", "throughput only", update_table_request<members_table>("members").throughput(3, 3));
  print("UpdateTable", "on demand with maximums",
        update_table_request<members_table>("members").on_demand().on_demand_maximums({.max_read_request_units = 100, .max_write_request_units = -1}));
  print("UpdateTable", "create an INCLUDE index", update_table_request<members_table>("members").create_index<by_city>());
  print("UpdateTable", "create a KEYS_ONLY index with its throughput", update_table_request<members_table>("members").create_index<by_joined>());
  print("UpdateTable", "create an index, throughput given", update_table_request<members_table>("members").create_index<by_name>(4, 4));
  print("UpdateTable", "delete an index", update_table_request<members_table>("members").delete_index<by_city>());
  print("UpdateTable", "indexes' throughput and on-demand maximums",
        update_table_request<>("members").update_index<by_joined>(5, 6).update_index("by_name", on_demand_throughput{.max_write_request_units = 20}));
  print("UpdateTable", "to PROVISIONED with the indexes' throughput",
        update_table_request<members_table>(arn).provisioned(2, 2).update_index<by_city>(1, 1).update_index<by_name>(1, 1));
  print("DescribeTable", "name", describe_table_request{"users"});
  print("DescribeTable", "ARN", describe_table_request{arn});
  print("DeleteTable", "name", delete_table_request{"users"});

  print("PutItem", "plain", put_item_request<users_table>("users", jane()));
  print("PutItem", "condition, ALL_OLD, capacity",
        put_item_request<users_table>("users", jane())
            .condition(attribute_not_exists(attr<&user::username>))
            .return_values(return_values::all_old)
            .return_values_on_condition_check_failure(return_values::all_old)
            .return_consumed_capacity(return_consumed_capacity::indexes));
  print("PutItem", "ARN", put_item_request<users_table>(arn, jane()));
  print("GetItem", "consistent, projection",
        get_item_request<users_table>("users", {"janedoe", "Doe"}).consistent_read().project(project<&user::age, &user::first_name>));
  print("UpdateItem", "every action, UPDATED_NEW",
        update_item_request<accounts_table>(
            "accounts", {"ann"},
            (set(attr<&account::balance>, if_not_exists(attr<&account::balance>, 0) + 5), add(attr<&account::tags>, std::set<std::string>{"x"})))
            .condition(attr<&account::balance> < 100 && size(attr<&account::tags>) <= 3)
            .return_values(return_values::updated_new));
  print("UpdateItem", "DELETE and REMOVE",
        update_item_request<users_table>("users", {"janedoe", "Doe"}, (remove(attr<&user::address>), set(attr<&user::age>, 26))));
  print("DeleteItem", "condition, ALL_OLD",
        delete_item_request<users_table>("users", {"janedoe", "Doe"})
            .condition(attr<&user::age> == 25 || attribute_not_exists(attr<&user::age>))
            .return_values(return_values::all_old));
  print("Query", "key, filter, limit, backwards, capacity",
        query_request<users_table>("users", key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "Do"))
            .filter(attr<&user::age> < 27)
            .limit(2)
            .scan_index_forward(false)
            .consistent_read()
            .return_consumed_capacity(return_consumed_capacity::total));
  print("Query", "index, select count",
        query_request<users_table, by_account>("users", key<&user::account_type> == "super_user" && key<&user::age> > 20)
            .select(select::count));
  print("Query", "projection, specific attributes, start key",
        query_request<users_table>("users", key<&user::username> == "johndoe")
            .project(project<&user::username, &user::age>)
            .select(select::specific_attributes)
            .exclusive_start_key(primary_key<users_table>{"johndoe", "Doe"}));
  print("Scan", "filter, segment",
        scan_request<users_table>("users").filter(attr<&user::address, &seed::postal_address::state> == "CA").segment(1, 4).limit(10));
  print("Scan", "index, all projected", scan_request<users_table>("users", "by_account").select(select::all_projected_attributes));

  batch_write_item_request<users_table> bw("users");
  (void)bw.put(jane());
  (void)bw.add(batch_write_item_request<users_table>::delete_entry({"johndoe", "Doe"}));
  print("BatchWriteItem", "put and delete", bw.return_consumed_capacity(return_consumed_capacity::total));
  batch_get_item_request<users_table> bg("users");
  (void)bg.key({"janedoe", "Doe"});
  (void)bg.key({"johndoe", "Doe"});
  print("BatchGetItem", "keys, projection, consistent", bg.project(project<&user::age>).consistent_read());

  multi_batch_write_request<users_table, accounts_table> mbw({"users", "accounts"});
  (void)mbw.put(jane());
  (void)mbw.put(account{"ann", 5, {"gold"}, {}});
  (void)mbw.del<accounts_table>({"bob"});
  (void)mbw.del<users_table>({"johndoe", "Doe"});
  print("BatchWriteItem", "two tables, puts and deletes", mbw.return_consumed_capacity(return_consumed_capacity::indexes));
  multi_batch_write_request<users_table, accounts_table> mbw_arn({arn, "accounts"});
  (void)mbw_arn.put(jane());
  (void)mbw_arn.del<accounts_table>({"bob"});
  print("BatchWriteItem", "two tables, one by ARN", mbw_arn);
  print("BatchGetItem", "two tables, a projection and ConsistentRead each their own",
        multi_batch_get_request<>{}
            .get<users_table>("users", {{"janedoe", "Doe"}, {"johndoe", "Doe"}}, project<&user::age, &user::first_name>)
            .get<accounts_table>("accounts", {{"ann"}}, {.consistent_read = true})
            .return_consumed_capacity(return_consumed_capacity::total));

  print("TransactWriteItems", "every action",
        transact_write_request{}
            .put_item<users_table>("users", jane(), attribute_not_exists(attr<&user::username>), return_values::all_old)
            .update_item<accounts_table>("accounts", {"ann"}, set(attr<&account::balance>, attr<&account::balance> - 5),
                                         attr<&account::balance> >= 5)
            .delete_item<users_table>("users", {"johndoe", "Doe"})
            .condition_check<accounts_table>("accounts", {"bob"}, attribute_exists(attr<&account::owner>))
            .return_consumed_capacity(return_consumed_capacity::total)
            .return_item_collection_metrics());
  print("TransactWriteItems", "ARN", transact_write_request{}.put_item<users_table>(arn, jane()));
  print("TransactGetItems", "two tables, projection",
        transact_get_request<>{}
            .get<users_table>("users", {"janedoe", "Doe"})
            .get<accounts_table>("accounts", {"ann"}, project<&account::balance>)
            .return_consumed_capacity(return_consumed_capacity::total));
  print("ListTables", "all", list_tables_request{});
  print("ListTables", "page", list_tables_request{}.limit(10).exclusive_start_table_name("orders"));
  print("DescribeTimeToLive", "name", describe_time_to_live_request("accounts"));
  print("UpdateTimeToLive", "on", update_time_to_live_request::of<&account::expires, accounts_table>("accounts", true));
  return failures == 0 ? 0 : 1;
}
