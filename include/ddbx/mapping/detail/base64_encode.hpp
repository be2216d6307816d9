#pragma once
// Standard base64 encoding with padding (RFC 4648 §4), the text of DynamoDB's B and BS values.
// Part of ddbx/mapping/base64.hpp, which adds decoding; the encoder includes only this, so the
// expression and encoding headers do not compile a decoder they never call.
#include <cstddef>
#include <string>

namespace ddbx {

constexpr std::size_t base64_size(std::size_t n) noexcept { return (n + 2) / 3 * 4; }

// Writes base64_size(n) characters at `o`; returns the end.
inline char* base64_encode(char* o, const std::byte* data, std::size_t n) {
  constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::size_t i = 0;
  auto b = [&](std::size_t k) { return static_cast<unsigned>(data[k]); };
  for (; i + 3 <= n; i += 3) {
    const unsigned v = b(i) << 16 | b(i + 1) << 8 | b(i + 2);
    *o++ = alphabet[v >> 18]; *o++ = alphabet[(v >> 12) & 63]; *o++ = alphabet[(v >> 6) & 63]; *o++ = alphabet[v & 63];
  }
  if (n - i == 1) {
    const unsigned v = b(i) << 16;
    *o++ = alphabet[v >> 18]; *o++ = alphabet[(v >> 12) & 63]; *o++ = '='; *o++ = '=';
  } else if (n - i == 2) {
    const unsigned v = b(i) << 16 | b(i + 1) << 8;
    *o++ = alphabet[v >> 18]; *o++ = alphabet[(v >> 12) & 63]; *o++ = alphabet[(v >> 6) & 63]; *o++ = '=';
  }
  return o;
}

inline void base64_encode(std::string& out, const std::byte* data, std::size_t n) {
  const std::size_t start = out.size();
  out.resize(start + base64_size(n));
  base64_encode(out.data() + start, data, n);
}

}  // namespace ddbx
