#pragma once
// Plain JSON decoded from JSON text, with simdjson (as every ddbx header named *_decode.hpp).
// DynamoDB JSON ↔ plain JSON: an item's AttributeValue JSON (`{"a":{"N":"1.50"},"b":{"M":{…}}}`)
// as ordinary JSON (`{"a":1.50,"b":{…}}`) and back, like `unmarshall`/`marshall` of the JS SDK's
// util-dynamodb and the Go SDK's attributevalue package — but numbers are never a double: the N
// text is written as the JSON number, a JSON number's own text becomes N (normalised as
// ddbx::number does, refused beyond DynamoDB's 38 digits and range). Text to text with simdjson
// On-Demand, no value built; every error names the attribute path. Types JSON does not have:
//
//   DynamoDB → plain    B → its base64 text; SS, NS, BS → arrays; NULL → null; BOOL → true/false
//   plain → DynamoDB    string → S (also "" and base64-looking text), number → N, array → L,
//                       object → M, null → NULL, true/false → BOOL; never a set or B
//
//   auto plain = ddbx::item_json_to_plain(R"({"a":{"N":"1.50"},"t":{"SS":["x"]}})");  // {"a":1.50,"t":["x"]}
//   auto ddb = ddbx::plain_to_item_json(R"({"a":1.50,"b":null})");  // {"a":{"N":"1.5"},"b":{"NULL":true}}
//   auto u = ddbx::from_plain_json<user>(R"({"username":"jane","age":25})");       // result<user>
//   auto j = ddbx::to_plain_json(u.value());                                       // result<std::string>
//
// Every function here parses JSON text (to_plain_json of a struct parses the struct's encoded
// AttributeValue JSON), so this header includes simdjson and ddbx/mapping/decode.hpp. Writing plain
// JSON from a ddbx::value or ddbx::item needs neither: ddbx/mapping/plain_json_write.hpp.
#include <concepts>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/detail/plain_json_parse.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/mapping/plain_json_write.hpp"

namespace ddbx {

// Converts between DynamoDB JSON and plain JSON with a simdjson parser and buffers kept for reuse;
// one per thread. The free functions below use a thread-local one.
class plain_json_converter {
 public:
  // An item's AttributeValue JSON `{"a":{"N":"1"}}` → plain `{"a":1}`, appended to `out`.
  template <plain_json_options O = plain_json_options{}>
  status item_to_plain(simdjson::padded_string_view json, std::string& out) {
    return run<O, detail::plain_job::item_to_plain>(json, out);
  }
  // One AttributeValue `{"L":[{"S":"x"}]}` → plain `["x"]`.
  template <plain_json_options O = plain_json_options{}>
  status value_to_plain(simdjson::padded_string_view json, std::string& out) {
    return run<O, detail::plain_job::value_to_plain>(json, out);
  }
  // A plain JSON object → an item's AttributeValue JSON.
  status plain_to_item(simdjson::padded_string_view json, std::string& out) {
    return run<plain_json_options{}, detail::plain_job::plain_to_item>(json, out);
  }
  // Any plain JSON value → one AttributeValue.
  status plain_to_value(simdjson::padded_string_view json, std::string& out) {
    return run<plain_json_options{}, detail::plain_job::plain_to_value>(json, out);
  }

  // The same for input of unknown spare capacity (copied once into a reused padded buffer).
  simdjson::padded_string_view pad(std::string_view json) { return detail::padded_copy(buffer_, json); }

 private:
  template <plain_json_options O, detail::plain_job J>
  bool body(detail::plain_state& d, simdjson::ondemand::document& doc, std::string& out) {
    namespace od = simdjson::ondemand;
    if constexpr (J == detail::plain_job::item_to_plain || J == detail::plain_job::plain_to_item) {
      od::object obj;
      if (auto ec = doc.get_object().get(obj))
        return d.fail_json(ec, J == detail::plain_job::item_to_plain ? "an item: a JSON object of attributes"
                                                                     : "a JSON object");
      if constexpr (J == detail::plain_job::item_to_plain) return detail::ddb_members_to_plain<O>(d, obj, out);
      else return detail::plain_members_to_ddb(d, obj, out, true);
    } else if constexpr (J == detail::plain_job::value_to_plain) {
      od::json_type t;
      if (auto ec = doc.type().get(t)) return d.fail_json(ec);
      od::value v;
      if (t != od::json_type::object || doc.get_value().get(v))
        return d.fail(errc::malformed_json, "expected an AttributeValue object {\"T\": …}");
      return detail::ddb_value_to_plain<O>(d, v, out);
    } else {
      // Read as the one element of an array (run() wraps the text): simdjson's scalar documents
      // look past the value, so their answer could depend on the padding.
      od::array arr;
      if (auto ec = doc.get_array().get(arr)) return d.fail_json(ec);
      std::size_t n = 0;
      for (auto er : arr) {
        od::value v;
        if (auto ec = std::move(er).get(v)) return d.fail_json(ec);
        if (n++) return d.fail(errc::malformed_json, "malformed JSON: trailing content");
        if (!detail::plain_to_ddb(d, v, out)) return false;
      }
      if (n == 0) return d.fail(errc::malformed_json, "malformed JSON: no value");
      return true;
    }
  }

  template <plain_json_options O, detail::plain_job J>
  status run(simdjson::padded_string_view json, std::string& out) {
    const std::size_t mark = out.size();
    detail::plain_state d;
    auto failed = [&](error e) -> status {
      out.resize(mark);
      return e;
    };
    std::string_view text(json.data(), json.length());
    if (text.starts_with("\xEF\xBB\xBF")) {  // RFC 8259 §8.1: no byte-order mark before JSON
      d.fail(errc::malformed_json, "malformed JSON: starts with a UTF-8 byte-order mark (BOM)");
      return failed(std::move(d.err));
    }
    if constexpr (J == detail::plain_job::plain_to_value) json = wrap(text);
    simdjson::ondemand::document doc;
    if (auto ec = parser_.iterate(json).get(doc)) {
      if (ec == simdjson::UTF8_ERROR) return failed(locate_bad_utf8<O, J>(text));
      d.fail_json(ec);
      return failed(std::move(d.err));
    }
    if (!body<O, J>(d, doc, out)) return failed(d.take_error());
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
      d.fail(errc::malformed_json, "malformed JSON: trailing content");
      return failed(std::move(d.err));
    }
    return {};
  }

  // `[text]`, padded.
  simdjson::padded_string_view wrap(std::string_view text) {
    std::string& b = wrap_buffer_;
    b.assign(1, '[');
    b += text;
    b += ']';
    const std::size_t n = b.size();
    b.append(simdjson::SIMDJSON_PADDING, '\0');
    return simdjson::padded_string_view(b.data(), n, b.size());
  }

  // simdjson refuses invalid UTF-8 before reading anything, so without a path. To name the
  // attribute, read a copy whose invalid bytes are '?' again, stopping at the string that holds
  // the first one.
  template <plain_json_options O, detail::plain_job J>
  error locate_bad_utf8(std::string_view text) {
    const std::size_t first = detail::find_invalid_utf8(text);
    std::string patched(text);
    for (std::size_t i = first; i < patched.size();) {
      if (static_cast<unsigned char>(patched[i]) < 0x80) { ++i; continue; }
      const std::size_t len = detail::utf8_sequence_length(patched, i);
      if (len == 0) patched[i++] = '?';
      else i += len;
    }
    const bool wrapped = J == detail::plain_job::plain_to_value;
    if (wrapped) patched = "[" + patched + "]";
    detail::plain_state d;
    auto padded = detail::padded_copy(patched_buffer_, patched);
    d.bad_utf8 = patched_buffer_.data() + first + (wrapped ? 1 : 0);
    d.bad_offset = first;
    std::string scratch;
    simdjson::ondemand::document doc;
    if (!parser_.iterate(padded).get(doc) && !body<O, J>(d, doc, scratch) && d.err.code == errc::invalid_utf8)
      return d.take_error();
    return make_error(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(first) + " of the input");
  }

  simdjson::ondemand::parser parser_;
  std::string buffer_;
  std::string patched_buffer_;
  std::string wrap_buffer_;
};

namespace detail {
inline plain_json_converter& thread_plain_converter() {
  static thread_local plain_json_converter c;
  return c;
}

// Runs `job` on the input in place when it has simdjson's padding (see decode.hpp), else on a copy.
template <class Json, class Job>
status run_plain(const Json& json, Job&& job) {
  bool in_place = false;
  auto padded = as_padded(json, in_place);
  auto& c = thread_plain_converter();
  return job(c, in_place ? padded : c.pad(std::string_view(json)));
}
}  // namespace detail

// An item's AttributeValue JSON → plain JSON, appended to `out` (left as it was on failure).
template <plain_json_options O = plain_json_options{}, class Json>
status item_json_to_plain(const Json& json, std::string& out) {
  return detail::run_plain(json, [&](plain_json_converter& c, simdjson::padded_string_view p) { return c.item_to_plain<O>(p, out); });
}
template <plain_json_options O = plain_json_options{}, class Json>
result<std::string> item_json_to_plain(const Json& json) {
  std::string out;
  if (auto s = item_json_to_plain<O>(json, out); !s) return std::move(s).error();
  return out;
}

// One AttributeValue's JSON → plain JSON.
template <plain_json_options O = plain_json_options{}, class Json>
status value_json_to_plain(const Json& json, std::string& out) {
  return detail::run_plain(json, [&](plain_json_converter& c, simdjson::padded_string_view p) { return c.value_to_plain<O>(p, out); });
}
template <plain_json_options O = plain_json_options{}, class Json>
result<std::string> value_json_to_plain(const Json& json) {
  std::string out;
  if (auto s = value_json_to_plain<O>(json, out); !s) return std::move(s).error();
  return out;
}

// A plain JSON object → an item's AttributeValue JSON, appended to `out`.
template <class Json>
status plain_to_item_json(const Json& json, std::string& out) {
  return detail::run_plain(json, [&](plain_json_converter& c, simdjson::padded_string_view p) { return c.plain_to_item(p, out); });
}
template <class Json>
result<std::string> plain_to_item_json(const Json& json) {
  std::string out;
  if (auto s = plain_to_item_json(json, out); !s) return std::move(s).error();
  return out;
}

// Any plain JSON value → one AttributeValue's JSON.
template <class Json>
status plain_to_value_json(const Json& json, std::string& out) {
  return detail::run_plain(json, [&](plain_json_converter& c, simdjson::padded_string_view p) { return c.plain_to_value(p, out); });
}
template <class Json>
result<std::string> plain_to_value_json(const Json& json) {
  std::string out;
  if (auto s = plain_to_value_json(json, out); !s) return std::move(s).error();
  return out;
}

// Plain JSON → T: a struct, a ddbx::item or a string-keyed map (from an object), or a ddbx::value
// (from any JSON value). Arrays are L, so a std::set member does not read from one.
template <class T, decode_options O = decode_options{}, class Json>
result<T> from_plain_json(const Json& json) {
  std::string ddb;
  ddb.reserve(64);
  if constexpr (std::same_as<T, value>) {
    if (auto s = plain_to_value_json(json, ddb); !s) return std::move(s).error();
    return decode_value<T, O>(ddb);
  } else {
    if (auto s = plain_to_item_json(json, ddb); !s) return std::move(s).error();
    return decode_item<T, O>(ddb);
  }
}

// T → plain JSON, appended to `out`: a ddbx::value or ddbx::item directly, a struct or map through
// its AttributeValue JSON (so encoding's checks and options apply).
template <plain_json_options O = plain_json_options{}, encode_options E = encode_options{}, class T>
status to_plain_json(const T& x, std::string& out) {
  if constexpr (std::same_as<T, value> || std::same_as<T, item>) {
    return write_plain_json<O>(x, out);
  } else {
    std::string ddb;
    if (auto s = encode_item<E>(x, ddb); !s) return s;
    return item_json_to_plain<O>(ddb, out);
  }
}
template <plain_json_options O = plain_json_options{}, encode_options E = encode_options{}, class T>
result<std::string> to_plain_json(const T& x) {
  std::string out;
  if (auto s = to_plain_json<O, E>(x, out); !s) return std::move(s).error();
  return out;
}

}  // namespace ddbx
