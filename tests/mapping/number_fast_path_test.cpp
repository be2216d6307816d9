// The number fast paths give exactly what the general paths give: the short-decimal encode path
// (write_short_decimal) the same text and DynamoDB size as std::to_chars + normalize_number and
// number_size, and the decode paths
// (parse_short_decimal, parse_short_integer) the same value as std::from_chars, on millions of
// values: random short decimals, random bit patterns, and the edges (powers of ten, ±0, limits).
#include <doctest/doctest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"

namespace {

// The general path: shortest round-trip text, normalised as DynamoDB text.
std::string slow_text(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string_view t(buf, static_cast<std::size_t>(r.ptr - buf));
  if (t.find('e') == std::string_view::npos) return t == "-0" ? "0" : std::string(t);
  std::string out;
  REQUIRE(ddbx::detail::normalize_number(t, out) == ddbx::errc::ok);
  return out;
}

// Checks one double: when the fast path writes it, it writes the general path's text.
bool same_as_slow(double v, std::size_t& taken) {
  char buf[ddbx::detail::short_decimal_room];
  std::size_t size = 0;
  char* end = ddbx::detail::write_short_decimal(v, buf, size);
  if (!end) return true;
  ++taken;
  const std::string fast(buf, end);
  const std::string slow = slow_text(v);
  if (fast != slow) {
    MESSAGE("fast path wrote " << fast << " for " << slow);
    return false;
  }
  if (size != ddbx::detail::number_size(slow)) {
    MESSAGE("fast path sized " << fast << " " << size << " bytes, number_size says " << ddbx::detail::number_size(slow));
    return false;
  }
  return true;
}

template <class T>
bool same_value(std::string_view s) {
  T fast{};
  const bool took = std::is_floating_point_v<T> ? ddbx::detail::parse_short_decimal(s, fast)
                                                : false;
  if (!took) return true;
  T slow{};
  auto r = std::from_chars(s.data(), s.data() + s.size(), slow);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) {
    MESSAGE("fast path took \"" << s << "\", which from_chars refuses");
    return false;
  }
  if (std::bit_cast<std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>(fast) !=
      std::bit_cast<std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>(slow)) {
    MESSAGE("fast path read \"" << s << "\" differently");
    return false;
  }
  return true;
}

std::string decimal(std::uint64_t m, int k, bool neg) {
  std::string d = std::to_string(m);
  if (k > 0) {
    if (static_cast<int>(d.size()) <= k) d.insert(0, static_cast<std::size_t>(k) + 1 - d.size(), '0');
    d.insert(d.size() - static_cast<std::size_t>(k), ".");
  }
  return (neg ? "-" : "") + d;
}

}  // namespace

TEST_CASE("short decimal fast path: the same text as to_chars + normalize_number") {
  std::mt19937_64 rng(7);
  std::size_t taken = 0, checked = 0;
  bool ok = true;
  // Short decimals m·10^-k of every length, both signs: the values the fast path is for.
  for (int i = 0; i < 1'000'000 && ok; ++i) {
    const int digits = 1 + static_cast<int>(rng() % 17);
    std::uint64_t m = rng() % static_cast<std::uint64_t>(std::pow(10.0, digits));
    const int k = static_cast<int>(rng() % 20);
    double v = std::strtod(decimal(m, k, rng() & 1).c_str(), nullptr);
    ok = same_as_slow(v, taken);
    ++checked;
  }
  // Random bit patterns (mostly long decimals: the fast path must decline or agree).
  for (int i = 0; i < 1'000'000 && ok; ++i) {
    const double v = std::bit_cast<double>(rng());
    if (std::isfinite(v)) ok = same_as_slow(v, taken);
    ++checked;
  }
  // Edges: powers of ten, their neighbours, the fast path's bounds, zeros.
  for (int e = -10; e <= 17 && ok; ++e) {
    const double p = std::pow(10.0, e);
    for (double v : {p, std::nextafter(p, 0.0), std::nextafter(p, 1e300), -p, p * 1.5, 1e15 - 1, 1e15 - 0.5})
      ok = ok && same_as_slow(v, taken);
  }
  for (double v : {0.0, -0.0, 1e-4, 9.999e-5, 0.1, 0.2, 0.3, 1.0 / 3, 2.5, 123.4, 19.99, 999999999999999.0})
    ok = ok && same_as_slow(v, taken);
  CHECK(ok);
  CHECK(taken > 500'000);  // the fast path is really taken
  MESSAGE(taken << " of " << checked << " values took the fast path");
}

namespace {

// write_integer_text against std::to_chars for one integer type: its extremes, every power of ten
// and its neighbours (where decimal_length changes), and random values of every bit width.
template <class T>
bool integer_text_as_to_chars(std::mt19937_64& rng) {
  bool ok = true;
  auto check = [&](T v) {
    char want[32], got[32];
    const auto r = std::to_chars(want, want + sizeof want, v);
    const char* end = ddbx::detail::write_integer_text(got, v);
    if (std::string_view(want, static_cast<std::size_t>(r.ptr - want)) !=
        std::string_view(got, static_cast<std::size_t>(end - got))) {
      ok = false;
      FAIL_CHECK("write_integer_text(" << std::string_view(want, static_cast<std::size_t>(r.ptr - want)) << ") wrote "
                                       << std::string_view(got, static_cast<std::size_t>(end - got)));
    }
  };
  using lim = std::numeric_limits<T>;
  for (T v : {lim::min(), static_cast<T>(lim::min() + 1), T{0}, T{1}, static_cast<T>(lim::max() - 1), lim::max()}) check(v);
  for (std::uint64_t p : ddbx::detail::decimal_powers)
    for (std::uint64_t q : {p - 1, p, p + 1})
      if (q <= static_cast<std::uint64_t>(lim::max())) {
        check(static_cast<T>(q));
        if constexpr (lim::is_signed) check(static_cast<T>(-static_cast<T>(q)));
      }
  for (int i = 0; i < 200'000 && ok; ++i) {
    const int bits = 1 + static_cast<int>(rng() % 64);
    check(static_cast<T>(rng() >> (64 - bits)));
  }
  return ok;
}

}  // namespace

TEST_CASE("integer text: write_integer_text writes what std::to_chars writes, for every integer type") {
  std::mt19937_64 rng(11);
  CHECK(integer_text_as_to_chars<signed char>(rng));
  CHECK(integer_text_as_to_chars<unsigned char>(rng));
  CHECK(integer_text_as_to_chars<short>(rng));
  CHECK(integer_text_as_to_chars<unsigned short>(rng));
  CHECK(integer_text_as_to_chars<int>(rng));
  CHECK(integer_text_as_to_chars<unsigned>(rng));
  CHECK(integer_text_as_to_chars<long long>(rng));
  CHECK(integer_text_as_to_chars<unsigned long long>(rng));
  // decimal_length at every change of length.
  for (int k = 1; k < 20; ++k) {
    CHECK(ddbx::detail::decimal_length(ddbx::detail::decimal_powers[k] - 1) == k);
    CHECK(ddbx::detail::decimal_length(ddbx::detail::decimal_powers[k]) == k + 1);
  }
  CHECK(ddbx::detail::decimal_length(1) == 1);
  CHECK(ddbx::detail::decimal_length(~std::uint64_t{0}) == 20);
}

TEST_CASE("encoding a double: fast and general path in one item") {
  struct nums { double a; double b; double c; double d; };
  std::string out;
  REQUIRE(ddbx::encode_item(nums{123.4, -0.0, 0.1 + 0.2, 1e-7}, out));
  CHECK(out == R"({"a":{"N":"123.4"},"b":{"N":"0"},"c":{"N":"0.30000000000000004"},"d":{"N":"0.0000001"}})");
}

TEST_CASE("short decimal decode fast path: the same value as std::from_chars") {
  std::mt19937_64 rng(11);
  bool ok = true;
  for (int i = 0; i < 1'000'000 && ok; ++i) {
    const int digits = 1 + static_cast<int>(rng() % 19);
    const std::uint64_t m = rng() % static_cast<std::uint64_t>(std::pow(10.0, std::min(digits, 19)));
    const std::string s = decimal(m, static_cast<int>(rng() % 25), rng() & 1);
    ok = same_value<double>(s) && same_value<float>(s);
  }
  for (std::string_view s : {"0", "-0", "0.5", "9007199254740991", "9007199254740992", "16777215", "16777216",
                             "0.0000000000000000000001", "123.45678901", "00012.5", "1.0"})
    ok = ok && same_value<double>(s) && same_value<float>(s);
  CHECK(ok);
  double d = 0;
  // What the fast path declines goes to the general path (and its checks).
  CHECK_FALSE(ddbx::detail::parse_short_decimal(std::string_view("5."), d));
  CHECK_FALSE(ddbx::detail::parse_short_decimal(std::string_view(".5"), d));
  CHECK_FALSE(ddbx::detail::parse_short_decimal(std::string_view("1e5"), d));
  CHECK_FALSE(ddbx::detail::parse_short_decimal(std::string_view("-"), d));
  CHECK_FALSE(ddbx::detail::parse_short_decimal(std::string_view("+1"), d));
  CHECK(ddbx::decode_value<double>(R"({"N":"-0"})").value() == 0.0);
  CHECK(std::signbit(ddbx::decode_value<double>(R"({"N":"-0"})").value()));
  CHECK(ddbx::decode_value<float>(R"({"N":"0.1"})").value() == 0.1f);
  const auto five = ddbx::decode_value<double>(R"({"N":"5."})");  // the general path's answer, whichever it is
  CHECK((!five || *five == 5.0));
}

TEST_CASE("short integer decode fast path: the same value as std::from_chars, limits refused") {
  std::mt19937_64 rng(13);
  bool ok = true;
  auto check = [&]<class T>(T, std::string_view s) {
    T fast{}, slow{};
    const bool took = ddbx::detail::parse_short_integer(s, fast);
    auto r = std::from_chars(s.data(), s.data() + s.size(), slow);
    const bool general = r.ec == std::errc{} && r.ptr == s.data() + s.size();
    if (took && (!general || fast != slow)) { MESSAGE("\"" << s << "\""); ok = false; }
  };
  for (int i = 0; i < 300'000 && ok; ++i) {
    const std::string s = (rng() & 1 ? "-" : "") + std::to_string(rng() >> (rng() % 64));
    check(int{}, s);
    check(std::int8_t{}, s);
    check(std::uint16_t{}, s);
    check(std::int64_t{}, s);
    check(std::uint64_t{}, s);
  }
  CHECK(ok);
  CHECK(ddbx::decode_value<std::int8_t>(R"({"N":"127"})").value() == 127);
  CHECK(ddbx::decode_value<std::int8_t>(R"({"N":"-128"})").value() == -128);
  CHECK(ddbx::decode_value<std::int8_t>(R"({"N":"128"})").error().code == ddbx::errc::integer_out_of_range);
  CHECK(ddbx::decode_value<unsigned>(R"({"N":"-1"})").error().code == ddbx::errc::integer_out_of_range);
  CHECK(ddbx::decode_value<int>(R"({"N":"-0"})").value() == 0);
  CHECK(ddbx::decode_value<std::int64_t>(R"({"N":"-9223372036854775808"})").value() ==
        std::numeric_limits<std::int64_t>::min());
}
