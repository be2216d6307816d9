#pragma once
// A struct member whose type ddbx cannot map, named in the compiler's diagnostic.
//
// static_assert text must be a literal, so the member goes into template arguments: its name is
// spelt out as a char pack, which GCC 12 and Clang 14 both print as `'t', 'a', 'g', 's'` (a
// fixed_string argument prints as numbers on Clang 14). For
//   struct order { std::string id; std::variant<int, std::string> tags; };
// encode_item(order{}) fails with
//   static_assert failed due to requirement 'mappable_member<order, std::variant<…>, 't', 'a', 'g', 's'>'
//   "ddbx: this type cannot be mapped to an AttributeValue; …"
// Only the first such member is reported, and the caller skips the rest of its work
// (`if constexpr`), so that one error is all the user sees.
#include <cstddef>
#include <utility>

#include "ddbx/mapping/fields.hpp"

namespace ddbx::detail {

template <class Struct, class MemberType, char... MemberName>
constexpr bool mappable_member = false;
template <class Struct, class MemberType, char... MemberName>
constexpr bool decodable_member = false;

template <class Struct, class MemberType, char... MemberName>
struct unmappable_member {
  static_assert(mappable_member<Struct, MemberType, MemberName...>,
                "ddbx: this type cannot be mapped to an AttributeValue; specialise ddbx::codec<T> "
                "(see ddbx/mapping/codec.hpp) or use a supported type; the member is "
                "mappable_member<struct, member type, member name spelt out>");
};

template <class Struct, class MemberType, char... MemberName>
struct undecodable_member {
  static_assert(decodable_member<Struct, MemberType, MemberName...>,
                "ddbx: this type cannot be decoded from an AttributeValue; specialise ddbx::codec<T> "
                "(see ddbx/mapping/codec.hpp) or use a supported type (std::string_view and const char* "
                "are encode-only); the member is decodable_member<struct, member type, member name spelt out>");
};

// The index of the first false in `ok` (the caller ends it with a `true`, for structs without members).
template <std::size_t N>
consteval std::size_t first_false(const bool (&ok)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (!ok[i]) return i;
  return N;
}

// Instantiates Report<T, member type, member name...> for member I, whose static_assert fires.
template <template <class, class, char...> class Report, class T, std::size_t I>
constexpr void report_member() {
  using F = field_info<T, I>;
  []<std::size_t... K>(std::index_sequence<K...>) {
    (void)sizeof(Report<T, typename F::type, F::cxx_name[K]...>);
  }(std::make_index_sequence<F::cxx_name.size()>{});
}

}  // namespace ddbx::detail
