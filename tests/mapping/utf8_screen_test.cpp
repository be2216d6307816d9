// The SIMD screen of JSON string bodies (mapping/detail/utf8_screen.hpp) against the byte loop's
// rules (detail::find_invalid_utf8 and the escape set): exhaustively for every 2-byte string and
// every 3-byte string that starts with E0..FF, at block boundaries, and for random text.
// Input and output live in allocations of exactly their size, so the sanitized build catches a
// read past the text or a write past the 6 * n bytes the writer gives.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "ddbx/ddbx.hpp"
#include "ddbx/mapping/detail/json_writer.hpp"
#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/mapping/detail/utf8_screen.hpp"

namespace {

bool needs_no_escaping(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == '"' || c == '\\') return false;
  }
  return true;
}

// Whether this machine runs the SIMD screen (x86 with SSSE3); elsewhere it always says "no".
bool screen_runs() {
#if defined(DDBX_UTF8_SCREEN_SSSE3)
  __builtin_cpu_init();
  return __builtin_cpu_supports("ssse3");
#else
  return false;
#endif
}

// A text of `n` bytes in a heap block of exactly n bytes, and an output of exactly 6 * n.
struct probe {
  std::size_t n;
  std::unique_ptr<char[]> in;
  std::unique_ptr<char[]> out;
  explicit probe(std::size_t size) : n(size), in(new char[size ? size : 1]), out(new char[size ? 6 * size : 1]) {}

  // Checks the screen on the current text; returns false (and says why once) on a disagreement.
  bool check(bool& reported) const {
    const std::string_view s(in.get(), n);
    const bool expected = needs_no_escaping(s) && ddbx::detail::find_invalid_utf8(s) == std::string_view::npos;
    const bool got = ddbx::detail::screen_copy_json_body(in.get(), n, out.get());
    // The screen may say "look closer" to a clean text only where it does not run.
    const bool ok = got ? expected && std::string_view(out.get(), n) == s : !expected || !screen_runs();
    if (!ok && !reported) {
      reported = true;
      std::string hex;
      for (char ch : s) {
        char b[4];
        std::snprintf(b, sizeof b, "%02x ", static_cast<unsigned char>(ch));
        hex += b;
      }
      const std::string what = got && expected ? "the screen copied other bytes than " + hex
                                               : std::string("screen says ") + (got ? "clean" : "not clean") +
                                                     ", the byte loop's rules say " + (expected ? "clean" : "not clean") +
                                                     ": " + hex;
      FAIL_CHECK(what);
    }
    return ok;
  }
};

// Every value of `width` bytes (the first byte from `first_from`) at `at` inside `size` spaces.
std::size_t exhaustive(std::size_t size, std::size_t at, int width, unsigned first_from) {
  probe p(size);
  for (std::size_t k = 0; k < size; ++k) p.in[k] = ' ';
  std::size_t wrong = 0;
  bool reported = false;
  const std::uint32_t count = 1u << (8 * (width - 1));
  for (unsigned first = first_from; first < 256; ++first) {
    for (std::uint32_t rest = 0; rest < count; ++rest) {
      p.in[at] = static_cast<char>(first);
      for (int b = 1; b < width; ++b) p.in[at + static_cast<std::size_t>(b)] = static_cast<char>(rest >> (8 * (b - 1)));
      wrong += !p.check(reported);
    }
  }
  return wrong;
}

}  // namespace

TEST_CASE("utf8 screen: it runs here, and says clean to clean text of every length") {
  // Without this the differential below could pass with a screen that always says "no".
  if (!screen_runs()) {
    MESSAGE("no SSSE3 here: the writer's byte loop does all (the screen says \"look closer\")");
    return;
  }
  const std::string clean = "Zürich 東京 🚀 пользователь Οδός Ερμού गांधी मार्ग plain ascii text";
  for (std::size_t n = 0; n <= clean.size(); ++n) {
    std::string_view s(clean.data(), n);
    if (ddbx::detail::find_invalid_utf8(s) != std::string_view::npos) continue;  // cut inside a character
    probe p(n);
    for (std::size_t k = 0; k < n; ++k) p.in[k] = s[k];
    bool reported = false;
    CHECK(ddbx::detail::screen_copy_json_body(p.in.get(), n, p.out.get()));
    CHECK(p.check(reported));
  }
}

TEST_CASE("utf8 screen: every 2-byte string, at block boundaries") {
  const std::size_t places[][2] = {{2, 0}, {16, 0}, {16, 14}, {17, 15}, {18, 16}, {32, 30}, {33, 15}, {40, 31}};
  for (const auto& place : places) {
    const std::size_t size = place[0], at = place[1];
    INFO("size " << size << ", at " << at);
    CHECK(exhaustive(size, at, 2, 0) == 0);
  }
}

TEST_CASE("utf8 screen: every 3-byte string that starts with a 3- or 4-byte lead") {
  // (Pairs are all tried above; a third byte matters only after a lead of E0 and up.) Across the
  // first block boundary, and ending a whole block (then only the padding block ends it).
  const std::size_t places[][2] = {{20, 14}, {32, 29}};
  for (const auto& place : places) {
    const std::size_t size = place[0], at = place[1];
    INFO("size " << size << ", at " << at);
    CHECK(exhaustive(size, at, 3, 0xE0) == 0);
  }
}

TEST_CASE("utf8 screen: 4-byte sequences, their bounds and their neighbours") {
  const unsigned leads[] = {0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
  const unsigned thirds[] = {0x20, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xE1, 0xF0};
  const std::size_t places[][2] = {{4, 0}, {16, 12}, {17, 13}, {19, 14}, {20, 15}, {32, 28}, {37, 30}};
  for (const auto& place : places) {
    const std::size_t size = place[0], at = place[1];
    INFO("size " << size << ", at " << at);
    probe p(size);
    for (std::size_t k = 0; k < size; ++k) p.in[k] = ' ';
    std::size_t wrong = 0;
    bool reported = false;
    for (unsigned lead : leads)
      for (unsigned second = 0; second < 256; ++second)
        for (unsigned third : thirds)
          for (unsigned fourth : thirds) {
            p.in[at] = static_cast<char>(lead);
            p.in[at + 1] = static_cast<char>(second);
            p.in[at + 2] = static_cast<char>(third);
            p.in[at + 3] = static_cast<char>(fourth);
            wrong += !p.check(reported);
          }
    CHECK(wrong == 0);
  }
}

TEST_CASE("utf8 screen: random text of valid characters, stray bytes and escapes") {
  std::mt19937_64 rng(20261203);
  auto pick = [&](std::uint64_t k) { return rng() % k; };
  // Characters of every width, the bounds of each range, and bytes that break them.
  const std::string pieces[] = {"a", " ", "~", "\x7f", "\xc2\x80", "\xdf\xbf", "\xc3\xa9", "\xe0\xa0\x80", "\xed\x9f\xbf",
                                "\xee\x80\x80", "\xef\xbf\xbf", "\xe6\x9d\xb1", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",
                                "\xf0\x9f\x9a\x80", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80",
                                "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xc3", "\xe6\x9d",
                                "\xf0\x9f\x9a", "\"", "\\", "\n", std::string(1, '\0'), "\x1f"};
  const std::size_t clean_pieces = 15;  // the first 15 are valid and need no escaping
  std::size_t wrong = 0, clean = 0;
  bool reported = false;
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    const std::size_t target = pick(72);
    const bool mostly_clean = pick(4) != 0;
    while (s.size() < target) {
      const std::size_t k = mostly_clean && pick(40) != 0 ? pick(clean_pieces) : pick(std::size(pieces));
      s += pieces[k];
    }
    probe p(s.size());
    for (std::size_t k = 0; k < s.size(); ++k) p.in[k] = s[k];
    wrong += !p.check(reported);
    clean += needs_no_escaping(s) && ddbx::detail::find_invalid_utf8(s) == std::string_view::npos;
  }
  CHECK(wrong == 0);
  CHECK(clean > 20000);  // both answers were tried often
  CHECK(clean < 80000);
}

TEST_CASE("utf8 screen: the writer still escapes and still names the first invalid byte") {
  struct named {
    std::string name;
  };
  // A clean prefix longer than a block, then an escape; then a bad byte after clean blocks.
  const std::string long_clean = "Санкт-Петербург Zürich 東京 ";
  auto ok = ddbx::encode_item(named{long_clean + "\"q\"\n"});
  REQUIRE(ok);
  CHECK(*ok == R"({"name":{"S":")" + long_clean + R"(\"q\"\n"}})");
  auto bad = ddbx::encode_item(named{long_clean + "\xe6\x9d"});
  REQUIRE(!bad);
  CHECK(bad.error().code == ddbx::errc::invalid_utf8);
  CHECK(bad.error().what_text().find("invalid UTF-8 at byte " + std::to_string(long_clean.size())) != std::string::npos);
}

// words_need_attention, the 16-byte screen of the encoder's 4-16-byte strings: with vector
// extensions one compare per kind, elsewhere word_needs_attention on each word. Both must say
// "yes" exactly when a byte is a control, '"', '\\' or >= 0x80: every byte value at every one of
// the 16 places in a clean background, and random words made of edge bytes.
TEST_CASE("utf8 screen: the 16-byte word screen flags exactly the bytes the byte rule flags") {
  auto rule = [](std::uint64_t a, std::uint64_t b) {
    for (int i = 0; i < 16; ++i) {
      const auto c = static_cast<unsigned char>((i < 8 ? a : b) >> (8 * (i % 8)));
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return true;
    }
    return false;
  };
  int wrong = 0;
  auto check = [&](std::uint64_t a, std::uint64_t b) {
    const bool want = rule(a, b);
    if (ddbx::detail::words_need_attention(a, b) != want) ++wrong;
    if ((ddbx::detail::word_needs_attention(a) || ddbx::detail::word_needs_attention(b)) != want) ++wrong;
  };
  constexpr std::uint64_t clean = 0x6161616161616161ull;  // "aaaaaaaa"
  for (int place = 0; place < 16; ++place)
    for (std::uint64_t c = 0; c < 256; ++c) {
      const std::uint64_t w = (clean & ~(std::uint64_t{0xff} << (8 * (place % 8)))) | c << (8 * (place % 8));
      if (place < 8) check(w, clean);
      else check(clean, w);
    }
  const unsigned char edges[] = {0x00, 0x01, 0x1f, 0x20, 0x21, '"', '#', '[', '\\', ']', 0x7e, 0x7f, 0x80, 0x81, 0xbf, 0xc2, 0xe0, 0xef, 0xf4, 0xfe, 0xff, 'a', 'z', '0'};
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300'000; ++i) {
    std::uint64_t w[2] = {0, 0};
    for (int j = 0; j < 16; ++j) {
      // Mostly clean bytes, so words with a single edge byte are common.
      const unsigned char c = rng() % 4 == 0 ? edges[rng() % sizeof edges] : static_cast<unsigned char>(0x20 + rng() % 0x5f);
      w[j / 8] |= std::uint64_t{c} << (8 * (j % 8));
    }
    check(w[0], w[1]);
  }
  CHECK(wrong == 0);
}
