#pragma once
// The render context: one placeholder namespace per request. Names become `#0`, `#1`, … (one per
// distinct name), values `:0`, `:1`, … (one per distinct encoded value); it also counts operators
// and checks DynamoDB's expression limits.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/mapping/encode.hpp"

namespace ddbx {

namespace detail {
// `text` for an error message: bytes that are not UTF-8 shown as \xNN, cut after 128 bytes.
inline void append_printable(std::string& out, std::string_view text) {
  const bool cut = text.size() > 128;
  if (cut) text = text.substr(0, 128);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (len) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
      ++i;
    }
  }
  if (cut) out += "...";
}
inline std::string printable(std::string_view text) {
  std::string out;
  append_printable(out, text);
  return out;
}
}  // namespace detail

class render_context {
 public:
  // Appends the placeholder for attribute name `name` to `out`. A name DynamoDB refuses, or one
  // that is not UTF-8 (so not JSON), fails the request; `where()` gives the path for the error.
  template <class Where>
  void name(std::string& out, std::string_view name, Where&& where) {
    std::size_t i = name_index(name);
    if (i == names_.size()) {
      if (name.empty()) return fail(errc::invalid_name, "an attribute name cannot be empty", where());
      if (name.size() > limits::max_attribute_name)
        return fail(errc::invalid_name, "an attribute name of " + std::to_string(name.size()) + " bytes; DynamoDB allows 64 KB", where());
      if (auto bad = detail::find_invalid_utf8(name); bad != std::string_view::npos)
        return fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad) + " of an attribute name", where());
      names_.emplace_back(name);
    }
    out += '#';
    append_index(out, i);
  }
  void name(std::string& out, std::string_view n) {
    name(out, n, [&] { return detail::printable(n); });
  }
  // The same for a name already checked at compile time (attr<…>'s member names).
  void checked_name(std::string& out, std::string_view name) {
    std::size_t i = name_index(name);
    if (i == names_.size()) names_.emplace_back(name);
    out += '#';
    append_index(out, i);
  }

  // Appends the placeholder for value `v` (encoded as an AttributeValue) to `out`.
  template <class T>
  void value(std::string& out, const T& v) {
    scratch_.clear();
    if (auto s = encode_value(v, scratch_); !s) {
      fail(s.error().code, s.error().message);
      return;
    }
    encoded_value(out, scratch_);
  }

  // The placeholder for an already encoded AttributeValue.
  void encoded_value(std::string& out, std::string_view encoded) {
    std::size_t i = 0;
    for (; i < values_.size(); ++i)
      if (values_[i] == encoded) break;
    if (i == values_.size()) {
      values_bytes_ += encoded.size();
      values_.emplace_back(encoded);
    }
    out += ':';
    append_index(out, i);
  }

  void count_operator() { ++operators_; }
  void add_operators(std::size_t n) { operators_ += n; }
  bool empty() const noexcept { return names_.empty() && values_.empty(); }
  void fail(errc code, std::string message, std::string path = {}) {
    if (err_.code == errc::ok) err_ = make_error(code, std::move(message), std::move(path));
  }
  bool failed() const noexcept { return err_.code != errc::ok; }
  const error& err() const noexcept { return err_; }

  // Checks one finished expression string against the limits (and resets the operator count).
  void finish_expression(std::string_view what, const std::string& text) {
    if (text.size() > limits::max_expression)
      fail(errc::expression_too_long, std::string(what) + " is " + std::to_string(text.size()) + " bytes; DynamoDB allows 4 KB");
    if (operators_ > limits::max_expression_operators)
      fail(errc::too_many_operators, std::string(what) + " has " + std::to_string(operators_) + " operators and functions; DynamoDB allows 300");
    operators_ = 0;
    if (values_bytes_ > limits::max_expression_values)
      fail(errc::expression_too_long, "expression attribute values exceed DynamoDB's 2 MB");
  }

  const std::vector<std::string>& names() const noexcept { return names_; }
  const std::vector<std::string>& values() const noexcept { return values_; }

  // {"#0":"username",…} — empty when no name was used. name() admits only UTF-8, so quoting cannot fail.
  std::string names_json() const {
    std::string out;
    if (names_.empty()) return out;
    out += '{';
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (i) out += ',';
      out += "\"#";
      append_index(out, i);
      out += "\":";
      std::string quoted;
      detail::sink s(quoted);
      detail::encoder e{s};
      detail::write_quoted(e, names_[i]);
      s.finish();
      out += quoted;
    }
    out += '}';
    return out;
  }
  // {":0":{"N":"27"},…} — empty when no value was used.
  std::string values_json() const {
    std::string out;
    if (values_.empty()) return out;
    out += '{';
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if (i) out += ',';
      out += "\":";
      append_index(out, i);
      out += "\":";
      out += values_[i];
    }
    out += '}';
    return out;
  }

 private:
  std::size_t name_index(std::string_view name) const noexcept {
    std::size_t i = 0;
    while (i < names_.size() && names_[i] != name) ++i;
    return i;
  }
  static void append_index(std::string& out, std::size_t i) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, r.ptr);
  }

  std::vector<std::string> names_;
  std::vector<std::string> values_;
  std::string scratch_;
  std::size_t values_bytes_ = 0;
  std::size_t operators_ = 0;
  error err_{};
};

}  // namespace ddbx
