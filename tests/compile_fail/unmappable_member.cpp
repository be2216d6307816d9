// expect: ddbx: this type cannot be mapped to an AttributeValue; specialise ddbx::codec<T>
// expect: mappable_member<order, std::variant<int, std::
// expect: 't', 'a', 'g', 's'>
// The member's name is spelt out in the template arguments of the failed requirement.
#include <variant>
#include "ddbx/mapping/encode.hpp"
struct order { std::string id; std::variant<int, std::string> tags; };
int main() { return ddbx::encode_item(order{}).has_value() ? 0 : 1; }
