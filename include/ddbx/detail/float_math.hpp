#pragma once
// isfinite, signbit and nearbyint for the encoder and ddbx::number, without <cmath>: that header
// is a tenth of a second of every translation unit that includes ddbx's expression or encoding
// headers. GCC and Clang get the builtins <cmath> itself calls (the same code, and the same
// answers under -ffast-math); other compilers get <cmath>.
#if !(defined(__GNUC__) || defined(__clang__))
#include <cmath>
#endif

namespace ddbx::detail {

#if defined(__GNUC__) || defined(__clang__)
inline bool is_finite(double v) noexcept { return __builtin_isfinite(v); }
inline bool is_finite(float v) noexcept { return __builtin_isfinite(v); }
inline bool sign_bit(double v) noexcept { return __builtin_signbit(v); }
// Rounds to an integer in the current rounding mode (to nearest, ties to even, by default).
inline double nearby_int(double v) noexcept { return __builtin_nearbyint(v); }
#else
inline bool is_finite(double v) noexcept { return std::isfinite(v); }
inline bool is_finite(float v) noexcept { return std::isfinite(v); }
inline bool sign_bit(double v) noexcept { return std::signbit(v); }
inline double nearby_int(double v) noexcept { return std::nearbyint(v); }
#endif

}  // namespace ddbx::detail
