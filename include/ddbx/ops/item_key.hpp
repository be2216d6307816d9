#pragma once
// Tables whose items are ddbx::item and whose key attributes are named at run time
// (ddbx::item_table_ref): the key names, the key of one item, and the checks a typed table makes
// at compile time, made here before anything is sent (each error names the attribute).
//
//   ddbx::item_key_names users{"username", "last_name"};
//   ddbx::check_item_key(users, ddbx::item{{"username", "jane"}, {"last_name", "Doe"}, {"age", 25}});  // ok
//   ddbx::check_key_only(users, ddbx::item{{"username", "jane"}});  // last_name: missing key attribute
#include <string>
#include <string_view>
#include <utility>

#include "ddbx/core/limits.hpp"
#include "ddbx/core/value.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/ops/key.hpp"

namespace ddbx {

// The key attributes of a table or index: the partition key and the sort key ("" when none).
struct item_key_names {
  std::string partition_key;
  std::string sort_key = {};
  bool has_sort_key() const noexcept { return !sort_key.empty(); }
  bool is_key(std::string_view name) const noexcept { return name == partition_key || (has_sort_key() && name == sort_key); }
  friend bool operator==(const item_key_names&, const item_key_names&) = default;
};

// The descriptor of such a table for the request templates (put_item_request<untyped_table>, …):
// its items are ddbx::item; its key names travel with each request.
struct untyped_table {
  using item_type = item;
};

// A key of an untyped table: its key attributes, already checked against the key names.
template <>
struct primary_key<untyped_table> {
  item attributes;
  friend bool operator==(const primary_key&, const primary_key&) = default;
};

inline status append_key(std::string& out, const primary_key<untyped_table>& k) {
  return encode_item(k.attributes, out);
}

namespace detail {
// One key attribute's value: S, N or B, not empty, within DynamoDB's size for that key.
inline status check_key_attribute(const value& v, const std::string& name, std::size_t max_bytes) {
  if (const std::string* s = v.as_string()) return check_key_value(*s, name, max_bytes);
  if (const binary* b = v.as_binary()) return check_key_value(*b, name, max_bytes);
  if (v.as_number()) return {};
  return make_error(errc::invalid_request,
                    "a key attribute is S, N or B, not " + std::string(type_name(v.type())), name);
}
inline status check_key_attributes(const item_key_names& keys, const item& it) {
  if (keys.partition_key.empty())
    return make_error(errc::invalid_request, "the table's partition key name is empty", "KeySchema");
  auto one = [&](const std::string& name, std::size_t max_bytes) -> status {
    auto at = it.find(name);
    if (at == it.end()) return make_error(errc::invalid_request, "missing key attribute", name);
    return check_key_attribute(at->second, name, max_bytes);
  };
  if (auto s = one(keys.partition_key, limits::max_partition_key); !s) return s;
  if (keys.has_sort_key()) return one(keys.sort_key, limits::max_sort_key);
  return {};
}
}  // namespace detail

// An item to write: it has the key attributes, each S, N or B and not empty.
inline status check_item_key(const item_key_names& keys, const item& it) { return detail::check_key_attributes(keys, it); }

// A key: the key attributes and nothing else.
inline result<primary_key<untyped_table>> item_key(const item_key_names& keys, item attributes) {
  if (auto s = detail::check_key_attributes(keys, attributes); !s) return std::move(s).error();
  for (const auto& [name, v] : attributes)
    if (!keys.is_key(name))
      return make_error(errc::invalid_request,
                        "not a key attribute (the key is " + keys.partition_key +
                            (keys.has_sort_key() ? ", " + keys.sort_key : std::string()) + ")",
                        name);
  return primary_key<untyped_table>{std::move(attributes)};
}

}  // namespace ddbx
