#pragma once
// Member names at compile time, for Boost 1.81 whose PFR has no get_name.
//
// The name is read from __PRETTY_FUNCTION__ of a function template whose non-type template
// argument is a class value holding a pointer to a member of an `extern` object that is never
// defined (so T needs no default constructor). Clang 14 rejects the bare pointer as an argument
// ("refers to subobject"), hence ptr_box. GCC 12 renders the argument as
//   ptr_box<const int*>{(& reflect_object<User>.reflect_wrapper<User>::value.User::age)}
// and Clang 14 as
//   {&reflect_object.value.age}
// so the name is the identifier that ends right before the closing `)` or `}`.
#include <cstddef>
#include <string_view>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

namespace ddbx::detail {

template <class T>
struct reflect_wrapper {
  const T value;
};

#if defined(__clang__)
// Clang checks -Wundefined-internal at the end of the translation unit, with the pragma state
// in force there, so that one stays off for the rest of the TU (it fires for structs in an
// anonymous namespace, whose reflect_object has internal linkage and, by design, no definition).
#pragma clang diagnostic ignored "-Wundefined-internal"
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#endif
template <class T>
extern const reflect_wrapper<T> reflect_object;

template <class P>
struct ptr_box {
  P ptr;
};
template <class P>
ptr_box(P) -> ptr_box<P>;

template <ptr_box Box>
consteval std::string_view pretty_of_field() {
  return __PRETTY_FUNCTION__;
}
template <auto MemberPtr>
consteval std::string_view pretty_of_member_pointer() {
  return __PRETTY_FUNCTION__;
}

constexpr bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The identifier that ends at `end` (exclusive), skipping closing parentheses before it.
constexpr std::string_view identifier_before(std::string_view s, std::size_t end) {
  while (end > 0 && (s[end - 1] == ')' || s[end - 1] == ' ')) --end;
  std::size_t begin = end;
  while (begin > 0 && is_identifier_char(s[begin - 1])) --begin;
  return s.substr(begin, end - begin);
}

// The argument ends with `)}` on GCC (whose type names may hold `{anonymous}`) and with the
// last `}` on Clang (which prints no type names in the value).
constexpr std::string_view name_from_field_signature(std::string_view s) {
  std::size_t end = s.rfind(")}");
  if (end == std::string_view::npos) end = s.rfind('}');
  return identifier_before(s, end);
}

constexpr std::string_view name_from_member_pointer_signature(std::string_view s) {
  std::size_t start = s.find("MemberPtr = ");
  std::size_t end = s.find_first_of(";]", start);
  return identifier_before(s, end);
}

template <class T, std::size_t I>
consteval std::string_view member_name_impl() {
  return name_from_field_signature(pretty_of_field<ptr_box{&boost::pfr::get<I>(reflect_object<T>.value)}>());
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// The C++ name of the I-th member of aggregate T.
template <class T, std::size_t I>
inline constexpr std::string_view member_name = member_name_impl<T, I>();

// The C++ name of the member a pointer-to-member designates: member_pointer_name<&User::age> == "age".
template <auto MemberPtr>
inline constexpr std::string_view member_pointer_name =
    name_from_member_pointer_signature(pretty_of_member_pointer<MemberPtr>());

}  // namespace ddbx::detail
