#pragma once
// ddbx::value and ddbx::item → plain JSON (`{"age":25,"tags":["a","b"]}`), appended to a caller's
// std::string. No simdjson: the reading side (DynamoDB JSON ↔ plain JSON as text, plain JSON → items
// and structs) is ddbx/mapping/plain_json_decode.hpp. The mapping, lossy where JSON has no such type:
//
//   S → string   N → number, its exact text   BOOL → true/false   NULL → null   L → array   M → object
//   B → its base64 text   SS/NS/BS → arrays (of strings, numbers, base64 texts)
//
//   std::string out;
//   ddbx::write_plain_json(ddbx::item{{"a", ddbx::number::parse("1.50").value()}, {"b", nullptr}}, out);
//   // out == {"a":1.5,"b":null}
#include <cstddef>
#include <string>
#include <string_view>

#include "ddbx/core/error.hpp"
#include "ddbx/core/limits.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/core/value.hpp"
#include "ddbx/mapping/base64.hpp"
#include "ddbx/mapping/detail/json_writer.hpp"

namespace ddbx {

struct plain_json_options {
  // Numbers written as JSON strings ("1.50"), for readers that hold JSON numbers in a double (the JS
  // SDK's wrapNumbers, Go's UseNumber solve the same problem). Read back, such a string is S.
  bool numbers_as_strings = false;
};

namespace detail {

// `s` as a quoted JSON string; false (out unchanged) when `s` is not UTF-8, `bad` its offending byte.
inline bool append_json_string(std::string& out, std::string_view s, std::size_t& bad) {
  const std::size_t start = out.size();
  out.resize(start + 2 + 6 * s.size());
  out[start] = '"';
  char* end = write_json_string_body(out.data() + start + 1, s, bad);
  if (!end) { out.resize(start); return false; }
  *end++ = '"';
  out.resize(static_cast<std::size_t>(end - out.data()));
  return true;
}

// A checked DynamoDB number text as JSON: the text itself when it already is a JSON number
// ("1.50", "-0", "1E+125"), else its normalised form ("+5" → 5, ".5" → 0.5, "007" → 7).
template <plain_json_options O>
void append_plain_number(std::string& out, std::string_view text, bool is_json) {
  if (O.numbers_as_strings) out += '"';
  if (is_json) out += text;
  else normalize_number(text, out);
  if (O.numbers_as_strings) out += '"';
}

template <plain_json_options O>
class plain_writer {
 public:
  explicit plain_writer(std::string& out) : out_(out) {}
  error err{};

  bool item(const value::map& m) { return members(m); }

  bool write(const value& v) {
    switch (v.type()) {
      case type::NULL_: out_ += "null"; return true;
      case type::BOOL: out_ += *v.as_bool() ? "true" : "false"; return true;
      case type::S: return string(*v.as_string());
      case type::N: return num(*v.as_number());
      case type::B: bin(*v.as_binary()); return true;
      case type::SS: return set(*v.as_string_set(), [&](const std::string& s) { return string(s); });
      case type::NS: return set(*v.as_number_set(), [&](const number& n) { return num(n); });
      case type::BS: return set(*v.as_binary_set(), [&](const binary& b) { bin(b); return true; });
      case type::L: {
        if (!enter()) return false;
        out_ += '[';
        std::size_t i = 0;
        for (const value& x : *v.as_list()) {
          if (i) out_ += ',';
          if (!write(x)) { err.prepend_index(i); return false; }
          ++i;
        }
        out_ += ']';
        --depth_;
        return true;
      }
      case type::M: {
        if (!enter()) return false;
        if (!members(*v.as_map())) return false;
        --depth_;
        return true;
      }
    }
    return false;
  }

 private:
  bool fail(errc c, std::string message) {
    err.code = c;
    err.message = std::move(message);
    return false;
  }
  bool enter() {
    if (++depth_ > limits::max_nesting)
      return fail(errc::nesting_too_deep, "more than 31 nested lists or maps (DynamoDB allows 32 levels)");
    return true;
  }
  bool string(std::string_view s) {
    std::size_t bad = 0;
    if (!append_json_string(out_, s, bad)) return fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad));
    return true;
  }
  bool num(const number& n) {
    if (!n.valid()) return fail(n.invalid_code(), n.invalid_reason());
    append_plain_number<O>(out_, n.text(), true);  // normalised text is JSON
    return true;
  }
  void bin(const binary& b) {
    out_ += '"';
    base64_encode(out_, b.data(), b.size());
    out_ += '"';
  }
  template <class E, class F>
  bool set(const std::vector<E>& s, F&& one) {
    out_ += '[';
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i) out_ += ',';
      if (!one(s[i])) { err.prepend_index(i); return false; }
    }
    out_ += ']';
    return true;
  }
  bool members(const value::map& m) {
    out_ += '{';
    bool first = true;
    for (const auto& [k, x] : m) {
      if (!first) out_ += ',';
      first = false;
      if (!string(k)) { err.message += " in an attribute name"; err.prepend_member("<name>"); return false; }
      out_ += ':';
      if (!write(x)) { err.prepend_member(k); return false; }
    }
    out_ += '}';
    return true;
  }

  std::string& out_;
  std::size_t depth_ = 0;
};

}  // namespace detail

// Appends one value as plain JSON; on failure (invalid UTF-8, an invalid number, more than 32
// levels) `out` is left as it was and the error names the path (`tags[2]`).
template <plain_json_options O = plain_json_options{}>
status write_plain_json(const value& v, std::string& out) {
  const std::size_t mark = out.size();
  detail::plain_writer<O> w(out);
  if (!w.write(v)) { out.resize(mark); return std::move(w.err); }
  return {};
}

// Appends an item (attribute name → value) as a plain JSON object; the item itself is not a
// nesting level, as in DynamoDB.
template <plain_json_options O = plain_json_options{}>
status write_plain_json(const item& it, std::string& out) {
  const std::size_t mark = out.size();
  detail::plain_writer<O> w(out);
  if (!w.item(it)) { out.resize(mark); return std::move(w.err); }
  return {};
}

}  // namespace ddbx
