// expect: ddbx: a key condition must test the partition key with ==; the member tested is the partition key of a GSI
// expect: is_partition_key_here<&User::kind, ddbx::detail::keys<&User::username, &User::last_name>, 'b', 'y', '_', 'k', 'i', 'n', 'd'>
#include "ddbx/client/table_ref.hpp"
struct User { std::string username; std::string last_name; int age = 0; std::string kind; };
using by_kind = ddbx::gsi<"by_kind", &User::kind, &User::age>;
using users = ddbx::table<User, &User::username, &User::last_name, by_kind>;
using namespace ddbx;
void f(const table_ref<users>& t) { (void)t.query(key<&User::kind> == "admin"); }
int main() {}
