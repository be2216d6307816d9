#pragma once
// Reading pagination tokens from ddbx or boto3 (ddbx/client/pagination_token.hpp writes them).
// Includes simdjson, like the other decoding headers.
//
//   auto back = ddbx::decode_pagination_token(token);   // result<pagination_token>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ddbx/client/pagination_token.hpp"
#include "ddbx/mapping/decode.hpp"

namespace ddbx {

// Reads a token from ddbx or boto3 (its ExclusiveStartKey, boto_truncate_amount, boto_encoded_keys).
inline result<pagination_token> decode_pagination_token(std::string_view token) {
  auto bad = [](std::string m) { return make_error(errc::invalid_token, std::move(m), "StartingToken"); };
  std::vector<std::byte> raw;
  if (token.empty()) return bad("empty");
  if (!base64_decode(token, raw)) return bad("not standard base64");
  simdjson::dom::parser p;  // nesting deeper than its 1024 levels is an error, not recursion
  simdjson::dom::element doc;
  if (p.parse(reinterpret_cast<const char*>(raw.data()), raw.size()).get(doc) || !doc.is_object())
    return bad("not a JSON object");
  pagination_token t;
  simdjson::dom::element esk;
  if (!doc["ExclusiveStartKey"].get(esk) && !esk.is_null()) {
    if (!esk.is_object()) return bad("ExclusiveStartKey is not an object");
    // Binary values (listed in boto_encoded_keys) are base64 text, which is their wire form too.
    auto key = decode_item<item>(std::string(simdjson::minify(esk)));
    if (!key) return bad("ExclusiveStartKey: " + key.error().what_text());
    // Key attributes only, as encode_pagination_token writes them.
    for (const auto& [name, v] : *key)
      if (v.type() != type::S && v.type() != type::N && v.type() != type::B)
        return bad("ExclusiveStartKey: " + name + " is of type " + std::string(type_name(v.type())) +
                   ", not a key attribute");
    t.exclusive_start_key = std::move(*key);
  }
  std::int64_t n = 0;
  simdjson::dom::element amount;
  if (!doc["boto_truncate_amount"].get(amount)) {
    // Negative, fractional, or so large that adding a page's count could wrap: no count of items.
    if (amount.get(n) || n < 0 || static_cast<std::uint64_t>(n) > std::numeric_limits<std::size_t>::max() / 2)
      return bad("boto_truncate_amount is not a count");
    t.truncate_amount = static_cast<std::size_t>(n);
  }
  return t;
}

}  // namespace ddbx
