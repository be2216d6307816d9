#pragma once
// ddbx::value — any DynamoDB AttributeValue, recursively; ddbx::item — an item (name → value).
// Use them for generic code, schemaless data and tests; plain structs are faster and typed.
//
//   ddbx::item it{{"username", "janedoe"}, {"age", 25},
//                 {"tags", ddbx::value::string_set({"a", "b"})},
//                 {"address", ddbx::value::map{{"state", "CA"}}}};
//   it["age"].type() == ddbx::type::N
//
// A map (and so an item) keeps its members in one block sorted by name: a
// boost::container::flat_map, std::map's interface without its nodes (C++23's std::flat_map
// rules). Finding a name is a binary search and iterating is in name order, as with std::map; but
// inserting or erasing a member moves the ones after it, so it invalidates references, pointers
// and iterators into the map (take what you need again after changing it).
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/container/flat_map.hpp>

#include "ddbx/core/binary.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/value_fwd.hpp"

namespace ddbx {

namespace detail {
// Character types hold text, not numbers: `value('a')` is refused instead of becoming N 97
// (std::int8_t and std::uint8_t are numbers, as in structs).
template <class T>
concept character = std::same_as<T, char> || std::same_as<T, wchar_t> || std::same_as<T, char8_t> ||
                    std::same_as<T, char16_t> || std::same_as<T, char32_t>;
}  // namespace detail

class value {
 public:
  using list = std::vector<value>;
  using map = boost::container::flat_map<std::string, value, std::less<>>;
  struct string_set_t { std::vector<std::string> elements; friend bool operator==(const string_set_t&, const string_set_t&) = default; };
  struct number_set_t { std::vector<number> elements; friend bool operator==(const number_set_t&, const number_set_t&) = default; };
  struct binary_set_t { std::vector<binary> elements; friend bool operator==(const binary_set_t&, const binary_set_t&) = default; };
  // Alternatives in the order of ddbx::type.
  using storage = std::variant<std::nullptr_t, bool, std::string, number, binary, string_set_t, number_set_t,
                               binary_set_t, list, map>;

  value() : v_(nullptr) {}
  value(std::nullptr_t) : v_(nullptr) {}                          // NOLINT
  value(bool b) : v_(b) {}                                        // NOLINT
  value(std::string s) : v_(std::move(s)) {}                      // NOLINT
  value(std::string_view s) : v_(std::string(s)) {}               // NOLINT
  value(const char* s) : v_(nullptr) {                            // NOLINT
    if (s) v_ = std::string(s);  // a null pointer is NULL, as a null const char* member is
  }
  value(number n) : v_(std::move(n)) {}                           // NOLINT
  template <std::integral I>
    requires(!std::same_as<I, bool> && !detail::character<I>)
  value(I i) : v_(number(i)) {}                                   // NOLINT
  // A float or double is N, written as struct members are (shortest text that reads back);
  // NaN, infinities and values outside DynamoDB's range make an invalid number that encoding
  // refuses with the attribute's path.
  template <std::floating_point F>
    requires(sizeof(F) <= sizeof(double))
  value(F f) : v_(number::from_floating_or_invalid(f)) {}       // NOLINT
  // An enum is N, its underlying value, as an enum member of a struct without a codec is (an
  // unscoped enum would otherwise convert to bool). A ddbx::codec<E> is not applied here.
  template <class E>
    requires(std::is_enum_v<E> && !std::same_as<std::underlying_type_t<E>, bool>)
  value(E e) : v_(number(+static_cast<std::underlying_type_t<E>>(e))) {}  // NOLINT
  // Everything else that would convert to bool is refused rather than stored as BOOL.
  template <class T>
    requires(detail::character<T> || std::same_as<T, long double> ||
             (std::is_pointer_v<T> && !std::is_convertible_v<T, const char*>))
  value(T) = delete;
  value(binary b) : v_(std::move(b)) {}                           // NOLINT
  value(list l) : v_(std::move(l)) {}                             // NOLINT
  value(map m) : v_(std::move(m)) {}                              // NOLINT
  value(string_set_t s) : v_(std::move(s)) {}                     // NOLINT
  value(number_set_t s) : v_(std::move(s)) {}                     // NOLINT
  value(binary_set_t s) : v_(std::move(s)) {}                     // NOLINT

  static value string_set(std::vector<std::string> s) { return value(string_set_t{std::move(s)}); }
  static value number_set(std::vector<number> s) { return value(number_set_t{std::move(s)}); }
  static value binary_set(std::vector<binary> s) { return value(binary_set_t{std::move(s)}); }

  ddbx::type type() const noexcept { return static_cast<ddbx::type>(v_.index()); }
  const storage& data() const noexcept { return v_; }
  storage& data() noexcept { return v_; }

  // Typed access: nullptr when the value holds another type.
  const bool* as_bool() const noexcept { return std::get_if<bool>(&v_); }
  const std::string* as_string() const noexcept { return std::get_if<std::string>(&v_); }
  const number* as_number() const noexcept { return std::get_if<number>(&v_); }
  const binary* as_binary() const noexcept { return std::get_if<binary>(&v_); }
  const list* as_list() const noexcept { return std::get_if<list>(&v_); }
  const map* as_map() const noexcept { return std::get_if<map>(&v_); }
  const std::vector<std::string>* as_string_set() const noexcept {
    auto p = std::get_if<string_set_t>(&v_); return p ? &p->elements : nullptr;
  }
  const std::vector<number>* as_number_set() const noexcept {
    auto p = std::get_if<number_set_t>(&v_); return p ? &p->elements : nullptr;
  }
  const std::vector<binary>* as_binary_set() const noexcept {
    auto p = std::get_if<binary_set_t>(&v_); return p ? &p->elements : nullptr;
  }

  friend bool operator==(const value& a, const value& b) { return a.v_ == b.v_; }

 private:
  storage v_;
};

using item = value::map;

}  // namespace ddbx
