#pragma once
// Standard base64 with padding (RFC 4648 §4), the encoding of DynamoDB's B and BS values.
//
//   std::string s; ddbx::base64_encode(s, bytes, n);   // appends "AP8="
//   auto b = ddbx::base64_decode("AP8=");                // result<binary>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ddbx/core/binary.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/mapping/detail/base64_encode.hpp"

namespace ddbx {

namespace detail {
constexpr int base64_digit(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
}  // namespace detail

// Strict: length a multiple of 4, padding only at the end, unused bits zero.
inline bool base64_decode(std::string_view in, std::vector<std::byte>& out) {
  if (in.size() % 4 != 0) return false;
  out.clear();
  out.reserve(in.size() / 4 * 3);
  for (std::size_t i = 0; i < in.size(); i += 4) {
    const bool last = i + 4 == in.size();
    int d[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = in[i + static_cast<std::size_t>(k)];
      if (c == '=' && last && k >= 2) { d[k] = 0; ++pad; continue; }
      if (pad) return false;  // data after padding
      d[k] = detail::base64_digit(c);
      if (d[k] < 0) return false;
    }
    const unsigned v = static_cast<unsigned>(d[0] << 18 | d[1] << 12 | d[2] << 6 | d[3]);
    out.push_back(static_cast<std::byte>(v >> 16));
    if (pad < 2) out.push_back(static_cast<std::byte>((v >> 8) & 0xff));
    else if ((v & 0xffff) != 0) return false;
    if (pad < 1) out.push_back(static_cast<std::byte>(v & 0xff));
    else if ((v & 0xff) != 0) return false;
  }
  return true;
}

inline result<binary> base64_decode(std::string_view in) {
  std::vector<std::byte> bytes;
  if (!base64_decode(in, bytes)) return make_error(errc::invalid_base64, "invalid base64");
  return binary(std::move(bytes));
}

}  // namespace ddbx
