// expect: ddbx: a local secondary index has the table's partition key
#include "ddbx/table.hpp"
#include <string>
struct order { std::string customer, id, status; long total = 0; };
using by_total = ddbx::lsi<"by_total", &order::status, &order::total>;
using orders = ddbx::table<order, &order::customer, &order::id, by_total>;
int main() { return orders::index_count == 1 ? 0 : 1; }
