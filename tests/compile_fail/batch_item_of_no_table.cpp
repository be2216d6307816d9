// expect: ddbx: a batch over several tables takes only items of its tables, and this type is the item type of none of them
#include "ddbx/client/client.hpp"
#include <string>
struct user { std::string name; int age = 0; };
struct order { std::string customer, id; long total = 0; };
struct account { std::string owner; long balance = 0; };
using users = ddbx::table<user, &user::name>;
using orders = ddbx::table<order, &order::customer, &order::id>;
void f(ddbx::multi_batch_writer<users, orders>& batch) { (void)batch.put_item(account{"ann", 5}); }
int main() {}
