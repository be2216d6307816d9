// expect: ddbx: a table's indexes project at most 100 non-key attributes in all
#include "ddbx/table.hpp"
#include <string>
struct wide {
  std::string id, k;
  int a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9;
};
template <ddbx::detail::fixed_string Name>
using twenty = typename ddbx::gsi<Name, &wide::k>::template include<
    &wide::a0, &wide::a1, &wide::a2, &wide::a3, &wide::a4, &wide::a5, &wide::a6, &wide::a7, &wide::a8, &wide::a9,
    &wide::b0, &wide::b1, &wide::b2, &wide::b3, &wide::b4, &wide::b5, &wide::b6, &wide::b7, &wide::b8, &wide::b9>;
using wides = ddbx::table<wide, &wide::id, ddbx::no_range_key, twenty<"ix1">, twenty<"ix2">, twenty<"ix3">,
                          twenty<"ix4">, twenty<"ix5">, twenty<"ix6">>;
int main() { return wides::index_count == 6 ? 0 : 1; }
