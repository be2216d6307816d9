#pragma once
// Appending JSON text to a caller's std::string: string escaping with UTF-8 validation.
// Kept free of simdjson (see ARCHITECTURE: encoding never pays for the parser).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/mapping/detail/utf8_screen.hpp"

namespace ddbx::detail {

// True if any byte of the 8 in `w` is < 0x20, '"', '\\' or >= 0x80 (SWAR; exact for "any").
inline bool word_needs_attention(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
  return (below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) | (w & highs)) != 0;
}

// The same for the 16 bytes of two words at once, with one vector compare per kind where the
// compiler has vector extensions (GCC, Clang): a signed byte below 0x20 is a control or >= 0x80.
inline bool words_need_attention(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__GNUC__)
  using bytes16 = signed char __attribute__((vector_size(16)));
  using words2 = std::uint64_t __attribute__((vector_size(16)));
  const bytes16 c = reinterpret_cast<bytes16>(words2{a, b});
  const bytes16 bad = (c < 0x20) | (c == '"') | (c == '\\');
  std::uint64_t halves[2];
  std::memcpy(halves, &bad, 16);
  return (halves[0] | halves[1]) != 0;
#else
  return word_needs_attention(a) || word_needs_attention(b);
#endif
}

// Bytes that a JSON string body cannot copy as they are: controls, '"', '\\', and the lead
// bytes of multi-byte UTF-8 sequences (which must be validated).
struct attention_table {
  bool v[256]{};
  constexpr attention_table() {
    for (int c = 0; c < 0x20; ++c) v[c] = true;
    v[static_cast<unsigned char>('"')] = true;
    v[static_cast<unsigned char>('\\')] = true;
    for (int c = 0x80; c < 0x100; ++c) v[c] = true;
  }
};
inline constexpr attention_table needs_attention{};

// Writes `s` as the inside of a JSON string at `o`, which has room for 6 * s.size() bytes.
// Returns the end of what was written, or nullptr when `s` is not valid UTF-8 (then `bad` is
// the offset of the first invalid byte). The general case, out of line.
[[gnu::noinline]] inline char* write_json_string_body_general(char* o, std::string_view s, std::size_t& bad) {
  const char* p = s.data();
  const std::size_t n = s.size();
  // Most text needs no escaping and is valid UTF-8: screened and copied 16 bytes at a time.
  if (screen_copy_json_body(p, n, o)) return o + n;
  std::size_t i = 0;
  constexpr char hex[] = "0123456789abcdef";
  while (i < n) {
    // Clean 8-byte words are copied whole.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (word_needs_attention(w)) break;
      std::memcpy(o, &w, 8);
      o += 8;
      i += 8;
    }
    // A clean tail shorter than a word is checked and copied with overlapping loads and stores
    // that never leave [p, p + n): the last word of the string when it has one (the bytes it
    // shares with the words before are clean, so they map 1:1 to the output), else two
    // overlapping halves. Anything else falls through to the byte loop.
    if (const std::size_t r = n - i; r > 0 && r < 8) {
      if (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p + n - 8, 8);
        if (!word_needs_attention(w)) {
          std::memcpy(o - (8 - r), &w, 8);
          return o + r;
        }
      } else if (i == 0) {
        std::uint64_t w;
        if (r >= 4) {
          std::uint32_t a, b;
          std::memcpy(&a, p, 4);
          std::memcpy(&b, p + r - 4, 4);
          w = a | static_cast<std::uint64_t>(b) << 32;
          if (!word_needs_attention(w)) {
            std::memcpy(o, &a, 4);
            std::memcpy(o + r - 4, &b, 4);
            return o + r;
          }
        } else if (r >= 2) {
          std::uint16_t a, b;
          std::memcpy(&a, p, 2);
          std::memcpy(&b, p + r - 2, 2);
          w = a | static_cast<std::uint64_t>(b) << 16 | 0x6161616100000000ull;
          if (!word_needs_attention(w)) {
            std::memcpy(o, &a, 2);
            std::memcpy(o + r - 2, &b, 2);
            return o + r;
          }
        }
      }
    }
    // Then byte by byte up to the next word boundary (or the end).
    const std::size_t stop = n < i + 8 ? n : i + 8;
    while (i < stop) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      if (!needs_attention.v[c]) { *o++ = static_cast<char>(c); ++i; continue; }
      if (c < 0x80) {
        *o++ = '\\';
        switch (c) {
          case '"': *o++ = '"'; break;
          case '\\': *o++ = '\\'; break;
          case '\b': *o++ = 'b'; break;
          case '\f': *o++ = 'f'; break;
          case '\n': *o++ = 'n'; break;
          case '\r': *o++ = 'r'; break;
          case '\t': *o++ = 't'; break;
          default: *o++ = 'u'; *o++ = '0'; *o++ = '0'; *o++ = hex[c >> 4]; *o++ = hex[c & 15];
        }
        ++i;
        continue;
      }
      const std::size_t len = utf8_sequence_length(s, i);
      if (len == 0) { bad = i; return nullptr; }
      for (std::size_t k = 0; k < len; ++k) o[k] = p[i + k];
      o += len;
      i += len;
    }
  }
  return o;
}

// The same, with the common case inline: a string of at most 16 bytes that needs no escaping and
// is ASCII is checked and copied with two overlapping loads and stores that stay inside it (up to
// 3 bytes: the first, middle and last byte).
[[gnu::always_inline]] inline char* write_json_string_body(char* o, std::string_view s, std::size_t& bad) {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8 && n <= 16) {
    std::uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
    if (!words_need_attention(a, b)) {
      std::memcpy(o, &a, 8);
      std::memcpy(o + n - 8, &b, 8);
      return o + n;
    }
  } else if (n >= 4 && n < 8) {
    std::uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    const std::uint64_t w = a | static_cast<std::uint64_t>(b) << 32;
    if (!words_need_attention(w, w)) {
      std::memcpy(o, &a, 4);
      std::memcpy(o + n - 4, &b, 4);
      return o + n;
    }
  } else if (n > 0 && n < 4) {  // 1 to 3 bytes: the first, middle and last are all of them
    const char c0 = p[0], c1 = p[n / 2], c2 = p[n - 1];
    const std::uint64_t w = 0x6161616161000000ull | static_cast<unsigned char>(c0) |
                            static_cast<std::uint64_t>(static_cast<unsigned char>(c1)) << 8 |
                            static_cast<std::uint64_t>(static_cast<unsigned char>(c2)) << 16;
    if (!words_need_attention(w, w)) {
      o[0] = c0;
      o[n / 2] = c1;
      o[n - 1] = c2;
      return o + n;
    }
  } else if (n == 0) {
    return o;
  }
  return write_json_string_body_general(o, s, bad);
}

// Compile-time JSON escaping, for attribute names known at compile time.
constexpr std::size_t json_escaped_size(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') n += 2;
    else if (c < 0x20) n += 6;
    else n += 1;
  }
  return n;
}

template <std::size_t N>
struct fixed_text {
  char data[N + 1]{};
  static constexpr std::size_t size = N;
  constexpr std::string_view view() const { return {data, N}; }
};

// `,"escaped name":` — the separator and the key of one member.
template <std::size_t N>
constexpr fixed_text<N + 4> make_member_key(std::string_view name) {
  fixed_text<N + 4> t{};
  std::size_t k = 0;
  t.data[k++] = ',';
  t.data[k++] = '"';
  constexpr char hex[] = "0123456789abcdef";
  for (char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': t.data[k++] = '\\'; t.data[k++] = '"'; break;
      case '\\': t.data[k++] = '\\'; t.data[k++] = '\\'; break;
      case '\b': t.data[k++] = '\\'; t.data[k++] = 'b'; break;
      case '\f': t.data[k++] = '\\'; t.data[k++] = 'f'; break;
      case '\n': t.data[k++] = '\\'; t.data[k++] = 'n'; break;
      case '\r': t.data[k++] = '\\'; t.data[k++] = 'r'; break;
      case '\t': t.data[k++] = '\\'; t.data[k++] = 't'; break;
      default:
        if (c < 0x20) {
          t.data[k++] = '\\'; t.data[k++] = 'u'; t.data[k++] = '0'; t.data[k++] = '0';
          t.data[k++] = hex[c >> 4]; t.data[k++] = hex[c & 15];
        } else {
          t.data[k++] = ch;
        }
    }
  }
  t.data[k++] = '"';
  t.data[k++] = ':';
  return t;
}

}  // namespace ddbx::detail
