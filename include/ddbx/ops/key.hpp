#pragma once
// Typed primary keys of a ddbx::table: `primary_key<users>{"janedoe", "Doe"}` renders
// `{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}}`. Key values DynamoDB would refuse
// (empty strings or binaries, over 2048 / 1024 bytes) are refused here, naming the attribute.
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "ddbx/core/binary.hpp"
#include "ddbx/core/limits.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/detail/json_writer.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/mapping/fields.hpp"
#include "ddbx/ops/common.hpp"
#include "ddbx/table.hpp"

namespace ddbx {

namespace detail {
template <auto P>
struct key_member {
  using type = std::monostate;
};
template <auto P>
  requires std::is_member_object_pointer_v<std::remove_cv_t<decltype(P)>>
struct key_member<P> {
  using type = typename member_pointer_traits<std::remove_cv_t<decltype(P)>>::member_type;
};
template <auto P>
using key_member_t = typename key_member<P>::type;

// The scalar type ("S", "N" or "B") a table key member is stored as: strings, numbers, binary, and
// what is stored as one of them (enums as N, time_points as S, a codec<T> whose repr is one). Not an
// std::optional: every item has the table's key.
template <class M>
constexpr std::string_view key_attribute_type() {
  if constexpr (optional_type<M>) return {};
  else {
    constexpr std::optional<type> t = wire_type_of<M>();
    if constexpr (t == type::S) return "S";
    else if constexpr (t == type::N) return "N";
    else if constexpr (t == type::B) return "B";
    else return {};
  }
}
// An index key may be an std::optional of one: items without it are not in the index (sparse).
template <class M>
constexpr std::string_view index_key_attribute_type() {
  if constexpr (optional_type<M>) return key_attribute_type<typename M::value_type>();
  else return key_attribute_type<M>();
}
template <class M>
inline constexpr bool valid_key_type = !key_attribute_type<M>().empty();
template <class M>
inline constexpr bool valid_index_key_type = !index_key_attribute_type<M>().empty();
template <class M>
inline constexpr char key_type_letter = valid_key_type<M> ? key_attribute_type<M>()[0] : '?';

// Named in the diagnostic for key values of the wrong types: the table's key members, the type
// (S, N or B) each is stored as, then the types of the two values given.
template <auto PartitionKey, char PartitionType, auto SortKey, char SortType, class... Given>
constexpr bool key_values_convert = false;
template <auto PartitionKey, char PartitionType, auto SortKey, char SortType, class... Given>
struct key_values_do_not_convert {
  static_assert(key_values_convert<PartitionKey, PartitionType, SortKey, SortType, Given...>,
                "ddbx: these values do not convert to the table's primary key {partition key, sort key}; "
                "the key is key_values_convert<partition key, its type, sort key, its type, the types of "
                "the values given>");
};
template <auto PartitionKey, char PartitionType, class... Given>
constexpr bool partition_key_value_converts = false;
template <auto PartitionKey, char PartitionType, class... Given>
struct partition_key_value_does_not_convert {
  static_assert(partition_key_value_converts<PartitionKey, PartitionType, Given...>,
                "ddbx: the table has only a partition key: give its value alone, of its type; the key is "
                "partition_key_value_converts<partition key, its type, the types of the values given>");
};

template <class Table, class... Given>
constexpr void report_key_values() {
  using H = key_member_t<Table::hash>;
  if constexpr (Table::has_range)
    (void)sizeof(key_values_do_not_convert<Table::hash, key_type_letter<H>, Table::range,
                                           key_type_letter<key_member_t<Table::range>>, Given...>);
  else
    (void)sizeof(partition_key_value_does_not_convert<Table::hash, key_type_letter<H>, Given...>);
}

// Empty, oversized and unencodable (invalid UTF-8, a NaN or out-of-range number) key values are
// refused before anything is sent.
template <class M>
status check_key_value(const M& v, std::string_view name, std::size_t max_bytes) {
  std::size_t n = 0;
  if constexpr (has_encoding_codec<M>) {
    return check_key_value(codec<M>::to_repr(v), name, max_bytes);
  } else if constexpr (string_type<M>) {
    n = v.size();
    if (const std::size_t bad = find_invalid_utf8(std::string_view(v)); bad != std::string_view::npos)
      return make_error(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad), std::string(name));
  } else if constexpr (binary_type<M>) {
    n = binary_view(v).size();
  } else if constexpr (integer<M> && sizeof(M) <= 8) {  // always a DynamoDB number
    return {};
  } else {  // a float, double, ddbx::number or wider integer: as encoding finds it
    std::string text;
    if (auto s = encode_value(v, text); !s) return make_error(s.error().code, s.error().message, std::string(name));
    return {};
  }
  if (n == 0)
    return make_error(errc::invalid_request, "a key attribute cannot be empty", std::string(name));
  if (n > max_bytes)
    return make_error(errc::invalid_request,
                      "key value is " + std::to_string(n) + " bytes; DynamoDB allows " + std::to_string(max_bytes),
                      std::string(name));
  return {};
}

// Appends `"text"` with JSON escaping (names from renames may hold any character).
inline void append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + 2 + 6 * text.size());
  out[start] = '"';
  std::size_t bad = 0;
  char* end = write_json_string_body(out.data() + start + 1, text, bad);
  if (!end) {  // names are checked for UTF-8 where they are made; keep the bytes as they are
    out.resize(start + 1);
    out += text;
    out += '"';
    return;
  }
  *end++ = '"';
  out.resize(static_cast<std::size_t>(end - out.data()));
}
}  // namespace detail

template <class Table>
struct primary_key {
  using hash_type = detail::key_member_t<Table::hash>;
  using range_type = detail::key_member_t<Table::range>;
  static_assert(!detail::optional_type<hash_type> && !detail::optional_type<range_type>,
                "ddbx: a table's key member cannot be std::optional: every item has the table's key "
                "(an optional member can key a GSI: a sparse index)");
  static_assert(detail::optional_type<hash_type> || detail::valid_key_type<hash_type>,
                "ddbx: a table's partition key member must be a std::string, a number or binary "
                "(or stored as one: an enum, a time_point, a codec<T> with such a repr)");
  static_assert(!Table::has_range || detail::optional_type<hash_type> || detail::optional_type<range_type> ||
                    detail::valid_key_type<range_type>,
                "ddbx: a table's sort key member must be a std::string, a number or binary "
                "(or stored as one: an enum, a time_point, a codec<T> with such a repr)");

  hash_type hash{};
  range_type range{};

  primary_key() = default;
  // {"janedoe", "Doe"}: partition key, then sort key (list-initialisation refuses narrowing, as it does for
  // an aggregate).
  primary_key(hash_type h, range_type r = range_type{}) : hash(std::move(h)), range(std::move(r)) {}
  // Two values that do not convert: one error naming the table's key members and their types, not
  // the overload candidates of std::string. (A single value is left to the compiler: a converting
  // constructor from anything would make primary_key a candidate wherever a key or an optional is.)
  template <class H, class R>
    requires(!std::is_convertible_v<H, hash_type> || !std::is_convertible_v<R, range_type>)
  primary_key(H&&, R&&) {
    detail::report_key_values<Table, H, R>();
  }

  // The key of an item.
  static primary_key of(const typename Table::item_type& it) {
    if constexpr (Table::has_range) return {it.*Table::hash, it.*Table::range};
    else return {it.*Table::hash, {}};
  }
  friend bool operator==(const primary_key&, const primary_key&) = default;
};

namespace detail {
template <class Table>
status check_key(const typename primary_key<Table>::hash_type& h, const typename primary_key<Table>::range_type& r) {
  if (auto s = check_key_value(h, Table::hash_name, limits::max_partition_key); !s) return s;
  if constexpr (Table::has_range) return check_key_value(r, Table::range_name, limits::max_sort_key);
  else return {};
}

// (The values were checked: check_key.)
template <class Table>
void append_key_values(std::string& out, const typename primary_key<Table>::hash_type& h,
                       const typename primary_key<Table>::range_type& r) {
  append_json_string(out, Table::hash_name);
  out += ':';
  (void)encode_value(h, out);
  if constexpr (Table::has_range) {
    out += ',';
    append_json_string(out, Table::range_name);
    out += ':';
    (void)encode_value(r, out);
  }
}
}  // namespace detail

// Appends `{"hash":{…},"range":{…}}`, or refuses an empty or oversized key value.
template <class Table>
status append_key(std::string& out, const primary_key<Table>& k) {
  if (auto s = detail::check_key<Table>(k.hash, k.range); !s) return s;
  out += '{';
  detail::append_key_values<Table>(out, k.hash, k.range);
  out += '}';
  return {};
}

namespace detail {
template <class Index, class M>
status check_index_key_value_of(const M& v, std::string_view name, std::size_t max_bytes) {
  status s = check_key_value(v, name, max_bytes);
  if (!s) {
    error e = std::move(s).error();
    e.message += " (a key of index " + std::string(Index::name) + "; an empty std::optional leaves an item out of it)";
    return e;
  }
  return s;
}
// An item's key value for index Index (member Ptr), checked as the table's are: DynamoDB refuses a
// write whose index key attribute is empty or too long. An empty optional leaves the item out of
// the index (a sparse index), which is how to write an item without that key.
template <class Index, auto Ptr, class Item>
status check_index_key_value(const Item& it, std::string_view name, std::size_t max_bytes) {
  const auto& v = it.*Ptr;
  if constexpr (optional_type<std::remove_cvref_t<decltype(v)>>) {
    if (!v) return {};
    return check_index_key_value_of<Index>(*v, name, max_bytes);
  } else {
    return check_index_key_value_of<Index>(v, name, max_bytes);
  }
}
}  // namespace detail

// The key values of an item, checked (for PutItem, the batch writer and transactions): the table's
// key, and the key attributes of its indexes that the item has.
template <class Table>
status check_item_key(const typename Table::item_type& it) {
  status s = [&] {
    if constexpr (Table::has_range) return detail::check_key<Table>(it.*Table::hash, it.*Table::range);
    else return detail::check_key<Table>(it.*Table::hash, {});
  }();
  if constexpr (requires { Table::index_count; }) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&]<class G>() {
        if (!s) return;
        if constexpr (!G::local) s = detail::check_index_key_value<G, G::hash>(it, G::hash_name, limits::max_partition_key);
        if constexpr (G::has_range)
          if (s) s = detail::check_index_key_value<G, G::range>(it, G::range_name, limits::max_sort_key);
      };
      (one.template operator()<typename Table::template gsi_t<I>>(), ...);
      (void)one;  // a table without indexes
    }(std::make_index_sequence<Table::index_count>{});
  }
  return s;
}

}  // namespace ddbx
