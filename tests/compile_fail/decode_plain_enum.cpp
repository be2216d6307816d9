// expect: ddbx: to decode an enum it needs a fixed underlying type
// A plain enum's valid values are only those of its enumerators' bits: a number from the wire
// outside them would be undefined behaviour, so decoding one is refused at compile time.
#include "ddbx/mapping/decode.hpp"
enum color { red, green };
struct record { color c = red; };
int main() { return ddbx::decode_item<record>(std::string_view("{}")).has_value() ? 0 : 1; }
