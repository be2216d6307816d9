#pragma once
// Decimal digits two at a time: the integer text of the encoder, of expression values and of the
// short-decimal fast path for doubles (mapping/detail/short_decimal.hpp). The same text as
// std::to_chars, without a reversed buffer or a digit-by-digit loop.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ddbx::detail {

// 10^0 … 10^19: every power of ten a std::uint64_t holds.
inline constexpr std::uint64_t decimal_powers[] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull, 1000000000ull,
    10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull, 100000000000000ull,
    1000000000000000ull, 10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
    10000000000000000000ull};

// "00" "01" … "99": two digits per lookup.
inline constexpr char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// The number of decimal digits of u ≥ 1 (floor(log10 u) from its bit width, corrected).
inline int decimal_length(std::uint64_t u) noexcept {
  const int t = ((64 - std::countl_zero(u)) * 1233) >> 12;
  return t + (u >= decimal_powers[t] ? 1 : 0);
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

// The most bytes write_integer_text writes: a sign and 20 digits.
inline constexpr std::size_t integer_text_room = 21;

// Writes integer v (at most 64 bits) at `o` (integer_text_room bytes) in decimal, as std::to_chars
// does; returns the end.
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

}  // namespace ddbx::detail
