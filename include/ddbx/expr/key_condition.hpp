#pragma once
// Key conditions for Query: `partition == v`, optionally `&&` one sort-key condition
// (== < <= > >=, between, begins_with on a string or binary key). Anything else DynamoDB would
// refuse — OR, NOT, IN, !=, two conditions on one key, a key the table or index does not have —
// is a compile error naming the rule.
//
//   auto k = ddbx::key<&User::username> == "johndoe" && ddbx::begins_with(ddbx::key<&User::last_name>, "D");
//   // "#0 = :0 AND begins_with(#1, :1)"
#include <string>
#include <string_view>
#include <type_traits>

#include "ddbx/expr/condition.hpp"
#include "ddbx/table.hpp"

namespace ddbx {

// A key attribute: only key-condition operators apply to it.
template <auto Ptr>
struct key_t {
  using value_type = detail::member_of<Ptr>;
  static constexpr auto member = Ptr;
  static constexpr std::string_view name = attribute_name_of<Ptr>;
  static_assert(detail::wire_type_of<value_type>() == type::S || detail::wire_type_of<value_type>() == type::N ||
                    detail::wire_type_of<value_type>() == type::B,
                "ddbx: a key attribute must be a string, number or binary");
};
template <auto Ptr>
inline constexpr key_t<Ptr> key{};

namespace detail {
struct key_condition_tag {};
enum class key_op { eq, lt, le, gt, ge, between, begins_with };
constexpr std::string_view key_token(key_op op) {
  constexpr std::string_view t[] = {" = ", " < ", " <= ", " > ", " >= "};
  return t[static_cast<int>(op)];
}
template <auto P, auto Q>
constexpr bool same_member() {
  if constexpr (std::is_same_v<decltype(P), decltype(Q)>) return P == Q;
  else return false;
}
template <class K, class V>
consteval bool check_key_value() {
  static_assert(same_wire_type<attr_t<K::member>, V>(), "ddbx: a key condition needs a value of the key's type");
  return true;
}
}  // namespace detail

namespace detail {
// A key condition's value that DynamoDB refuses: an empty string or binary, or one past the key's
// size (2048 bytes for a partition key, 1024 for a sort key); the error names the attribute.
template <class V>
void check_key_condition_value(render_context& c, const V& v, std::string_view name, std::size_t max_bytes) {
  std::size_t n = 0;
  if constexpr (std::is_convertible_v<const V&, std::string_view>) n = std::string_view(v).size();
  else if constexpr (std::is_same_v<V, binary>) n = v.view().size();
  else if constexpr (binary_type<V>) n = v.size();
  else return;
  if (n == 0) c.fail(errc::invalid_request, "a key attribute cannot be empty", std::string(name));
  else if (n > max_bytes)
    c.fail(errc::invalid_request, "key value is " + std::to_string(n) + " bytes; DynamoDB allows " + std::to_string(max_bytes),
           std::string(name));
}
}  // namespace detail

template <auto Ptr, detail::key_op Op, class V, class W = V>
struct key_condition : detail::key_condition_tag {
  static constexpr auto member = Ptr;
  static constexpr detail::key_op op = Op;
  detail::value_operand<V> a;
  detail::value_operand<W> b{};  // BETWEEN's upper bound, as its own type (not converted to a's)
  // Its values against the key's limits (`partition`: the name of the partition key of what is
  // queried), and BETWEEN's bounds against each other.
  void check_values(render_context& c, std::string_view partition) const {
    const std::size_t max = attribute_name_of<Ptr> == partition ? limits::max_partition_key : limits::max_sort_key;
    detail::check_key_condition_value(c, a.v, attribute_name_of<Ptr>, max);
    if constexpr (Op == detail::key_op::between) {
      detail::check_key_condition_value(c, b.v, attribute_name_of<Ptr>, max);
      if (detail::bounds_inverted(a.v, b.v)) c.fail(errc::invalid_expression, "BETWEEN bounds are inverted (lower > upper)");
    }
  }
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    if constexpr (Op == detail::key_op::between) {
      attr<Ptr>.render(c, out);
      out += " BETWEEN ";
      a.render(c, out);
      out += " AND ";
      b.render(c, out);
    } else if constexpr (Op == detail::key_op::begins_with) {
      out += "begins_with(";
      attr<Ptr>.render(c, out);
      out += ", ";
      a.render(c, out);
      out += ')';
    } else {
      attr<Ptr>.render(c, out);
      out += detail::key_token(Op);
      a.render(c, out);
    }
  }
};

template <class A, class B>
struct key_and : detail::key_condition_tag {
  static constexpr auto member = A::member;
  static constexpr detail::key_op op = A::op;
  A first;
  B second;
  void check_values(render_context& c, std::string_view partition) const {
    first.check_values(c, partition);
    second.check_values(c, partition);
  }
  void render(render_context& c, std::string& out) const {
    c.count_operator();
    first.render(c, out);
    out += " AND ";
    second.render(c, out);
  }
};

template <class C>
concept key_condition_like = std::is_base_of_v<detail::key_condition_tag, std::remove_cvref_t<C>>;

#define DDBX_DETAIL_KEY_OP(OP, KIND)                                                                  \
  template <auto Ptr, class V>                                                                        \
  auto operator OP(key_t<Ptr>, V&& v) {                                                               \
    static_assert(detail::check_key_value<key_t<Ptr>, V>());                                          \
    using S = detail::value_storage_t<V>;                                                             \
    return key_condition<Ptr, detail::key_op::KIND, S>{{}, {S(std::forward<V>(v))}};                 \
  }
DDBX_DETAIL_KEY_OP(==, eq)
DDBX_DETAIL_KEY_OP(<, lt)
DDBX_DETAIL_KEY_OP(<=, le)
DDBX_DETAIL_KEY_OP(>, gt)
DDBX_DETAIL_KEY_OP(>=, ge)
#undef DDBX_DETAIL_KEY_OP

template <auto Ptr, class V>
auto operator!=(key_t<Ptr>, V&&) {
  static_assert(detail::unmappable<V>, "ddbx: a key condition cannot use <> (!=); use a filter for that");
}

template <auto Ptr, class Lo, class Hi>
auto between(key_t<Ptr>, Lo&& lo, Hi&& hi) {
  static_assert(detail::check_key_value<key_t<Ptr>, Lo>() && detail::check_key_value<key_t<Ptr>, Hi>());
  using S = detail::value_storage_t<Lo>;
  using T = detail::value_storage_t<Hi>;
  return key_condition<Ptr, detail::key_op::between, S, T>{{}, {S(std::forward<Lo>(lo))}, {T(std::forward<Hi>(hi))}};
}

template <auto Ptr, class V>
auto begins_with(key_t<Ptr>, V&& v) {
  static_assert(detail::wire_type_of<detail::member_of<Ptr>>() != type::N,
                "ddbx: begins_with in a key condition needs a string or binary sort key");
  using S = detail::value_storage_t<V>;
  return key_condition<Ptr, detail::key_op::begins_with, S>{{}, {S(std::forward<V>(v))}};
}

template <auto Ptr, class V, class... Vs>
auto in(key_t<Ptr>, V&&, Vs&&...) {
  static_assert(detail::unmappable<V>, "ddbx: a key condition cannot use IN");
}

template <key_condition_like A, key_condition_like B>
auto operator&&(A&& a, B&& b) {
  using AA = std::remove_cvref_t<A>;
  using BB = std::remove_cvref_t<B>;
  static_assert(!requires { AA::first; } && !requires { BB::first; },
                "ddbx: a key condition has at most two parts: the partition key and one sort key condition");
  static_assert(!detail::same_member<AA::member, BB::member>(), "ddbx: a key condition cannot have two conditions on one key");
  return key_and<AA, BB>{{}, std::forward<A>(a), std::forward<B>(b)};
}
template <key_condition_like A, key_condition_like B>
auto operator||(A&&, B&&) {
  static_assert(detail::unmappable<A>, "ddbx: a key condition cannot use OR");
}
template <key_condition_like A>
auto operator!(A&&) {
  static_assert(detail::unmappable<A>, "ddbx: a key condition cannot use NOT");
}

namespace detail {
// A condition built with attr<…> (a filter's) given as a key condition; the type, in the diagnostic,
// shows the attr_t<&T::m> it tests.
template <class C>
constexpr bool is_key_condition = false;
template <class C>
struct filter_given_as_key_condition {
  static_assert(is_key_condition<C>,
                "ddbx: use key<&T::m> in a key condition (attr<> is for filters and conditions); "
                "the condition given is is_key_condition<...>");
};

// Without a table the partition key is unknown, but one part must still test it with ==
// (the operators and && already refuse the rest: OR, NOT, IN, <>, three parts, one key twice).
template <class K>
consteval bool check_key_condition_shape() {
  if constexpr (requires { K::first; }) {
    static_assert(decltype(K::first)::op == key_op::eq || decltype(K::second)::op == key_op::eq,
                  "ddbx: a key condition must test the partition key with ==");
  } else {
    static_assert(K::op == key_op::eq, "ddbx: a key condition must test the partition key with ==");
  }
  return true;
}

// A key condition whose parts all test other members than the partition key. The diagnostic names
// the member tested, the keys of the table or index queried (keys<…>) and, when there is one, what to
// query instead: the GSI whose partition key it is (its name spelt out) or the table itself.
template <auto... Members>
struct keys {};
template <class Schema>
using keys_of = std::conditional_t<Schema::has_range, keys<Schema::hash, Schema::range>, keys<Schema::hash>>;

template <auto Tested, class Keys>
constexpr bool is_partition_key = false;
template <auto Tested, class Keys>
struct not_a_partition_key {
  static_assert(is_partition_key<Tested, Keys>,
                "ddbx: a key condition must test the partition key with ==; the member tested is not the "
                "partition key of the table or index queried, nor of any of the table's GSIs "
                "(is_partition_key<member tested, keys<partition key, sort key>>)");
};
template <auto Tested, class Keys, char... Index>
constexpr bool is_partition_key_here = false;
template <auto Tested, class Keys, char... Index>
struct partition_key_of_an_index {
  static_assert(is_partition_key_here<Tested, Keys, Index...>,
                "ddbx: a key condition must test the partition key with ==; the member tested is the partition "
                "key of a GSI, not of what is queried: query that index, table.query<index>(...) or "
                "query_request<table, index> (is_partition_key_here<member tested, keys<partition key, sort "
                "key>, the index's name spelt out>)");
};
template <auto Tested, class Keys>
constexpr bool is_index_partition_key = false;
template <auto Tested, class Keys>
struct partition_key_of_the_table {
  static_assert(is_index_partition_key<Tested, Keys>,
                "ddbx: a key condition must test the partition key with ==; the member tested is the table's "
                "partition key, not the index's: query the table, table.query(...) "
                "(is_index_partition_key<member tested, keys<the index's partition key, sort key>>)");
};

// The index of Table's first GSI (other than Schema) whose partition key is Tested; index_count if none.
template <class Table, class Schema, auto Tested>
consteval std::size_t index_keyed_by() {
  if constexpr (requires { Table::index_count; }) {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      constexpr bool hit[] = {(!std::is_same_v<typename Table::template gsi_t<I>, Schema> &&
                               same_member<Table::template gsi_t<I>::hash, Tested>())..., false};
      std::size_t i = 0;
      while (i < sizeof...(I) && !hit[i]) ++i;
      return i;
    }(std::make_index_sequence<Table::index_count>{});
  } else {
    return 0;
  }
}

template <class Schema, class Table, auto Tested>
constexpr void report_not_partition_key() {
  constexpr std::size_t i = index_keyed_by<Table, Schema, Tested>();
  if constexpr (!std::is_same_v<Schema, Table> && requires { Table::hash; } && same_member<Table::hash, Tested>()) {
    (void)sizeof(partition_key_of_the_table<Tested, keys_of<Schema>>);
  } else if constexpr (requires { Table::index_count; } && i < Table::index_count) {
    constexpr std::string_view name = Table::template gsi_t<i>::name;
    [&]<std::size_t... C>(std::index_sequence<C...>) {
      (void)sizeof(partition_key_of_an_index<Tested, keys_of<Schema>, name[C]...>);
    }(std::make_index_sequence<name.size()>{});
  } else {
    (void)sizeof(not_a_partition_key<Tested, keys_of<Schema>>);
  }
}

// Table: the table Schema is, or the table whose GSI it is (for what to query instead).
// Called as a statement, not in a static_assert: a report's failed static_assert would make the
// call non-constant, and Clang would say so too.
template <class Schema, class K, class Table = Schema>
constexpr void check_key_condition() {
  if constexpr (requires { K::first; }) {
    using A = decltype(K::first);
    using B = decltype(K::second);
    constexpr bool a_hash = same_member<A::member, Schema::hash>(), b_hash = same_member<B::member, Schema::hash>();
    if constexpr (!a_hash && !b_hash) {
      report_not_partition_key<Schema, Table, A::member>();
    } else {
      using H = std::conditional_t<a_hash, A, B>;
      using S = std::conditional_t<a_hash, B, A>;
      static_assert(H::op == key_op::eq, "ddbx: a key condition must test the partition key with ==");
      if constexpr (Schema::has_range) {
        static_assert(same_member<S::member, Schema::range>(),
                      "ddbx: the second part of a key condition must test the table's or index's sort key");
      } else {
        static_assert(Schema::has_range, "ddbx: this table or index has no sort key to test");
      }
    }
  } else if constexpr (!same_member<K::member, Schema::hash>()) {
    report_not_partition_key<Schema, Table, K::member>();
  } else {
    static_assert(K::op == key_op::eq, "ddbx: a key condition must test the partition key with ==");
  }
}
}  // namespace detail

}  // namespace ddbx
