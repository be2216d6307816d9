// The SIMD screen of JSON string bodies (mapping/detail/utf8_screen.hpp) on any bytes, against the
// byte loop's rules: it says "clean" exactly when the text needs no escaping and is valid UTF-8
// (where it runs: x86 with SSSE3), and then has copied the text unchanged. The text and the output
// are heap blocks of exactly n and 6 * n bytes, so ASan sees any read or write past them. Also
// the writer as a whole: what it accepts decodes back (through simdjson) to the same bytes.
#include <memory>

#include "fuzz_common.hpp"
#include "ddbx/mapping/detail/json_writer.hpp"
#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/mapping/detail/utf8_screen.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::size_t n = size;
  std::unique_ptr<char[]> in(new char[n ? n : 1]);
  std::unique_ptr<char[]> out(new char[n ? 6 * n : 1]);
  if (n) std::memcpy(in.get(), data, n);
  const std::string_view s(in.get(), n);
  bool needs_escape = false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    needs_escape |= c < 0x20 || c == '"' || c == '\\';
  }
  const std::size_t invalid_at = ddbx::detail::find_invalid_utf8(s);
  const bool expected = !needs_escape && invalid_at == std::string_view::npos;
  const bool got = ddbx::detail::screen_copy_json_body(in.get(), n, out.get());
  FUZZ_CHECK(!got || expected, "the screen says clean to %zu bytes that need escaping or are not UTF-8", n);
  FUZZ_CHECK(got || !expected || !ddbx::detail::utf8_screen_available(), "the screen says not clean to %zu clean bytes",
             n);
  FUZZ_CHECK(!got || std::memcmp(out.get(), in.get(), n) == 0, "the screen copied other bytes");

  // The whole writer: the first invalid byte is named, else the body parses back to the text.
  std::size_t bad = 0;
  std::unique_ptr<char[]> body(new char[n ? 6 * n : 1]);
  char* end = ddbx::detail::write_json_string_body(body.get(), s, bad);
  FUZZ_CHECK((end == nullptr) == (invalid_at != std::string_view::npos), "the writer and find_invalid_utf8 disagree");
  if (!end) {
    FUZZ_CHECK(bad == invalid_at, "the writer names byte %zu, find_invalid_utf8 byte %zu", bad, invalid_at);
    return 0;
  }
  std::string json = "\"" + std::string(body.get(), end) + "\"";
  simdjson::dom::parser parser;
  std::string_view back;
  FUZZ_CHECK(parser.parse(json).get(back) == simdjson::SUCCESS, "the written body is not a JSON string");
  FUZZ_CHECK(back == s, "the written body parses back to other bytes");
  return 0;
}
