#pragma once
// Shared by the libFuzzer targets of tests/fuzz/: the seed-shaped struct every struct target
// decodes into, a table over it (for the ops/ response parsers), the "result must not depend
// on the bytes after the input" property, and property failures that count as crashes.
//
// Everything here is deterministic: no clocks, no files, no randomness beyond the input.
#include <array>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ddbx/core/value.hpp"
#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/table.hpp"

// A violated property: print why, then trap so libFuzzer records a crash and saves the input.
#define FUZZ_CHECK(cond, ...)                                                    \
  do {                                                                           \
    if (!(cond)) {                                                               \
      std::fprintf(stderr, "\nfuzz property violated at %s:%d: %s\n  ", __FILE__, \
                   __LINE__, #cond);                                             \
      std::fprintf(stderr, __VA_ARGS__);                                         \
      std::fprintf(stderr, "\n");                                                \
      __builtin_trap();                                                          \
    }                                                                            \
  } while (0)

namespace fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// ---------------------------------------------------------------------------------------------
// The seed walkthrough's user, widened to every mapped type family.

// A scoped enum with a fixed underlying type: every value of the type is a valid enum value.
enum class account_kind : std::uint8_t { standard, premium, admin };
// An unscoped enum with a fixed underlying type (ddbx refuses, at compile time, enums without one:
// before it did, {"N":"7"} decoded into `enum plain_level { … }` was undefined behaviour).
enum plain_level : int { level_low, level_mid, level_high };

struct postal_address {
  std::string road;
  std::string city;
  std::string state;
  int zipcode = 0;
  std::optional<std::vector<std::string>> lines;
  friend bool operator==(const postal_address&, const postal_address&) = default;
};

struct user {
  std::string username;
  std::string first_name;
  std::string last_name;
  int age = 0;
  std::string account_type;
  std::optional<postal_address> address;               // nested optional struct
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<double>> scores;
  std::set<std::string> string_set;                    // SS
  std::set<std::int64_t> number_set;                   // NS
  std::set<ddbx::binary> binary_set;                   // BS
  double ratio = 0;
  float weight = 0;
  ddbx::number balance;                                // exact N
  ddbx::binary avatar;                                 // B
  std::vector<std::byte> raw;                          // B as bytes
  bool active = false;
  std::uint8_t level = 0;
  std::int64_t big = 0;
  std::uint64_t ubig = 0;
  account_kind kind = account_kind::standard;          // enum class : uint8_t
  plain_level plain = level_low;                       // unscoped enum : int
  std::chrono::system_clock::time_point created{};     // S, ISO-8601
  ddbx::epoch_seconds expires;                         // N, epoch seconds
  std::array<int, 3> triple{};                         // L of exactly three
  std::map<std::string, std::int32_t> counters;        // M of N
  std::map<std::string, ddbx::value> attributes;       // M of anything
  std::vector<postal_address> history;                 // L of M
  std::vector<std::vector<std::int16_t>> matrix;       // L of L
  std::optional<bool> verified;
  std::string long_named;                              // renamed to a name over 64 bytes
  std::string nickname;                                // renamed with escapes, omit_empty
  std::optional<std::string> motto;                    // write_null
  std::string cache;                                   // skipped
  friend bool operator==(const user&, const user&) = default;
};

inline constexpr std::string_view long_attribute_name =
    "an_attribute_name_longer_than_sixty_four_bytes_so_key_matching_reads_far_past_short_keys";

}  // namespace fuzz

template <>
struct ddbx::fields<fuzz::user> {
  static constexpr ddbx::field_option options[] = {
      {.member = "first_name", .name = "firstName"},
      {.member = "long_named", .name = fuzz::long_attribute_name},
      {.member = "nickname", .name = "nick \"name\"\xC3\xA9", .omit_empty = true},
      {.member = "motto", .write_null = true},
      {.member = "cache", .skip = true},
  };
};

namespace fuzz {

using users_table = ddbx::table<user, &user::username, &user::last_name>;

// The decode options the struct targets try, every one on every input.
inline constexpr ddbx::decode_options strict{.strict_unknown = true};
inline constexpr ddbx::decode_options lenient{.lenient_missing = true};
inline constexpr ddbx::decode_options lenient_strict{.lenient_missing = true, .strict_unknown = true};

// ---------------------------------------------------------------------------------------------
// Results compared across decodes.

// The same success or failure, and on success the same value. Errors are not compared: where
// a malformed document is noticed (so the error's message and path) may depend on simdjson
// peeking at the padding, which it documents as harmless.
template <class T>
bool same_result(const ddbx::result<T>& a, const ddbx::result<T>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a.has_value() || *a == *b;
}

template <class T>
bool same_page(const ddbx::page<T>& a, const ddbx::page<T>& b) {
  return a.items == b.items && a.count == b.count && a.scanned_count == b.scanned_count &&
         a.last_evaluated_key == b.last_evaluated_key && a.consumed_capacity_json == b.consumed_capacity_json;
}

template <class T>
bool same_result(const ddbx::result<ddbx::page<T>>& a, const ddbx::result<ddbx::page<T>>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a.has_value() || same_page(*a, *b);
}

template <class T>
std::string describe(const ddbx::result<T>& r) {
  if (r) return "success";
  return "error " + std::string(ddbx::to_string(r.error().code)) + " \"" + r.error().what_text() + "\"";
}

// ---------------------------------------------------------------------------------------------
// An oracle for "is this JSON at all": RFC 8259's grammar and UTF-8, written independently of
// simdjson (whose On-Demand front end skips what it is not asked for). A decoder that accepts
// input this refuses has accepted malformed JSON. (Nesting past 1500 is refused: simdjson stops at 1024.)

class json_checker {
 public:
  static bool valid(std::string_view s) {
    json_checker c{s};
    c.ws();
    if (!c.value(0)) return false;
    c.ws();
    return c.i_ == s.size() && valid_utf8(s);
  }

 private:
  explicit json_checker(std::string_view s) : s_(s) {}
  std::string_view s_;
  std::size_t i_ = 0;

  static bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      std::size_t n = 0;
      std::uint32_t cp = 0;
      if (c < 0x80) { ++i; continue; }
      if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
      else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
      else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
      else return false;
      if (i + n >= s.size()) return false;  // the sequence is cut short
      for (std::size_t k = 1; k <= n; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (d & 0x3F);
      }
      if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
      i += n + 1;
    }
    return true;
  }
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool eat(char c) {
    if (!at(c)) return false;
    ++i_;
    return true;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool digits() {
    const std::size_t b = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > b;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
      if (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') return false;
    } else if (!digits()) {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (at('e') || at('E')) {
      ++i_;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k, ++i_)
          if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
    return false;
  }
  bool literal(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool value(int depth) {
    if (i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{': {
        if (depth >= 1500) return false;
        ++i_;
        ws();
        if (eat('}')) return true;
        do {
          ws();
          if (!string()) return false;
          ws();
          if (!eat(':')) return false;
          ws();
          if (!value(depth + 1)) return false;
          ws();
        } while (eat(','));
        return eat('}');
      }
      case '[': {
        if (depth >= 1500) return false;
        ++i_;
        ws();
        if (eat(']')) return true;
        do {
          ws();
          if (!value(depth + 1)) return false;
          ws();
        } while (eat(','));
        return eat(']');
      }
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }
};

inline bool valid_json(std::string_view s) { return json_checker::valid(s); }

// ---------------------------------------------------------------------------------------------
// The input behind different padding, for "the result must not depend on bytes after the input".

// A std::string holding the input, with at least SIMDJSON_PADDING spare capacity (so the
// decode_* functions read it in place) filled with `garbage` repeated. The byte right after the
// input is the string's terminating NUL; the garbage starts after it.
inline std::string string_with_garbage(std::string_view input, std::string_view garbage) {
  std::string s;
  s.resize(input.size() + 1 + simdjson::SIMDJSON_PADDING);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = garbage.empty() ? '\xff' : garbage[i % garbage.size()];
  std::memcpy(s.data(), input.data(), input.size());
  s.resize(input.size());  // shrinking keeps the capacity and the bytes beyond size()+1
  return s;
}

// A buffer of exactly size + SIMDJSON_PADDING bytes (so AddressSanitizer sees any read past the
// padding), the padding zero or `garbage` repeated from the byte right after the input.
class padded_buffer {
 public:
  padded_buffer(std::string_view input, std::string_view garbage = {}) : size_(input.size()) {
    const std::size_t cap = input.size() + simdjson::SIMDJSON_PADDING;
    buf_ = std::make_unique<char[]>(cap);  // zero-initialised
    if (input.size()) std::memcpy(buf_.get(), input.data(), input.size());
    if (!garbage.empty())
      for (std::size_t i = input.size(); i < cap; ++i) buf_[i] = garbage[(i - input.size()) % garbage.size()];
  }
  simdjson::padded_string_view view() const {
    return simdjson::padded_string_view(buf_.get(), size_, size_ + simdjson::SIMDJSON_PADDING);
  }
  std::string_view text() const { return {buf_.get(), size_}; }

 private:
  std::size_t size_;
  std::unique_ptr<char[]> buf_;
};

// Garbage a reused buffer may well hold: JSON punctuation that would complete a truncated key,
// value, array or object, and the input itself (an earlier, longer body in the same buffer).
inline constexpr std::string_view garbage_quotes = "\"}]\":{\"S\":\"x\"}}]}\\\"NULL\":true,\"";
inline constexpr std::string_view garbage_closing = "}}}}]]]]}]}]}]}]";
inline constexpr std::string_view garbage_brackets = "]]]]}}}}]}]}]}]}";

// Decodes the input from a zero-padded fresh buffer, then from a std::string whose spare
// capacity holds garbage (the input repeated), from a std::string_view (copied into the thread's
// decoder buffer, which holds earlier inputs) and from buffers whose padding is JSON punctuation;
// traps unless all give the same result. A success must also be valid JSON (fuzz::valid_json).
// Returns the zero-padded result.
template <class Decode>
auto decode_padding_independent(std::string_view input, Decode&& decode, const char* what) {
  const padded_buffer clean(input);
  auto expected = decode(clean.view());
  FUZZ_CHECK(!expected.has_value() || valid_json(input), "%s: accepted input that is not valid JSON", what);
  auto same = [&](const auto& r, const char* how) {
    FUZZ_CHECK(same_result(expected, r), "%s: zero padding gave %s, %s gave %s", what, describe(expected).c_str(), how,
               describe(r).c_str());
  };
  same(decode(string_with_garbage(input, input)), "a std::string with the input repeated in its spare capacity");
  same(decode(input), "a std::string_view (the decoder's reused copy buffer)");
  for (std::string_view garbage : {garbage_quotes, garbage_closing, garbage_brackets}) {
    const padded_buffer dirty(input, garbage);
    same(decode(dirty.view()), ("padding \"" + std::string(garbage.substr(0, 8)) + "...\"").c_str());
  }
  return expected;
}

// ---------------------------------------------------------------------------------------------
// What the encoder documents as dropped: a member or map entry holding an empty set is omitted
// (DynamoDB has no empty sets). normalised(v) is v as it reads back after encoding.

inline bool is_empty_set(const ddbx::value& v) {
  if (auto s = v.as_string_set()) return s->empty();
  if (auto s = v.as_number_set()) return s->empty();
  if (auto s = v.as_binary_set()) return s->empty();
  return false;
}

inline void normalise(ddbx::value& v);

template <class Map>
  requires std::same_as<typename Map::mapped_type, ddbx::value>
void normalise(Map& m) {
  for (auto it = m.begin(); it != m.end();) {
    if (is_empty_set(it->second)) {
      it = m.erase(it);
    } else {
      normalise(it->second);
      ++it;
    }
  }
}

inline void normalise(ddbx::value& v) {
  auto& d = v.data();
  if (auto* l = std::get_if<ddbx::value::list>(&d))
    for (auto& x : *l) normalise(x);
  else if (auto* m = std::get_if<ddbx::value::map>(&d))
    normalise(*m);
}

inline void normalise(user& u) { normalise(u.attributes); }

}  // namespace fuzz
