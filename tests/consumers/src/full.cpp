// Uses the whole library (decoding links simdjson), together with core.cpp's check.
#include <cstdio>
#include <string_view>

#include <ddbx/ddbx.hpp>

#include "consumer.hpp"

int main() {
  if (consumer::check_core() != 0) return 1;
  auto u = ddbx::decode_item<consumer::user>(std::string_view(
      R"({"username":{"S":"janedoe"},"last_name":{"S":"Doe"},"age":{"N":"25"}})"));
  if (!u || u->age != 25 || u->username != "janedoe" || u->email) {
    std::puts("full: unexpected decoding");
    return 1;
  }
  std::printf("full ok %s\n", DDBX_VERSION_STRING);
  return 0;
}
