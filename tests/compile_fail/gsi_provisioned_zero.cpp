// expect: ddbx: provisioned<read, write>: capacity units are at least 1
#include "ddbx/table.hpp"
#include <string>
struct order { std::string id; std::string city; };
using by_city = ddbx::gsi<"by_city", &order::city>::provisioned<0, 5>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_city>;
int main() { return orders::index_count == 1 ? 0 : 1; }
