// expect: ddbx: a table's partition key member must be a std::string, a number or binary
#include "ddbx/ops/get_item.hpp"
struct User { bool flag = false; int age = 0; };
using users = ddbx::table<User, &User::flag>;
int main() { ddbx::get_item_request<users> r("users", {true}); (void)r; }
