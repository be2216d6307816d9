// expect: ddbx: include<...> names 1 to 20 non-key attributes
#include "ddbx/table.hpp"
#include <string>
struct order { std::string id; std::string city; };
using by_city = ddbx::gsi<"by_city", &order::city>::include<>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_city>;
int main() { return orders::index_count == 1 ? 0 : 1; }
