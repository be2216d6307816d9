// expect: ddbx: an index's key members must be members of the table's item type
#include "ddbx/table.hpp"
#include <string>
struct address { std::string city; };
struct order { std::string id; address ship_to; };
using by_city = ddbx::gsi<"by_city", &address::city>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_city>;
int main() { return orders::index_count == 1 ? 0 : 1; }
