#pragma once
// Attributes (document paths) for expressions. Every name is always sent as a `#` placeholder,
// so no name can change an expression's structure.
//
//   ddbx::attr<&User::age>                       typed: value_type int        → #0
//   ddbx::attr<&User::address, &Address::state>  nested                       → #0.#1
//   ddbx::attr<&User::tags>[0]                   list element                 → #0[0]
//   ddbx::attr<&User::prefs>["theme"]            map entry                    → #0.#1
//   "address.state"_path                         compile-time text, untyped   → #0.#1
//   ddbx::path("a.b")                            a runtime name: ONE attribute called "a.b"
//   ddbx::path::parse("a.b[2]")                  a runtime path text          → #0.#1[2]
//   ddbx::attr_as<int>(ddbx::path("age"))        a runtime path with a type
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ddbx/detail/fixed_string.hpp"
#include "ddbx/expr/context.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/fields.hpp"

namespace ddbx {

namespace detail {
// Expression text rendered at compile time, for expressions whose shape is known then: names
// get `#n` (deduplicated, in order of first use), values get `:0`, `:1`, … in order.
// A template (used as static_text below) only so that GCC checks its constexpr members where a
// static expression is rendered, not in every TU that includes the header: as a plain struct they
// cost some 60 M compiler instructions (a sixth of ddbx/expression.hpp's own) wherever included.
template <std::size_t Capacity>
struct basic_static_text {
  char text[Capacity]{};
  std::size_t size = 0;
  std::string_view names[64]{};
  std::size_t name_count = 0;
  std::size_t value_count = 0;
  std::size_t operators = 0;
  bool fits = true;  // false when the text or the name table overflowed (then render at run time)

  constexpr void put(std::string_view s) {
    if (size + s.size() > sizeof text) { fits = false; return; }
    for (char c : s) text[size++] = c;
  }
  constexpr void put_index(std::size_t i) {
    char digits[20]{};
    std::size_t n = 0;
    do { digits[n++] = static_cast<char>('0' + i % 10); i /= 10; } while (i);
    while (n) put(std::string_view(&digits[--n], 1));
  }
  constexpr void name(std::string_view n) {
    std::size_t i = 0;
    while (i < name_count && names[i] != n) ++i;
    if (i == name_count) {
      if (name_count == 64) { fits = false; return; }
      names[name_count++] = n;
    }
    put("#");
    put_index(i);
  }
  constexpr void value() {
    put(":");
    put_index(value_count++);
  }
  constexpr std::string_view view() const { return {text, size}; }
};
using static_text = basic_static_text<limits::max_expression + 64>;
}  // namespace detail

// One step of a path: a name, or a list index.
struct path_step {
  std::string name;
  std::size_t index = 0;
  bool is_index = false;
  friend bool operator==(const path_step&, const path_step&) = default;
};

namespace detail {
// A path as text for messages: `address.zip`, `tags[2]` (see append_printable).
inline std::string path_text(const std::vector<path_step>& steps) {
  std::string t;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].is_index) {
      t += '[';
      t += std::to_string(steps[i].index);
      t += ']';
    } else {
      if (i) t += '.';
      append_printable(t, steps[i].name);
    }
  }
  return t;
}

template <class T> struct unwrap_optional { using type = T; };
template <class T> struct unwrap_optional<std::optional<T>> { using type = T; };
template <class T> using unwrap_optional_t = typename unwrap_optional<std::remove_cvref_t<T>>::type;

template <auto P>
using member_of = typename member_pointer_traits<decltype(P)>::member_type;
template <auto P>
using class_of = typename member_pointer_traits<decltype(P)>::class_type;

// Each member pointer must belong to the (optional-unwrapped) type of the one before it.
template <auto... Ps>
struct chain;
template <auto P>
struct chain<P> : std::true_type {};
template <auto P, auto Q, auto... Rest>
struct chain<P, Q, Rest...>
    : std::bool_constant<std::is_same_v<unwrap_optional_t<member_of<P>>, class_of<Q>> && chain<Q, Rest...>::value> {};

template <auto... Ps>
struct last_member;
template <auto P>
struct last_member<P> { using type = member_of<P>; };
template <auto P, auto... Ps>
struct last_member<P, Ps...> : last_member<Ps...> {};

template <class P>
concept path_like = requires(const P& p, render_context& c, std::string& out) {
  typename P::value_type;
  p.render(c, out);
  { p.steps() } -> std::convertible_to<std::vector<path_step>>;
};

template <class V>
concept list_like = sequence_type<V>;
template <class V>
using element_type = typename V::value_type;

}  // namespace detail

// A list element or map entry of another path.
template <class Base, class ValueType>
struct sub_path {
  using value_type = ValueType;
  static constexpr bool is_static = false;
  template <class F>
  void for_each_value(F&&) const {}
  Base base;
  path_step step;
  void render(render_context& c, std::string& out) const {
    base.render(c, out);
    if (step.is_index) {
      out += '[';
      out += std::to_string(step.index);
      out += ']';
    } else {
      out += '.';
      c.name(out, step.name, [&] { return detail::path_text(steps()); });
    }
  }
  std::vector<path_step> steps() const {
    auto s = base.steps();
    s.push_back(step);
    return s;
  }
  auto operator[](std::size_t i) const {
    using E = std::conditional_t<std::is_void_v<ValueType>, void, detail::element_type<detail::unwrap_optional_t<ValueType>>>;
    return sub_path<sub_path, E>{*this, path_step{{}, i, true}};
  }
};

// A typed path from member pointers: attr<&User::address, &Address::state>.
template <auto... Ptrs>
struct attr_t {
  static_assert(sizeof...(Ptrs) > 0, "ddbx: attr needs at least one member pointer");
  static_assert(detail::chain<Ptrs...>::value,
                "ddbx: attr<...> member pointers must form a path: each must be a member of the previous member's type");
  using value_type = typename detail::last_member<Ptrs...>::type;
  static constexpr std::array<std::string_view, sizeof...(Ptrs)> names{attribute_name_of<Ptrs>...};
  static_assert(((!attribute_name_of<Ptrs>.empty() && attribute_name_of<Ptrs>.size() <= limits::max_attribute_name) && ...),
                "ddbx: an attribute name must have 1 to 65536 bytes");
  static_assert(((detail::find_invalid_utf8(attribute_name_of<Ptrs>) == std::string_view::npos) && ...),
                "ddbx: an attribute name must be valid UTF-8");
  static constexpr bool is_static = true;
  static constexpr void render_static(detail::static_text& t) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i) t.put(".");
      t.name(names[i]);
    }
  }
  template <class F>
  void for_each_value(F&&) const {}

  void render(render_context& c, std::string& out) const {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i) out += '.';
      c.checked_name(out, names[i]);  // checked by the static_asserts above
    }
  }
  std::vector<path_step> steps() const {
    std::vector<path_step> s;
    for (auto n : names) s.push_back(path_step{std::string(n)});
    return s;
  }
  // A list element: attr<&User::tags>[0].
  template <class V = detail::unwrap_optional_t<value_type>>
    requires detail::list_like<V>
  auto operator[](std::size_t i) const {
    return sub_path<attr_t, detail::element_type<V>>{*this, path_step{{}, i, true}};
  }
  // A map entry: attr<&User::prefs>["theme"].
  template <class V = detail::unwrap_optional_t<value_type>>
    requires detail::map_type<V>
  auto operator[](std::string key) const {
    return sub_path<attr_t, typename V::mapped_type>{*this, path_step{std::move(key)}};
  }
};

template <auto... Ptrs>
inline constexpr attr_t<Ptrs...> attr{};

// An untyped runtime path.
class path {
 public:
  using value_type = void;
  static constexpr bool is_static = false;
  template <class F>
  void for_each_value(F&&) const {}
  path() = default;
  // One attribute whose name is `name`, dots and brackets included.
  explicit path(std::string name) { steps_.push_back(path_step{std::move(name)}); }
  explicit path(std::vector<path_step> steps) : steps_(std::move(steps)) {}

  // Parses "a.b[3].c": names separated by dots, list indexes in brackets.
  static result<path> parse(std::string_view text) {
    std::vector<path_step> steps;
    std::size_t i = 0;
    auto bad = [&](std::string why, errc code = errc::invalid_path) {
      return make_error(code, "invalid path \"" + detail::printable(text) + "\" at position " + std::to_string(i) + ": " + why);
    };
    while (true) {
      std::size_t start = i;
      while (i < text.size() && text[i] != '.' && text[i] != '[') {
        if (text[i] == ']') return bad("unexpected ']'");
        ++i;
      }
      if (i == start) return bad("empty name");
      std::string_view name = text.substr(start, i - start);
      if (name.size() > limits::max_attribute_name) return bad("a name longer than 64 KB");
      if (auto at = detail::find_invalid_utf8(name); at != std::string_view::npos) {
        i = start + at;
        return bad("invalid UTF-8", errc::invalid_utf8);
      }
      steps.push_back(path_step{std::string(name)});
      while (i < text.size() && text[i] == '[') {
        ++i;
        std::size_t v = 0, digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
          const auto d = static_cast<std::size_t>(text[i] - '0');
          if (v > (std::size_t(-1) - d) / 10) return bad("index too large");  // would wrap
          v = v * 10 + d;
          ++i;
          ++digits;
        }
        if (digits == 0 || i >= text.size() || text[i] != ']') return bad("expected a number and ']'");
        ++i;
        steps.push_back(path_step{{}, v, true});
      }
      if (i == text.size()) break;
      if (text[i] != '.') return bad("expected '.' or '['");
      ++i;
    }
    if (steps.size() > 32) return make_error(errc::invalid_path, "a path may have at most 32 dereferences");
    return path(std::move(steps));
  }

  path operator[](std::size_t i) const { auto p = *this; p.steps_.push_back(path_step{{}, i, true}); return p; }
  path dot(std::string name) const { auto p = *this; p.steps_.push_back(path_step{std::move(name)}); return p; }

  void render(render_context& c, std::string& out) const {
    if (steps_.empty()) { c.fail(errc::invalid_path, "an empty path"); return; }
    for (std::size_t i = 0; i < steps_.size(); ++i) {
      const auto& s = steps_[i];
      if (s.is_index) {
        if (i == 0) { c.fail(errc::invalid_path, "a path cannot start with an index"); return; }
        out += '[';
        out += std::to_string(s.index);
        out += ']';
      } else {
        if (i) out += '.';
        c.name(out, s.name, [&] { return detail::path_text(steps_); });
      }
    }
  }
  // The steps without a copy; a temporary path (path::parse(t).value().steps()) gives them by value.
  const std::vector<path_step>& steps() const& noexcept { return steps_; }
  std::vector<path_step> steps() && noexcept { return std::move(steps_); }

 private:
  std::vector<path_step> steps_;
};

// A runtime path with a C++ type, so comparisons are type-checked: attr_as<int>(path("age")).
template <class T>
struct typed_path {
  using value_type = T;
  static constexpr bool is_static = false;
  template <class F>
  void for_each_value(F&&) const {}
  path p;
  void render(render_context& c, std::string& out) const { p.render(c, out); }
  std::vector<path_step> steps() const { return p.steps(); }
};
template <class T>
typed_path<T> attr_as(path p) { return typed_path<T>{std::move(p)}; }

namespace detail {
// What path::parse accepts (so the literal can never yield an error).
consteval bool valid_path_text(std::string_view t) {
  if (find_invalid_utf8(t) != std::string_view::npos) return false;
  bool expect_name = true;
  std::size_t i = 0, steps = 0;
  while (i < t.size()) {
    if (expect_name) {
      std::size_t s = i;
      while (i < t.size() && t[i] != '.' && t[i] != '[' && t[i] != ']') ++i;
      if (i == s || i - s > limits::max_attribute_name) return false;
      expect_name = false;
      ++steps;
    } else if (t[i] == '.') {
      ++i;
      expect_name = true;
    } else if (t[i] == '[') {
      ++i;
      std::size_t s = i, v = 0;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        const auto d = static_cast<std::size_t>(t[i++] - '0');
        if (v > (std::size_t(-1) - d) / 10) return false;
        v = v * 10 + d;
      }
      if (i == s || i >= t.size() || t[i] != ']') return false;
      ++i;
      ++steps;
    } else {
      return false;
    }
  }
  return !expect_name && steps <= 32;
}
}  // namespace detail

namespace literals {
// "address.state"_path — checked at compile time.
template <detail::fixed_string S>
path operator""_path() {
  static_assert(detail::valid_path_text(S.view()), "ddbx: invalid path text (UTF-8 names separated by '.', indexes as [n], at most 32 steps)");
  return *path::parse(S.view());
}
}  // namespace literals

}  // namespace ddbx
