// base64 decoding is strict: exactly the canonical encodings of some bytes are accepted.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "ddbx/mapping/base64.hpp"

namespace {

std::string encoded(const std::vector<std::byte>& b) {
  std::string s;
  ddbx::base64_encode(s, b.data(), b.size());
  return s;
}

// Accepted iff re-encoding the result gives the text back.
void check_canonical(const std::string& text) {
  std::vector<std::byte> out;
  const bool ok = ddbx::base64_decode(text, out);
  const bool canonical = ok && encoded(out) == text;
  CHECK_MESSAGE(ok == canonical, text);
}

}  // namespace

TEST_CASE("base64: every last group of every length is accepted iff canonical") {
  // All 256 bytes in each position of a last group "XY==", "XYZ=", "XYZW" and behind a full group.
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    for (std::string t : {"Zg=", "Zm9", "AA=", "Zm9vZg="}) check_canonical(t + ch);           // 4th / 8th character
    for (std::string t : {"Z", "Zm9vZ"}) check_canonical(t + ch + "==");                      // 2nd of the group
    for (std::string t : {"Zm", "Zm9vZm"}) check_canonical(t + ch + "=");                      // 3rd
    check_canonical(std::string(1, ch) + "AAA");                                               // 1st
    check_canonical(std::string("AAA") + ch + "AAAA");                                         // a non-last group
  }
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) check_canonical(std::string{static_cast<char>(a), static_cast<char>(b), '=', '='});
}

TEST_CASE("base64: lengths, padding in the middle, whitespace, url-safe alphabet, NUL") {
  std::vector<std::byte> out;
  CHECK(ddbx::base64_decode("", out));
  CHECK(out.empty());
  for (std::string bad : std::initializer_list<std::string>{"=", "==", "===", "====", "A===", "AA=A", "Zg==AAAA", "Zg=\n", "Zm9v\n", " Zm9v", "Zm9v ",
                          "Zm-v", "Zm_v", std::string("Zm9\0", 4), std::string("\0\0\0\0", 4), "Zm9vY", "Zm9vYm", "Zm9vYmE"})
    CHECK_MESSAGE(!ddbx::base64_decode(bad, out), bad);
  for (int n = 0; n < 64; ++n) {  // round trips of every length over a window of the alphabet
    std::vector<std::byte> b;
    for (int k = 0; k < n; ++k) b.push_back(static_cast<std::byte>((k * 37 + n) & 0xff));
    REQUIRE(ddbx::base64_decode(encoded(b), out));
    CHECK(out == b);
  }
  CHECK(ddbx::base64_decode("Zm9v$").error().code == ddbx::errc::invalid_base64);
}
