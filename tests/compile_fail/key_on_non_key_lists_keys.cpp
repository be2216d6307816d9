// expect: ddbx: a key condition must test the partition key with ==; the member tested is not the partition key of the table or index queried, nor of any of the table's GSIs
// expect: is_partition_key<&User::email, ddbx::detail::keys<&User::username, &User::last_name>
#include "ddbx/expression.hpp"
struct User { std::string username; std::string last_name; std::string email; };
using users = ddbx::table<User, &User::username, &User::last_name>;
using namespace ddbx;
int main() { builder b; b.with_key_condition<users>(key<&User::email> == "j@example.com"); }
