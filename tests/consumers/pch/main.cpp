// A user's program built with precompiled standard headers (std.hpp, `g++ -x c++-header`, then
// `-include`) under GCC -O2 -Wall -Wextra -Wpedantic -Wshadow -Werror. GCC 12 warns differently
// with a precompiled <string>: it gave a false -Warray-bounds on chrono.hpp's error message, built
// with std::string operator+, but only in a translation unit as small as this one, where the whole
// decode is inlined; all_types.cpp maps every other type. Prints "pch ok <version>".
#include <chrono>
#include <cstdio>
#include <string>

#include <ddbx/ddbx.hpp>
#include <ddbx/mapping/chrono.hpp>

int check_all_types();

struct event {
  std::string id;
  std::chrono::system_clock::time_point at;
};

int main() {
  auto e = ddbx::decode_item<event>(R"({"id":{"S":"a"},"at":{"S":"x"}})");
  if (e || e.error().what_text().find("not an ISO-8601 UTC time") == std::string::npos) {
    std::puts("pch: a time that is not one decoded, or its error does not say so");
    return 1;
  }
  return check_all_types();
}
