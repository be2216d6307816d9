// ddbx::base64_decode (strict standard base64, the wire form of B and BS) on any text, and
// base64_encode on any bytes. Properties: decoding is the inverse of encoding both ways (strict
// decoding accepts only canonical text, so a decoded text re-encodes to itself).
#include "fuzz_common.hpp"
#include "ddbx/mapping/base64.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  // text → bytes → text
  std::vector<std::byte> bytes;
  if (ddbx::base64_decode(input, bytes)) {
    std::string again;
    ddbx::base64_encode(again, bytes.data(), bytes.size());
    FUZZ_CHECK(again == input, "decoded base64 re-encodes to other text (%zu bytes in, %zu out)", input.size(),
               again.size());
  }
  auto r = ddbx::base64_decode(input);
  FUZZ_CHECK(r.has_value() == ddbx::base64_decode(input, bytes), "the two base64_decode overloads disagree");
  // bytes → text → bytes
  std::string text;
  ddbx::base64_encode(text, reinterpret_cast<const std::byte*>(data), size);
  FUZZ_CHECK(text.size() == ddbx::base64_size(size), "base64_size(%zu) is not the encoded size", size);
  std::vector<std::byte> back;
  FUZZ_CHECK(ddbx::base64_decode(text, back), "encoded bytes do not decode");
  FUZZ_CHECK(back.size() == size && (size == 0 || std::memcmp(back.data(), data, size) == 0),
             "encoded bytes decode to other bytes");
  return 0;
}
