// expect: ddbx: this type cannot be mapped to an AttributeValue; specialise ddbx::codec<T>
// expect: mappable_member<order, std::variant<int, std::
// expect: 't', 'a', 'g', 's'>
#include <variant>
#include "ddbx/expression.hpp"
struct order { std::string id; std::variant<int, std::string> tags; };
using orders = ddbx::table<order, &order::id>;
int main() { return ddbx::update_from<orders>(order{}).actions.empty() ? 0 : 1; }
