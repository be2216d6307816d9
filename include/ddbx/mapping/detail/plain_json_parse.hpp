#pragma once
// The two conversions of ddbx/mapping/plain_json_decode.hpp, over simdjson On-Demand: DynamoDB JSON → plain
// JSON (checked as decoding checks it) and plain JSON → DynamoDB JSON (numbers normalised and checked
// as ddbx::number does). Both stop at DynamoDB's 32 levels, so the stack stays bounded, and read
// nothing past a value, so the answer never depends on simdjson's padding.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <simdjson.h>

#include "ddbx/mapping/base64.hpp"
#include "ddbx/mapping/detail/decode_value.hpp"
#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/mapping/plain_json_write.hpp"

namespace ddbx {

namespace detail {

// One conversion's state: the decoder's error and path, plus the place of an invalid UTF-8 byte
// when the input is being read a second time to find which attribute holds it.
struct plain_state : decoder_state {
  const char* bad_utf8 = nullptr;  // in the patched copy; null on the first reading
  std::size_t bad_offset = 0;

  // Whether [b, e) holds the invalid byte; then the error.
  bool holds_bad_byte(const char* b, const char* e) {
    if (!bad_utf8 || bad_utf8 < b || bad_utf8 >= e) return false;
    fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad_offset) + " of the input");
    return true;
  }
  bool key(od::field& f, std::string_view& k) {
    const char* raw = f.key().raw();
    if (bad_utf8 && holds_bad_byte(raw, raw + raw_key_text(raw).size())) return false;
    if (auto ec = f.unescaped_key().get(k)) return fail_json(ec);
    return true;
  }
  bool string(od::value& v, std::string_view& s, std::string_view wanted) {
    if (bad_utf8) {
      const std::string_view raw = v.raw_json_token();
      if (holds_bad_byte(raw.data(), raw.data() + raw.size())) return false;
    }
    if (auto ec = v.get_string().get(s)) return fail_json(ec, wanted);
    return true;
  }
};

// Names of one map, to refuse the same name twice (DynamoDB would; either choice loses data).
class name_set {
 public:
  bool insert(std::string_view k) {
    if (names_.size() < 16) {
      if (std::find(names_.begin(), names_.end(), k) != names_.end()) return false;
      names_.push_back(k);
      if (names_.size() == 16) big_.insert(names_.begin(), names_.end());
      return true;
    }
    return big_.insert(k).second;
  }

 private:
  std::vector<std::string_view> names_;  // point into the parser's string buffer
  std::unordered_set<std::string_view> big_;
};

// ---- what both directions walk --------------------------------------------------------------

// `{name: …, …}`: each name checked (never twice; with `top`, a name DynamoDB takes: 1 byte to
// 64 KB) and written, then `value(v)` writes its value; an error names the member.
template <class Value>
bool walk_members(plain_state& d, od::object obj, std::string& out, bool top, Value&& value) {
  out += '{';
  name_set names;
  bool first = true;
  for (auto fr : obj) {
    od::field f;
    if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
    std::string_view k;
    if (!d.key(f, k)) return false;
    if (top && (k.empty() || k.size() > limits::max_attribute_name)) {
      d.fail(errc::invalid_name, k.empty() ? "an attribute name cannot be empty" : "attribute name longer than 64 KB");
      d.in_member(k.substr(0, 64));
      return false;
    }
    if (!names.insert(k)) {
      d.fail(errc::duplicate_attribute, "attribute name appears twice");
      d.in_member(k);
      return false;
    }
    if (!first) out += ',';
    first = false;
    std::size_t bad = 0;
    append_json_string(out, k, bad);  // simdjson has checked the UTF-8
    out += ':';
    if (!value(f.value())) { d.in_member(k); return false; }
  }
  out += '}';
  return true;
}

// A map or list one level deeper (DynamoDB's 32 levels at most): `walk(o)` over the JSON object or
// array `v` is (`what` names it in an error of JSON type).
template <class Json, class Walk>
bool nested(plain_state& d, od::value v, std::string_view what, Walk&& walk) {
  if (!d.enter()) return false;
  Json o;
  if (auto ec = v.get<Json>().get(o)) return d.fail_json(ec, what);
  if (!walk(o)) return false;
  --d.depth;
  return true;
}

// `[…]`'s elements, ',' between, each written by `element(e)`; an error names the index.
template <class Element>
bool walk_elements(plain_state& d, od::array arr, std::string& out, Element&& element) {
  std::size_t i = 0;
  for (auto er : arr) {
    od::value e;
    if (auto ec = std::move(er).get(e)) return d.fail_json(ec);
    if (i) out += ',';
    if (!element(e)) { d.in_index(i); return false; }
    ++i;
  }
  return true;
}

// ---- DynamoDB JSON → plain JSON -------------------------------------------------------------

template <plain_json_options O>
bool ddb_value_to_plain(plain_state& d, od::value v, std::string& out);

// `{name: AttributeValue, …}` → `{name: plain, …}`.
template <plain_json_options O>
bool ddb_members_to_plain(plain_state& d, od::object obj, std::string& out) {
  return walk_members(d, obj, out, false, [&](od::value v) { return ddb_value_to_plain<O>(d, v, out); });
}

// A set's elements as a JSON array, checked as decoding checks them: never empty, no two equal
// (numbers by value, binaries by bytes: strict base64 has one text per byte string).
template <plain_json_options O>
bool ddb_set_to_plain(plain_state& d, od::value p, type tag, std::string& out) {
  od::array arr;
  if (auto ec = p.get_array().get(arr)) return d.fail_json(ec, inside("a JSON array", tag));
  std::vector<std::string> seen;
  std::vector<std::byte> bytes;
  out += '[';
  std::size_t i = 0;
  for (auto er : arr) {
    od::value e;
    if (auto ec = std::move(er).get(e)) return d.fail_json(ec);
    std::string_view s;
    if (!d.string(e, s, inside("a JSON string", tag))) { d.in_index(i); return false; }
    if (i) out += ',';
    if (tag == type::NS) {
      std::string n;
      if (errc c = normalize_number(s, n); c != errc::ok) {
        d.fail(c, std::string(number_error_text(c)) + ": \"" + std::string(s.substr(0, 64)) + "\"");
        d.in_index(i);
        return false;
      }
      append_plain_number<O>(out, s, is_json_number(s));
      seen.push_back(std::move(n));
    } else {
      if (tag == type::BS && !base64_decode(s, bytes)) {
        d.fail(errc::invalid_base64, "invalid base64");
        d.in_index(i);
        return false;
      }
      std::size_t bad = 0;
      append_json_string(out, s, bad);
      seen.emplace_back(s);
    }
    ++i;
  }
  out += ']';
  if (i == 0) return d.fail(errc::empty_set, "an empty " + std::string(type_name(tag)) + " (DynamoDB sets are never empty)");
  std::sort(seen.begin(), seen.end());
  if (std::adjacent_find(seen.begin(), seen.end()) != seen.end())
    return d.fail(errc::duplicate_set_element, "duplicate element in " + std::string(type_name(tag)));
  return true;
}

template <plain_json_options O>
bool ddb_payload_to_plain(plain_state& d, type tag, od::value p, std::string& out) {
  switch (tag) {
    case type::NULL_: {
      bool b = false;
      if (auto ec = p.get_bool().get(b)) return d.fail_json(ec, "JSON true inside NULL");
      if (!b) return d.fail(errc::invalid_null, "NULL must be true");
      out += "null";
      return true;
    }
    case type::BOOL: {
      bool b = false;
      if (auto ec = p.get_bool().get(b)) return d.fail_json(ec, "JSON true or false inside BOOL");
      out += b ? "true" : "false";
      return true;
    }
    case type::S: {
      std::string_view s;
      if (!d.string(p, s, inside("a JSON string", tag))) return false;
      std::size_t bad = 0;
      append_json_string(out, s, bad);
      return true;
    }
    case type::N: {
      std::string_view s;
      if (!d.string(p, s, inside("a JSON string", tag))) return false;
      if (errc c = check_number(s); c != errc::ok)
        return d.fail(c, std::string(number_error_text(c)) + ": \"" + std::string(s.substr(0, 64)) + "\"");
      append_plain_number<O>(out, s, is_json_number(s));
      return true;
    }
    case type::B: {
      std::string_view s;
      if (!d.string(p, s, inside("a JSON string", tag))) return false;
      std::vector<std::byte> bytes;
      if (!base64_decode(s, bytes)) return d.fail(errc::invalid_base64, "invalid base64");
      out += '"';
      out += s;  // base64: nothing to escape
      out += '"';
      return true;
    }
    case type::SS:
    case type::NS:
    case type::BS: return ddb_set_to_plain<O>(d, p, tag, out);
    case type::L:
      return nested<od::array>(d, p, inside("a JSON array", tag), [&](od::array arr) {
        out += '[';
        if (!walk_elements(d, arr, out, [&](od::value e) { return ddb_value_to_plain<O>(d, e, out); })) return false;
        out += ']';
        return true;
      });
    case type::M:
      return nested<od::object>(d, p, inside("a JSON object", tag),
                                [&](od::object obj) { return ddb_members_to_plain<O>(d, obj, out); });
  }
  return false;
}

// One AttributeValue `{"T": payload}`.
template <plain_json_options O>
bool ddb_value_to_plain(plain_state& d, od::value v, std::string& out) {
  od::object obj;
  if (auto ec = v.get_object().get(obj)) return d.fail_json(ec, "an AttributeValue object {\"T\": …}");
  bool seen = false;
  for (auto fr : obj) {
    od::field f;
    if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
    if (seen) return d.fail(errc::multiple_type_keys, "an AttributeValue must have exactly one type key");
    seen = true;
    std::string_view k;
    if (!d.key(f, k)) return false;
    auto tag = type_from_name(k);
    if (!tag) return d.fail(errc::malformed_json, "unknown AttributeValue type key \"" + std::string(k.substr(0, 32)) + "\"");
    if (!ddb_payload_to_plain<O>(d, *tag, f.value(), out)) return false;
  }
  if (!seen) return d.fail(errc::malformed_json, "an AttributeValue must have exactly one type key");
  return true;
}

// ---- plain JSON → DynamoDB JSON -------------------------------------------------------------

bool plain_to_ddb(plain_state& d, od::value v, std::string& out);

// `{name: plain, …}` → `{name: AttributeValue, …}`; an item's names (`top`) are 1 byte to 64 KB.
inline bool plain_members_to_ddb(plain_state& d, od::object obj, std::string& out, bool top) {
  return walk_members(d, obj, out, top, [&](od::value v) { return plain_to_ddb(d, v, out); });
}

// One plain JSON value as an AttributeValue.
inline bool plain_to_ddb(plain_state& d, od::value v, std::string& out) {
  od::json_type t;
  if (auto ec = v.type().get(t)) return d.fail_json(ec);
  switch (t) {
    case od::json_type::object:
      return nested<od::object>(d, v, "a JSON object", [&](od::object obj) {
        out += "{\"M\":";
        if (!plain_members_to_ddb(d, obj, out, false)) return false;
        out += '}';
        return true;
      });
    case od::json_type::array:
      return nested<od::array>(d, v, "a JSON array", [&](od::array arr) {
        out += "{\"L\":[";
        if (!walk_elements(d, arr, out, [&](od::value e) { return plain_to_ddb(d, e, out); })) return false;
        out += "]}";
        return true;
      });
    case od::json_type::string: {
      std::string_view s;
      if (!d.string(v, s, "a JSON string")) return false;
      out += "{\"S\":";
      std::size_t bad = 0;
      append_json_string(out, s, bad);
      out += '}';
      return true;
    }
    case od::json_type::number: {
      std::string_view raw = v.raw_json_token();
      if (!is_json_number(raw)) return d.fail(errc::malformed_json, "malformed JSON: not a number");
      while (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r') raw.remove_suffix(1);
      out += "{\"N\":\"";
      const std::size_t at = out.size();
      if (errc c = normalize_number(raw, out); c != errc::ok) {
        out.resize(at);
        return d.fail(c, std::string(number_error_text(c)) + ": " + std::string(raw.substr(0, 64)));
      }
      out += "\"}";
      return true;
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto ec = v.get_bool().get(b)) return d.fail_json(ec);
      out += b ? "{\"BOOL\":true}" : "{\"BOOL\":false}";
      return true;
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto ec = v.is_null().get(is_null)) return d.fail_json(ec);
      if (!is_null) return d.fail(errc::malformed_json, "malformed JSON: not null");
      out += "{\"NULL\":true}";
      return true;
    }
  }
  return d.fail(errc::malformed_json, "malformed JSON");
}

enum class plain_job : std::uint8_t { item_to_plain, value_to_plain, plain_to_item, plain_to_value };

}  // namespace detail

}  // namespace ddbx
