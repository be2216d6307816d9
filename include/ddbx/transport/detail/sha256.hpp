#pragma once
// SHA-256 as lower-case hex, by OpenSSL's libcrypto (Debian's libssl-dev; the library libcurl's own
// TLS already loads): the payload hash curl_transport sends in X-Amz-Content-Sha256, which libcurl's
// SigV4 signing reads when the body comes from a callback.
//
//   ddbx::detail::sha256_hex("abc")  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace ddbx::detail {

// Empty when libcrypto fails (it does not for SHA-256 short of running out of memory).
inline std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(2 * size, '0');
  for (unsigned int i = 0; i < size; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  return out;
}

}  // namespace ddbx::detail
