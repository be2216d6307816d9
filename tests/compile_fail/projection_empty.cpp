// expect: ddbx: a projection needs at least one attribute
#include "ddbx/expression.hpp"
struct Address { std::string state; };
struct User { std::string username; std::string last_name; int age = 0; std::string kind; std::optional<Address> address; std::vector<std::string> tags; };
using users = ddbx::table<User, &User::username, &User::last_name>;
using by_kind = ddbx::gsi<"by_kind", &User::kind, &User::age>;
using namespace ddbx;
int main() { builder b; b.with_projection(projection{}); }
