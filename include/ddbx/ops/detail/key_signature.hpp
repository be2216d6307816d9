#pragma once
// A key's signature: its key attribute values encoded in the table's order, `{"S":"johndoe"},{"S":"Doe"}`.
// Batch operations compare keys by it: the ones they send (from typed keys, here) and the ones the
// service hands back (UnprocessedItems, UnprocessedKeys: read_key_signature in ops/response.hpp,
// the header that reads responses). No simdjson here.
#include <string>
#include <string_view>

#include "ddbx/ops/key.hpp"

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

}  // namespace ddbx::detail
