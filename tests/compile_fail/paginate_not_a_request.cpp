// expect: ddbx: paginate takes a query or scan request, and optionally the item type to decode first: paginate(users.query(...)) or paginate<view>(users.scan().project(...))
// expect: paginate_form<void, ddbx::get_item_request<ddbx::table<User, &User::username, &User::last_name>
#include "ddbx/client/paginator.hpp"
#include "ddbx/client/table_ref.hpp"
struct User { std::string username; std::string last_name; int age = 0; };
using users = ddbx::table<User, &User::username, &User::last_name>;
using namespace ddbx;
void f(const table_ref<users>& t) { paginate(t.get_item({"janedoe", "Doe"})); }
int main() {}
