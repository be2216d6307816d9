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

// A local secondary index: the table's partition key (named again, so queries of the index are
// checked as for any index) with another sort key. It is made with the table and cannot be added later.
template <detail::fixed_string Name, auto Hash, auto Range>
struct lsi : gsi<Name, Hash, Range> {
  static constexpr bool local = true;
};

namespace detail {
template <class Index>
constexpr bool is_local_index() {
  if constexpr (requires { Index::local; }) return Index::local;
  else return false;
}
}  // namespace detail

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
  static constexpr std::size_t local_index_count = (std::size_t{0} + ... + (detail::is_local_index<Indexes>() ? 1 : 0));
  static constexpr std::size_t global_index_count = sizeof...(Indexes) - local_index_count;
  using indexes = std::tuple<Indexes...>;
  template <std::size_t I>
  using gsi_t = std::tuple_element_t<I, indexes>;

  // Whether `name` is one of the table's key attributes.
  static constexpr bool is_key(std::string_view name) { return name == hash_name || (has_range && name == range_name); }
  static_assert(((!detail::is_local_index<Indexes>() || Indexes::hash_name == hash_name) && ...),
                "ddbx: a local secondary index has the table's partition key: lsi<\"name\", &Item::table_partition_key, &Item::sort_key>");
};

namespace detail {
template <class M>
inline constexpr bool version_member_type = std::is_integral_v<M> && !std::is_same_v<M, bool>;
}  // namespace detail

// Optimistic locking (the Java Enhanced Client's @DynamoDbVersionAttribute): a table whose items
// carry a version number in `Version`, an integer member of the item type.
//
//   using orders = ddbx::versioned<ddbx::table<order, &order::id>, &order::version>;
//
// put_item(o) writes o with version o.version + 1, only if the stored item still has o.version
// (o.version 0: only if there is no item with that key); update_item(key, u).expected_version(n)
// and delete_item(key).expected_version(n) do the same for an update (which also adds 1 to the
// version) and a delete. Another version is errc::version_conflict (ddbx/ops/detail/write_request.hpp).
// Batch writes cannot carry conditions, so they do not check versions; transactions do not either.
template <class Table, auto Version>
struct versioned : Table {
 private:
  template <class M>
  struct member {};
  template <class M, class C>
  struct member<M C::*> {
    using type = M;
    using owner = C;
  };
  using info = member<std::remove_cv_t<decltype(Version)>>;

 public:
  static_assert(std::is_same_v<typename info::owner, typename Table::item_type>,
                "ddbx: the version member must be a member of the table's item type");
  static_assert(detail::version_member_type<typename info::type>,
                "ddbx: the version member must be an integer (it counts the writes of an item)");
  using version_type = typename info::type;
  static constexpr auto version = Version;
  static constexpr std::string_view version_name = attribute_name_of<Version>;
  static_assert(!Table::is_key(attribute_name_of<Version>), "ddbx: the version member cannot be a key attribute");
};

template <class T>
concept versioned_table = requires { T::version; typename T::version_type; };

}  // namespace ddbx
