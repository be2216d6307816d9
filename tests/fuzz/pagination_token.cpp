// decode_pagination_token on any token. The fuzzer's bytes are the token's JSON, base64-encoded
// here (so mutations reach the JSON and the key decoding); an input starting with '!' is used
// as the token text itself (the base64 layer). Property: a token that decodes and re-encodes
// (encode_pagination_token) decodes again to the same token.
#include "fuzz_common.hpp"
#include "ddbx/client/pagination_token.hpp"
#include "ddbx/client/pagination_token_decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  std::string token;
  if (!input.empty() && input.front() == '!') {
    token.assign(input.substr(1));
  } else {
    ddbx::base64_encode(token, reinterpret_cast<const std::byte*>(input.data()), input.size());
  }
  auto t = ddbx::decode_pagination_token(token);
  if (!t) {
    FUZZ_CHECK(t.error().code == ddbx::errc::invalid_token, "a bad token gave %s, not invalid_token",
               std::string(ddbx::to_string(t.error().code)).c_str());
    return 0;
  }
  auto text = ddbx::encode_pagination_token(*t);
  if (!text) return 0;  // a key attribute that is not S, N or B: refused cleanly
  auto back = ddbx::decode_pagination_token(*text);
  FUZZ_CHECK(back.has_value(), "a re-encoded token does not decode: %s", back.error().what_text().c_str());
  FUZZ_CHECK(*back == *t, "a re-encoded token decodes to another token");
  return 0;
}
