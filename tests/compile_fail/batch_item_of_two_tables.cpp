// expect: ddbx: this item type is the item type of several tables of the batch: say which table, put_item<Table>(item) or put_item(table_ref, item)
#include "ddbx/client/client.hpp"
#include <string>
struct user { std::string name; std::string email; int age = 0; };
using users = ddbx::table<user, &user::name>;
using users_by_email = ddbx::table<user, &user::email>;
void f(ddbx::multi_batch_writer<users, users_by_email>& batch) { (void)batch.put_item(user{"ann", "a@x", 5}); }
int main() {}
