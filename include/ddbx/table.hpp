#pragma once
// Table and index descriptors: the item type, its hash and range key members, its GSIs and LSIs,
// what each index projects and (optionally) its own provisioned throughput. Key conditions,
// updates, CreateTable and UpdateTable are checked and derived from them.
//
//   using users = ddbx::table<User, &User::username, &User::last_name,
//                             ddbx::gsi<"by_state", &User::state, &User::age>,            // ALL
//                             ddbx::gsi<"by_city", &User::city>::include<&User::name>,   // INCLUDE name
//                             ddbx::gsi<"by_zip", &User::zip>::keys_only::provisioned<5, 5>>;
//
// An std::optional member may be a GSI key: items without it are not in the index (a sparse index).
#include <array>
#include <cstddef>
#include <cstdint>
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
                "gsi<\"name\", &Item::member, ...> on table<Item, ...> (a member of a nested struct cannot be an index key)");
  static constexpr bool ok = true;
};
}  // namespace detail

inline constexpr detail::no_key no_range_key{};

namespace detail {
// What an index holds besides the keys: `unset` is ALL unless CreateTable's index_projection() says otherwise.
enum class projection_kind : std::uint8_t { unset, all, keys_only, include };
struct no_throughput {};
template <std::uint64_t Read, std::uint64_t Write>
struct index_throughput {
  static constexpr std::uint64_t read = Read, write = Write;
};

template <class T>
constexpr bool throughput_ok() {
  if constexpr (std::is_same_v<T, no_throughput>) return true;
  else return T::read >= 1 && T::write >= 1;
}

template <auto P>
constexpr bool is_member_pointer_arg() {
  return std::is_member_object_pointer_v<std::remove_cv_t<decltype(P)>>;
}
template <auto... NonKey>
constexpr bool include_list_ok() {
  static_assert(sizeof...(NonKey) >= 1 && sizeof...(NonKey) <= 20,
                "ddbx: include<...> names 1 to 20 non-key attributes (DynamoDB's NonKeyAttributes); for none use keys_only");
  static_assert((is_member_pointer_arg<NonKey>() && ...),
                "ddbx: include<...> takes member pointers of the table's item type: include<&Item::member, ...>");
  return true;
}

// Index names: 3 to 255 characters of [A-Za-z0-9_.-], as table names.
constexpr bool valid_index_name(std::string_view n) {
  if (n.size() < 3 || n.size() > 255) return false;
  for (char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  return true;
}

// An index descriptor: gsi<…> and lsi<…> are this with their defaults; the member templates give the
// same index with another projection or throughput.
template <fixed_string Name, auto Hash, auto Range, bool Local, projection_kind Projection, class Throughput,
          auto... NonKey>
struct index_descriptor {
  static constexpr std::string_view name = Name.view();
  static_assert(valid_index_name(Name.view()), "ddbx: an index name is 3 to 255 characters of letters, digits, '_', '-' and '.'");
  static constexpr auto hash = Hash;
  static constexpr auto range = Range;
  static constexpr bool has_range = !std::is_same_v<std::remove_cv_t<decltype(Range)>, no_key>;
  static constexpr std::string_view hash_name = key_name<Hash>();
  static constexpr std::string_view range_name = key_name<Range>();
  static constexpr bool local = Local;
  static constexpr projection_kind projection = Projection;
  static constexpr std::array<std::string_view, sizeof...(NonKey)> non_key_attributes{attribute_name_of<NonKey>...};
  static constexpr bool has_throughput = !std::is_same_v<Throughput, no_throughput>;
  using throughput = Throughput;
  static_assert(throughput_ok<Throughput>(), "ddbx: provisioned<read, write>: capacity units are at least 1");
  template <class Item>
  static constexpr bool include_members_of = (key_of_type<Item, NonKey>() && ...);

  // INCLUDE: the keys and these members (1 to 20, of the table's item type, not key attributes).
  template <auto... Members>
    requires(include_list_ok<Members...>())
  using include = index_descriptor<Name, Hash, Range, Local, projection_kind::include, Throughput, Members...>;
  // KEYS_ONLY: the table's and the index's keys.
  using keys_only = index_descriptor<Name, Hash, Range, Local, projection_kind::keys_only, Throughput>;
  // ALL, also when CreateTable's index_projection() says otherwise for the table's other indexes.
  using all = index_descriptor<Name, Hash, Range, Local, projection_kind::all, Throughput>;
  // The index's own ProvisionedThroughput (CreateTable with .provisioned(…) uses the table's otherwise).
  template <std::uint64_t Read, std::uint64_t Write>
  using provisioned = index_descriptor<Name, Hash, Range, Local, Projection, index_throughput<Read, Write>, NonKey...>;
};
}  // namespace detail

// A global secondary index: its name and key members (an std::optional member makes it sparse).
//   gsi<"by_city", &user::city, &user::age>                               projects ALL
//   gsi<"by_city", &user::city>::include<&user::name, &user::email>        INCLUDE those
//   gsi<"by_city", &user::city>::keys_only::provisioned<5, 5>              KEYS_ONLY, its own throughput
template <detail::fixed_string Name, auto Hash, auto Range = no_range_key>
struct gsi : detail::index_descriptor<Name, Hash, Range, false, detail::projection_kind::unset, detail::no_throughput> {};

// A local secondary index: the table's partition key (named again, so queries of the index are
// checked as for any index) with another sort key. It is made with the table and cannot be added
// later; it shares the table's throughput.
template <detail::fixed_string Name, auto Hash, auto Range>
struct lsi : detail::index_descriptor<Name, Hash, Range, true, detail::projection_kind::unset, detail::no_throughput> {};

namespace detail {
template <class Index>
constexpr bool is_local_index() {
  if constexpr (requires { Index::local; }) return Index::local;
  else return false;
}

// Whether no include<…> name is a key of the table or the index, and none is named twice.
template <class Index>
constexpr bool projection_names_ok(std::string_view table_hash, std::string_view table_range) {
  const auto& n = Index::non_key_attributes;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (n[i] == table_hash || n[i] == table_range || n[i] == Index::hash_name || n[i] == Index::range_name) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (n[i] == n[j]) return false;
  }
  return true;
}
// Named in the diagnostic of an index whose include<…> members are not the table's item type's,
// are key attributes (always projected) or are named twice, or of an LSI given its own throughput.
template <class Item, auto TableHash, auto TableRange, class Index>
struct index_projection_is_valid {
  static constexpr bool members = Index::template include_members_of<Item>;
  static_assert(members,
                "ddbx: an index's include<...> members must be members of the table's item type: "
                "gsi<\"name\", ...>::include<&Item::member, ...> on table<Item, ...>");
  static constexpr bool names = !members || projection_names_ok<Index>(key_name<TableHash>(), key_name<TableRange>());
  static_assert(names,
                "ddbx: include<...> lists non-key attributes, each once: the table's and the index's keys are always projected");
  static_assert(!(members && names && Index::local && Index::has_throughput),
                "ddbx: a local secondary index shares the table's throughput: lsi<...> takes no provisioned<...>");
  static constexpr bool ok = true;
};
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
  static_assert((detail::index_projection_is_valid<T, Hash, Range, Indexes>::ok && ...));
  static_assert((std::size_t{0} + ... + Indexes::non_key_attributes.size()) <= 100,
                "ddbx: a table's indexes project at most 100 non-key attributes in all (an attribute in two indexes counts twice)");
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
// (o.version 0: only if the stored item has no version, as the Java client does: no item with that
// key, or one written without one, which then reads as version 0); update_item(key, u).expected_version(n)
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
