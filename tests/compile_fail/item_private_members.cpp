// expect: ddbx: an item must be an aggregate with public members (no private members, constructors or virtual functions), or specialise ddbx::codec<T>
#include "ddbx/mapping/encode.hpp"
class account {
  std::string id_;
  int balance_ = 0;
 public:
  const std::string& id() const { return id_; }
};
int main() { return ddbx::encode_item(account{}).has_value() ? 0 : 1; }
