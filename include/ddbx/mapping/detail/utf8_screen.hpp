#pragma once
// SIMD screening of a JSON string body, 16 bytes at a time: does the text need no escaping (no
// byte below 0x20, no '"', no '\\') and is it valid UTF-8? When it is, the writer copies it as it
// is; otherwise its exact byte loop runs (escapes, the offset of the first invalid byte).
//
// UTF-8 is checked with the lookup algorithm of Keiser and Lemire ("Validating UTF-8 in less than
// one instruction per byte", 2021): three 16-entry table lookups (PSHUFB) classify each pair of
// adjacent bytes by the error it would make, and two comparisons say where a continuation byte
// must stand. It needs SSSE3 (x86-64-v2; every x86-64 CPU since 2006): built with -mssse3 or
// above it is called directly, else once the CPU says it has SSSE3. Elsewhere
// (other CPUs, other compilers) screen_copy_json_body says "no" and the byte loop does all.
// Kept free of simdjson (encoding never pays for the parser).
#include <cstddef>
#include <cstdint>
#include <cstring>

// Written with GCC/Clang vector extensions and one builtin (PSHUFB), not <tmmintrin.h>: the
// intrinsics headers would cost every user of the expression layer about 50 ms of compile time.
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define DDBX_UTF8_SCREEN_SSSE3 1
#endif

namespace ddbx::detail {

#if defined(DDBX_UTF8_SCREEN_SSSE3)
namespace utf8_screen {
// What each pair (previous byte, this byte) would break; a pair is valid when the three lookups
// share no bit, except TWO_CONTS where a third or fourth byte of a sequence must stand.
inline constexpr char too_short = 1 << 0;   // a lead, then no continuation
inline constexpr char too_long = 1 << 1;    // ASCII, then a continuation
inline constexpr char overlong_3 = 1 << 2;  // E0 80..9F
inline constexpr char too_large = 1 << 3;   // F4 90..BF, F5..FF
inline constexpr char surrogate = 1 << 4;   // ED A0..BF
inline constexpr char overlong_2 = 1 << 5;  // C0, C1
inline constexpr char too_large_1000 = 1 << 6;
inline constexpr char overlong_4 = 1 << 6;  // F0 80..8F
inline constexpr char two_conts = static_cast<char>(1 << 7);
inline constexpr char carry = too_short | too_long | two_conts;

using u8x16 = unsigned char __attribute__((vector_size(16)));
using i8x16 = char __attribute__((vector_size(16)));

struct state {
  u8x16 previous;
  u8x16 error;
  u8x16 escape;
};

[[gnu::target("ssse3"), gnu::always_inline]] inline u8x16 lookup(i8x16 table, u8x16 index) {
  return reinterpret_cast<u8x16>(__builtin_ia32_pshufb128(table, reinterpret_cast<i8x16>(index)));
}

// The bytes of `in` shifted by N, the last N of `previous` in front (PALIGNR).
template <int N>
[[gnu::target("ssse3"), gnu::always_inline]] inline u8x16 shift_in(u8x16 previous, u8x16 in) {
  return __builtin_shufflevector(previous, in, 16 - N, 17 - N, 18 - N, 19 - N, 20 - N, 21 - N, 22 - N, 23 - N, 24 - N, 25 - N,
                                 26 - N, 27 - N, 28 - N, 29 - N, 30 - N, 31 - N);
}

[[gnu::target("ssse3"), gnu::always_inline]] inline void screen_block(state& s, u8x16 in) {
  // Needs escaping: below 0x20, '"', '\' (comparisons of unsigned lanes give 0 or 0xFF).
  s.escape |= reinterpret_cast<u8x16>(in < 0x20) | reinterpret_cast<u8x16>(in == '"') | reinterpret_cast<u8x16>(in == '\\');
  const u8x16 prev1 = shift_in<1>(s.previous, in);
  const u8x16 byte_1_high =
      lookup(i8x16{too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long, two_conts, two_conts,
                   two_conts, two_conts, too_short | overlong_2, too_short, too_short | overlong_3 | surrogate,
                   too_short | too_large | too_large_1000 | overlong_4},
             prev1 >> 4);
  constexpr char large = carry | too_large | too_large_1000;
  const u8x16 byte_1_low = lookup(i8x16{carry | overlong_3 | overlong_2 | overlong_4, carry | overlong_2, carry, carry,
                                        carry | too_large, large, large, large, large, large, large, large, large,
                                        large | surrogate, large, large},
                                  prev1 & 0x0F);
  constexpr char cont_1000 = too_long | overlong_2 | two_conts | overlong_3 | too_large_1000 | overlong_4;
  constexpr char cont_1001 = too_long | overlong_2 | two_conts | overlong_3 | too_large;
  constexpr char cont_101 = too_long | overlong_2 | two_conts | surrogate | too_large;
  const u8x16 byte_2_high = lookup(i8x16{too_short, too_short, too_short, too_short, too_short, too_short, too_short,
                                         too_short, cont_1000, cont_1001, cont_101, cont_101, too_short, too_short,
                                         too_short, too_short},
                                   in >> 4);
  const u8x16 special = byte_1_high & byte_1_low & byte_2_high;
  // A byte two after a lead of E0 and up, or three after one of F0 and up, must be a continuation:
  // exactly there the pair's lookups leave TWO_CONTS (bit 7) set, and nothing else.
  const u8x16 must_continue = reinterpret_cast<u8x16>(shift_in<2>(s.previous, in) >= 0xE0) |
                              reinterpret_cast<u8x16>(shift_in<3>(s.previous, in) >= 0xF0);
  s.error |= (must_continue & 0x80) ^ special;
  s.previous = in;
}

// Copies [p, p + n) to `o` as it screens it, 16 bytes at a time; true when it needs no escaping and
// is valid UTF-8 (else what was written is to be overwritten). `o` has room for 6 * n bytes, so
// whole blocks may be stored past o + n when n >= 4 (n + 16 <= 6 * n). Reads only inside the
// text: its last partial block is assembled from overlapping loads, padded with spaces, which
// also end any sequence the text leaves incomplete. (Little-endian: x86 only.)
[[gnu::target("ssse3")]] inline bool screen_copy_ssse3(const char* p, std::size_t n, char* o) noexcept {
  state s{};
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    u8x16 in;
    std::memcpy(&in, p + i, 16);
    std::memcpy(o + i, &in, 16);
    screen_block(s, in);
  }
  // The last partial block, built in two registers (no store and reload): its bytes, then spaces.
  constexpr std::uint64_t spaces = 0x2020202020202020ull;
  const char* t = p + i;
  const std::size_t r = n - i;
  std::uint64_t lo = spaces, hi = spaces;
  if (r >= 8) {
    std::uint64_t a, b;  // t[0, 8) and t[r - 8, r): bytes 8.. of the block are b's last r - 8
    std::memcpy(&a, t, 8);
    std::memcpy(&b, t + r - 8, 8);
    const unsigned k = static_cast<unsigned>(r - 8);
    lo = a;
    hi = ((b >> (63 - 8 * k)) >> 1) | (spaces << (8 * k));
  } else if (r >= 4) {
    std::uint32_t a, b;  // t[0, 4) and t[r - 4, r), overlapping where r < 8
    std::memcpy(&a, t, 4);
    std::memcpy(&b, t + r - 4, 4);
    lo = a | static_cast<std::uint64_t>(b) << (8 * (r - 4)) | spaces << (8 * r);
  } else if (r > 0) {
    std::uint64_t x = spaces << (8 * r);
    for (std::size_t k = 0; k < r; ++k) x |= static_cast<std::uint64_t>(static_cast<unsigned char>(t[k])) << (8 * k);
    lo = x;
  }
  if (n >= 4) {
    std::memcpy(o + i, &lo, 8);
    std::memcpy(o + i + 8, &hi, 8);
  } else {
    for (std::size_t k = 0; k < r; ++k) o[k] = t[k];
  }
  using u64x2 = std::uint64_t __attribute__((vector_size(16)));
  const u8x16 last = reinterpret_cast<u8x16>(u64x2{lo, hi});
  screen_block(s, last);
  const u8x16 bad = s.error | s.escape;
  std::uint64_t halves[2];
  std::memcpy(halves, &bad, 16);
  return (halves[0] | halves[1]) == 0;
}
}  // namespace utf8_screen

// Whether the SIMD screen runs here: built with SSSE3, or the CPU has it (asked once).
inline bool utf8_screen_available() noexcept {
#if defined(__SSSE3__)
  return true;
#else
  static const bool has_ssse3 = (__builtin_cpu_init(), __builtin_cpu_supports("ssse3"));
  return has_ssse3;
#endif
}

// Copies [p, p + n) into a JSON string body at `o` (room for 6 * n bytes) when it can go as it is:
// no escaping needed, valid UTF-8. False says only "look closer" (also where the screen does not
// run).
inline bool screen_copy_json_body(const char* p, std::size_t n, char* o) noexcept {
  return utf8_screen_available() && utf8_screen::screen_copy_ssse3(p, n, o);
}
#else
inline bool utf8_screen_available() noexcept { return false; }
inline bool screen_copy_json_body(const char*, std::size_t, char*) noexcept { return false; }
#endif

}  // namespace ddbx::detail
