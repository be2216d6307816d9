#pragma once
// Per-type field options for reflected structs: rename, skip, omit-when-empty, write-null.
// Plain structs need nothing; specialise ddbx::fields<T> only to change a member's mapping.
//
//   template <> struct ddbx::fields<User> {
//     static constexpr ddbx::field_option options[] = {
//         {.member = "first_name", .name = "firstName"},   // {"firstName":{"S":"Jane"}}
//         {.member = "cache", .skip = true},              // never written or read
//         {.member = "nickname", .write_null = true},     // empty optional → {"NULL":true}
//     };
//   };
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include "ddbx/mapping/detail/json_writer.hpp"
#include "ddbx/mapping/detail/member_names.hpp"

namespace ddbx {

struct field_option {
  std::string_view member;    // the C++ member name
  std::string_view name{};    // the DynamoDB attribute name; empty keeps the member name
  bool skip = false;          // never encoded, ignored when decoding
  bool omit_empty = false;    // an empty string, binary or container is left out of the item
  bool write_null = false;    // an empty optional is written as {"NULL":true} instead of omitted
};

// Primary: no options. Specialise with `static constexpr ddbx::field_option options[] = {...};`.
template <class T>
struct fields {};

namespace detail {

template <class T>
concept has_field_options = requires { fields<T>::options; };

template <class T>
consteval field_option option_for(std::string_view member) {
  if constexpr (has_field_options<T>) {
    for (const field_option& o : fields<T>::options)
      if (o.member == member) return o;
  }
  return field_option{member};
}

template <class T>
inline constexpr std::size_t field_count = boost::pfr::tuple_size_v<T>;

template <class T, std::size_t... I>
consteval bool options_name_members(std::index_sequence<I...>) {
  if constexpr (has_field_options<T>) {
    for (const field_option& o : fields<T>::options)
      if (!((o.member == member_name<T, I>) || ...)) return false;
  }
  return true;
}

// Whether T's attribute names (after renames, skipped members left out) are distinct: two members
// under one name would write the attribute twice, and a reader keeps one of them.
template <class T, std::size_t... I>
consteval bool attribute_names_distinct(std::index_sequence<I...>) {
  if constexpr (has_field_options<T> && sizeof...(I) > 1) {
    const field_option o[] = {option_for<T>(member_name<T, I>)...};
    const std::string_view cxx[] = {member_name<T, I>...};
    for (std::size_t i = 0; i < sizeof...(I); ++i)
      for (std::size_t j = i + 1; j < sizeof...(I); ++j)
        if (!o[i].skip && !o[j].skip &&
            (o[i].name.empty() ? cxx[i] : o[i].name) == (o[j].name.empty() ? cxx[j] : o[j].name))
          return false;
  }
  return true;
}

template <class T>
consteval bool check_field_options() {
  static_assert(options_name_members<T>(std::make_index_sequence<field_count<T>>{}),
                "ddbx: a ddbx::fields<T>::options entry names a member that T does not have "
                "(field_option::member is the C++ member name)");
  static_assert(attribute_names_distinct<T>(std::make_index_sequence<field_count<T>>{}),
                "ddbx: two members of T map to one attribute name (a field_option::name equal to another "
                "member's name or rename); give each its own, or skip one");
  return true;
}

// Everything the codec needs to know about member I of T, computed at compile time.
template <class T, std::size_t I>
struct field_info {
  static_assert(check_field_options<T>());
  static constexpr std::string_view cxx_name = member_name<T, I>;
  static constexpr field_option option = option_for<T>(cxx_name);
  static constexpr std::string_view name = option.name.empty() ? cxx_name : option.name;
  static_assert(!name.empty(), "ddbx: an attribute name cannot be empty");
  static_assert(find_invalid_utf8(name) == std::string_view::npos, "ddbx: an attribute name must be valid UTF-8");
  static constexpr auto key = make_member_key<json_escaped_size(name)>(name);  // `,"name":`
  static constexpr bool skip = option.skip;
  using type = std::remove_cvref_t<decltype(boost::pfr::get<I>(std::declval<const T&>()))>;
};

}  // namespace detail

// The DynamoDB attribute name of a member pointer (after renames): attribute_name_of<&User::age> == "age".
// Not `attribute_name`: with `using namespace ddbx;`, Clang 14 reads `a.attribute_name < b` in a
// template (a member many structs have, key_schema_element's among them) as this template.
namespace detail {
template <class M>
struct member_pointer_traits;
template <class C, class M>
struct member_pointer_traits<M C::*> {
  using class_type = C;
  using member_type = M;
};
}  // namespace detail

template <auto MemberPtr>
inline constexpr std::string_view attribute_name_of = [] {
  using C = typename detail::member_pointer_traits<decltype(MemberPtr)>::class_type;
  constexpr std::string_view cxx = detail::member_pointer_name<MemberPtr>;
  static_assert(detail::check_field_options<C>());
  constexpr field_option o = detail::option_for<C>(cxx);
  return o.name.empty() ? cxx : o.name;
}();

}  // namespace ddbx
