// expect: ddbx: this type cannot be decoded from an AttributeValue; specialise ddbx::codec<T>
// expect: decodable_member<line, std::vector<std::variant<int, std::
// expect: 't', 'a', 'g', 's'>
// A member of a nested struct, inside a list: the diagnostic names the struct that holds it.
#include <variant>
#include "ddbx/mapping/decode.hpp"
struct line { std::string sku; std::vector<std::variant<int, std::string>> tags; };
struct order { std::string id; std::vector<line> lines; };
int main() { return ddbx::decode_item<order>(std::string_view("{}")).has_value() ? 0 : 1; }
