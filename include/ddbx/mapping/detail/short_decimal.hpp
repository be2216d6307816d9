#pragma once
// The fast path for writing a double as DynamoDB number text: values that are a short decimal
// (123.4, 0.25, 19.99, 42) are written without a shortest-round-trip search. Everything else
// returns nullptr and goes through std::to_chars (libstdc++'s Ryu) and normalize_number.
//
// Why the text is the same as the slow path's: for k = 0, 1, 2, … the candidate is
// m = round(|v|·10^k) and it is taken at the first k where m / 10^k == |v|. Both m (< 10^15 <
// 2^53) and 10^k (k ≤ 15) are exact doubles, so the IEEE division is the correctly rounded value
// of the decimal m·10^-k: the very double a reader parses from that text. A decimal of at most 15
// significant digits is the only one of its length that reads back as v (DBL_DIG is 15), and the
// first k found has the fewest digits after the point — so, for |v| ≥ 1e-4, it is the shortest
// round-trip text std::to_chars finds, written out as normalize_number writes it. The unit test
// "short decimal fast path" checks that against the slow path on millions of values.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "ddbx/detail/float_math.hpp"

namespace ddbx::detail {

inline constexpr double short_decimal_powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
inline constexpr std::uint64_t short_decimal_integer_powers[] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull, 1000000000ull,
    10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull, 100000000000000ull,
    1000000000000000ull, 10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
    10000000000000000000ull};

// The room write_short_decimal needs at `o`: it stores 16-byte blocks, each past the text's end
// overwritten or left beyond it.
inline constexpr std::size_t short_decimal_room = 40;

// "00" "01" … "99": two digits per lookup.
inline constexpr char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// The number of decimal digits of u ≥ 1 (floor(log10 u) from its bit width, corrected).
inline int decimal_length(std::uint64_t u) noexcept {
  const int t = static_cast<int>(((64 - static_cast<unsigned>(__builtin_clzll(u))) * 1233) >> 12);
  return t + (u >= short_decimal_integer_powers[t] ? 1 : 0);
}

// Writes the `len` digits of u at d[0, len), two at a time from the end.
inline void write_decimal_digits(std::uint64_t u, int len, char* d) noexcept {
  char* p = d + len;
  while (u >= 100) {
    const auto r = static_cast<std::size_t>(u % 100);
    u /= 100;
    p -= 2;
    std::memcpy(p, digit_pairs + 2 * r, 2);
  }
  if (u >= 10) {
    std::memcpy(p - 2, digit_pairs + 2 * u, 2);
  } else {
    p[-1] = static_cast<char>('0' + u);
  }
}

// Writes integer v at `o` (room for 21 bytes) in decimal, as std::to_chars does; returns the end.
template <class T>
char* write_integer_text(char* o, T v) noexcept {
  static_assert(sizeof(T) <= sizeof(std::uint64_t));
  std::uint64_t u = static_cast<std::uint64_t>(v);
  if constexpr (static_cast<T>(-1) < T{0}) {
    if (v < 0) {
      *o++ = '-';
      u = std::uint64_t{0} - u;  // the magnitude, the most negative value's too
    }
  }
  if (u == 0) {
    *o = '0';
    return o + 1;
  }
  const int len = decimal_length(u);
  write_decimal_digits(u, len, o);
  return o + len;
}

// Writes finite `v` at `o` (room for short_decimal_room bytes) when it is a short decimal and sets
// `size` to DynamoDB's size of the number (number_size of the text); returns the end, or nullptr
// when the slow path must write it.
inline char* write_short_decimal(double v, char* o, std::size_t& size) noexcept {
  const bool neg = sign_bit(v);
  const double a = neg ? -v : v;
  if (a == 0) { *o = '0'; size = 1; return o + 1; }  // -0 is written 0, as DynamoDB has no negative zero
  if (!(a >= 1e-4 && a < 1e15)) return nullptr;
  for (int k = 0; k <= 15; ++k) {
    const double scaled = a * short_decimal_powers[k];
    if (scaled >= 1e15) return nullptr;  // more than 15 significant digits: the slow path decides
    const double m = nearby_int(scaled);
    if (m == 0 || m / short_decimal_powers[k] != a) continue;
    // m·10^-k, written as [-]int[.frac] with k fraction digits (the last one non-zero, else a
    // smaller k would have matched).
    const auto u = static_cast<std::uint64_t>(m);
    const int len = decimal_length(u);  // at most 15
    char digits[32] = {};  // the blocks below copy whole 16 bytes
    write_decimal_digits(u, len, digits);
    // Significant digits: 1 byte per two of the integer part and of the fraction, 1 more, 1 for a sign.
    if (k == 0) {
      int trailing = 0;
      while (digits[len - 1 - trailing] == '0') ++trailing;
      size = 1 + static_cast<std::size_t>(len - trailing + 1) / 2;
    } else if (len > k) {
      size = 1 + static_cast<std::size_t>(len - k + 1) / 2 + static_cast<std::size_t>(k + 1) / 2;
    } else {
      size = 1 + static_cast<std::size_t>(len + 1) / 2;
    }
    size += neg;
    if (neg) *o++ = '-';
    // Whole 16-byte blocks (len, k ≤ 15), their ends written over or past the text's end.
    if (len <= k) {  // 0.00ddd
      o[0] = '0';
      o[1] = '.';
      o += 2;
      std::memset(o, '0', 16);
      o += k - len;
      std::memcpy(o, digits, 16);
      return o + len;
    }
    std::memcpy(o, digits, 16);
    o += len - k;
    if (k > 0) {
      *o++ = '.';
      std::memcpy(o, digits + (len - k), 16);
      o += k;
    }
    return o;
  }
  return nullptr;
}

}  // namespace ddbx::detail
