#pragma once
// What every decoding step shares: the error with its path, the nesting depth, type keys, number
// text and the validation of JSON that no target reads. Internal to ddbx/mapping/decode.hpp.
//
// Two rules hold for every input: decoding stops at DynamoDB's own nesting (32 levels) so the stack
// stays bounded however deep the text, and the answer never depends on the bytes after the input
// (simdjson's padding): keys are compared only up to their closing quote, and JSON that no target
// reads is still checked, so an invalid document is always an error.
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ddbx/core/error.hpp"
#include "ddbx/core/limits.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/value.hpp"

namespace ddbx::detail {

namespace od = simdjson::ondemand;

// JSON levels a skipped member may nest: an attribute value of DynamoDB's 32 levels takes two JSON
// levels each ({"L":[…]}), and a response wraps items in a few more.
inline constexpr std::size_t max_skipped_json_depth = 2 * (limits::max_nesting + 1) + 16;

// What decoding ddbx::value maps learns and reuses, per nesting level (sized on first use). A
// ddbx::decoder keeps it from one call to the next, so the maps of its next page or item are read
// with the names learned from the last.
struct value_map_memory {
  // The members of the map being decoded, one buffer per level, kept for the next map of that
  // level (read_value_map_members_unlearned).
  std::vector<value::map::sequence_type> members;
  // The names the maps decoded fresh at a level had lately: sorted, at most 64 (empty: none
  // learned), and after the name of rank r (64: before the first), the rank of the name that came
  // next last time (a guess, checked). `rest`: maps still to read without them after one that
  // brought more new names than learned ones (maps used as dictionaries).
  struct learned_names {
    std::vector<std::string> names;
    std::array<std::uint8_t, 65> next{};
    std::uint8_t rest = 0;
  };
  std::vector<learned_names> names;
  // For a map decoded over a kept one: after the old member at index i (64: before the first), the
  // index of the member that came next last time; a guess, checked (read_value_map_members_over).
  std::vector<std::array<std::uint8_t, 65>> next;
};

struct decoder_state {
  error err{};
  std::size_t depth = 0;  // lists and maps entered around the current value
  const char* input_end = nullptr;  // the end of the document's text (sizing guesses only)
  std::uint32_t structs_read = 0;   // paces the attribute-order probes (read_struct_members_checked)

  // The path, innermost segment first, recorded while unwinding and joined once (error_path()),
  // so a failure deep in long-keyed input costs time linear in the path.
  struct segment {
    std::string_view name;  // points into the document, the parser's string buffer or a literal
    std::size_t index = 0;
    bool is_index = false;
  };
  std::vector<segment> trail;
  std::string failed_name;  // a name the path points to whose own copy is gone (a duplicate name)
  // What decoding ddbx::value maps learns: the decoder's (kept from one call to the next), else own_maps.
  value_map_memory* maps = nullptr;
  value_map_memory own_maps;
  value_map_memory& map_memory() noexcept { return maps ? *maps : own_maps; }

  bool fail(errc c, std::string message) {
    err.code = c;
    err.message = std::move(message);
    return false;
  }
  [[gnu::noinline, gnu::cold]] bool fail_json(simdjson::error_code c) {
    return fail(errc::malformed_json, std::string("malformed JSON: ") + simdjson::error_message(c));
  }
  // A wrong JSON type says what was wanted ("expected a JSON string inside N").
  [[gnu::noinline, gnu::cold]] bool fail_json(simdjson::error_code c, std::string_view wanted) {
    if (c != simdjson::INCORRECT_TYPE) return fail_json(c);
    return fail(errc::malformed_json, "expected " + std::string(wanted));
  }
  [[gnu::noinline, gnu::cold]] bool expected(type want, type got) {
    return fail(errc::type_mismatch,
                "expected " + std::string(type_name(want)) + ", got " + std::string(type_name(got)));
  }
  // Entering a list or map: DynamoDB allows 31 of them around a leaf.
  bool enter() {
    if (++depth > limits::max_nesting)
      return fail(errc::nesting_too_deep, "more than 31 nested lists or maps (DynamoDB allows 32 levels)");
    return true;
  }
  void in_member(std::string_view name) { trail.push_back({name, 0, false}); }
  void in_index(std::size_t i) { trail.push_back({{}, i, true}); }

  // The error with its full path: the recorded segments, outermost first, then whatever path the
  // error already had (a user codec may set one).
  error take_error() {
    if (trail.empty()) return std::move(err);
    std::string path;
    std::size_t size = err.path.size() + 1;
    for (const segment& s : trail) size += s.is_index ? 22 : s.name.size() + 1;
    path.reserve(size);
    for (auto it = trail.rbegin(); it != trail.rend(); ++it) {
      if (it->is_index) {
        char buf[24];
        buf[0] = '[';
        auto r = std::to_chars(buf + 1, buf + sizeof buf - 1, it->index);
        *r.ptr++ = ']';
        path.append(buf, r.ptr);
      } else {
        if (!path.empty()) path += '.';
        path += it->name;
      }
    }
    if (!err.path.empty()) {
      if (err.path.front() != '[') path += '.';
      path += err.path;
    }
    err.path = std::move(path);
    trail.clear();
    return std::move(err);
  }
};

// How many more items an array holds, guessed from the first one's length in bytes (with its
// separator) and the bytes left: items of a page are usually alike; half as many more for the spread.
// Never more than the bytes left could hold (the shortest item, {"a":{"S":""}}, has 14 bytes).
inline std::size_t estimated_items(std::size_t first_length, std::size_t bytes_left) noexcept {
  const std::size_t guess = bytes_left / first_length + 1;
  const std::size_t most = bytes_left / 14 + 1;
  const std::size_t padded = guess + guess / 2;
  return padded < most ? padded : most;
}

// The type of `{"T": …}` from its raw key. Each comparison stops at the key's closing quote (a type
// name holds no quote), so nothing past the document is looked at beyond simdjson's padding, and the
// answer never depends on it.
[[gnu::always_inline]] inline std::optional<type> parse_type_tag(const char* k) noexcept {
  auto is = [&](const char* s, std::size_t n) { return std::memcmp(k, s, n) == 0; };
  switch (k[0]) {
    case 'S': if (k[1] == '"') return type::S; if (is("SS\"", 3)) return type::SS; break;
    case 'N': if (k[1] == '"') return type::N; if (is("NS\"", 3)) return type::NS; if (is("NULL\"", 5)) return type::NULL_; break;
    case 'B': if (k[1] == '"') return type::B; if (is("BS\"", 3)) return type::BS; if (is("BOOL\"", 5)) return type::BOOL; break;
    case 'M': if (k[1] == '"') return type::M; break;
    case 'L': if (k[1] == '"') return type::L; break;
    default: break;
  }
  return std::nullopt;
}

// The same for a key already unescaped ("\u0053" is "S").
inline std::optional<type> type_from_name(std::string_view k) noexcept {
  constexpr std::string_view names[] = {"NULL", "BOOL", "S", "N", "B", "SS", "NS", "BS", "L", "M"};
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (k == names[i]) return static_cast<type>(i);
  return std::nullopt;
}

// Copies input whose spare capacity is unknown into `buffer` (grown when too small, kept for reuse)
// with simdjson's padding after it, cleared so that no earlier input's bytes sit behind this one.
inline simdjson::padded_string_view padded_copy(std::string& buffer, std::string_view json) {
  if (buffer.size() < json.size() + simdjson::SIMDJSON_PADDING) buffer.resize(json.size() + simdjson::SIMDJSON_PADDING);
  if (!json.empty()) std::memcpy(buffer.data(), json.data(), json.size());
  std::memset(buffer.data() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  return simdjson::padded_string_view(buffer.data(), json.size(), buffer.size());
}

// Whether the raw key starting at `raw` (just after its opening quote) has an escape in it.
inline bool raw_key_has_escape(const char* raw) noexcept {
  for (; *raw != '"'; ++raw)
    if (*raw == '\\') return true;
  return false;
}

// The raw (still escaped) text of a key, up to its closing quote.
inline std::string_view raw_key_text(const char* raw) noexcept {
  const char* q = raw;
  for (; *q != '"'; ++q)
    if (*q == '\\') ++q;
  return std::string_view(raw, static_cast<std::size_t>(q - raw));
}

// Whether a raw key equals `quoted`: an escaped name followed by its closing quote. Reads stop at
// the first difference, which comes at the latest at the raw key's closing quote (an escaped name
// holds no unescaped quote), so the answer never depends on what follows the key; short names use
// one memcmp, which stays inside simdjson's padding however near the end of the input the key is.
inline bool raw_key_equals(const char* raw, std::string_view quoted) noexcept {
  if (quoted.size() <= simdjson::SIMDJSON_PADDING) return std::memcmp(raw, quoted.data(), quoted.size()) == 0;
  for (std::size_t i = 0; i < quoted.size(); ++i)
    if (raw[i] != quoted[i]) return false;
  return true;
}

// Checks a JSON number token against RFC 8259's grammar (simdjson does not when a value is skipped).
inline bool is_json_number(std::string_view t) noexcept {
  std::size_t i = 0;
  const std::size_t n = t.size();
  auto digits = [&] {
    const std::size_t b = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
    return i > b;
  };
  if (i < n && t[i] == '-') ++i;
  if (i < n && t[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < n && t[i] == '.') { ++i; if (!digits()) return false; }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;  // raw tokens keep trailing space
  return i == n;
}

// Reads and checks a value no target wants (an attribute the struct does not have, a response
// member ddbx does not use), so invalid JSON there is an error too. Depth is bounded.
// A response member whose value is JSON null, consumed: read as absent, as botocore and ddbx's
// DOM readers read it (DynamoDB itself never sends one). Any other value is left unread.
inline bool null_member(od::value& v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}

inline bool skip_value(decoder_state& d, od::value v, std::size_t json_depth = 0) {
  od::json_type t;
  if (auto ec = v.type().get(t)) return d.fail_json(ec);
  switch (t) {
    case od::json_type::object: {
      if (json_depth >= max_skipped_json_depth) return d.fail(errc::nesting_too_deep, "JSON nested too deeply");
      od::object o;
      if (auto ec = v.get_object().get(o)) return d.fail_json(ec);
      for (auto fr : o) {
        od::field f;
        if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
        std::string_view k;
        if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
        if (!skip_value(d, f.value(), json_depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      if (json_depth >= max_skipped_json_depth) return d.fail(errc::nesting_too_deep, "JSON nested too deeply");
      od::array a;
      if (auto ec = v.get_array().get(a)) return d.fail_json(ec);
      for (auto er : a) {
        od::value e;
        if (auto ec = std::move(er).get(e)) return d.fail_json(ec);
        if (!skip_value(d, e, json_depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto ec = v.get_string().get(s)) return d.fail_json(ec);
      return true;
    }
    case od::json_type::number: {
      std::string_view raw = v.raw_json_token();
      if (!is_json_number(raw)) return d.fail(errc::malformed_json, "malformed JSON: not a number");
      return true;
    }
    case od::json_type::boolean: {
      bool b;
      if (auto ec = v.get_bool().get(b)) return d.fail_json(ec);
      return true;
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto ec = v.is_null().get(is_null)) return d.fail_json(ec);
      if (!is_null) return d.fail(errc::malformed_json, "malformed JSON: not null");
      return true;
    }
  }
  return d.fail(errc::malformed_json, "malformed JSON");
}

// The common integer text, [-]digits with at most 18 digits, when T holds it: what std::from_chars
// gives, in a few instructions. Anything else is left to the general path (false).
template <class T>
bool parse_short_integer(std::string_view s, T& out) noexcept {
  const char* p = s.data();
  const char* const e = p + s.size();
  bool neg = false;
  if constexpr (std::is_signed_v<T>) {
    if (p < e && *p == '-') { neg = true; ++p; }
  }
  if (p == e || e - p > 18) return false;
  std::uint64_t v = 0;
  for (; p < e; ++p) {
    const unsigned c = static_cast<unsigned char>(*p) - '0';
    if (c > 9) return false;
    v = v * 10 + c;
  }
  if constexpr (std::is_signed_v<T>) {
    const std::int64_t x = neg ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
    if (x < static_cast<std::int64_t>(std::numeric_limits<T>::min()) || x > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
      return false;
    out = static_cast<T>(x);
  } else {
    if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return false;
    out = static_cast<T>(v);
  }
  return true;
}

// The common decimal text, [-]digits[.digits], read exactly (Clinger's fast path): when the digits
// make an integer m that the type holds exactly and there are k ≤ 22 (float: 10) digits after the
// point, m / 10^k is one correctly rounded division — the value std::from_chars gives. Anything
// else is left to the general path (false).
template <class T>
bool parse_short_decimal(std::string_view s, T& out) noexcept {
  static constexpr T powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  constexpr std::uint64_t exact_below = std::same_as<T, float> ? (1ull << 24) : (1ull << 53);
  constexpr int max_fraction = std::same_as<T, float> ? 10 : 22;
  const char* p = s.data();
  const char* const e = p + s.size();
  const bool neg = p < e && *p == '-';
  p += neg;
  std::uint64_t m = 0;
  int fraction = -1;  // digits after the point; -1 before the point
  bool any = false;
  for (; p < e; ++p) {
    const unsigned c = static_cast<unsigned char>(*p) - '0';
    if (c <= 9) {
      m = m * 10 + c;
      if (m >= exact_below) return false;
      any = true;
      if (fraction >= 0) ++fraction;
    } else if (*p == '.' && fraction < 0 && any) {
      fraction = 0;
    } else {
      return false;
    }
  }
  if (!any || fraction == 0 || fraction > max_fraction) return false;  // "", "-", "5.", too many places
  const T r = static_cast<T>(m) / powers[fraction < 0 ? 0 : fraction];
  out = neg ? -r : r;
  return true;
}

// A number's text read into an integer, float, double or ddbx::number: always DynamoDB's grammar,
// precision (38 digits) and range, then the target's own range; nothing is rounded to fit an
// integer, and a value a float or double cannot hold (beyond its range) is refused.
template <class T>
bool parse_number_text(decoder_state& d, std::string_view s, T& out) {
  auto refuse = [&](errc c) { return d.fail(c, std::string(number_error_text(c)) + ": \"" + std::string(s.substr(0, 64)) + "\""); };
  if constexpr (std::same_as<T, number>) {
    if (errc c = out.assign(s); c != errc::ok) return refuse(c);  // over its old text: no allocation
    return true;
  } else if constexpr (std::is_floating_point_v<T>) {
    if (parse_short_decimal(s, out)) return true;
    // The usual text ([-]digits[.digits], at most 38 digits, no exponent) is always a DynamoDB
    // number within range; anything else gets the full check.
    std::size_t i = !s.empty() && s.front() == '-', digits = 0;
    bool dot = false, plain = true;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c >= '0' && c <= '9') ++digits;
      else if (c == '.' && !dot) dot = true;
      else { plain = false; break; }
    }
    if (!(plain && digits > 0 && digits <= limits::max_number_digits))
      if (errc c = check_number(s); c != errc::ok) return refuse(c);
    const char* b = s.data() + (s.front() == '+');
    auto r = std::from_chars(b, s.data() + s.size(), out);
    if (r.ec == std::errc::result_out_of_range)
      return d.fail(errc::number_out_of_range, "number \"" + std::string(s.substr(0, 64)) + "\" is beyond the range of " +
                                                   (sizeof(T) == sizeof(float) ? "float" : "double"));
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) return refuse(errc::invalid_number);
    return true;
  } else {
    if (parse_short_integer(s, out)) return true;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty()) return true;
    auto n = number::parse(s);  // "1E2", "42.0", "+7" and friends, or a real error
    if (!n) return d.fail(n.error().code, n.error().message);
    auto i = n->template to<T>();
    if (!i) return d.fail(i.error().code, i.error().message);
    out = *i;
    return true;
  }
}

}  // namespace ddbx::detail
