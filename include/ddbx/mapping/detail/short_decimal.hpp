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

#include "ddbx/detail/decimal_digits.hpp"
#include "ddbx/detail/float_math.hpp"

namespace ddbx::detail {

// 10^0 … 10^15 as doubles (exact), from the integer table.
inline constexpr auto short_decimal_powers = [] {
  struct powers { double v[16]; } p{};
  for (int k = 0; k < 16; ++k) p.v[k] = static_cast<double>(decimal_powers[k]);
  return p;
}();

// The room write_short_decimal needs at `o`: it stores 16-byte blocks, each past the text's end
// overwritten or left beyond it.
inline constexpr std::size_t short_decimal_room = 40;

// Writes finite `v` at `o` (room for short_decimal_room bytes) when it is a short decimal and sets
// `size` to DynamoDB's size of the number (number_size of the text); returns the end, or nullptr
// when the slow path must write it.
inline char* write_short_decimal(double v, char* o, std::size_t& size) noexcept {
  const bool neg = sign_bit(v);
  const double a = neg ? -v : v;
  if (a == 0) { *o = '0'; size = 1; return o + 1; }  // -0 is written 0, as DynamoDB has no negative zero
  if (!(a >= 1e-4 && a < 1e15)) return nullptr;
  for (int k = 0; k <= 15; ++k) {
    const double scaled = a * short_decimal_powers.v[k];
    if (scaled >= 1e15) return nullptr;  // more than 15 significant digits: the slow path decides
    const double m = nearby_int(scaled);
    if (m == 0 || m / short_decimal_powers.v[k] != a) continue;
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
