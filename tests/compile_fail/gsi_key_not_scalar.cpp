// expect: ddbx: an index's partition key member must be a std::string, a number or binary, or an std::optional of one
#include "ddbx/ops/create_table.hpp"
#include <string>
struct order { std::string id; bool shipped = false; };
using by_shipped = ddbx::gsi<"by_shipped", &order::shipped>;
using orders = ddbx::table<order, &order::id, ddbx::no_range_key, by_shipped>;
int main() { std::string b; return ddbx::create_table_request<orders>("orders").append_body(b) ? 0 : 1; }
