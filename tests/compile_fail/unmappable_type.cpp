// expect: ddbx: this type cannot be mapped to an AttributeValue; specialise ddbx::codec<T>
// expect: opaque_handle
#include "ddbx/mapping/encode.hpp"
class opaque_handle { int fd_ = 0; public: int fd() const { return fd_; } };
struct record { std::string id; opaque_handle handle; };
int main() { return ddbx::encode_item(record{}).has_value() ? 0 : 1; }
