// expect: ddbx: two members of T map to one attribute name
#include "ddbx/mapping/encode.hpp"
struct person { std::string display; std::string nick; };
template <> struct ddbx::fields<person> {
  static constexpr ddbx::field_option options[] = {{.member = "display", .name = "nick"}};
};
int main() { return ddbx::encode_item(person{}).has_value() ? 0 : 1; }
