#pragma once
// A string literal as a class-type template argument: "by_state" in gsi<"by_state", …>,
// "a.b"_path.
#include <cstddef>
#include <string_view>

namespace ddbx::detail {

template <std::size_t N>
struct fixed_string {
  char text[N]{};
  consteval fixed_string(const char (&s)[N]) {
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

}  // namespace ddbx::detail
