#pragma once
// UpdateExpression: set, remove, add, del, combined with `,` into one
// `SET … REMOVE … ADD … DELETE …` string with each clause once.
//
//   auto u = (ddbx::set(ddbx::attr<&User::age>, 26), ddbx::remove(ddbx::attr<&User::tags>));
//   // "SET #0 = :0 REMOVE #1"
//   auto n = ddbx::set(ddbx::attr<&User::visits>, ddbx::if_not_exists(ddbx::attr<&User::visits>, 0) + 1);
//   // "SET #0 = if_not_exists(#0, :0) + :1"
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ddbx/expr/condition.hpp"
#include "ddbx/table.hpp"

namespace ddbx {

namespace detail {
struct update_operand_tag {};
template <class T>
concept update_operand = std::is_base_of_v<update_operand_tag, std::remove_cvref_t<T>> || attribute_operand<T>;

template <class T>
auto as_update_operand(T&& x) {
  if constexpr (std::is_base_of_v<update_operand_tag, std::remove_cvref_t<T>>) return std::remove_cvref_t<T>(std::forward<T>(x));
  else return as_operand(std::forward<T>(x));
}
template <class T>
using update_operand_t = decltype(as_update_operand(std::declval<T>()));

template <class T>
consteval bool check_number() {
  constexpr auto t = wire_of<typename update_operand_t<T>::value_type>();
  static_assert(!t || *t == type::N, "ddbx: + and - in an update need numbers");
  return true;
}
constexpr bool wire_is_set(std::optional<type> t) { return t && (*t == type::SS || *t == type::NS || *t == type::BS); }
// ADD takes a number or a set, DELETE a set: checked on the attribute's type and, for an
// untyped path, on the value's, which C++ fixes.
template <class P, class V>
consteval bool check_add() {
  constexpr auto t = wire_of<typename P::value_type>(), v = wire_of<value_type_of<V>>();
  constexpr bool ok = t ? *t == type::N || wire_is_set(t) : !v || *v == type::N || wire_is_set(v);
  if constexpr (t) static_assert(ok, "ddbx: add needs a number or set attribute");
  else static_assert(ok, "ddbx: add needs a number or set value");
  if constexpr (ok) return check_comparable<P, V>();
  return true;
}
template <class P, class V>
consteval bool check_del() {
  constexpr auto t = wire_of<typename P::value_type>(), v = wire_of<value_type_of<V>>();
  constexpr bool ok = t ? wire_is_set(t) : !v || wire_is_set(v);
  if constexpr (t) static_assert(ok, "ddbx: del (DELETE) needs a set attribute");
  else static_assert(ok, "ddbx: del (DELETE) needs a set value");
  if constexpr (ok) return check_comparable<P, V>();
  return true;
}
template <class T>
consteval bool check_list() {
  constexpr auto t = wire_of<typename update_operand_t<T>::value_type>();
  static_assert(!t || *t == type::L, "ddbx: list_append needs lists");
  return true;
}
}  // namespace detail

template <class P, class V>
struct if_not_exists_operand : detail::update_operand_tag {
  using value_type = typename P::value_type;
  using is_operand = void;
  P p;
  V v;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    out += "if_not_exists(";
    p.render(c, out);
    out += ", ";
    v.render(c, out);
    out += ')';
  }
};
template <class A, class B>
struct list_append_operand : detail::update_operand_tag {
  using is_operand = void;
  using value_type = std::conditional_t<std::is_void_v<typename A::value_type>, typename B::value_type, typename A::value_type>;
  A a;
  B b;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    out += "list_append(";
    a.render(c, out);
    out += ", ";
    b.render(c, out);
    out += ')';
  }
};
template <class A, class B, char Op>
struct arithmetic_operand : detail::update_operand_tag {
  using value_type = long;
  using is_operand = void;
  A a;
  B b;
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    a.render(c, out);
    out += ' ';
    out += Op;
    out += ' ';
    b.render(c, out);
  }
};

template <detail::path_like P, class V>
auto if_not_exists(P p, V&& v) {
  static_assert(detail::check_comparable<P, V>());
  return if_not_exists_operand<P, detail::operand_t<V>>{{}, std::move(p), detail::as_operand(std::forward<V>(v))};
}
template <class A, class B>
auto list_append(A&& a, B&& b) {
  static_assert(detail::check_list<A>() && detail::check_list<B>());
  return list_append_operand<detail::update_operand_t<A>, detail::update_operand_t<B>>{
      {}, detail::as_update_operand(std::forward<A>(a)), detail::as_update_operand(std::forward<B>(b))};
}
template <class A, class B>
  requires(detail::update_operand<A> || detail::update_operand<B>)
auto operator+(A&& a, B&& b) {
  static_assert(detail::check_number<A>() && detail::check_number<B>());
  return arithmetic_operand<detail::update_operand_t<A>, detail::update_operand_t<B>, '+'>{
      {}, detail::as_update_operand(std::forward<A>(a)), detail::as_update_operand(std::forward<B>(b))};
}
template <class A, class B>
  requires(detail::update_operand<A> || detail::update_operand<B>)
auto operator-(A&& a, B&& b) {
  static_assert(detail::check_number<A>() && detail::check_number<B>());
  return arithmetic_operand<detail::update_operand_t<A>, detail::update_operand_t<B>, '-'>{
      {}, detail::as_update_operand(std::forward<A>(a)), detail::as_update_operand(std::forward<B>(b))};
}

namespace detail {
struct update_action_tag {};
enum class clause { set, remove, add, del };
constexpr std::string_view clause_word(clause c) {
  constexpr std::string_view w[] = {"SET ", "REMOVE ", "ADD ", "DELETE "};
  return w[static_cast<int>(c)];
}
}  // namespace detail

template <detail::clause C, class P, class V = void>
struct update_action : detail::update_action_tag {
  static constexpr detail::clause kind = C;
  P p;
  std::conditional_t<std::is_void_v<V>, char, V> v{};
  path target() const { return path(p.steps()); }
  void render(render_context& c, std::string& out) const {
    p.render(c, out);
    if constexpr (C == detail::clause::set) {
      out += " = ";
      v.render(c, out);
    } else if constexpr (!std::is_void_v<V>) {
      out += ' ';
      v.render(c, out);
    }
  }
};

template <detail::path_like P, class V>
auto set(P p, V&& v) {
  using O = detail::update_operand_t<V>;
  static_assert(detail::check_comparable<P, O>(), "ddbx: set needs a value of the attribute's type");
  return update_action<detail::clause::set, P, O>{{}, std::move(p), detail::as_update_operand(std::forward<V>(v))};
}
template <detail::path_like P>
auto remove(P p) {
  return update_action<detail::clause::remove, P>{{}, std::move(p)};
}
template <detail::path_like P, class V>
auto add(P p, V&& v) {
  static_assert(detail::check_add<P, V>());
  return update_action<detail::clause::add, P, detail::operand_t<V>>{{}, std::move(p), detail::as_operand(std::forward<V>(v))};
}
template <detail::path_like P, class V>
auto del(P p, V&& v) {
  static_assert(detail::check_del<P, V>());
  return update_action<detail::clause::del, P, detail::operand_t<V>>{{}, std::move(p), detail::as_operand(std::forward<V>(v))};
}

// Several actions: (set(a, 1), remove(b), …).
template <class... A>
struct update_list {
  std::tuple<A...> actions;
};

template <class A>
concept update_action_like = std::is_base_of_v<detail::update_action_tag, std::remove_cvref_t<A>>;

template <update_action_like A, update_action_like B>
auto operator,(A&& a, B&& b) {
  return update_list<std::remove_cvref_t<A>, std::remove_cvref_t<B>>{{std::forward<A>(a), std::forward<B>(b)}};
}
template <class... As, update_action_like B>
auto operator,(update_list<As...>&& l, B&& b) {
  return update_list<As..., std::remove_cvref_t<B>>{std::tuple_cat(std::move(l.actions), std::tuple<std::remove_cvref_t<B>>(std::forward<B>(b)))};
}

// An update built at run time (update_from, or generic code): actions with pre-encoded values.
struct dynamic_update {
  struct action {
    detail::clause kind;
    ddbx::path target;
    std::string encoded;  // the AttributeValue for SET / ADD / DELETE
  };
  std::vector<action> actions;
  error err{};
};

struct update_from_options {
  bool remove_empty_optionals = false;  // REMOVE what a put leaves out (an empty optional or set; default: leave it)
};

// SET every non-key attribute of `obj` (the "save these fields" case).
template <class Table, update_from_options O = update_from_options{}, class T>
dynamic_update update_from(const T& obj) {
  static_assert(std::is_same_v<typename Table::item_type, T>, "ddbx: update_from needs the table's item type");
  if constexpr (detail::first_unencodable_member<T> < detail::field_count<T>) {  // one error naming the member
    detail::report_member<detail::unmappable_member, T, detail::first_unencodable_member<T>>();
    (void)obj;
    return dynamic_update{};
  } else {
    dynamic_update u;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
        using F = detail::field_info<T, J>;
        if constexpr (!F::skip) {
          if (Table::is_key(F::name) || u.err.code != errc::ok) return;
          const auto& m = boost::pfr::get<J>(obj);
          // What a put leaves out (an empty optional, an empty set — also in an optional or a
          // ddbx::value —, an empty omit_empty member) is left alone, or removed when asked.
          if (detail::omitted<encode_options{}, false, F::option.omit_empty>(m)) {
            if (O.remove_empty_optionals) u.actions.push_back({detail::clause::remove, ddbx::path(std::string(F::name)), {}});
            return;
          }
          std::string encoded;
          if (auto s = encode_value(m, encoded); !s) {
            u.err = std::move(s).error();
            u.err.prepend_member(F::name);
            return;
          }
          u.actions.push_back({detail::clause::set, ddbx::path(std::string(F::name)), std::move(encoded)});
        }
      };
      (one(std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<detail::field_count<T>>{});
    return u;
  }
}

}  // namespace ddbx
