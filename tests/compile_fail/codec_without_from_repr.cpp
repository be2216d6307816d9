// expect: ddbx: to decode T, ddbx::codec<T> needs `static ddbx::result<T> from_repr(repr&&)`
#include "ddbx/mapping/decode.hpp"
struct money { long cents = 0; };
template <> struct ddbx::codec<money> {
  using repr = long;
  static repr to_repr(const money& m) { return m.cents; }
};
struct record { money price; };
int main() { return ddbx::decode_item<record>(std::string_view("{}")).has_value() ? 0 : 1; }
