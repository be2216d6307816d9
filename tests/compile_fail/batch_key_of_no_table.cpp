// expect: ddbx: this table descriptor is not the descriptor of any table of the batch
#include "ddbx/client/client.hpp"
#include <string>
struct user { std::string name; int age = 0; };
struct order { std::string customer, id; long total = 0; };
struct account { std::string owner; long balance = 0; };
using users = ddbx::table<user, &user::name>;
using orders = ddbx::table<order, &order::customer, &order::id>;
using accounts = ddbx::table<account, &account::owner>;
void f(ddbx::multi_batch_writer<users, orders>& batch) { (void)batch.delete_item<accounts>({"ann"}); }
int main() {}
