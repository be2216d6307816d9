#pragma once
// The encoder behind ddbx/mapping/encode.hpp (encode_item, encode_value, encode_items, item_size),
// with ddbx::value only declared: the expression layer encodes its values through this header and
// does not compile ddbx::value's definition unless the user's code uses one. Include
// ddbx/mapping/encode.hpp, not this.
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/detail/decimal_digits.hpp"
#include "ddbx/detail/float_math.hpp"
#include "ddbx/mapping/detail/base64_encode.hpp"
#include "ddbx/core/value_fwd.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/detail/json_writer.hpp"
#include "ddbx/mapping/detail/member_check.hpp"
#include "ddbx/mapping/detail/short_decimal.hpp"
#include "ddbx/mapping/detail/sink.hpp"
#include "ddbx/mapping/fields.hpp"

namespace ddbx {

struct encode_options {
  bool null_for_empty_optional = false;  // write {"NULL":true} for every empty optional (default: omit)
  bool check_item_size = true;           // refuse items above 400 KB (DynamoDB's size formula)
};

namespace detail {

struct encoder {
  sink& out;
  error err{};
  std::size_t depth = 0;
  bool sizes_bounded = false;  // this item counted a ddbx::number at number_size_bound (write_item)
  bool fail(errc c, std::string message) {
    err.code = c;
    err.message = std::move(message);
    return false;
  }
  bool enter() {
    if (++depth > limits::max_nesting)
      return fail(errc::nesting_too_deep, "more than 31 nested lists or maps (DynamoDB allows 32 levels)");
    return true;
  }
};

template <encode_options O, class T>
bool write_value(encoder& e, const T& v, std::size_t& size);

// Copies the N bytes at `prefix` to `o` with one constant-size move (the room is the caller's) and
// returns where the value goes, after the first N - skip of them (the value is written over the
// rest): a member's `,"name":…` prefix without its comma starts one byte in, and still has N bytes
// readable.
template <std::size_t N>
[[gnu::always_inline]] inline char* write_prefix(char* o, const char* prefix, std::size_t skip) {
  std::memcpy(o, prefix, N);
  return o + N - skip;
}

[[gnu::noinline, gnu::cold]] inline bool fail_text_utf8(encoder& e, std::size_t bad) {
  return e.fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad));
}

// `prefix` (as write_prefix) + the escaped string + `suffix`; false on invalid UTF-8.
template <std::size_t N, std::size_t S>
[[gnu::always_inline]] inline bool write_wrapped_string(encoder& e, const char* prefix, std::size_t skip, std::string_view s,
                                                        const char (&suffix)[S]) {
  e.out.ensure(N + S + 6 * s.size());
  std::size_t bad = 0;
  char* o = write_json_string_body(write_prefix<N>(e.out.cursor(), prefix, skip), s, bad);
  if (!o) return fail_text_utf8(e, bad);
  std::memcpy(o, suffix, S - 1);
  e.out.advance_to(o + S - 1);
  return true;
}
template <std::size_t P, std::size_t S>
bool write_wrapped_string(encoder& e, const char (&prefix)[P], std::string_view s, const char (&suffix)[S]) {
  return write_wrapped_string<P - 1>(e, prefix, 0, s, suffix);
}

inline bool write_string(encoder& e, std::string_view s, std::size_t& size) {
  size += s.size();
  return write_wrapped_string(e, "{\"S\":\"", s, "\"}");
}

// A quoted set element or map key; false on invalid UTF-8.
inline bool write_quoted(encoder& e, std::string_view s) { return write_wrapped_string(e, "\"", s, "\""); }

// DynamoDB's size of an integer from its decimal text (significant digits, sign).
inline std::size_t integer_size(const char* b, const char* end) noexcept {
  std::size_t neg = *b == '-';
  b += neg;
  if (end - b == 1 && *b == '0') return 1;
  while (end[-1] == '0') --end;
  return 1 + (static_cast<std::size_t>(end - b) + 1) / 2 + neg;
}

inline constexpr std::size_t number_buffer_size = 64;

// A float or double as DynamoDB text through std::to_chars' shortest round trip (and
// normalize_number for exponents), in `buf` (number_buffer_size bytes) or `scratch`.
template <class T>
bool round_trip_float_text(encoder& e, T v, char* buf, std::string& scratch, std::string_view& text) {
  if (!detail::is_finite(v)) return e.fail(errc::number_not_finite, "NaN and infinity are not DynamoDB numbers");
  auto r = std::to_chars(buf, buf + number_buffer_size, v);
  std::string_view t(buf, static_cast<std::size_t>(r.ptr - buf));
  if (t.find('e') == std::string_view::npos) {  // plain text: always within DynamoDB's range
    text = (t == "-0") ? std::string_view("0") : t;
    return true;
  }
  scratch.clear();
  errc c = normalize_number(t, scratch);
  if (c == errc::number_out_of_range) {  // 9.9999999999999992e125's shortest text is 1e+126: 17 digits are not
    auto r17 = std::to_chars(buf, buf + number_buffer_size, v, std::chars_format::scientific, 16);
    t = std::string_view(buf, static_cast<std::size_t>(r17.ptr - buf));
    scratch.clear();
    c = normalize_number(t, scratch);
  }
  if (c != errc::ok) return e.fail(c, std::string(number_error_text(c)) + ": " + std::string(t));
  text = scratch;
  return true;
}

// Formats a number as plain DynamoDB text, in `buf` (number_buffer_size bytes) or `scratch`.
template <class T>
bool number_text(encoder& e, const T& v, char* buf, std::string& scratch, std::string_view& text) {
  if constexpr (integer<T>) {
    (void)scratch;
    char* end;
    if constexpr (sizeof(T) <= sizeof(std::uint64_t)) {
      (void)e;
      end = write_integer_text(buf, v);
    } else if (!wide_integer_text(e, buf, v, end)) {
      return false;
    }
    text = std::string_view(buf, static_cast<std::size_t>(end - buf));
    return true;
  } else if constexpr (floating<T>) {
    if constexpr (std::same_as<T, double>) {
      std::size_t ignored;
      if (detail::is_finite(v))
        if (char* end = write_short_decimal(v, buf, ignored)) {  // 123.4, 0.25, 42: no round-trip search
          text = std::string_view(buf, static_cast<std::size_t>(end - buf));
          return true;
        }
    }
    return round_trip_float_text(e, v, buf, scratch, text);
  } else {
    static_assert(std::same_as<T, number>);
    (void)buf; (void)scratch;
    if (!v.valid()) return e.fail(v.invalid_code(), v.invalid_reason());  // a NaN given to ddbx::value
    text = v.text();
    return true;
  }
}

// The most bytes a wider-than-64-bit integer (__int128) takes as DynamoDB text: its 39 digits with
// a sign, or, past 38 digits, normalize_number's "-d.ddd…E+38" (at most 44).
inline constexpr std::size_t wide_integer_text_room = 48;

// Such an integer's text at `o` (wide_integer_text_room bytes), as ddbx::number writes it; false,
// with the error set, when it has more significant digits than DynamoDB's 38.
template <class T>
bool wide_integer_text(encoder& e, char* o, T v, char*& end) {
  static_assert(sizeof(T) <= 16);
  const number n(v);  // normalises, or holds why it is not a DynamoDB number
  if (!n.valid()) return e.fail(n.invalid_code(), n.invalid_reason());
  const std::string_view t = n.text();
  std::memcpy(o, t.data(), t.size());
  end = o + t.size();
  return true;
}

template <std::size_t N, class T>
[[gnu::noinline]] bool write_wide_integer(encoder& e, const char* prefix, std::size_t skip, T v, std::size_t& size) {
  e.out.ensure(N + wide_integer_text_room + 2);
  char* o = write_prefix<N>(e.out.cursor(), prefix, skip);
  char* end;
  if (!wide_integer_text(e, o, v, end)) return false;
  size += number_size(std::string_view(o, static_cast<std::size_t>(end - o)));  // "1E+38" is 2 bytes
  std::memcpy(end, "\"}", 2);
  e.out.advance_to(end + 2);
  return true;
}

// `prefix` (N bytes ending in `{"N":"`, the first `skip` dropped as above) + the integer + `"}`.
// Integers up to 64 bits always fit DynamoDB's 38 digits; a wider one (__int128) may not, and is
// then refused (false).
template <std::size_t N, class T>
[[gnu::always_inline]] inline bool write_integer(encoder& e, const char* prefix, std::size_t skip, T v, std::size_t& size) {
  if constexpr (sizeof(T) <= sizeof(std::uint64_t)) {
    e.out.ensure(N + integer_text_room + 2);
    char* o = write_prefix<N>(e.out.cursor(), prefix, skip);
    char* end = write_integer_text(o, v);
    size += integer_size(o, end);
    std::memcpy(end, "\"}", 2);
    e.out.advance_to(end + 2);
    return true;
  } else {
    return write_wide_integer<N>(e, prefix, skip, v, size);
  }
}
// The same for a double: a short decimal written in place, anything else through std::to_chars
// and normalize_number.
template <std::size_t N>
inline bool write_double(encoder& e, const char* prefix, std::size_t skip, double v, std::size_t& size) {
  if (detail::is_finite(v)) {
    e.out.ensure(N + short_decimal_room + 2);
    std::size_t number_bytes = 0;
    if (char* end = write_short_decimal(v, write_prefix<N>(e.out.cursor(), prefix, skip), number_bytes)) {
      size += number_bytes;
      std::memcpy(end, "\"}", 2);
      e.out.advance_to(end + 2);
      return true;
    }
  }
  char buf[number_buffer_size];
  std::string scratch;
  std::string_view text;
  if (!round_trip_float_text(e, v, buf, scratch, text)) return false;
  e.out.append(prefix, N - skip);  // `prefix` already starts `skip` bytes in
  e.out.append(text);
  e.out.append("\"}", 2);
  size += number_size(text);
  return true;
}

// A number's share of the item's size: exact, or (Bounded: a ddbx::number under the 400 KB check)
// number_size_bound, marking the item for write_item's exact pass at the limit.
template <bool Bounded>
[[gnu::always_inline]] inline void add_number_size(encoder& e, std::string_view text, std::size_t& size) {
  if constexpr (Bounded) {
    size += number_size_bound(text.size());
    e.sizes_bounded = true;
  } else {
    size += number_size(text);
  }
}

// Bounded: a ddbx::number adds number_size_bound (see there), not its exact size.
template <bool Bounded = false, class T>
bool write_number(encoder& e, const T& v, std::size_t& size) {
  if constexpr (integer<T>) {  // the common case, written in place
    return write_integer<6>(e, "{\"N\":\"", 0, v, size);
  } else if constexpr (std::same_as<T, double>) {
    return write_double<6>(e, "{\"N\":\"", 0, v, size);
  }
  char buf[number_buffer_size];
  std::string scratch;
  std::string_view text;
  if (!number_text(e, v, buf, scratch, text)) return false;
  e.out.ensure(8 + text.size());  // {"N":"text"} in one move
  char* o = e.out.cursor();
  std::memcpy(o, "{\"N\":\"", 6);
  std::memcpy(o + 6, text.data(), text.size());
  std::memcpy(o + 6 + text.size(), "\"}", 2);
  e.out.advance_to(o + 8 + text.size());
  add_number_size<Bounded && std::same_as<T, number>>(e, text, size);
  return true;
}

template <class T>
std::string_view binary_view(const T& b) {
  if constexpr (std::same_as<T, binary>) return b.view();
  else return {reinterpret_cast<const char*>(b.data()), b.size()};
}

inline void write_base64(encoder& e, std::string_view bytes) {
  e.out.ensure(base64_size(bytes.size()));
  e.out.advance_to(base64_encode(e.out.cursor(), reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()));
}

template <class T>
bool is_empty_set_value(const T& v) {
  if constexpr (set_type<T>) return v.empty();
  else if constexpr (dynamic_value<T>) {
    const type t = v.type();  // one range test for the common S, N, M, L
    if (t < type::SS || t > type::BS) return false;
    if (t == type::SS) return v.as_string_set()->empty();
    if (t == type::NS) return v.as_number_set()->empty();
    return v.as_binary_set()->empty();
  } else return false;
}

// Whether a member / map entry is left out of its map.
template <encode_options O, bool WriteNull, bool OmitEmpty, class T>
bool omitted(const T& v) {
  if constexpr (optional_type<T>) {
    if (!v.has_value()) return !(O.null_for_empty_optional || WriteNull);
    return omitted<O, WriteNull, OmitEmpty>(*v);
  } else if constexpr (set_type<T> || dynamic_value<T>) {
    return is_empty_set_value(v);
  } else if constexpr (OmitEmpty && requires { v.empty(); }) {
    return v.empty();
  } else {
    return false;
  }
}

template <class E>
bool write_set_element(encoder& e, const E& x, std::size_t& size) {
  if constexpr (set_string_element<E>) {
    size += x.size();
    return write_quoted(e, x);
  } else if constexpr (set_number_element<E>) {
    char buf[number_buffer_size];
    std::string scratch;
    std::string_view text;
    if (!number_text(e, x, buf, scratch, text)) return false;
    e.out += '"';
    e.out.append(text);
    e.out += '"';
    size += number_size(text);
    return true;
  } else {
    std::string_view b = binary_view(x);
    e.out += '"';
    write_base64(e, b);
    e.out += '"';
    size += b.size();
    return true;
  }
}

template <class Range>
bool write_set(encoder& e, std::string_view tag, const Range& r, std::size_t& size) {
  if (r.begin() == r.end())
    return e.fail(errc::empty_set, "an empty set cannot be stored (DynamoDB sets are never empty)");
  e.out.append("{\"", 2);
  e.out.append(tag);
  e.out.append("\":[", 3);
  std::size_t i = 0;
  for (const auto& x : r) {
    if (i) e.out += ',';
    if (!write_set_element(e, x, size)) { e.err.prepend_index(i); return false; }
    ++i;
  }
  e.out.append("]}", 2);
  return true;
}

// Sets held in a ddbx::value are vectors: check them for duplicates (NS compares normalised text).
// The first element equal to an earlier one is named; an open-addressing table of indices finds it
// (no <set> in the expression layer's headers, and no node per element).
template <class E>
bool check_no_duplicates(encoder& e, const std::vector<E>& v) {
  if (v.size() < 2) return true;
  auto key = [&](std::size_t i) -> std::string_view {
    if constexpr (std::same_as<E, std::string>) return v[i];
    else if constexpr (std::same_as<E, number>) return v[i].text();
    else return v[i].view();
  };
  std::size_t mask = 3;
  while (mask < 2 * v.size()) mask = mask * 2 + 1;
  std::vector<std::size_t> slots(mask + 1, 0);  // element index + 1; 0 = empty
  for (std::size_t i = 0; i < v.size(); ++i) {
    if constexpr (std::same_as<E, number>) {
      if (!v[i].valid()) { e.err.path = "[" + std::to_string(i) + "]"; return e.fail(v[i].invalid_code(), v[i].invalid_reason()); }
    }
    const std::string_view k = key(i);
    std::size_t h = std::hash<std::string_view>{}(k) & mask;
    for (; slots[h] != 0; h = (h + 1) & mask) {
      if (key(slots[h] - 1) == k) {
        e.err.path = "[" + std::to_string(i) + "]";
        return e.fail(errc::duplicate_set_element, "duplicate set element");
      }
    }
    slots[h] = i + 1;
  }
  return true;
}

// A list element or map value. A ddbx::value's S or N (most of an item's values) is written here,
// without the call into write_dynamic's switch over every type.
template <encode_options O, class T>
[[gnu::always_inline]] inline bool write_element(encoder& e, const T& v, std::size_t& size) {
  if constexpr (dynamic_value<T>) {
    const type t = v.type();
    if (t == type::S) return write_string(e, *v.as_string(), size);
    if (t == type::N) return write_number<O.check_item_size>(e, *v.as_number(), size);
  }
  return write_value<O>(e, v, size);
}

// The text of a string or valid number after its `{"S":"` (written up to `o`; a number's 'N' goes over
// the 'S'), then `"}`, moving `o` past them; false (and the error) for a string with invalid UTF-8.
// The room is the caller's.
template <bool Bounded>
[[gnu::always_inline]] inline bool write_text_value(encoder& e, char*& o, std::string_view text, bool is_string, std::size_t& size) {
  std::size_t bad = 0;
  if (is_string) {
    if (!(o = write_json_string_body(o, text, bad))) return fail_text_utf8(e, bad);
    size += text.size();
  } else {
    o[-4] = 'N';
    o = write_json_string_body(o, text, bad);  // a valid number's text (digits, '-', '.', 'E', '+') as it is
    add_number_size<Bounded>(e, text, size);
  }
  std::memcpy(o, "\"}", 2);
  o += 2;
  return true;
}

// The text a ddbx::value string or number holds (write_text_value).
template <class V>
std::string_view text_of(const V& x, bool is_string) noexcept {
  return is_string ? std::string_view(*x.as_string()) : x.as_number()->text();
}

// `,{"S":"text"}` (or N and a number's text) in one write: a list element that is a string or a
// valid number (most of a list's), its comma included. No comma before the first (`skip` 1).
template <bool Bounded, class V>
[[gnu::always_inline]] inline bool write_text_element(encoder& e, std::size_t skip, const V& x, bool is_string, std::size_t& size) {
  const std::string_view text = text_of(x, is_string);
  e.out.ensure(10 + 6 * text.size());
  static constexpr char comma_prefix[] = ",{\"S\":\"";
  char* o = write_prefix<7>(e.out.cursor(), comma_prefix + skip, skip);
  if (!write_text_value<Bounded>(e, o, text, is_string, size)) return false;
  e.out.advance_to(o);
  return true;
}

template <encode_options O, class Range>
bool write_list(encoder& e, const Range& r, std::size_t& size) {
  if (!e.enter()) return false;
  e.out.append("{\"L\":[", 6);
  std::size_t i = 0;
  size += 3;
  for (const auto& x : r) {
    if constexpr (dynamic_value<std::remove_cvref_t<decltype(x)>>) {
      const type t = x.type();
      if (t == type::S || (t == type::N && x.as_number()->valid())) {
        if (!write_text_element<O.check_item_size>(e, i ? 0 : 1, x, t == type::S, size)) { e.err.prepend_index(i); return false; }
        ++size;
        ++i;
        continue;
      }
    }
    if (i) e.out += ',';
    if (is_empty_set_value(x)) {
      e.fail(errc::empty_set, "an empty set cannot be stored inside a list");
      e.err.prepend_index(i);
      return false;
    }
    if (!write_element<O>(e, x, size)) { e.err.prepend_index(i); return false; }
    ++size;
    ++i;
  }
  e.out.append("]}", 2);
  --e.depth;
  return true;
}

[[gnu::noinline, gnu::cold]] inline bool fail_name_utf8(encoder& e, std::size_t bad) {
  e.fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad) + " in an attribute name");
  e.err.prepend_member("<name>");
  return false;
}

// `,"name":{"S":"text"}` (or N and a number's text) in one write: a map member whose value is a
// string or a number (most of an item's), its name and value screened together. No comma before
// the first member (`skip` 1).
template <bool Bounded, class V>
[[gnu::always_inline]] inline bool write_text_member(encoder& e, std::size_t skip, std::string_view k, const V& x, bool is_string, std::size_t& size) {
  const std::string_view text = text_of(x, is_string);
  e.out.ensure(12 + 6 * (k.size() + text.size()));
  char* o = e.out.cursor();
  static constexpr char comma_quote[] = ",\"";
  std::memcpy(o, comma_quote + skip, 2);  // the comma, the quote (and a byte written over next)
  o += 2 - skip;
  std::size_t bad = 0;
  if (!(o = write_json_string_body(o, k, bad))) return fail_name_utf8(e, bad);
  std::memcpy(o, "\":{\"S\":\"", 8);
  o += 8;
  if (!write_text_value<Bounded>(e, o, text, is_string, size)) {
    e.err.prepend_member(k);
    return false;
  }
  e.out.advance_to(o);
  return true;
}

// The members of a string-keyed map, without braces. Top level: names must be 1 byte to 64 KB.
template <encode_options O, class Map>
bool write_map_members(encoder& e, const Map& m, std::size_t& size, bool nested) {
  bool first = true;
  for (const auto& [k, x] : m) {
    if (omitted<O, false, false>(x)) continue;
    if (!nested && (k.empty() || k.size() > limits::max_attribute_name)) {
      e.fail(errc::invalid_name, k.empty() ? "an attribute name cannot be empty" : "attribute name longer than 64 KB");
      e.err.prepend_member(k.substr(0, 64));
      return false;
    }
    const std::size_t skip = first ? 1 : 0;  // no comma before the first
    first = false;
    size += k.size() + (nested ? 1 : 0);
    if constexpr (dynamic_value<typename Map::mapped_type>) {
      const type t = x.type();
      if (t == type::S || (t == type::N && x.as_number()->valid())) {
        if (!write_text_member<O.check_item_size>(e, skip, k, x, t == type::S, size)) return false;
        continue;
      }
    }
    static constexpr char comma_quote[] = ",\"";  // `,"name":` in one write
    std::size_t bad = 0;
    e.out.ensure(4 + 6 * k.size());
    char* o = write_json_string_body(write_prefix<2>(e.out.cursor(), comma_quote + skip, skip), k, bad);
    if (!o) return fail_name_utf8(e, bad);
    std::memcpy(o, "\":", 2);
    e.out.advance_to(o + 2);
    if (!write_element<O>(e, x, size)) { e.err.prepend_member(k); return false; }
  }
  return true;
}

// `,"name":{"T":"` for member I of T: the separator, key and type tag of a string or integer member.
template <class T, std::size_t I, char Tag>
inline constexpr auto member_value_prefix = [] {
  constexpr auto& key = field_info<T, I>::key;
  fixed_text<std::remove_cvref_t<decltype(key)>::size + 6> t{};
  for (std::size_t i = 0; i < key.size; ++i) t.data[i] = key.data[i];
  const char tail[] = {'{', '"', Tag, '"', ':', '"'};
  for (std::size_t i = 0; i < 6; ++i) t.data[key.size + i] = tail[i];
  return t;
}();

// One member: inline into a small struct's writer (no call per member), else its own function.
template <encode_options O, class T, std::size_t I>
[[gnu::always_inline]] inline bool write_member_inline(encoder& e, const T& v, std::size_t& size, bool& first,
                                                       bool nested) {
  using F = field_info<T, I>;
  if constexpr (F::skip) {
    return true;
  } else {
    const auto& m = boost::pfr::get<I>(v);
    if (omitted<O, F::option.write_null, F::option.omit_empty>(m)) return true;
    using M = typename F::type;
    if constexpr (!has_encoding_codec<M> && (string_type<M> || integer<M> || std::same_as<M, double>)) {
      // One constant `,"name":{"S":"` (or N) before the value, written with the value.
      constexpr auto& prefix = member_value_prefix<T, I, string_type<M> ? 'S' : 'N'>;
      constexpr std::size_t pn = std::remove_cvref_t<decltype(prefix)>::size;
      const std::size_t skip = first ? 1 : 0;  // no comma before the first member
      const char* p = prefix.data + skip;
      first = false;
      size += F::name.size() + (nested ? 1 : 0);
      if constexpr (string_type<M>) {
        size += m.size();
        if (!write_wrapped_string<pn>(e, p, skip, m, "\"}")) { e.err.prepend_member(F::name); return false; }
      } else if constexpr (std::same_as<M, double>) {
        if (!write_double<pn>(e, p, skip, m, size)) { e.err.prepend_member(F::name); return false; }
      } else if (!write_integer<pn>(e, p, skip, m, size)) {
        e.err.prepend_member(F::name);
        return false;
      }
      return true;
    }
    constexpr std::size_t n = F::key.size;  // `,"name":` — copied with a constant size
    e.out.ensure(n);
    if (first) {  // without the comma
      std::memcpy(e.out.cursor(), F::key.data + 1, n - 1);
      e.out.advance_to(e.out.cursor() + n - 1);
      first = false;
    } else {
      std::memcpy(e.out.cursor(), F::key.data, n);
      e.out.advance_to(e.out.cursor() + n);
    }
    size += F::name.size() + (nested ? 1 : 0);
    if (!write_value<O>(e, m, size)) { e.err.prepend_member(F::name); return false; }
    return true;
  }
}
template <encode_options O, class T, std::size_t I>
bool write_member(encoder& e, const T& v, std::size_t& size, bool& first, bool nested) {
  return write_member_inline<O, T, I>(e, v, size, first, nested);
}

// Whether write_value takes T without reaching its final static_assert; a struct's own members
// are checked where it is written, so that the diagnostic names them.
template <class T>
consteval bool encodable() {
  if constexpr (has_encoding_codec<T>)
    return encodable<std::remove_cvref_t<decltype(codec<T>::to_repr(std::declval<const T&>()))>>();
  else if constexpr (string_type<T> || string_view_like<T> || boolean<T> || integer<T> || floating<T> ||
                     std::same_as<T, number> || null_type<T> || binary_type<T> || enum_type<T> ||
                     dynamic_value<T> || set_type<T> || reflected_struct<T>)
    return true;
  else if constexpr (std::is_array_v<T>) return std::same_as<std::remove_cv_t<std::remove_extent_t<T>>, char>;
  else if constexpr (optional_type<T>) return encodable<typename T::value_type>();
  else if constexpr (map_type<T>) return encodable<typename T::mapped_type>();
  else if constexpr (sequence_type<T>) return encodable<typename T::value_type>();
  else return false;
}

// The first member T writes whose type is not encodable; field_count<T> if there is none.
template <class T>
inline constexpr std::size_t first_unencodable_member = []<std::size_t... I>(std::index_sequence<I...>) {
  constexpr bool ok[] = {(field_info<T, I>::skip || encodable<typename field_info<T, I>::type>())..., true};
  return first_false(ok);
}(std::make_index_sequence<field_count<T>>{});

template <encode_options O, class T>
bool write_struct_members(encoder& e, const T& v, std::size_t& size, bool nested) {
  if constexpr (first_unencodable_member<T> < field_count<T>) {  // one error naming the member, no cascade
    report_member<unmappable_member, T, first_unencodable_member<T>>();
    (void)e, (void)v, (void)size, (void)nested;
    return false;
  } else {
    bool first = true;
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      if constexpr (field_count<T> <= 16) return (write_member_inline<O, T, I>(e, v, size, first, nested) && ...);
      else return (write_member<O, T, I>(e, v, size, first, nested) && ...);
    }(std::make_index_sequence<field_count<T>>{});
  }
}

// V is ddbx::value (a template parameter so that its definition is needed only where one is encoded).
template <encode_options O, class V>
bool write_dynamic(encoder& e, const V& v, std::size_t& size) {
  switch (v.type()) {
    case type::NULL_: e.out.literal("{\"NULL\":true}"); size += 1; return true;
    case type::BOOL: return write_value<O>(e, *v.as_bool(), size);
    case type::S: return write_string(e, *v.as_string(), size);
    case type::N: return write_number<O.check_item_size>(e, *v.as_number(), size);
    case type::B: return write_value<O>(e, *v.as_binary(), size);
    case type::SS: return check_no_duplicates(e, *v.as_string_set()) && write_set(e, "SS", *v.as_string_set(), size);
    case type::NS: return check_no_duplicates(e, *v.as_number_set()) && write_set(e, "NS", *v.as_number_set(), size);
    case type::BS: return check_no_duplicates(e, *v.as_binary_set()) && write_set(e, "BS", *v.as_binary_set(), size);
    case type::L: return write_list<O>(e, *v.as_list(), size);
    case type::M: return write_value<O>(e, *v.as_map(), size);
  }
  return false;
}

template <encode_options O, class T>
bool write_value(encoder& e, const T& v, std::size_t& size) {
  if constexpr (has_encoding_codec<T>) {
    return write_value<O>(e, codec<T>::to_repr(v), size);
  } else if constexpr (string_type<T> || std::same_as<T, std::string_view>) {
    return write_string(e, v, size);
  } else if constexpr (string_view_like<T>) {
    if (v == nullptr) { e.out.literal("{\"NULL\":true}"); size += 1; return true; }
    return write_string(e, std::string_view(v), size);
  } else if constexpr (std::is_array_v<T> && std::same_as<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
    return write_string(e, std::string_view(v, strnlen(v, std::extent_v<T>)), size);
  } else if constexpr (boolean<T>) {
    if (v) e.out.literal("{\"BOOL\":true}"); else e.out.literal("{\"BOOL\":false}");
    size += 1;
    return true;
  } else if constexpr (integer<T> || floating<T> || std::same_as<T, number>) {
    return write_number(e, v, size);
  } else if constexpr (null_type<T>) {
    e.out.literal("{\"NULL\":true}");
    size += 1;
    return true;
  } else if constexpr (binary_type<T>) {
    std::string_view b = binary_view(v);
    e.out.append("{\"B\":\"", 6);
    write_base64(e, b);
    e.out.append("\"}", 2);
    size += b.size();
    return true;
  } else if constexpr (enum_type<T>) {
    return write_number(e, static_cast<std::underlying_type_t<T>>(v), size);
  } else if constexpr (optional_type<T>) {
    if (!v) { e.out.literal("{\"NULL\":true}"); size += 1; return true; }
    return write_value<O>(e, *v, size);
  } else if constexpr (dynamic_value<T>) {
    return write_dynamic<O>(e, v, size);
  } else if constexpr (set_type<T>) {
    using E = typename T::key_type;
    if constexpr (set_string_element<E>) return write_set(e, "SS", v, size);
    else if constexpr (set_number_element<E>) return write_set(e, "NS", v, size);
    else if constexpr (set_binary_element<E>) return write_set(e, "BS", v, size);
    else static_assert(unmappable<T>, "ddbx: a set must hold strings (SS), numbers (NS) or binaries (BS)");
  } else if constexpr (map_type<T>) {
    if (!e.enter()) return false;
    e.out.append("{\"M\":{", 6);
    size += 3;
    if (!write_map_members<O>(e, v, size, true)) return false;
    e.out.append("}}", 2);
    --e.depth;
    return true;
  } else if constexpr (sequence_type<T>) {
    return write_list<O>(e, v, size);
  } else if constexpr (reflected_struct<T>) {
    if (!e.enter()) return false;
    e.out.append("{\"M\":{", 6);
    size += 3;
    if (!write_struct_members<O>(e, v, size, true)) return false;
    e.out.append("}}", 2);
    --e.depth;
    return true;
  } else {
    static_assert(unmappable<T>,
                  "ddbx: this type cannot be mapped to an AttributeValue; specialise ddbx::codec<T> "
                  "(see ddbx/mapping/codec.hpp) or use a supported type");
    return false;
  }
}

template <class T>
concept item_type = reflected_struct<T> || map_type<T>;

template <encode_options O, class T>
bool write_item(encoder& e, const T& v, std::size_t& size);

[[gnu::noinline, gnu::cold]] inline bool fail_item_too_large(encoder& e, std::size_t size) {
  return e.fail(errc::item_too_large, "item size " + std::to_string(size) + " bytes exceeds DynamoDB's 400 KB (409600 bytes)");
}

// For an item whose size passed 400 KB while each ddbx::number counted number_size_bound: the
// exact size decides (written again as before, into a scratch string, sizing numbers exactly).
template <encode_options O, class T>
[[gnu::noinline, gnu::cold]] bool exact_size_within_limit(encoder& e, const T& v) {
  static constexpr encode_options exact = [] {
    encode_options x = O;
    x.check_item_size = false;
    return x;
  }();
  std::string scratch;
  sink s(scratch);
  encoder x{s};
  std::size_t size = 0;
  if (!write_item<exact>(x, v, size)) {  // wrote the same a moment ago (a codec that gives another repr aside)
    e.err = std::move(x.err);
    return false;
  }
  if (size > limits::max_item_size) return fail_item_too_large(e, size);
  return true;
}

template <encode_options O, class T>
bool write_item(encoder& e, const T& v, std::size_t& size) {
  if constexpr (has_encoding_codec<T>) {  // a class written as its repr (a struct or a map)
    return write_item<O>(e, codec<T>::to_repr(v), size);
  } else if constexpr (!item_type<T>) {  // one error, no cascade
    static_assert(!non_aggregate_class<T>,
                  "ddbx: an item must be an aggregate with public members (no private members, constructors "
                  "or virtual functions), or specialise ddbx::codec<T> with a struct or map repr "
                  "(see ddbx/mapping/codec.hpp)");
    static_assert(non_aggregate_class<T>, "ddbx: an item must be a struct, a ddbx::item or a string-keyed map");
    (void)e, (void)v, (void)size;
    return false;
  } else {
    e.out += '{';
    e.sizes_bounded = false;
    bool ok;
    if constexpr (reflected_struct<T>) ok = write_struct_members<O>(e, v, size, false);
    else ok = write_map_members<O>(e, v, size, false);
    if (!ok) return false;
    e.out += '}';
    if (O.check_item_size && size > limits::max_item_size)  // exact unless a number was bounded
      return e.sizes_bounded ? exact_size_within_limit<O>(e, v) : fail_item_too_large(e, size);
    return true;
  }
}

}  // namespace detail

// Appends the item's attribute map `{"name":{"S":"…"},…}` to `out`.
template <encode_options O = encode_options{}, class T>
status encode_item(const T& v, std::string& out) {
  detail::sink s(out);
  detail::encoder e{s};
  std::size_t size = 0;
  if (!detail::write_item<O>(e, v, size)) {
    s.rollback();
    return std::move(e.err);
  }
  s.finish();
  return {};
}

// The item's attribute map as a new string.
template <encode_options O = encode_options{}, class T>
result<std::string> encode_item(const T& v) {
  std::string out;
  if (auto s = encode_item<O>(v, out); !s) return std::move(s).error();
  return out;
}

// Appends one AttributeValue (`{"S":"…"}`, `{"M":{…}}`, …) to `out`.
template <encode_options O = encode_options{}, class T>
status encode_value(const T& v, std::string& out) {
  detail::sink s(out);
  detail::encoder e{s};
  std::size_t size = 0;
  bool ok = !detail::is_empty_set_value(v) ||
            e.fail(errc::empty_set, "an empty set cannot be stored (DynamoDB sets are never empty)");
  if (ok) ok = detail::write_value<O>(e, v, size);
  if (!ok) {
    s.rollback();
    return std::move(e.err);
  }
  s.finish();
  return {};
}

// Appends a JSON array of items `[{…},{…}]`; an error's path starts with the item's index.
template <encode_options O = encode_options{}, class Range>
status encode_items(const Range& items, std::string& out) {
  detail::sink s(out);
  detail::encoder e{s};
  s += '[';
  std::size_t i = 0;
  for (const auto& it : items) {
    if (i) s += ',';
    std::size_t size = 0;
    if (!detail::write_item<O>(e, it, size)) {
      s.rollback();
      e.err.prepend_index(i);
      return std::move(e.err);
    }
    ++i;
  }
  s += ']';
  s.finish();
  return {};
}

// DynamoDB's size of the item in bytes (the 400 KB limit's formula; see the README).
template <class T>
result<std::size_t> item_size(const T& v) {
  std::string scratch;
  detail::sink s(scratch);
  detail::encoder e{s};
  std::size_t size = 0;
  if (!detail::write_item<encode_options{.check_item_size = false}>(e, v, size)) return std::move(e.err);
  return size;
}

}  // namespace ddbx
