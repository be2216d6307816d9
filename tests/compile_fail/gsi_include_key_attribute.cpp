// expect: ddbx: include<...> lists non-key attributes, each once
// The table's and the index's keys are in every index anyway.
#include "ddbx/table.hpp"
#include <string>
struct order { std::string id; std::string city; long total = 0; };
using by_city = ddbx::gsi<"by_city", &order::city>::include<&order::total, &order::id>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_city>;
int main() { return orders::index_count == 1 ? 0 : 1; }
