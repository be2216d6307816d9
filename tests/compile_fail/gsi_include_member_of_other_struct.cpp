// expect: ddbx: an index's include<...> members must be members of the table's item type
#include "ddbx/table.hpp"
#include <string>
struct customer { std::string email; };
struct order { std::string id; std::string city; customer buyer; };
using by_city = ddbx::gsi<"by_city", &order::city>::include<&customer::email>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_city>;
int main() { return orders::index_count == 1 ? 0 : 1; }
