// expect: ddbx: an update cannot change a key attribute of the table
#include "ddbx/expression.hpp"
struct User { std::string username; std::string last_name; int age = 0; };
using users = ddbx::table<User, &User::username, &User::last_name>;
using namespace ddbx;
int main() { builder b; b.with_update<users>((set(attr<&User::age>, 1), set(attr<&User::last_name>, "x"))); }
