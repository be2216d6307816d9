#pragma once
// A key's signature: its key attribute values encoded in the table's order, `{"S":"johndoe"},{"S":"Doe"}`.
// Batch operations compare keys by it: the ones they send (from typed keys) and the ones the
// service hands back (UnprocessedItems, UnprocessedKeys, from JSON whose member order and
// spelling of numbers are the service's).
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ddbx/core/value.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx::detail {

template <class Table>
std::string key_signature(const typename primary_key<Table>::hash_type& h, const typename primary_key<Table>::range_type& r) {
  std::string k;
  (void)encode_value(h, k);
  if constexpr (Table::has_range) {
    k += ',';
    (void)encode_value(r, k);
  }
  return k;
}

template <class Table>
std::string key_signature(const primary_key<Table>& key) {
  return key_signature<Table>(key.hash, key.range);
}

// The signature of a key object the service sent; an error names the missing or bad attribute.
template <class Table>
result<std::string> read_key_signature(simdjson::dom::object key) {
  std::string out;
  for (std::string_view name : {Table::hash_name, Table::range_name}) {
    if (name.empty()) continue;
    simdjson::dom::element v;
    if (key[name].get(v)) return malformed_at(name, "missing key attribute");
    auto val = decode_value<value>(std::string(simdjson::minify(v)));
    if (!val) return inside(std::move(val).error(), name);
    if (!out.empty()) out += ',';
    (void)encode_value(*val, out);
  }
  return out;
}

}  // namespace ddbx::detail
