#pragma once
// Pagination tokens interchangeable with boto3's paginators: standard base64 of Python's
// json.dumps({"ExclusiveStartKey": <key in wire form>, "boto_truncate_amount": n,
// "boto_encoded_keys": [[…path to each binary…]]}) — separators ", " and ": ", non-ASCII as \uXXXX.
//
//   auto t = ddbx::encode_pagination_token({.exclusive_start_key = page.last_evaluated_key});
// Reading tokens needs a JSON parser: decode_pagination_token is in pagination_token_decode.hpp,
// so writing them does not cost simdjson's compile time.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbx/core/value.hpp"
#include "ddbx/mapping/base64.hpp"

namespace ddbx {

struct pagination_token {
  std::optional<item> exclusive_start_key;  // empty: the start (JSON null)
  std::size_t truncate_amount = 0;          // items of the first page already returned
  friend bool operator==(const pagination_token&, const pagination_token&) = default;
};

namespace detail {

// A JSON string as Python's json.dumps writes it (ensure_ascii): \" \\ \n \r \t \b \f, other
// control characters and everything beyond ASCII as lower-case \uXXXX (surrogate pairs above U+FFFF).
inline void append_python_json_string(std::string& out, std::string_view s) {
  constexpr char hex[] = "0123456789abcdef";
  auto u = [&](unsigned cp) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
  };
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20) u(c);
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // Strings in items are valid UTF-8 (checked when they were encoded or decoded).
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u(0xD800 + (cp >> 10));
      u(0xDC00 + (cp & 0x3FF));
    } else {
      u(cp);
    }
    i += static_cast<std::size_t>(len);
  }
  out += '"';
}

inline std::string base64_of(const std::string& text) {
  std::string out;
  ddbx::base64_encode(out, reinterpret_cast<const std::byte*>(text.data()), text.size());
  return out;
}

}  // namespace detail

// The token boto3 would print for this position.
inline result<std::string> encode_pagination_token(const pagination_token& t) {
  std::string json = "{\"ExclusiveStartKey\": ";
  std::vector<std::string> encoded_paths;
  if (!t.exclusive_start_key) {
    json += "null";
  } else {
    json += '{';
    bool first = true;
    for (const auto& [name, v] : *t.exclusive_start_key) {
      if (!first) json += ", ";
      first = false;
      detail::append_python_json_string(json, name);
      json += ": {\"";
      json += type_name(v.type());
      json += "\": ";
      if (auto s = v.as_string()) {
        detail::append_python_json_string(json, *s);
      } else if (auto n = v.as_number()) {
        detail::append_python_json_string(json, n->text());
      } else if (auto b = v.as_binary()) {
        json += '"';
        base64_encode(json, b->data(), b->size());
        json += '"';
        std::string path = "[\"ExclusiveStartKey\", ";
        detail::append_python_json_string(path, name);
        path += ", \"B\"]";
        encoded_paths.push_back(std::move(path));
      } else {
        return make_error(errc::invalid_token, "a key attribute of type " + std::string(type_name(v.type())) +
                                                   " cannot be in a pagination token", name);
      }
      json += '}';
    }
    json += '}';
  }
  if (t.truncate_amount) {
    json += ", \"boto_truncate_amount\": ";
    json += std::to_string(t.truncate_amount);
  }
  if (!encoded_paths.empty()) {
    json += ", \"boto_encoded_keys\": [";
    for (std::size_t i = 0; i < encoded_paths.size(); ++i) {
      if (i) json += ", ";
      json += encoded_paths[i];
    }
    json += ']';
  }
  json += '}';
  return detail::base64_of(json);
}

}  // namespace ddbx
