// expect: ddbx: an item must be a struct, a ddbx::item or a string-keyed map
#include "ddbx/mapping/encode.hpp"
int main() { return ddbx::encode_item(42).has_value() ? 0 : 1; }
