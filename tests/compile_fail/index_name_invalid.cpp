// expect: ddbx: an index name is 3 to 255 characters of letters, digits
#include "ddbx/table.hpp"
#include <string>
struct order { std::string id; std::string city; };
using by_city = ddbx::gsi<"by city", &order::city>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_city>;
int main() { return orders::index_count == 1 ? 0 : 1; }
