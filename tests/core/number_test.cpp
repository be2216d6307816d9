#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "ddbx/core/number.hpp"

using ddbx::errc;
using ddbx::number;

static std::string norm(std::string_view s) {
  auto n = number::parse(s);
  REQUIRE_MESSAGE(n.has_value(), s);
  return std::string(n->text());
}
static errc parse_error(std::string_view s) {
  auto n = number::parse(s);
  REQUIRE_MESSAGE(!n.has_value(), s);
  return n.error().code;
}

TEST_CASE("number: normalised like the server") {
  CHECK(norm("00042") == "42");
  CHECK(norm("1.50") == "1.5");
  CHECK(norm("1.5E2") == "150");
  CHECK(norm("1.5e+2") == "150");
  CHECK(norm("-0") == "0");
  CHECK(norm("-0.000") == "0");
  CHECK(norm("0") == "0");
  CHECK(norm("+7") == "7");
  CHECK(norm(".5") == "0.5");
  CHECK(norm("5.") == "5");
  CHECK(norm("-12.340e-3") == "-0.01234");
  CHECK(norm("100") == "100");
  CHECK(norm("1E-130") == "0." + std::string(129, '0') + "1");
  CHECK(norm("9.9999999999999999999999999999999999999E+125") == "9.9999999999999999999999999999999999999E+125");
  CHECK(norm("1e125") == "1E+125");
  CHECK(norm("12345678901234567890123456789012345678E1") == "1.2345678901234567890123456789012345678E+38");
  CHECK(norm("1E37") == "1" + std::string(37, '0'));  // 38 digits: still written out
  CHECK(norm("12345678901234567890123456789012345678") == "12345678901234567890123456789012345678");
  CHECK(norm("1234567890123456789012345678901234567800000") == "1.2345678901234567890123456789012345678E+42");
  CHECK(norm("0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001E+100").size() > 0);
}

TEST_CASE("number: rejected like the server") {
  CHECK(parse_error("") == errc::invalid_number);
  CHECK(parse_error("-") == errc::invalid_number);
  CHECK(parse_error("1e") == errc::invalid_number);
  CHECK(parse_error("1e+") == errc::invalid_number);
  CHECK(parse_error("abc") == errc::invalid_number);
  CHECK(parse_error("NaN") == errc::invalid_number);
  CHECK(parse_error("Infinity") == errc::invalid_number);
  CHECK(parse_error("1.2.3") == errc::invalid_number);
  CHECK(parse_error(" 1") == errc::invalid_number);
  CHECK(parse_error("123456789012345678901234567890123456789") == errc::number_too_precise);
  CHECK(parse_error("1.23456789012345678901234567890123456789") == errc::number_too_precise);
  CHECK(parse_error("1E126") == errc::number_out_of_range);
  CHECK(parse_error("1E-131") == errc::number_out_of_range);
  CHECK(parse_error("-1E126") == errc::number_out_of_range);
  CHECK(parse_error("1E99999999999") == errc::number_out_of_range);
}

TEST_CASE("number: exact integers and checked conversions") {
  CHECK(number(std::numeric_limits<std::int64_t>::min()).text() == "-9223372036854775808");
  CHECK(number(std::numeric_limits<std::uint64_t>::max()).text() == "18446744073709551615");
  CHECK(*number(std::int64_t{-5}).to<std::int64_t>() == -5);
  CHECK(number::parse("1.5")->to<int>().error().code == errc::not_an_integer);
  CHECK(number::parse("300")->to<std::int8_t>().error().code == errc::integer_out_of_range);
  CHECK(number::parse("-1")->to<unsigned>().error().code == errc::integer_out_of_range);
  CHECK(number::parse("1E+40")->to<std::uint64_t>().error().code == errc::integer_out_of_range);
  CHECK(number::parse("1E+40")->is_integer());
  CHECK(*number::parse("1.5E2")->to<int>() == 150);
  CHECK(number::parse("0.1")->to_double() == 0.1);
}

TEST_CASE("number: from double, shortest round trip") {
  CHECK(number::from_double(0.1)->text() == "0.1");
  CHECK(number::from_double(-0.0)->text() == "0");
  CHECK(number::from_double(1e20)->text() == "100000000000000000000");
  CHECK(number::from_double(1.5e-7)->text() == "0.00000015");
  CHECK(number::from_double(std::numeric_limits<double>::quiet_NaN()).error().code == errc::number_not_finite);
  CHECK(number::from_double(std::numeric_limits<double>::infinity()).error().code == errc::number_not_finite);
  CHECK(number::from_double(1e300).error().code == errc::number_out_of_range);
  CHECK(number::from_double(1e-300).error().code == errc::number_out_of_range);
  for (double d : {3.14159, 1e125, 1e-130, 123456.789, -2.5e-100}) {
    auto n = number::from_double(d);
    REQUIRE(n.has_value());
    CHECK(n->to_double() == d);
  }
  // from_double is a function template only for compile time: it still takes what converts to double.
  CHECK(number::from_double(2)->text() == "2");
  CHECK(number::from_double(0.5f)->text() == "0.5");
  // A default number is "0" and cannot throw (the decoder makes one in place of a null value).
  static_assert(std::is_nothrow_default_constructible_v<number> == ddbx::detail::short_text_in_place);
  CHECK(number{}.text() == "0");
}

TEST_CASE("number: ordering compares values, not text") {
  auto n = [](const char* s) { return *number::parse(s); };
  CHECK(n("1.0") == n("1"));
  CHECK(n("2") < n("10"));
  CHECK(n("-10") < n("-2"));
  CHECK(n("-0.5") < n("0"));
  CHECK(n("0.5") < n("0.51"));
  CHECK(n("0.05") < n("0.5"));
  CHECK(n("99.9") < n("100"));
  CHECK(n("-100") < n("-99.9"));
  CHECK(n("1E+40") < n("1.5E+40"));
  CHECK(n("9.9E+39") < n("1E+40"));
  CHECK(n("-1E+40") < n("-9.9E+39"));
  CHECK(n("12345678901234567890123456789012345678") < n("1E+38"));
  CHECK(n("0") == n("-0"));
  CHECK(n("-0.001") < n("0"));
}

TEST_CASE("number: DynamoDB size formula") {
  using ddbx::detail::number_size;
  CHECK(number_size("1") == 2);
  CHECK(number_size("123") == 3);
  CHECK(number_size("1.5") == 3);
  CHECK(number_size("3.14159") == 5);
  CHECK(number_size("100") == 2);
  CHECK(number_size("0") == 1);
  CHECK(number_size("-1") == 3);
  CHECK(number_size("0.001") == 2);
  CHECK(number_size("1.5E+40") == 2);
  CHECK(number_size("-1E+125") == 3);
}

// number::assign takes text already in normal form as it is (is_normal_number_text) and normalises
// the rest: every text over a small alphabet, up to 6 characters, plus long ones at the 38-digit
// edge, gives what normalize_number gives, and an error leaves the number as it was.
TEST_CASE("number: assign gives what normalising gives, and keeps the old number on an error") {
  std::vector<std::string> texts = {std::string(38, '9'), std::string(39, '9'), "-" + std::string(37, '9'),
                                    "-" + std::string(38, '9'), "0." + std::string(36, '0') + "1",
                                    "0." + std::string(37, '0') + "1", "1." + std::string(36, '5'),
                                    "1." + std::string(37, '5'), std::string(37, '1') + "0", "-0.5", "-0.50"};
  const std::string alphabet = "019.-eE+";
  std::vector<std::string> level = {""};
  for (int len = 1; len <= 6; ++len) {
    std::vector<std::string> next;
    for (const auto& t : level)
      for (char c : alphabet) next.push_back(t + c);
    texts.insert(texts.end(), next.begin(), next.end());
    level = std::move(next);
  }
  std::size_t taken_as_is = 0;
  for (const auto& t : texts) {
    std::string normal;
    const errc want = ddbx::detail::normalize_number(t, normal);
    if (ddbx::detail::is_normal_number_text(t)) {
      ++taken_as_is;
      REQUIRE_MESSAGE(want == errc::ok, t);
      REQUIRE_MESSAGE(normal == t, t);
    }
    number n = number::parse("123.25").value();
    const errc got = n.assign(t);
    REQUIRE_MESSAGE(got == want, t);
    REQUIRE_MESSAGE(n.text() == (want == errc::ok ? std::string_view(normal) : std::string_view("123.25")), t);
  }
  CHECK(taken_as_is > 1000);
}

// assign copies a normal text into the number's own room (clear and append, not assign()); a text
// that is part of the number's own is still read before it is overwritten.
TEST_CASE("number: assign from its own text, whole or a part of it") {
  number n = number::parse("12.5").value();
  CHECK(n.assign(n.text()) == errc::ok);
  CHECK(n.text() == "12.5");
  CHECK(n.assign(n.text().substr(1)) == errc::ok);
  CHECK(n.text() == "2.5");
  number wide = number::parse("-1234567890123456789.0123456789").value();  // past the string's own 15 bytes
  CHECK(wide.assign(wide.text().substr(1, 19)) == errc::ok);
  CHECK(wide.text() == "1234567890123456789");
  CHECK(wide.assign(wide.text().substr(18)) == errc::ok);
  CHECK(wide.text() == "9");
}

// number_size's fast path for plain integers ("42", "-7000") against the rule written out: one byte,
// one per two significant digits on each side of the point (leading and trailing zeros trimmed),
// one for a minus; every number of up to 6 characters over digits, '.', '-' and 'E'; and
// number_size_bound, which the encoder adds for a ddbx::number, is never less.
TEST_CASE("number: DynamoDB size of every short text, fast path or not, and its bound") {
  auto by_rule = [](std::string_view t) -> std::size_t {
    const bool neg = !t.empty() && t.front() == '-';
    if (neg || (!t.empty() && t.front() == '+')) t.remove_prefix(1);
    if (const auto e = t.find('E'); e != std::string_view::npos) {
      std::size_t n = 0;
      for (char c : t.substr(0, e)) n += c >= '0' && c <= '9';
      return 1 + (n + 1) / 2 + neg;
    }
    const auto dot = t.find('.');
    std::string ip(t.substr(0, dot)), fp(dot == std::string_view::npos ? "" : t.substr(dot + 1));
    while (!ip.empty() && ip.front() == '0') ip.erase(0, 1);
    while (!fp.empty() && fp.back() == '0') fp.pop_back();
    if (fp.empty()) while (!ip.empty() && ip.back() == '0') ip.pop_back();
    if (ip.empty()) while (!fp.empty() && fp.front() == '0') fp.erase(0, 1);
    if (ip.empty() && fp.empty()) return 1;
    return 1 + (ip.size() + 1) / 2 + (fp.size() + 1) / 2 + neg;
  };
  std::vector<std::string> level = {""};
  std::size_t checked = 0;
  for (int len = 1; len <= 6; ++len) {
    std::vector<std::string> next;
    for (const auto& t : level)
      for (char c : std::string("0150.-E")) next.push_back(t + c);
    for (const auto& t : next) {
      if (ddbx::detail::check_number(t) != errc::ok) continue;  // only numbers are sized
      REQUIRE_MESSAGE(ddbx::detail::number_size(t) == by_rule(t), t);
      REQUIRE_MESSAGE(by_rule(t) <= ddbx::detail::number_size_bound(t.size()), t);
      ++checked;
    }
    level = std::move(next);
  }
  CHECK(ddbx::detail::number_size("-" + std::string(37, '9') + "0") == 1 + 19 + 1);
  CHECK(checked > 10000);

  // Longer texts: random numbers of 7 to 40 characters
  // (most of them of the usual shape, some not: leading zeros, trailing zeros after the point, 'E').
  std::mt19937 rng(20261204);
  std::size_t long_checked = 0;
  for (int k = 0; k < 200000; ++k) {
    const std::size_t len = 7 + rng() % (k % 4 == 0 ? 34 : 11);
    std::string t;
    if (rng() % 3 == 0) t += '-';
    const std::size_t point = rng() % 2 ? 1 + rng() % (len - 1) : len;
    for (std::size_t j = t.size(); j < len; ++j) {
      const unsigned r = rng() % 16;
      t += j == point ? '.' : r < 3 ? '0' : static_cast<char>('0' + r % 10);
    }
    if (rng() % 50 == 0) t[rng() % t.size()] = 'E';
    if (ddbx::detail::check_number(t) != errc::ok) continue;
    REQUIRE_MESSAGE(ddbx::detail::number_size(t) == by_rule(t), t);
    REQUIRE_MESSAGE(by_rule(t) <= ddbx::detail::number_size_bound(t.size()), t);
    ++long_checked;
  }
  CHECK(long_checked > 100000);
}
