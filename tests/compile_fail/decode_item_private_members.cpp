// expect: ddbx: an item must be an aggregate with public members (no private members, constructors or virtual functions), or specialise ddbx::codec<T>
#include "ddbx/mapping/decode.hpp"
class account {
  std::string id_;
  int balance_ = 0;
 public:
  const std::string& id() const { return id_; }
};
int main() { return ddbx::decode_item<account>(std::string_view("{}")).has_value() ? 0 : 1; }
