// expect: ddbx: paginate takes a query or scan request, and optionally the item type to decode first: paginate(users.query(...)) or paginate<view>(users.scan().project(...))
// expect: paginate_form<name_only, ddbx::query_request<ddbx::table<User, &User::username, &User::last_name>,
#include "ddbx/client/paginator.hpp"
#include "ddbx/client/table_ref.hpp"
struct User { std::string username; std::string last_name; int age = 0; };
struct name_only { std::string username; };
using users = ddbx::table<User, &User::username, &User::last_name>;
using namespace ddbx;
void f(const table_ref<users>& t) {
  auto q = t.query(key<&User::username> == "janedoe");
  (void)paginate<decltype(q), name_only>(q);
}
int main() {}
