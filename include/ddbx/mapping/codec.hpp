#pragma once
// ddbx::codec<T> — the customisation point for user types, and the classification of the types
// ddbx maps itself (see the type table in the README).
//
// A codec maps T to a representation ddbx already knows (a string, a number, a struct, …):
//
//   struct uuid { std::array<unsigned char, 16> bytes; std::string str() const; static std::optional<uuid> parse(std::string_view); };
//   template <> struct ddbx::codec<uuid> {
//     using repr = std::string;                                   // stored as {"S":"…"}
//     static repr to_repr(const uuid& u) { return u.str(); }
//     static ddbx::result<uuid> from_repr(repr&& s) {
//       if (auto u = uuid::parse(s)) return *u;
//       return ddbx::make_error(ddbx::errc::custom, "not a uuid");
//     }
//   };
#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ddbx/core/binary.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/core/value_fwd.hpp"

namespace ddbx {

// Primary template: no codec. Specialise with `using repr = …; to_repr; from_repr`.
template <class T>
struct codec {};

namespace detail {

template <class T>
concept has_codec = requires { typename codec<T>::repr; };
template <class T>
concept has_encoding_codec = has_codec<T> && requires(const T& v) {
  { codec<T>::to_repr(v) };
};
template <class T>
concept has_decoding_codec = has_codec<T> && requires(typename codec<T>::repr&& r) {
  { codec<T>::from_repr(std::move(r)) } -> std::same_as<result<T>>;
};

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
concept string_type = std::same_as<T, std::string>;
template <class T>
concept string_view_like = std::same_as<T, std::string_view> || std::same_as<T, const char*> || std::same_as<T, char*>;
template <class T>
concept boolean = std::same_as<T, bool>;
template <class T>
concept integer = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
                  !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t> &&
                  !std::same_as<T, wchar_t>;
template <class T>
concept floating = std::same_as<T, float> || std::same_as<T, double>;
// std::monostate, recognised without including <variant> (which costs every translation unit of
// ddbx/expression.hpp about 3 % of its compile time; a program with a monostate has included it
// itself): the empty class that the compiler names std::monostate (libstdc++) or
// std::__1::monostate (libc++) as a template argument, in the form GCC 12 and Clang 14 print:
//   GCC    `... type_signature() [with T = std::monostate; std::string_view = ...]`
//   Clang  `... type_signature() [T = std::monostate]`
template <class T>
consteval std::string_view type_signature() {
  return __PRETTY_FUNCTION__;
}
template <class T>
consteval bool is_std_monostate() {
  if constexpr (!std::is_class_v<T> || !std::is_empty_v<T> || !std::is_trivially_copyable_v<T>) {
    return false;
  } else {
    std::string_view s = type_signature<T>();
    const std::size_t at = s.find("T = ");
    if (at == std::string_view::npos) return false;
    s.remove_prefix(at + 4);
    s = s.substr(0, s.find_first_of(";]"));
    return s.starts_with("std::") && s.ends_with("::monostate");
  }
}
template <class T>
concept null_type = std::same_as<T, std::nullptr_t> || is_std_monostate<T>();
template <class T>
concept binary_type = std::same_as<T, binary> || std::same_as<T, std::vector<std::byte>>;
template <class T>
concept enum_type = std::is_enum_v<T>;
template <class T>
concept optional_type = is_optional<T>::value;
template <class T>
concept dynamic_value = std::same_as<T, value>;

template <class T>
concept range_type = requires(const T& r) {
  typename T::value_type;
  r.begin();
  r.end();
};
template <class T>
concept map_type = range_type<T> && requires { typename T::key_type; typename T::mapped_type; } &&
                   std::same_as<typename T::key_type, std::string>;
template <class T>
concept set_type = range_type<T> && requires { typename T::key_type; } && !requires { typename T::mapped_type; };

template <class E>
concept set_string_element = std::same_as<E, std::string>;
template <class E>
concept set_number_element = integer<E> || floating<E> || std::same_as<E, number>;
template <class E>
concept set_binary_element = binary_type<E>;

template <class T>
concept sequence_type = range_type<T> && !map_type<T> && !set_type<T> && !string_type<T> && !binary_type<T> &&
                        !std::same_as<T, std::string_view> && !dynamic_value<T>;

template <class T>
concept reflected_struct = std::is_class_v<T> && std::is_aggregate_v<T> && !range_type<T> && !has_codec<T> &&
                           !std::is_array_v<T>;

// A class that is not reflected because it is not an aggregate (private members, constructors, …).
template <class T>
concept non_aggregate_class = std::is_class_v<T> && !std::is_aggregate_v<T> && !range_type<T> && !has_codec<T> &&
                              !dynamic_value<T> && !optional_type<T> && !std::same_as<T, number> &&
                              !std::same_as<T, binary>;

template <class T>
concept std_array = requires { std::tuple_size<T>::value; } && sequence_type<T> &&
                    std::same_as<T, std::array<typename T::value_type, std::tuple_size<T>::value>>;

// The wire type a C++ type maps to where it is fixed (used by expressions' type checks).
template <class T>
constexpr std::optional<ddbx::type> wire_type_of() {
  using U = std::remove_cvref_t<T>;
  if constexpr (has_codec<U>) return wire_type_of<typename codec<U>::repr>();
  else if constexpr (string_type<U> || string_view_like<U>) return type::S;
  else if constexpr (integer<U> || floating<U> || std::same_as<U, number> || enum_type<U>) return type::N;
  else if constexpr (boolean<U>) return type::BOOL;
  else if constexpr (null_type<U>) return type::NULL_;
  else if constexpr (binary_type<U>) return type::B;
  else if constexpr (optional_type<U>) return wire_type_of<typename U::value_type>();
  else if constexpr (set_type<U>) {
    using E = typename U::key_type;
    if constexpr (set_string_element<E>) return type::SS;
    else if constexpr (set_number_element<E>) return type::NS;
    else if constexpr (set_binary_element<E>) return type::BS;
    else return std::nullopt;
  } else if constexpr (map_type<U> || reflected_struct<U>) return type::M;
  else if constexpr (sequence_type<U>) return type::L;
  else return std::nullopt;
}

// Named in the compiler's trace when T cannot be mapped.
template <class T>
constexpr bool unmappable = false;

}  // namespace detail
}  // namespace ddbx
