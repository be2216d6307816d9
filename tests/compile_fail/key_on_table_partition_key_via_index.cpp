// expect: ddbx: a key condition must test the partition key with ==; the member tested is the table's partition key, not the index's
// expect: is_index_partition_key<&User::username, ddbx::detail::keys<&User::account_type, &User::age>
#include "ddbx/ops/query.hpp"
struct User { std::string username; std::string last_name; std::string account_type; int age = 0; };
using by_type = ddbx::gsi<"by_type", &User::account_type, &User::age>;
using users = ddbx::table<User, &User::username, &User::last_name, by_type>;
using namespace ddbx;
int main() { query_request<users, by_type> q("users", key<&User::username> == "x" && key<&User::last_name> == "y"); (void)q; }
