// expect: ddbx: these values do not convert to the table's primary key {partition key, sort key}
// expect: key_values_convert<&user::username, 'S', &user::last_name, 'S', int, const char (&)[4]>
#include "ddbx/client/table_ref.hpp"
struct user { std::string username; std::string last_name; int age = 0; };
using users_table = ddbx::table<user, &user::username, &user::last_name>;
void f(const ddbx::table_ref<users_table>& users) { (void)users.get_item({42, "Doe"}); }
int main() {}
