// Built with -fno-exceptions: the non-throwing API works in full.
#include <cstdio>
#include <string>

#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

#if defined(__cpp_exceptions)
#error "this test must be built with -fno-exceptions"
#endif

int main() {
  int failed = 0;
  auto check = [&](bool ok, const char* what) {
    if (!ok) { std::printf("FAILED: %s\n", what); ++failed; }
  };
  seed::user u{"janedoe", "Jane", "Doe", 25, "standard_user", seed::postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}};
  std::string body;
  check(ddbx::encode_item(u, body).has_value(), "encode");
  auto back = ddbx::decode_item<seed::user>(body);
  check(back.has_value() && *back == u, "decode");
  auto bad = ddbx::decode_item<seed::user>(std::string_view(R"({"username":{"N":"1"}})"));
  check(!bad && bad.error().path == "username", "decode error path");
  u.address->state = "\xff";
  auto s = ddbx::encode_item(u, body);
  check(!s && s.error().path == "address.state", "encode error path");
  check(!ddbx::number::parse("1E200"), "number range");
  std::printf("no-exceptions: %s\n", failed ? "failed" : "ok");
  return failed ? 1 : 0;
}
