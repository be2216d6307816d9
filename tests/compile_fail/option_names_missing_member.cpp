// expect: ddbx: a ddbx::fields<T>::options entry names a member that T does not have
#include "ddbx/mapping/encode.hpp"
struct record { std::string first_name; };
template <> struct ddbx::fields<record> {
  static constexpr ddbx::field_option options[] = {{.member = "firstname", .name = "firstName"}};
};
int main() { return ddbx::encode_item(record{}).has_value() ? 0 : 1; }
