// expect: ddbx: use key<&T::m> in a key condition (attr<> is for filters and conditions)
// expect: is_key_condition<ddbx::comparison<ddbx::detail::cmp::eq, ddbx::attr_t<&User::username>,
#include "ddbx/client/table_ref.hpp"
struct User { std::string username; std::string last_name; int age = 0; };
using users = ddbx::table<User, &User::username, &User::last_name>;
using namespace ddbx;
void f(const table_ref<users>& t) { (void)t.query(attr<&User::username> == "janedoe"); }
int main() {}
