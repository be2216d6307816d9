#pragma once
// Conditions for FilterExpression and ConditionExpression: comparisons, BETWEEN, IN, the
// functions, AND / OR / NOT — rendered with the fewest parentheses DynamoDB accepts.
//
//   auto f = ddbx::attr<&User::age> < 27 && ddbx::begins_with(ddbx::attr<&User::first_name>, "J");
//   // "#0 < :0 AND begins_with(#1, :1)"
//
// Typed paths are checked at compile time: comparing attr<&User::age> with a string, begins_with
// on a number, contains on a type that cannot contain, size of a number are compile errors.
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ddbx/expr/attr.hpp"

namespace ddbx {

namespace detail {

// a < b for two numbers of any types, by value: -5 < 3u (where C++'s own < converts -5 to unsigned).
template <class A, class B>
constexpr bool number_less(const A& a, const B& b) {
  if constexpr (std::is_integral_v<A> && std::is_integral_v<B> && std::is_signed_v<A> && !std::is_signed_v<B>)
    return a < 0 || static_cast<std::make_unsigned_t<A>>(a) < b;
  else if constexpr (std::is_integral_v<A> && std::is_integral_v<B> && !std::is_signed_v<A> && std::is_signed_v<B>)
    return b >= 0 && a < static_cast<std::make_unsigned_t<B>>(b);
  else
    return a < b;
}

// Whether BETWEEN lo AND hi has hi below lo (numbers by value, strings by their bytes, as
// DynamoDB orders them); false where the types do not tell at run time.
template <class A, class B>
bool bounds_inverted(const A& lo, const B& hi) {
  if constexpr ((integer<A> || floating<A>) && (integer<B> || floating<B>)) return number_less(hi, lo);
  else if constexpr (std::is_convertible_v<const A&, std::string_view> && std::is_convertible_v<const B&, std::string_view>)
    return std::string_view(hi) < std::string_view(lo);
  else if constexpr (std::is_same_v<A, number> && std::is_same_v<B, number>) return hi < lo;
  else return false;
}

// Values: what is stored for an operand given as `T` (string literals become views).
template <class T>
using value_storage_t = std::conditional_t<
    std::is_array_v<std::remove_cvref_t<T>> || std::is_same_v<std::decay_t<T>, const char*> ||
        std::is_same_v<std::decay_t<T>, char*>,
    std::string_view, std::remove_cvref_t<T>>;

template <class T>
struct value_operand {
  using value_type = T;
  using is_operand = void;
  static constexpr bool is_static = true;
  T v;
  void render(render_context& c, std::string& out) const { c.value(out, v); }
  static constexpr void render_static(static_text& t) { t.value(); }
  template <class F>
  void for_each_value(F&& f) const { f(v); }
};

// size(path): the only function usable as an operand; its value is a number.
template <class P>
struct size_operand {
  using value_type = long;
  using is_operand = void;
  static constexpr bool is_static = P::is_static;
  P p;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    out += "size(";
    p.render(c, out);
    out += ')';
  }
  static constexpr void render_static(static_text& t) {
    ++t.operators;
    t.put("size(");
    P::render_static(t);
    t.put(")");
  }
  template <class F>
  void for_each_value(F&& f) const { p.for_each_value(f); }
};

template <class T> struct is_size_operand : std::false_type {};
template <class P> struct is_size_operand<size_operand<P>> : std::true_type {};

template <class T>
concept attribute_operand = path_like<std::remove_cvref_t<T>> || is_size_operand<std::remove_cvref_t<T>>::value;

template <class T>
concept built_operand = requires { typename std::remove_cvref_t<T>::is_operand; };

template <class T>
auto as_operand(T&& x) {
  if constexpr (attribute_operand<T> || built_operand<T>) return std::remove_cvref_t<T>(std::forward<T>(x));
  else return value_operand<value_storage_t<T>>{value_storage_t<T>(std::forward<T>(x))};
}
template <class T>
using operand_t = decltype(as_operand(std::declval<T>()));

template <class T>
using value_type_of = typename operand_t<T>::value_type;

// The DynamoDB type an operand has, where the C++ type fixes it.
template <class V>
constexpr std::optional<ddbx::type> wire_of() {
  if constexpr (std::is_void_v<V>) return std::nullopt;
  else return wire_type_of<V>();
}

template <class L, class R>
constexpr bool same_wire_type() {
  constexpr auto l = wire_of<value_type_of<L>>(), r = wire_of<value_type_of<R>>();
  return !l || !r || *l == *r;
}

template <class T> struct is_attr_t : std::false_type {};
template <auto... P> struct is_attr_t<attr_t<P...>> : std::true_type {};

template <class L, class R>
consteval bool check_not_same_attribute() {
  static_assert(!(is_attr_t<std::remove_cvref_t<L>>::value && std::is_same_v<std::remove_cvref_t<L>, std::remove_cvref_t<R>>),
                "ddbx: an expression cannot compare an attribute with itself");
  return true;
}

template <class L, class R>
consteval bool check_comparable() {
  static_assert(same_wire_type<L, R>(),
                "ddbx: a comparison needs operands of one DynamoDB type (the attribute's C++ type fixes it)");
  return true;
}

template <class L, class R>
consteval bool check_ordered() {
  constexpr auto l = wire_of<value_type_of<L>>();
  static_assert(!l || *l == type::S || *l == type::N || *l == type::B,
                "ddbx: < <= > >= and BETWEEN need a string, number or binary attribute");
  return check_comparable<L, R>();
}

template <class P>
consteval bool check_begins_with() {
  constexpr auto t = wire_of<typename P::value_type>();
  static_assert(!t || *t == type::S || *t == type::B, "ddbx: begins_with needs a string or binary attribute");
  return true;
}

template <class P>
consteval bool check_size() {
  constexpr auto t = wire_of<typename P::value_type>();
  static_assert(!t || (*t != type::N && *t != type::BOOL && *t != type::NULL_),
                "ddbx: size needs a string, binary, set, list or map attribute");
  return true;
}

template <class P, class V>
consteval bool check_contains() {
  constexpr auto t = wire_of<typename P::value_type>();
  static_assert(!t || *t == type::S || *t == type::SS || *t == type::NS || *t == type::BS || *t == type::L,
                "ddbx: contains needs a string, set or list attribute");
  if constexpr (t && (*t == type::SS || *t == type::NS || *t == type::BS)) {
    constexpr auto v = wire_of<value_type_of<V>>();
    constexpr type element = *t == type::SS ? type::S : *t == type::NS ? type::N : type::B;
    static_assert(!v || *v == element, "ddbx: contains on a set needs a value of the set's element type");
  } else if constexpr (t && *t == type::S) {
    constexpr auto v = wire_of<value_type_of<V>>();
    static_assert(!v || *v == type::S, "ddbx: contains on a string needs a string");
  }
  return true;
}

enum class cmp { eq, ne, lt, le, gt, ge };
constexpr std::string_view cmp_token(cmp op) {
  constexpr std::string_view t[] = {" = ", " <> ", " < ", " <= ", " > ", " >= "};
  return t[static_cast<int>(op)];
}

// Precedences: OR < AND < NOT < everything else.
inline constexpr int prec_or = 1, prec_and = 2, prec_not = 3, prec_atom = 4;

struct condition_tag {};

template <class C>
constexpr void render_child_static(static_text& t, int min_prec) {
  if (C::precedence < min_prec) {
    t.put("(");
    C::render_static(t);
    t.put(")");
  } else {
    C::render_static(t);
  }
}

template <class C>
void render_child(render_context& c, std::string& out, const C& child, int min_prec) {
  if (C::precedence < min_prec) {
    out += '(';
    child.render(c, out);
    out += ')';
  } else {
    child.render(c, out);
  }
}

template <class L, class R>
void check_not_self(render_context& c, const L& l, const R& r) {
  if constexpr (path_like<L> && path_like<R>) {
    if (l.steps() == r.steps()) c.fail(errc::invalid_expression, "an expression cannot compare an attribute with itself");
  }
}

}  // namespace detail

template <detail::cmp Op, class L, class R>
struct comparison : detail::condition_tag {
  static constexpr int precedence = detail::prec_atom;
  L l;
  R r;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    detail::check_not_self(c, l, r);
    l.render(c, out);
    out += detail::cmp_token(Op);
    r.render(c, out);
  }
  static constexpr bool is_static = L::is_static && R::is_static && !(detail::path_like<L> && detail::path_like<R>);
  static constexpr void render_static(detail::static_text& t) {
    ++t.operators;
    L::render_static(t);
    t.put(detail::cmp_token(Op));
    R::render_static(t);
  }
  template <class F>
  void for_each_value(F&& f) const { l.for_each_value(f); r.for_each_value(f); }
};

template <class P, class Lo, class Hi>
struct between_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_atom;
  P p;
  Lo lo;
  Hi hi;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    if constexpr (requires { lo.v; hi.v; })
      if (detail::bounds_inverted(lo.v, hi.v)) c.fail(errc::invalid_expression, "BETWEEN bounds are inverted (lower > upper)");
    p.render(c, out);
    out += " BETWEEN ";
    lo.render(c, out);
    out += " AND ";
    hi.render(c, out);
  }
  static constexpr bool is_static = false;  // its bounds are checked while rendering
  template <class F>
  void for_each_value(F&& f) const { p.for_each_value(f); lo.for_each_value(f); hi.for_each_value(f); }
};

// p IN (v1, v2, …) with values given one by one: each kept as its own type (1 and 2.5, or a
// literal and a std::string, are not converted to the first one's type).
template <class P, class... V>
struct in_values_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_atom;
  P p;
  std::tuple<V...> values;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    p.render(c, out);
    out += " IN (";
    std::apply([&](const V&... v) {
      bool first = true;
      ((out += first ? "" : ", ", first = false, c.value(out, v)), ...);
    }, values);
    out += ')';
  }
  static constexpr bool is_static = false;
  template <class F>
  void for_each_value(F&& f) const { std::apply([&](const V&... v) { (f(v), ...); }, values); }
};

template <class P, class V>
struct in_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_atom;
  P p;
  std::vector<V> values;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    if (values.empty()) c.fail(errc::too_many_operands, "IN needs at least one value");
    if (values.size() > limits::max_in_operands)
      c.fail(errc::too_many_operands, "IN has " + std::to_string(values.size()) + " operands; DynamoDB allows 100");
    p.render(c, out);
    out += " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += ", ";
      c.value(out, values[i]);
    }
    out += ')';
  }
  static constexpr bool is_static = false;  // the operand count is known at run time
  template <class F>
  void for_each_value(F&& f) const { for (const auto& v : values) f(v); }
};

namespace detail {
struct fn_attribute_exists { static constexpr std::string_view name = "attribute_exists"; };
struct fn_attribute_not_exists { static constexpr std::string_view name = "attribute_not_exists"; };
struct fn_attribute_type { static constexpr std::string_view name = "attribute_type"; };
struct fn_begins_with { static constexpr std::string_view name = "begins_with"; };
struct fn_contains { static constexpr std::string_view name = "contains"; };
}  // namespace detail

// attribute_exists(p), attribute_not_exists(p), begins_with(p, v), contains(p, v), attribute_type(p, t)
template <class Fn, class P, class V = void>
struct function_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_atom;
  static constexpr std::string_view name = Fn::name;
  P p;
  std::conditional_t<std::is_void_v<V>, char, V> v{};
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    out += name;
    out += '(';
    p.render(c, out);
    if constexpr (!std::is_void_v<V>) {
      out += ", ";
      v.render(c, out);
    }
    out += ')';
  }
  static constexpr bool is_static = P::is_static && (std::is_void_v<V> || requires { V::is_static; });
  static constexpr void render_static(detail::static_text& t) {
    ++t.operators;
    t.put(name);
    t.put("(");
    P::render_static(t);
    if constexpr (!std::is_void_v<V>) {
      t.put(", ");
      V::render_static(t);
    }
    t.put(")");
  }
  template <class F>
  void for_each_value(F&& f) const {
    p.for_each_value(f);
    if constexpr (!std::is_void_v<V>) v.for_each_value(f);
  }
};

template <class L, class R>
struct and_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_and;
  L l;
  R r;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    detail::render_child(c, out, l, detail::prec_and);
    out += " AND ";
    detail::render_child(c, out, r, detail::prec_and);
  }
  static constexpr bool is_static = L::is_static && R::is_static;
  static constexpr void render_static(detail::static_text& t) {
    ++t.operators;
    detail::render_child_static<L>(t, detail::prec_and);
    t.put(" AND ");
    detail::render_child_static<R>(t, detail::prec_and);
  }
  template <class F>
  void for_each_value(F&& f) const { l.for_each_value(f); r.for_each_value(f); }
};

template <class L, class R>
struct or_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_or;
  L l;
  R r;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    detail::render_child(c, out, l, detail::prec_or);
    out += " OR ";
    detail::render_child(c, out, r, detail::prec_or);
  }
  static constexpr bool is_static = L::is_static && R::is_static;
  static constexpr void render_static(detail::static_text& t) {
    ++t.operators;
    detail::render_child_static<L>(t, detail::prec_or);
    t.put(" OR ");
    detail::render_child_static<R>(t, detail::prec_or);
  }
  template <class F>
  void for_each_value(F&& f) const { l.for_each_value(f); r.for_each_value(f); }
};

template <class C>
struct not_condition : detail::condition_tag {
  static constexpr int precedence = detail::prec_not;
  C c_;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    out += "NOT ";
    detail::render_child(c, out, c_, detail::prec_not);
  }
  static constexpr bool is_static = C::is_static;
  static constexpr void render_static(detail::static_text& t) {
    ++t.operators;
    t.put("NOT ");
    detail::render_child_static<C>(t, detail::prec_not);
  }
  template <class F>
  void for_each_value(F&& f) const { c_.for_each_value(f); }
};

template <class C>
concept condition = std::is_base_of_v<detail::condition_tag, std::remove_cvref_t<C>>;

namespace detail {
template <class C>
consteval static_text make_static_text() {
  static_text t;
  C::render_static(t);
  return t;
}
}  // namespace detail

// The text of a condition whose shape is known at compile time, rendered then: names as
// #0, #1, … and values as :0, :1, … in order. Only values are encoded at run time.
//   static_assert(ddbx::static_text_of<decltype(attr<&User::age> < 27)> == "#0 < :0");
template <condition C>
  requires(std::remove_cvref_t<C>::is_static)
inline constexpr detail::static_text static_text_value = detail::make_static_text<std::remove_cvref_t<C>>();
template <condition C>
  requires(std::remove_cvref_t<C>::is_static)
inline constexpr std::string_view static_text_of = static_text_value<C>.view();

// ---- comparisons: at least one side is an attribute (or size(attribute)) ----
#define DDBX_DETAIL_COMPARISON(OP, KIND, CHECK)                                                  \
  template <class L, class R>                                                                    \
    requires(detail::attribute_operand<L> || detail::attribute_operand<R>)                      \
  auto operator OP(L&& l, R&& r) {                                                               \
    static_assert(detail::check_not_same_attribute<L, R>() && detail::CHECK<L, R>());            \
    return comparison<detail::cmp::KIND, detail::operand_t<L>, detail::operand_t<R>>{           \
        {}, detail::as_operand(std::forward<L>(l)), detail::as_operand(std::forward<R>(r))};     \
  }
DDBX_DETAIL_COMPARISON(==, eq, check_comparable)
DDBX_DETAIL_COMPARISON(!=, ne, check_comparable)
DDBX_DETAIL_COMPARISON(<, lt, check_ordered)
DDBX_DETAIL_COMPARISON(<=, le, check_ordered)
DDBX_DETAIL_COMPARISON(>, gt, check_ordered)
DDBX_DETAIL_COMPARISON(>=, ge, check_ordered)
#undef DDBX_DETAIL_COMPARISON

template <detail::path_like P, class Lo, class Hi>
auto between(P p, Lo&& lo, Hi&& hi) {
  static_assert(detail::check_ordered<P, Lo>() && detail::check_comparable<Lo, Hi>());
  return between_condition<P, detail::operand_t<Lo>, detail::operand_t<Hi>>{
      {}, std::move(p), detail::as_operand(std::forward<Lo>(lo)), detail::as_operand(std::forward<Hi>(hi))};
}

// Bounds known at compile time are checked then: between<18, 65>(attr<&User::age>).
template <auto Lo, auto Hi, detail::path_like P>
auto between(P p) {
  static_assert(!detail::number_less(Hi, Lo), "ddbx: BETWEEN bounds are inverted (lower > upper)");
  return between(std::move(p), Lo, Hi);
}

// p IN (v1, v2, …): at most 100 values.
template <detail::path_like P, class V, class... Vs>
auto in(P p, V&& v, Vs&&... vs) {
  static_assert(sizeof...(Vs) + 1 <= limits::max_in_operands, "ddbx: IN takes at most 100 operands");
  static_assert(detail::check_comparable<P, V>() && (detail::check_comparable<V, Vs>() && ...));
  return in_values_condition<P, detail::value_storage_t<V>, detail::value_storage_t<Vs>...>{
      {}, std::move(p), {detail::value_storage_t<V>(std::forward<V>(v)), detail::value_storage_t<Vs>(std::forward<Vs>(vs))...}};
}
template <detail::path_like P, class T>
auto in(P p, std::vector<T> values) {
  static_assert(detail::check_comparable<P, T>());
  return in_condition<P, T>{{}, std::move(p), std::move(values)};
}

template <detail::path_like P>
auto attribute_exists(P p) { return function_condition<detail::fn_attribute_exists, P>{{}, std::move(p)}; }
template <detail::path_like P>
auto attribute_not_exists(P p) { return function_condition<detail::fn_attribute_not_exists, P>{{}, std::move(p)}; }

template <detail::path_like P>
auto attribute_type(P p, ddbx::type t) {
  using V = detail::value_operand<std::string_view>;
  return function_condition<detail::fn_attribute_type, P, V>{{}, std::move(p), V{type_name(t)}};
}

template <detail::path_like P, class V>
auto begins_with(P p, V&& v) {
  static_assert(detail::check_begins_with<P>());
  return function_condition<detail::fn_begins_with, P, detail::operand_t<V>>{{}, std::move(p), detail::as_operand(std::forward<V>(v))};
}

template <detail::path_like P, class V>
auto contains(P p, V&& v) {
  static_assert(detail::check_contains<P, V>());
  return function_condition<detail::fn_contains, P, detail::operand_t<V>>{{}, std::move(p), detail::as_operand(std::forward<V>(v))};
}

template <detail::path_like P>
auto size(P p) {
  static_assert(detail::check_size<P>());
  return detail::size_operand<P>{std::move(p)};
}

template <condition L, condition R>
auto operator&&(L&& l, R&& r) {
  return and_condition<std::remove_cvref_t<L>, std::remove_cvref_t<R>>{{}, std::forward<L>(l), std::forward<R>(r)};
}
template <condition L, condition R>
auto operator||(L&& l, R&& r) {
  return or_condition<std::remove_cvref_t<L>, std::remove_cvref_t<R>>{{}, std::forward<L>(l), std::forward<R>(r)};
}
template <condition C>
auto operator!(C&& c) {
  return not_condition<std::remove_cvref_t<C>>{{}, std::forward<C>(c)};
}

}  // namespace ddbx
