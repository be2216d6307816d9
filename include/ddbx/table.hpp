#pragma once
// Table and index descriptors: the item type, its hash and range key members, its GSIs.
// Key conditions, updates and (later) CreateTable are checked and derived from them.
//
//   using users = ddbx::table<User, &User::username, &User::last_name,
//                             ddbx::gsi<"by_state", &User::state, &User::age>>;
#include <cstddef>
#include <tuple>
#include <string_view>
#include <type_traits>

#include "ddbx/detail/fixed_string.hpp"
#include "ddbx/mapping/fields.hpp"

namespace ddbx {

namespace detail {
struct no_key {};
template <auto P>
constexpr std::string_view key_name() {
  if constexpr (std::is_same_v<std::remove_cv_t<decltype(P)>, no_key>) return {};
  else return attribute_name_of<P>;
}

template <class M>
struct member_class {};
template <class M, class C>
struct member_class<M C::*> {
  using type = C;
};
// Whether key member pointer P (or no key) belongs to T.
template <class T, auto P>
constexpr bool key_of_type() {
  if constexpr (std::is_same_v<std::remove_cv_t<decltype(P)>, no_key>) return true;
  else return std::is_same_v<typename member_class<std::remove_cv_t<decltype(P)>>::type, T>;
}
// Named in the diagnostic of an index whose key members are not the table's item type's.
template <class Item, class Index>
struct index_keys_belong_to_item {
  static_assert(key_of_type<Item, Index::hash>() && key_of_type<Item, Index::range>(),
                "ddbx: an index's key members must be members of the table's item type: "
                "gsi<\"name\", &Item::member, …> on table<Item, …> (a member of a nested struct cannot be an index key)");
  static constexpr bool ok = true;
};
}  // namespace detail

inline constexpr detail::no_key no_range_key{};

// A global secondary index: its name and key members.
template <detail::fixed_string Name, auto Hash, auto Range = no_range_key>
struct gsi {
  static constexpr std::string_view name = Name.view();
  static constexpr auto hash = Hash;
  static constexpr auto range = Range;
  static constexpr bool has_range = !std::is_same_v<std::remove_cv_t<decltype(Range)>, detail::no_key>;
  static constexpr std::string_view hash_name = detail::key_name<Hash>();
  static constexpr std::string_view range_name = detail::key_name<Range>();
};

template <class T, auto Hash, auto Range = no_range_key, class... Indexes>
struct table {
  using item_type = T;
  static constexpr auto hash = Hash;
  static constexpr auto range = Range;
  static constexpr bool has_range = !std::is_same_v<std::remove_cv_t<decltype(Range)>, detail::no_key>;
  static constexpr std::string_view hash_name = detail::key_name<Hash>();
  static constexpr std::string_view range_name = detail::key_name<Range>();
  static constexpr std::size_t index_count = sizeof...(Indexes);
  static_assert((detail::index_keys_belong_to_item<T, Indexes>::ok && ...));
  using indexes = std::tuple<Indexes...>;
  template <std::size_t I>
  using gsi_t = std::tuple_element_t<I, indexes>;

  // Whether `name` is one of the table's key attributes.
  static constexpr bool is_key(std::string_view name) { return name == hash_name || (has_range && name == range_name); }
};

}  // namespace ddbx
