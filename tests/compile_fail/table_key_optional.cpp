// expect: ddbx: a table's key member cannot be std::optional
#include "ddbx/ops/get_item.hpp"
#include <optional>
#include <string>
struct order { std::optional<std::string> id; long total = 0; };
using orders = ddbx::table<order, &order::id>;
int main() { ddbx::get_item_request<orders> r("orders", {std::string("o-1")}); (void)r; }
