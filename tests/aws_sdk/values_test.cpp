// ddbx ↔ aws-sdk-cpp values, every row of the type table both ways, as properties checked
// against ddbx's own JSON on random values:
//   to_attribute_value(x) succeeds exactly when encode_value(x) does, with the same error (code,
//   path, message), and equals the SDK's own reading of ddbx's JSON (AttributeValue(JsonView)),
//   compared exactly (N as text, sets in order);
//   from_attribute_value<T>(to_attribute_value(x)) == x, and equals decode_value<T>(json);
//   decoding an SDK value into T gives what decoding ddbx's JSON of it gives, errors included.
#include <doctest/doctest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <list>
#include <map>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "ddbx/aws_sdk/decode.hpp"
#include "ddbx/aws_sdk/encode.hpp"
#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "sdk_support.hpp"
#include "seed_types.hpp"

using sdk_test::AttributeValue;

namespace {

enum class color : std::int16_t { red = 1, green = -2 };
enum class plan { free, pro };

struct inner { std::string s; int n = 0; friend bool operator==(const inner&, const inner&) = default; };
struct middle { inner in; std::vector<inner> list; std::optional<std::set<std::string>> tags;
                friend bool operator==(const middle&, const middle&) = default; };
struct outer { middle m; std::map<std::string, middle> by_name; std::optional<double> ratio;
               friend bool operator==(const outer&, const outer&) = default; };

struct renamed {
  std::string first_name;
  std::string cache;
  std::string nick;
  std::optional<int> maybe;
  friend bool operator==(const renamed&, const renamed&) = default;
};

struct session {
  std::string id;
  std::chrono::system_clock::time_point created;
  ddbx::epoch_seconds expires;
  color c = color::red;
  plan p = plan::free;
  friend bool operator==(const session&, const session&) = default;
};

}  // namespace

template <>
struct ddbx::codec<plan> {
  using repr = std::string;
  static repr to_repr(plan p) { return p == plan::free ? "free" : "pro"; }
  static ddbx::result<plan> from_repr(repr&& s) {
    if (s == "free") return plan::free;
    if (s == "pro") return plan::pro;
    return ddbx::make_error(ddbx::errc::custom, "unknown plan \"" + s + "\"");
  }
};

template <>
struct ddbx::fields<renamed> {
  static constexpr ddbx::field_option options[] = {
      {.member = "first_name", .name = "firstName"},
      {.member = "cache", .skip = true},
      {.member = "nick", .omit_empty = true},
      {.member = "maybe", .write_null = true},
  };
};

namespace {

// Random values for every row, with the edges mixed in.
struct gen {
  std::mt19937_64 rng{0x13d0b5};
  std::uint64_t bits() { return rng(); }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng() % n); }
  bool coin(std::size_t one_in = 2) { return below(one_in) == 0; }

  std::string utf8(std::size_t max_len = 12, bool allow_invalid = false) {
    std::string s;
    const std::size_t n = below(max_len + 1);
    for (std::size_t i = 0; i < n; ++i) {
      switch (below(8)) {
        case 0: s += static_cast<char>(1 + below(0x1f)); break;               // controls (NUL: see below)
        case 1: s += "\"\\/"[below(3)]; break;
        case 2: s += "\xC3\xA9"; break;                                         // é
        case 3: s += "\xE2\x82\xAC"; break;                                     // €
        case 4: s += "\xF0\x9F\x98\x80"; break;                                 // 😀
        case 5: if (allow_invalid && coin(4)) { s += "\xC3("; break; } [[fallthrough]];
        default: s += static_cast<char>('a' + below(26));
      }
    }
    return s;
  }
  template <class I>
  I integer() {
    switch (below(6)) {
      case 0: return std::numeric_limits<I>::min();
      case 1: return std::numeric_limits<I>::max();
      case 2: return static_cast<I>(below(10));
      default: return static_cast<I>(bits());
    }
  }
  template <class F>
  F real() {
    switch (below(8)) {
      case 0: return F(0);
      case 1: return -F(0);
      case 2: return static_cast<F>(static_cast<int>(below(2001)) - 1000) / F(8);
      case 3: return std::numeric_limits<F>::max();                         // out of range for a double
      case 4: return std::numeric_limits<F>::denorm_min();
      default: {
        for (;;) {
          F f;
          if constexpr (sizeof(F) == 8) { std::uint64_t b = bits(); std::memcpy(&f, &b, 8); }
          else { std::uint32_t b = static_cast<std::uint32_t>(bits()); std::memcpy(&f, &b, 4); }
          if (std::isfinite(f)) return f;
        }
      }
    }
  }
  ddbx::number number() {
    std::string t;
    if (coin()) t += '-';
    const std::size_t digits = 1 + below(38);
    for (std::size_t i = 0; i < digits; ++i) t += static_cast<char>('0' + below(10));
    if (coin()) t += "E" + std::to_string(static_cast<int>(below(200)) - 100);
    auto n = ddbx::number::parse(t);
    return n ? *n : ddbx::number(std::int64_t(below(1000)));
  }
  ddbx::binary binary(std::size_t max_len = 12) {
    ddbx::binary b;
    const std::size_t n = below(max_len + 1);
    for (std::size_t i = 0; i < n; ++i) b.bytes().push_back(static_cast<std::byte>(bits()));
    return b;
  }
  // Any value, sometimes one that encoding refuses (NaN, an empty or duplicated set, a bad string).
  ddbx::value value(int depth = 0, bool valid_only = false) {
    const std::size_t kinds = depth > 3 ? 8 : 10;
    switch (below(kinds)) {
      case 0: return nullptr;
      case 1: return coin();
      case 2: return utf8(10, !valid_only);
      case 3: {
        if (!valid_only && coin(30)) return ddbx::value(std::nan(""));
        return coin() ? ddbx::value(number()) : ddbx::value(real<double>() / 1e300 * 1e300);
      }
      case 4: return binary();
      case 5: {
        std::vector<std::string> s;
        const std::size_t n = below(4) + (valid_only ? 1 : 0);
        for (std::size_t i = 0; i < n; ++i) s.push_back(std::to_string(i) + utf8(3));
        if (!valid_only && !s.empty() && coin(10)) s.push_back(s.front());
        return ddbx::value::string_set(std::move(s));
      }
      case 6: {
        std::vector<ddbx::number> s;
        const std::size_t n = below(4) + (valid_only ? 1 : 0);
        for (std::size_t i = 0; i < n; ++i) s.push_back(ddbx::number(static_cast<int>(i * 7)) );
        if (!valid_only && !s.empty() && coin(10)) s.push_back(*ddbx::number::parse(std::string(s.front().text()) + ".0"));
        return ddbx::value::number_set(std::move(s));
      }
      case 7: {
        std::vector<ddbx::binary> s;
        const std::size_t n = below(3) + (valid_only ? 1 : 0);
        for (std::size_t i = 0; i < n; ++i) s.push_back(ddbx::binary::from(std::to_string(i) + "b"));
        return ddbx::value::binary_set(std::move(s));
      }
      case 8: {
        ddbx::value::list l;
        const std::size_t n = below(4);
        for (std::size_t i = 0; i < n; ++i) l.push_back(value(depth + 1, valid_only));
        return l;
      }
      default: {
        ddbx::value::map m;
        const std::size_t n = below(4);
        for (std::size_t i = 0; i < n; ++i) {
          std::string k = utf8(6, !valid_only);  // one sequence of draws whatever the compiler's argument order
          m.emplace(std::move(k), value(depth + 1, valid_only));
        }
        return m;
      }
    }
  }
  seed::user user() {
    seed::user u{utf8(8), utf8(8), utf8(8), integer<int>(), utf8(8), std::nullopt, std::nullopt, std::nullopt};
    if (coin()) u.address = seed::postal_address{utf8(), utf8(), utf8(2), integer<int>()};
    if (coin()) { u.tags.emplace(); for (std::size_t i = below(4); i > 0; --i) u.tags->push_back(utf8(5)); }
    if (coin()) { u.scores.emplace(); for (std::size_t i = below(4); i > 0; --i) u.scores->push_back(static_cast<double>(below(1000)) / 4); }
    return u;
  }
};

constexpr int samples = 200;

template <class T>
std::string json_of(const T& x, ddbx::status& s) {
  std::string json;
  s = ddbx::encode_value(x, json);
  return json;
}

void same_error(const ddbx::error& a, const ddbx::error& b) {
  CHECK_MESSAGE(a.code == b.code, a.what_text() << " | " << b.what_text());
  CHECK_MESSAGE(a.path == b.path, a.what_text() << " | " << b.what_text());
  CHECK_MESSAGE(a.message == b.message, a.what_text() << " | " << b.what_text());
}

// One value of one row: both encoders agree; the SDK value decodes back to x and agrees with JSON decoding.
template <class T, bool Decode = true>
void check_value(const T& x) {
  ddbx::status s;
  const std::string json = json_of(x, s);
  auto a = ddbx::to_attribute_value(x);
  REQUIRE_MESSAGE(a.has_value() == s.has_value(), json << (a ? "" : " sdk: " + a.error().what_text())
                                                        << (s ? "" : " json: " + s.error().what_text()));
  if (!s) { same_error(s.error(), a.error()); return; }
  const AttributeValue via_json = sdk_test::sdk_value_from_json(json);
  CHECK_MESSAGE(sdk_test::same(*a, via_json), json << " vs " << sdk_test::text(*a));
  if constexpr (Decode) {
    auto back = ddbx::from_attribute_value<T>(*a);
    REQUIRE_MESSAGE(back.has_value(), json << ": " << back.error().what_text());
    auto from_json = ddbx::decode_value<T>(json);
    REQUIRE(from_json.has_value());
    if constexpr (std::floating_point<T>) {
      CHECK(std::memcmp(&*back, &*from_json, sizeof(T)) == 0);
      CHECK((*back == x || (x == 0 && *back == 0)));
    } else {
      CHECK_MESSAGE(*back == *from_json, json);
      // x itself when the JSON round trip gives x (an empty optional set is absent, so empty)
      if constexpr (!std::same_as<T, ddbx::value>)
        if (*from_json == x) CHECK_MESSAGE(*back == x, json);
    }
  }
}

template <class T>
void check_item(const T& x) {
  std::string json;
  const ddbx::status s = ddbx::encode_item(x, json);
  auto m = ddbx::to_attribute_map(x);
  REQUIRE_MESSAGE(m.has_value() == s.has_value(), json << (m ? "" : " sdk: " + m.error().what_text())
                                                        << (s ? "" : " json: " + s.error().what_text()));
  if (!s) { same_error(s.error(), m.error()); return; }
  CHECK_MESSAGE(sdk_test::same(*m, sdk_test::sdk_item_from_json(json)), json << " vs " << sdk_test::text(*m));
  auto back = ddbx::from_attribute_map<T>(*m);
  REQUIRE_MESSAGE(back.has_value(), json << ": " << back.error().what_text());
  auto from_json = ddbx::decode_item<T>(json);
  REQUIRE(from_json.has_value());
  CHECK(*back == *from_json);
  if constexpr (!std::same_as<T, ddbx::item>)
    if (*from_json == x) CHECK(*back == x);
}

// Decoding the SDK's reading of `json` into T agrees with decoding `json` itself, errors included.
template <class T, ddbx::decode_options O = ddbx::decode_options{}>
void check_decode_value(std::string_view json) {
  auto expected = ddbx::decode_value<T, O>(json);
  auto got = ddbx::from_attribute_value<T, O>(sdk_test::sdk_value_from_json(json));
  REQUIRE_MESSAGE(got.has_value() == expected.has_value(), json << (got ? "" : " sdk: " + got.error().what_text())
                                                                << (expected ? "" : " json: " + expected.error().what_text()));
  if (!expected) same_error(expected.error(), got.error());
  else CHECK_MESSAGE(*got == *expected, json);
}
template <class T, ddbx::decode_options O = ddbx::decode_options{}>
void check_decode_item(std::string_view json) {
  auto expected = ddbx::decode_item<T, O>(json);
  auto got = ddbx::from_attribute_map<T, O>(sdk_test::sdk_item_from_json(json));
  REQUIRE_MESSAGE(got.has_value() == expected.has_value(), json << (got ? "" : " sdk: " + got.error().what_text())
                                                                << (expected ? "" : " json: " + expected.error().what_text()));
  if (!expected) same_error(expected.error(), got.error());
  else CHECK_MESSAGE(*got == *expected, json);
}

}  // namespace

TEST_CASE("S: std::string (UTF-8 checked), std::string_view and const char* (encode only)") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    const std::string s = g.utf8(16, true);
    check_value(s);
    check_value<std::string_view, false>(std::string_view(s));
    check_value<const char*, false>(s.c_str());
  }
  check_value<const char*, false>(static_cast<const char*>(nullptr));  // NULL, as in JSON
  CHECK(ddbx::to_attribute_value(std::string("a\xC3(")).error().what_text() == "invalid UTF-8 at byte 1");
}

TEST_CASE("S with U+0000 is kept both ways (the SDK's own JSON reader cuts the string there)") {
  const std::string s("a\0b", 3);
  auto a = ddbx::to_attribute_value(s).value();
  CHECK(a.GetS().size() == 3);
  CHECK(ddbx::from_attribute_value<std::string>(a).value() == s);
  std::string json;
  REQUIRE(ddbx::encode_value(s, json).has_value());
  CHECK(ddbx::decode_value<std::string>(json).value() == s);
}

TEST_CASE("N: every integer type, exact") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    check_value(g.integer<std::int8_t>());
    check_value(g.integer<std::uint8_t>());
    check_value(g.integer<std::int16_t>());
    check_value(g.integer<std::uint16_t>());
    check_value(g.integer<std::int32_t>());
    check_value(g.integer<std::uint32_t>());
    check_value(g.integer<std::int64_t>());
    check_value(g.integer<std::uint64_t>());
    check_value(g.integer<long long>());
  }
  CHECK(ddbx::to_attribute_value(std::numeric_limits<std::uint64_t>::max())->GetN() == "18446744073709551615");
}

TEST_CASE("N: float and double, shortest text that reads back; NaN, infinities and out-of-range refused") {
  gen g;
  for (int i = 0; i < samples * 5; ++i) {
    check_value(g.real<double>());
    check_value(g.real<float>());
  }
  check_value(std::numeric_limits<double>::infinity());
  check_value(std::nan(""));
  check_value(1e-300);
  CHECK(ddbx::to_attribute_value(0.1)->GetN() == "0.1");
  CHECK(ddbx::to_attribute_value(0.1f)->GetN() == "0.1");
  CHECK(ddbx::to_attribute_value(1e20)->GetN() == "100000000000000000000");
  CHECK(ddbx::to_attribute_value(-0.0)->GetN() == "0");
}

TEST_CASE("N: ddbx::number keeps its exact text (38 digits, the extremes)") {
  gen g;
  for (int i = 0; i < samples * 2; ++i) check_value(g.number());
  for (const char* t : {"99999999999999999999999999999999999999", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                        "0.000000000000000000000000000000000000000000001", "12345678901234567890.123456789"}) {
    auto n = ddbx::number::parse(t).value();
    check_value(n);
    CHECK(ddbx::to_attribute_value(n)->GetN() == Aws::String(n.text().data(), n.text().size()));
  }
}

TEST_CASE("BOOL and NULL") {
  check_value(true);
  check_value(false);
  check_value(nullptr);
  check_value(std::monostate{});
}

TEST_CASE("B: ddbx::binary and std::vector<std::byte>") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    const ddbx::binary b = g.binary(40);
    check_value(b);
    check_value(b.bytes());
  }
}

TEST_CASE("SS / NS / BS from std::set and std::unordered_set (an empty set refused)") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    std::set<std::string> ss;
    std::unordered_set<std::string> us;
    std::set<std::int64_t> ns;
    std::set<double> ds;
    std::set<ddbx::number> xs;
    std::set<ddbx::binary> bs;
    std::unordered_set<std::int32_t> uns;
    for (std::size_t k = g.below(5); k > 0; --k) {
      ss.insert(g.utf8(6, true));
      us.insert(g.utf8(6));
      ns.insert(g.integer<std::int64_t>());
      ds.insert(g.real<double>() / 1e300);
      xs.insert(g.number());
      bs.insert(g.binary(6));
      uns.insert(g.integer<std::int32_t>());
    }
    check_value(ss);
    check_value(us);
    check_value(ns);
    check_value(ds);
    check_value(xs);
    check_value(bs);
    check_value(uns);
  }
  CHECK(ddbx::to_attribute_value(std::set<int>{3, 1})->GetType() == Aws::DynamoDB::Model::ValueType::NUMBER_SET);
  CHECK(ddbx::to_attribute_value(std::vector<int>{3, 1})->GetType() == Aws::DynamoDB::Model::ValueType::ATTRIBUTE_LIST);
}

TEST_CASE("L: vector, array, list, deque of anything mappable (an empty set inside refused)") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    std::vector<int> v;
    std::list<double> l;
    std::deque<bool> d;
    std::vector<std::vector<std::string>> vv;
    std::vector<std::set<std::string>> vs;
    for (std::size_t k = g.below(5); k > 0; --k) {
      v.push_back(g.integer<int>());
      l.push_back(g.real<double>() / 1e300);
      d.push_back(g.coin());
      vv.push_back({g.utf8(4), g.utf8(4)});
      vs.push_back(g.coin(4) ? std::set<std::string>{} : std::set<std::string>{g.utf8(3)});
    }
    check_value(v);
    check_value(l);
    check_value(d);
    check_value(vv);
    check_value(vs);
    check_value(std::array<std::string, 3>{g.utf8(), g.utf8(), g.utf8()});
  }
  check_value(std::vector<int>{});
  check_decode_value<std::array<int, 2>>(R"({"L":[{"N":"1"}]})");
}

TEST_CASE("M: std::map and std::unordered_map with string keys") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    std::map<std::string, int> m;
    std::unordered_map<std::string, std::string> um;
    std::map<std::string, std::vector<ddbx::number>> mv;
    for (std::size_t k = g.below(5); k > 0; --k) {
      m[g.utf8(5, true)] = g.integer<int>();
      um[g.utf8(5)] = g.utf8(5);
      mv[g.utf8(3)] = {g.number(), g.number()};
    }
    check_value(m);
    check_value(um);
    check_value(mv);
  }
  check_value(std::map<std::string, int>{});
}

TEST_CASE("M: aggregate structs nested to any depth; items of the seed's users") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    outer o;
    o.m.in = {g.utf8(), g.integer<int>()};
    for (std::size_t k = g.below(3); k > 0; --k) o.m.list.push_back({g.utf8(), g.integer<int>()});
    if (g.coin()) o.m.tags = std::set<std::string>{};
    if (g.coin()) o.m.tags = std::set<std::string>{g.utf8(3), g.utf8(3)};
    for (std::size_t k = g.below(3); k > 0; --k) o.by_name[g.utf8(4)] = o.m;
    if (g.coin()) o.ratio = g.real<double>();
    check_value(o);
    check_item(o);
    check_item(g.user());
  }
}

TEST_CASE("std::optional: absent when empty, NULL on request (write_null); renames, skip, omit_empty") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    std::optional<int> oi;
    if (g.coin()) oi = g.integer<int>();
    check_value(oi);
    check_item(renamed{g.utf8(), "", g.coin() ? "" : g.utf8(), oi});
  }
  auto m = ddbx::to_attribute_map(renamed{"Jane", "not stored", "", std::nullopt}).value();
  CHECK(m.size() == 2);
  CHECK(m.at("firstName").GetS() == "Jane");
  CHECK(m.at("maybe").GetNull());
  check_decode_item<renamed>(R"({"firstName":{"S":"x"},"maybe":{"NULL":true},"cache":{"S":"ignored"}})");
}

TEST_CASE("time_point (S, fixed-width ISO-8601), epoch_seconds (N), enums (N, or S through a codec)") {
  gen g;
  for (int i = 0; i < samples; ++i) {
    const auto t = std::chrono::system_clock::time_point(std::chrono::nanoseconds(g.integer<std::int64_t>() / 4));
    session s{g.utf8(), t, ddbx::epoch_seconds(t), g.coin() ? color::red : color::green, g.coin() ? plan::free : plan::pro};
    check_value(s.created);
    check_value(s.expires);
    check_value(s.c);
    check_value(s.p);
    check_item(s);
  }
  check_decode_value<plan>(R"({"S":"enterprise"})");
  check_decode_value<std::chrono::system_clock::time_point, ddbx::interop_decode>(R"({"S":"2024-06-01T14:34:56.5+02:00"})");
  check_decode_value<std::chrono::system_clock::time_point>(R"({"S":"2024-06-01T14:34:56.5+02:00"})");
}

TEST_CASE("ddbx::value and ddbx::item: any of the ten types, recursively, with every refusal") {
  gen g;
  for (int i = 0; i < samples * 5; ++i) {
    check_value(g.value());
    ddbx::item it;
    for (std::size_t k = g.below(5); k > 0; --k) {
      std::string name = g.coin(20) ? std::string() : g.utf8(6, true);
      it.emplace(std::move(name), g.value());
    }
    check_item(it);
  }
  // 32 levels are fine, 33 are not, both ways
  ddbx::value deep = 1;
  for (int i = 0; i < 31; ++i) deep = ddbx::value::list{deep};
  check_value(deep);
  check_value(ddbx::value(ddbx::value::list{deep}));
  // an item above 400 KB
  check_item(ddbx::item{{"big", std::string(409600, 'x')}});
}

TEST_CASE("decoding agrees with ddbx's JSON decoding on random values, into every kind of target") {
  gen g;
  for (int i = 0; i < samples * 5; ++i) {
    std::string json;
    if (!ddbx::encode_value(g.value(0, true), json)) continue;
    check_decode_value<ddbx::value>(json);
    check_decode_value<int>(json);
    check_decode_value<double>(json);
    check_decode_value<ddbx::number>(json);
    check_decode_value<std::string>(json);
    check_decode_value<std::optional<std::string>>(json);
    check_decode_value<std::vector<std::string>>(json);
    check_decode_value<std::vector<std::string>, ddbx::interop_decode>(json);
    check_decode_value<std::set<std::string>>(json);
    check_decode_value<std::vector<ddbx::number>, ddbx::decode_options{.sets_as_lists = true}>(json);
    check_decode_value<std::map<std::string, ddbx::value>>(json);
    check_decode_value<ddbx::binary>(json);
    check_decode_value<bool>(json);
    check_decode_value<std::string, ddbx::decode_options{.null_as_default = true}>(json);
  }
  for (const char* n : {"1E2", "42.0", "+7", "1.5", "-0", "1e400", "99999999999999999999999999999999999999999",
                        "256", "-129", "abc", "0x10", " 1"}) {
    const std::string json = std::string(R"({"N":")") + n + "\"}";
    check_decode_value<int>(json);
    check_decode_value<std::uint8_t>(json);
    check_decode_value<std::int8_t>(json);
    check_decode_value<float>(json);
    check_decode_value<double>(json);
    check_decode_value<ddbx::number>(json);
  }
  check_decode_value<std::set<int>>(R"({"NS":["1","1.0"]})");
  check_decode_value<ddbx::value>(R"({"NS":["1","1.0"]})");
  check_decode_value<std::set<double>>(R"({"NS":["0.1","0.10000000000000000001"]})");
  check_decode_value<std::nullptr_t>(R"({"NULL":false})");
  check_decode_value<std::optional<int>>(R"({"NULL":false})");
}

TEST_CASE("an item with one attribute of the wrong type: the same error and path as the JSON decoder") {
  gen g;
  for (int i = 0; i < samples * 2; ++i) {
    seed::user u = g.user();
    u.address = seed::postal_address{g.utf8(), g.utf8(), g.utf8(2), g.integer<int>()};
    ddbx::item it = ddbx::decode_item<ddbx::item>(ddbx::encode_item(u).value()).value();
    // replace one attribute (or one of the address's) by a random value, or remove it
    const std::size_t k = g.below(it.size() + 4);
    ddbx::item* target = &it;
    if (k >= it.size()) {
      auto& addr = std::get<ddbx::value::map>(it.at("address").data());
      target = &addr;
    }
    auto pos = target->begin();
    std::advance(pos, static_cast<long>(k % target->size()));
    if (g.coin(5)) target->erase(pos);
    else pos->second = g.value(1, true);
    std::string json;
    if (!ddbx::encode_item(it, json)) continue;
    check_decode_item<seed::user>(json);
    check_decode_item<seed::user, ddbx::decode_options{.lenient_missing = true}>(json);
    check_decode_item<seed::user, ddbx::decode_options{.strict_unknown = true}>(json);
    check_decode_item<seed::user, ddbx::interop_decode>(json);
  }
  auto bad = ddbx::from_attribute_map<seed::user>(sdk_test::sdk_item_from_json(
      R"({"username":{"S":"j"},"first_name":{"S":"J"},"last_name":{"S":"D"},"age":{"N":"25"},)"
      R"("account_type":{"S":"s"},"address":{"M":{"road":{"S":"r"},"city":{"S":"c"},"state":{"S":"CA"},"zipcode":{"S":"90001"}}}})"));
  REQUIRE(!bad);
  CHECK(bad.error().what_text() == "address.zipcode: expected N, got S");
  CHECK(bad.error().code == ddbx::errc::type_mismatch);
}

TEST_CASE("paths name attributes as the JSON decoder names them, empty names and indexes included") {
  check_decode_item<seed::user, ddbx::decode_options{.strict_unknown = true}>(
      R"({"username":{"S":"j"},"first_name":{"S":"J"},"last_name":{"S":"D"},"age":{"N":"25"},)"
      R"("account_type":{"S":"s"},"address":{"M":{"":{"S":"x"}}}})");
  check_decode_value<std::map<std::string, std::vector<int>>>(R"({"M":{"":{"L":[{"N":"1"},{"S":"2"}]}}})");
  check_decode_value<std::vector<std::map<std::string, int>>>(R"({"L":[{"M":{}},{"M":{"a":{"N":"1.5"}}}]})");
}

TEST_CASE("what only the SDK's objects can hold: an unset AttributeValue, a null pointer in L or M") {
  AttributeValue unset;
  auto r = ddbx::from_attribute_value<int>(unset);
  REQUIRE(!r);
  CHECK(r.error().code == ddbx::errc::malformed_response);
  // an empty N or an empty set looks the same from outside (the SDK writes neither to JSON): refused alike
  AttributeValue empty_n;
  empty_n.SetN("");
  CHECK(ddbx::from_attribute_value<int>(empty_n).error().code == ddbx::errc::malformed_response);
  AttributeValue empty_ss;
  empty_ss.SetSS({});
  CHECK(ddbx::from_attribute_value<std::set<std::string>>(empty_ss).error().code == ddbx::errc::malformed_response);
  AttributeValue list;
  list.AddLItem(Aws::MakeShared<AttributeValue>("test", Aws::String("x")));
  list.AddLItem(nullptr);
  auto l = ddbx::from_attribute_value<std::vector<std::string>>(list);
  REQUIRE(!l);
  CHECK(l.error().path == "[1]");
  ddbx::aws_attribute_map item;
  item["tags"].AddMEntry("a", nullptr);
  auto m = ddbx::from_attribute_map<ddbx::item>(item);
  REQUIRE(!m);
  CHECK(m.error().path == "tags.a");
  // values that hold their type's default are values
  AttributeValue empty_s;
  empty_s.SetS("");
  CHECK(ddbx::from_attribute_value<std::string>(empty_s).value().empty());
  AttributeValue f;
  f.SetBool(false);
  CHECK(ddbx::from_attribute_value<bool>(f).value() == false);
  AttributeValue empty_m;
  empty_m.SetM({});
  CHECK(ddbx::from_attribute_value<ddbx::item>(empty_m).value().empty());
}

TEST_CASE("to_attribute_map into an existing map; decoding over an existing struct") {
  ddbx::aws_attribute_map m;
  m["extra"] = AttributeValue(Aws::String("kept"));
  REQUIRE(ddbx::to_attribute_map(inner{"s", 1}, m).has_value());
  CHECK(m.size() == 3);
  auto again = ddbx::to_attribute_map(inner{"t", 2}, m);
  REQUIRE(!again);
  CHECK(again.error().code == ddbx::errc::duplicate_attribute);
  inner into{"old", 9};
  REQUIRE(ddbx::from_attribute_map(ddbx::to_attribute_map(inner{"new", 3}).value(), into).has_value());
  CHECK(into == inner{"new", 3});
}
