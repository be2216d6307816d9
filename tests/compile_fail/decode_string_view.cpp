// expect: ddbx: this type cannot be decoded from an AttributeValue
// expect: encode-only
#include "ddbx/mapping/decode.hpp"
struct record { std::string_view name; };
int main() { return ddbx::decode_item<record>(std::string_view("{}")).has_value() ? 0 : 1; }
