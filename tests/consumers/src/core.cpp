// Uses only ddbx-core (expressions and encoding): built and linked without simdjson.
#include <cstdio>
#include <string>

#include <ddbx/expression.hpp>
#include <ddbx/mapping/encode.hpp>

#include "consumer.hpp"

#ifdef SIMDJSON_H
#error "consumer: ddbx-core pulled in simdjson"
#endif

static_assert(ddbx::version().major == DDBX_VERSION_MAJOR && ddbx::version().minor == DDBX_VERSION_MINOR);

namespace consumer {

int check_core() {
  using namespace ddbx;
  auto ex = builder{}.with_filter(attr<&user::age> > 21 && begins_with(attr<&user::username>, "j")).build();
  if (!ex || ex->filter() != "#0 > :0 AND begins_with(#1, :1)") {
    std::puts("core: unexpected filter");
    return 1;
  }
  auto body = encode_item(user{"janedoe", "Doe", 25, std::nullopt});
  if (!body || body->find(R"("age":{"N":"25"})") == std::string::npos) {
    std::puts("core: unexpected encoding");
    return 1;
  }
  std::printf("core ok %s\n", ddbx::version().string);
  return 0;
}

}  // namespace consumer
