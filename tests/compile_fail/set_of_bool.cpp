// expect: ddbx: a set must hold strings (SS), numbers (NS) or binaries (BS)
#include <set>
#include "ddbx/mapping/encode.hpp"
struct record { std::set<bool> flags; };
int main() { return ddbx::encode_item(record{}).has_value() ? 0 : 1; }
