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

#include "ddbx/detail/float_math.hpp"

namespace ddbx::detail {

inline constexpr double short_decimal_powers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

// Writes finite `v` at `o` (room for 24 bytes) when it is a short decimal and sets `size` to
// DynamoDB's size of the number (number_size of the text); returns the end, or nullptr when the
// slow path must write it.
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
    char digits[24];
    int len = 0;
    for (auto u = static_cast<std::uint64_t>(m); u != 0; u /= 10) digits[len++] = static_cast<char>('0' + u % 10);
    // Significant digits: 1 byte per two of the integer part and of the fraction, 1 more, 1 for a sign.
    if (k == 0) {
      int trailing = 0;
      while (digits[trailing] == '0') ++trailing;
      size = 1 + static_cast<std::size_t>(len - trailing + 1) / 2;
    } else if (len > k) {
      size = 1 + static_cast<std::size_t>(len - k + 1) / 2 + static_cast<std::size_t>(k + 1) / 2;
    } else {
      size = 1 + static_cast<std::size_t>(len + 1) / 2;
    }
    size += neg;
    if (neg) *o++ = '-';
    if (len <= k) {  // 0.00ddd
      *o++ = '0';
      *o++ = '.';
      for (int z = len; z < k; ++z) *o++ = '0';
      while (len > 0) *o++ = digits[--len];
    } else {
      while (len > k) *o++ = digits[--len];
      if (k > 0) {
        *o++ = '.';
        while (len > 0) *o++ = digits[--len];
      }
    }
    return o;
  }
  return nullptr;
}

}  // namespace ddbx::detail
