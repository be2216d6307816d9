#pragma once
// The render context: one placeholder namespace per request. Names become `#0`, `#1`, … (one per
// distinct name), values `:0`, `:1`, … (one per distinct encoded value); it also counts operators
// and checks DynamoDB's expression limits.
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/detail/decimal_digits.hpp"
#include "ddbx/mapping/detail/encoder.hpp"

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

namespace detail {
// Cuts `text` back to `size` unless done: an append that runs out of memory half-way (std::bad_alloc,
// caught by a caller who goes on) leaves the text as it was, so that places never disagree with it.
struct text_rollback {
  std::string& text;
  std::size_t size;
  bool done = false;
  ~text_rollback() {
    if (!done) text.resize(size);
  }
};

// Where each of several texts sits in one string: the first few places held in place, more on the
// heap. A context's values and its names past the first few share this one type, so a translation
// unit instantiates one std::vector for both (a vector's growth is some 15 M compiler instructions
// in every TU that includes the expression headers).
class text_places {
 public:
  struct place {
    std::size_t begin, size;
  };
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  place operator[](std::size_t i) const noexcept { return i < in_place ? first_[i] : more_[i - in_place]; }
  // Where text[i] is in `text`.
  std::string_view in(const std::string& text, std::size_t i) const noexcept {
    const place at = (*this)[i];
    return std::string_view(text).substr(at.begin, at.size);
  }
  void push_back(place at) {
    if (size_ < in_place) first_[size_] = at;
    else more_.push_back(at);
    ++size_;
  }
  void clear() noexcept {
    more_.clear();
    size_ = 0;
  }

 private:
  static constexpr std::size_t in_place = 8;
  place first_[in_place]{};
  std::vector<place> more_;
  std::size_t size_ = 0;
};

// A few strings held in place, more back to back in one string: an expression's names, usually a
// handful, cost no allocation of their own (short ones none at all).
class small_strings {
 public:
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::string_view operator[](std::size_t i) const noexcept {
    return i < in_place ? std::string_view(first_[i]) : more_.in(more_text_, i - in_place);
  }
  void push_back(std::string_view s) {
    if (size_ < in_place) {
      first_[size_].assign(s);
    } else {
      text_rollback undo{more_text_, more_text_.size()};  // the text, then its place, or neither
      more_text_.append(s);
      more_.push_back({undo.size, s.size()});
      undo.done = true;
    }
    ++size_;
  }

 private:
  static constexpr std::size_t in_place = 4;
  std::string first_[in_place];
  std::string more_text_;
  text_places more_;  // where each string past the first ones is in more_text_
  std::size_t size_ = 0;
};
}  // namespace detail

class render_context {
 public:
  // Appends the placeholder for attribute name `name` to `out`. A name DynamoDB refuses, or one
  // that is not UTF-8 (so not JSON), fails the request; `where()` gives the path for the error.
  template <class Where>
  void name(std::string& out, std::string_view name, Where&& where) {
    std::size_t i = name_index(name);
    if (i == name_count()) {
      if (name.empty()) return fail(errc::invalid_name, "an attribute name cannot be empty", where());
      if (name.size() > limits::max_attribute_name)
        return fail(errc::invalid_name, "an attribute name of " + std::to_string(name.size()) + " bytes; DynamoDB allows 64 KB", where());
      if (auto bad = detail::find_invalid_utf8(name); bad != std::string_view::npos)
        return fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad) + " of an attribute name", where());
      add_name(name);
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
    if (i == name_count()) add_name(name);
    out += '#';
    append_index(out, i);
  }

  // Into an empty context: names #0… that are distinct and were checked at compile time (a static
  // condition's attr<…> names, which must outlive the context), and their ExpressionAttributeNames
  // object, which names_json() then returns as long as no other name is added.
  void adopt_static_names(const std::string_view* names, std::size_t n, std::string_view json) {
    static_names_ = names;
    static_name_count_ = n;
    static_names_json_ = json;
  }

  // Appends the placeholder for value `v` (encoded as an AttributeValue) to `out`.
  template <class T>
  void value(std::string& out, const T& v) {
    const std::size_t i = value_index(v);
    if (i == no_value) return;
    out += ':';
    append_index(out, i);
  }
  // The same for a value whose placeholder is already in a compile-time text: only its table entry.
  template <class T>
  void static_value(const T& v) {
    (void)value_index(v);
  }

  // The placeholder for an already encoded AttributeValue.
  void encoded_value(std::string& out, std::string_view encoded) {
    out += ':';
    append_index(out, encoded_index(encoded));
  }

  void count_operator() { ++operators_; }
  void add_operators(std::size_t n) { operators_ += n; }
  std::size_t operators() const noexcept { return operators_; }
  bool empty() const noexcept { return name_count() == 0 && values_.empty(); }
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

  // The names #0… and how many values :0… there are.
  std::size_t name_count() const noexcept { return static_name_count_ + names_.size(); }
  std::string_view name_at(std::size_t i) const noexcept {
    return i < static_name_count_ ? static_names_[i] : names_[i - static_name_count_];
  }
  std::size_t value_count() const noexcept { return values_.size(); }

  // {"#0":"username",…} — empty when no name was used. name() admits only UTF-8, so quoting cannot fail.
  std::string names_json() const {
    std::string out;
    const std::size_t n = name_count();
    if (n == 0) return out;
    if (names_.empty()) return std::string(static_names_json_);
    std::size_t size = 2;
    for (std::size_t i = 0; i < n; ++i) size += 12 + 6 * name_at(i).size();  // `"#NN…":"…",` escaped at worst
    detail::sink s(out, size);
    detail::encoder e{s};
    s += '{';
    for (std::size_t i = 0; i < n; ++i) {
      if (i) s += ',';
      s.append("\"#", 2);
      append_index(s, i);
      s.append("\":", 2);
      detail::write_quoted(e, name_at(i));
    }
    s += '}';
    s.finish();
    return out;
  }
  // {":0":{"N":"27"},…} — empty when no value was used.
  std::string values_json() const& {
    std::string out;
    if (values_.empty()) return out;
    out.reserve(values_text_.size() + 1);
    out += values_text_;
    out += '}';
    return out;
  }
  // The same, taking the text from a context that is not used again.
  std::string values_json() && {
    if (values_.empty()) return {};
    values_text_ += '}';
    values_.clear();
    return std::move(values_text_);
  }

 private:
  std::size_t name_index(std::string_view name) const noexcept {
    std::size_t i = 0;
    while (i < static_name_count_ && static_names_[i] != name) ++i;
    if (i < static_name_count_) return i;
    while (i - static_name_count_ < names_.size() && names_[i - static_name_count_] != name) ++i;
    return i;
  }
  template <class Out>
  static void append_index(Out& out, std::size_t i) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void add_name(std::string_view name) { names_.push_back(name); }

  static constexpr std::size_t no_value = static_cast<std::size_t>(-1);
  // The index of value `v` in the table, added if no equal value is there; no_value when it
  // cannot be encoded (the context has then failed).
  template <class T>
  std::size_t value_index(const T& v) {
    // An integer, or a string of up to 64 bytes, is encoded into a stack buffer by the encoder's
    // own routines (the same bytes as encode_value writes; invalid UTF-8 goes the general way for
    // its error).
    // Integers wider than 64 bits go the general way, which refuses more than 38 digits.
    if constexpr (!detail::has_encoding_codec<T> && detail::integer<T> && sizeof(T) <= sizeof(std::uint64_t)) {
      char buf[8 + detail::integer_text_room] = {'{', '"', 'N', '"', ':', '"'};
      char* end = detail::write_integer_text(buf + 6, v);
      end[0] = '"';
      end[1] = '}';
      return encoded_index(std::string_view(buf, static_cast<std::size_t>(end + 2 - buf)));
    } else if constexpr (!detail::has_encoding_codec<T> && (detail::string_type<T> || std::same_as<T, std::string_view>)) {
      const std::string_view s = v;
      if (s.size() <= short_string) {
        char buf[6 + 6 * short_string + 2] = {'{', '"', 'S', '"', ':', '"'};
        std::size_t bad = 0;
        if (char* end = detail::write_json_string_body(buf + 6, s, bad)) {
          end[0] = '"';
          end[1] = '}';
          return encoded_index(std::string_view(buf, static_cast<std::size_t>(end + 2 - buf)));
        }
      }
    }
    return general_value_index(v);
  }
  static constexpr std::size_t short_string = 64;
  template <class T>
  std::size_t general_value_index(const T& v) {
    // Encoded into a per-thread buffer that keeps its capacity (no allocation per value once
    // warm); a value encoded while another is (a codec building an expression) gets its own.
    static thread_local std::string shared_scratch;
    static thread_local bool in_use = false;
    std::string local;
    std::string& scratch = in_use ? local : shared_scratch;
    const bool took = !in_use;
    in_use = true;
    scratch.clear();
    auto s = encode_value(v, scratch);
    if (took) in_use = false;
    if (!s) {
      fail(s.error().code, s.error().message);
      return no_value;
    }
    return encoded_index(scratch);
  }
  // Each value is added to the values' JSON text as it comes, `{":0":…,":1":…` (closed by
  // values_json()); values_ keeps where each one is, for finding an equal one.
  std::size_t encoded_index(std::string_view encoded) {
    const std::size_t count = values_.size();
    for (std::size_t i = 0; i < count; ++i)
      if (values_.in(values_text_, i) == encoded) return i;
    if (count == 0) values_text_.reserve(initial_values_room + encoded.size());
    char key[32] = {',', '"', ':'};
    char* k = std::to_chars(key + 3, key + 26, count).ptr;
    k[0] = '"';
    k[1] = ':';
    if (count == 0) key[0] = '{';  // the first one opens the object
    detail::text_rollback undo{values_text_, values_text_.size()};  // key, value and place, or none
    values_text_.append(key, static_cast<std::size_t>(k + 2 - key));
    const std::size_t begin = values_text_.size();
    values_text_.append(encoded);
    values_.push_back({begin, encoded.size()});
    undo.done = true;
    values_bytes_ += encoded.size();
    return count;
  }

  static constexpr std::size_t initial_values_room = 120;

  detail::small_strings names_;                     // the names after the static ones
  const std::string_view* static_names_ = nullptr;  // adopt_static_names(): static storage
  std::size_t static_name_count_ = 0;
  std::string_view static_names_json_;
  std::string values_text_;
  detail::text_places values_;  // where each value is in values_text_
  std::size_t values_bytes_ = 0;
  std::size_t operators_ = 0;
  error err_{};
};

}  // namespace ddbx
