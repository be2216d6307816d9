// The type table, every row both ways: encode to the expected wire text, decode back.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <chrono>
#include <cstdint>
#include <deque>
#include <limits>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"

namespace {

template <class T>
std::string enc(const T& v) {
  std::string out;
  auto s = ddbx::encode_value(v, out);
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().what_text()));
  return out;
}

template <class T>
T dec(std::string_view json) {
  auto r = ddbx::decode_value<T>(json);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().what_text()));
  return *r;
}

template <class T>
void both_ways(const T& v, std::string_view wire) {
  CHECK(enc(v) == wire);
  CHECK(dec<T>(wire) == v);
}

enum class color : std::int16_t { red = 1, green = -2 };
enum class plan { free, pro };

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

TEST_CASE("S: std::string, string_view and const char*") {
  both_ways(std::string("janedoe"), R"({"S":"janedoe"})");
  both_ways(std::string(""), R"({"S":""})");
  CHECK(enc(std::string_view("x")) == R"({"S":"x"})");
  CHECK(enc("lit") == R"({"S":"lit"})");
  const char* p = "ptr";
  CHECK(enc(p) == R"({"S":"ptr"})");
  both_ways(std::string("quote\" back\\ nl\n tab\t bell\x07 del\x7f"),
            R"({"S":"quote\" back\\ nl\n tab\t bell\u0007 del)" "\x7f" R"("})");
  both_ways(std::string("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "{\"S\":\"\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"}");
  std::string all_controls;
  for (char c = 1; c < 0x20; ++c) all_controls += c;
  CHECK(dec<std::string>(enc(all_controls)) == all_controls);
  CHECK(dec<std::string>(R"({"S":"\u00e9\ud83d\ude00"})") == "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST_CASE("N: every integer type, exact") {
  both_ways(std::int8_t{-128}, R"({"N":"-128"})");
  both_ways(std::uint8_t{255}, R"({"N":"255"})");
  both_ways(std::int16_t{-32768}, R"({"N":"-32768"})");
  both_ways(std::uint16_t{65535}, R"({"N":"65535"})");
  both_ways(std::numeric_limits<std::int32_t>::min(), R"({"N":"-2147483648"})");
  both_ways(std::numeric_limits<std::uint32_t>::max(), R"({"N":"4294967295"})");
  both_ways(std::numeric_limits<std::int64_t>::min(), R"({"N":"-9223372036854775808"})");
  both_ways(std::numeric_limits<std::uint64_t>::max(), R"({"N":"18446744073709551615"})");
  CHECK(dec<int>(R"({"N":"1E2"})") == 100);
  CHECK(dec<int>(R"({"N":"42.000"})") == 42);
}

TEST_CASE("N: float and double, shortest round trip") {
  both_ways(0.1, R"({"N":"0.1"})");
  both_ways(2.5f, R"({"N":"2.5"})");
  both_ways(-1234.5678, R"({"N":"-1234.5678"})");
  both_ways(1e20, R"({"N":"100000000000000000000"})");
  CHECK(enc(-0.0) == R"({"N":"0"})");
  CHECK(enc(1e-7) == R"({"N":"0.0000001"})");
  CHECK(dec<double>(R"({"N":"0.0000001"})") == 1e-7);
  CHECK(dec<double>(R"({"N":"1E-130"})") == 1e-130);
  for (double d : {std::numeric_limits<double>::min() * 1e200, 1e125, 9.999e125, 123456789.123456789}) {
    CHECK(dec<double>(enc(d)) == d);
  }
}

TEST_CASE("N: ddbx::number, 38 digits and the extremes") {
  both_ways(*ddbx::number::parse("12345678901234567890123456789012345678"),
            R"({"N":"12345678901234567890123456789012345678"})");
  auto tiny = *ddbx::number::parse("1E-130");
  CHECK(dec<ddbx::number>(enc(tiny)) == tiny);
  auto huge = *ddbx::number::parse("9.9999999999999999999999999999999999999E+125");
  CHECK(dec<ddbx::number>(enc(huge)) == huge);
  CHECK(dec<ddbx::number>(R"({"N":"00042"})").text() == "42");
}

namespace other {
struct monostate {};  // an empty class of the same name outside std: not NULL
}  // namespace other
struct empty_tag {};
// std::monostate is recognised by its name (codec.hpp does not include <variant>)
static_assert(ddbx::detail::null_type<std::monostate>);
static_assert(ddbx::detail::null_type<std::nullptr_t>);
static_assert(!ddbx::detail::null_type<other::monostate>);
static_assert(!ddbx::detail::null_type<empty_tag>);
static_assert(!ddbx::detail::null_type<std::optional<std::monostate>>);

TEST_CASE("BOOL and NULL") {
  both_ways(true, R"({"BOOL":true})");
  both_ways(false, R"({"BOOL":false})");
  CHECK(enc(nullptr) == R"({"NULL":true})");
  CHECK(enc(std::monostate{}) == R"({"NULL":true})");
  CHECK(dec<std::monostate>(R"({"NULL":true})") == std::monostate{});
  (void)dec<std::nullptr_t>(R"({"NULL":true})");
}

TEST_CASE("B: ddbx::binary and std::vector<std::byte>") {
  both_ways(ddbx::binary{std::byte{0x00}, std::byte{0xff}}, R"({"B":"AP8="})");
  both_ways(ddbx::binary{}, R"({"B":""})");
  both_ways(std::vector<std::byte>{std::byte{'h'}, std::byte{'i'}}, R"({"B":"aGk="})");
}

TEST_CASE("SS / NS / BS from std::set and std::unordered_set") {
  both_ways(std::set<std::string>{"a", "b"}, R"({"SS":["a","b"]})");
  both_ways(std::set<int>{3, 1, 2}, R"({"NS":["1","2","3"]})");
  both_ways(std::set<double>{0.5, 1.25}, R"({"NS":["0.5","1.25"]})");
  both_ways(std::set<ddbx::number>{*ddbx::number::parse("1.50"), *ddbx::number::parse("7")}, R"({"NS":["1.5","7"]})");
  both_ways(std::set<ddbx::binary>{ddbx::binary{std::byte{1}}}, R"({"BS":["AQ=="]})");
  std::unordered_set<std::string> u{"x", "y", "z"};
  CHECK(dec<std::unordered_set<std::string>>(enc(u)) == u);
  std::unordered_set<long> un{-1, 10};
  CHECK(dec<std::unordered_set<long>>(enc(un)) == un);
}

TEST_CASE("L: vector, array, list, deque of anything mappable") {
  both_ways(std::vector<int>{1, 2}, R"({"L":[{"N":"1"},{"N":"2"}]})");
  both_ways(std::vector<int>{}, R"({"L":[]})");
  both_ways(std::array<std::string, 2>{"a", "b"}, R"({"L":[{"S":"a"},{"S":"b"}]})");
  both_ways(std::list<bool>{true, false}, R"({"L":[{"BOOL":true},{"BOOL":false}]})");
  both_ways(std::deque<double>{1.5}, R"({"L":[{"N":"1.5"}]})");
  both_ways(std::vector<std::vector<std::string>>{{"a"}, {}}, R"({"L":[{"L":[{"S":"a"}]},{"L":[]}]})");
  both_ways(std::vector<std::set<std::string>>{{"a"}}, R"({"L":[{"SS":["a"]}]})");
}

TEST_CASE("M: std::map and std::unordered_map with string keys") {
  both_ways(std::map<std::string, int>{{"a", 1}, {"b", 2}}, R"({"M":{"a":{"N":"1"},"b":{"N":"2"}}})");
  both_ways(std::map<std::string, int>{}, R"({"M":{}})");
  std::unordered_map<std::string, std::string> u{{"k", "v"}};
  both_ways(u, R"({"M":{"k":{"S":"v"}}})");
  both_ways(std::map<std::string, std::map<std::string, bool>>{{"x.y", {{"#z", true}}}},
            R"({"M":{"x.y":{"M":{"#z":{"BOOL":true}}}}})");
}

namespace {
struct inner { std::string s; int n = 0; friend bool operator==(const inner&, const inner&) = default; };
struct middle { inner in; std::vector<inner> list; friend bool operator==(const middle&, const middle&) = default; };
struct outer { middle m; std::map<std::string, middle> by_name; friend bool operator==(const outer&, const outer&) = default; };
}  // namespace

TEST_CASE("M: aggregate structs, nested to any depth") {
  both_ways(inner{"x", 1}, R"({"M":{"s":{"S":"x"},"n":{"N":"1"}}})");
  outer o{{{"a", 1}, {{"b", 2}}}, {{"k", {{"c", 3}, {}}}}};
  CHECK(dec<outer>(enc(o)) == o);
  CHECK(enc(o) == R"({"M":{"m":{"M":{"in":{"M":{"s":{"S":"a"},"n":{"N":"1"}}},"list":{"L":[{"M":{"s":{"S":"b"},"n":{"N":"2"}}}]}}},)"
                  R"("by_name":{"M":{"k":{"M":{"in":{"M":{"s":{"S":"c"},"n":{"N":"3"}}},"list":{"L":[]}}}}}}})");
}

TEST_CASE("std::optional: absent when empty, NULL on request; NULL or absent decodes empty") {
  struct opt { std::optional<int> a; std::optional<std::string> b; };
  CHECK(*ddbx::encode_item(opt{}) == "{}");
  CHECK(*ddbx::encode_item(opt{1, "x"}) == R"({"a":{"N":"1"},"b":{"S":"x"}})");
  CHECK(*ddbx::encode_item<ddbx::encode_options{.null_for_empty_optional = true}>(opt{}) ==
        R"({"a":{"NULL":true},"b":{"NULL":true}})");
  auto d = ddbx::decode_item<opt>(std::string_view(R"({"a":{"NULL":true}})"));
  REQUIRE(d.has_value());
  CHECK(!d->a.has_value());
  CHECK(!d->b.has_value());
  both_ways(std::vector<std::optional<int>>{1, std::nullopt}, R"({"L":[{"N":"1"},{"NULL":true}]})");
}

TEST_CASE("time_point: ISO-8601 UTC, fixed-width fraction so text order is time order") {
  using namespace std::chrono;
  const system_clock::time_point t = sys_days{2024y / June / 1} + 12h + 34min + 56s + 789ms;
  both_ways(t, R"({"S":"2024-06-01T12:34:56.789000000Z"})");
  const system_clock::time_point before = sys_days{1969y / December / 31} + 23h + 59min + 59s + 1ns;
  both_ways(before, R"({"S":"1969-12-31T23:59:59.000000001Z"})");
  CHECK(enc(before) < enc(t));
  CHECK(enc(t) < enc(t + 1ns));
  CHECK(dec<system_clock::time_point>(R"({"S":"2024-06-01T12:34:56Z"})") == sys_days{2024y / June / 1} + 12h + 34min + 56s);
  CHECK(dec<system_clock::time_point>(R"({"S":"2024-06-01T12:34:56.5Z"})") == sys_days{2024y / June / 1} + 12h + 34min + 56s + 500ms);
}

TEST_CASE("epoch_seconds: N, for TTL") {
  using namespace std::chrono;
  ddbx::epoch_seconds e{sys_seconds{seconds{1717245296}}};
  both_ways(e, R"({"N":"1717245296"})");
}

TEST_CASE("enums: N of the underlying value, or a string through ddbx::codec") {
  both_ways(color::green, R"({"N":"-2"})");
  both_ways(plan::pro, R"({"S":"pro"})");
  auto bad = ddbx::decode_value<plan>(std::string_view(R"({"S":"gold"})"));
  REQUIRE(!bad);
  CHECK(bad.error().code == ddbx::errc::custom);
}

namespace {
enum shade { dark, light };  // unscoped: converts to bool, which a ddbx::value must not become
}  // namespace

// Found by review: a ddbx::value made from an unscoped enum was BOOL (`red` false, others true);
// a null const char* threw std::logic_error.
TEST_CASE("ddbx::value from an enum is N, as an enum member is; from a null const char*, NULL") {
  CHECK(enc(ddbx::value(light)) == R"({"N":"1"})");
  CHECK(enc(ddbx::value(dark)) == R"({"N":"0"})");
  CHECK(enc(ddbx::value(color::green)) == R"({"N":"-2"})");
  CHECK(enc(ddbx::item{{"s", light}}) == R"({"M":{"s":{"N":"1"}}})");
  CHECK(ddbx::value(light) == ddbx::value(1));
  const char* none = nullptr;
  CHECK(ddbx::value(none).type() == ddbx::type::NULL_);
  CHECK(ddbx::value("x").type() == ddbx::type::S);
}

// Found by review: the shortest text of the largest doubles below 1E+126 is "1e+126", out of
// DynamoDB's range; they are written with 17 digits instead.
TEST_CASE("N: doubles just below 1E+126 are written with 17 digits, not refused") {
  const double below = 9.9999999999999992e125;  // the double nearest 1e126 (the literal 1e126 is this one)
  CHECK(enc(below) == R"({"N":"9.9999999999999992E+125"})");
  CHECK(dec<double>(R"({"N":"9.9999999999999992E+125"})") == below);
  CHECK(enc(ddbx::value(below)) == R"({"N":"9.9999999999999992E+125"})");
  CHECK(enc(-below) == R"({"N":"-9.9999999999999992E+125"})");
  const double above = std::nextafter(below, 2e126);  // 1.0000000000000001e126: out of range
  std::string out;
  CHECK_FALSE(ddbx::encode_value(above, out).has_value());
  CHECK_FALSE(ddbx::value(above).as_number()->valid());
}

TEST_CASE("ddbx::value and ddbx::item: any type, recursively") {
  ddbx::item it{{"s", "x"},
                {"n", ddbx::number(5)},
                {"b", ddbx::binary{std::byte{1}}},
                {"t", true},
                {"z", nullptr},
                {"ss", ddbx::value::string_set({"a", "b"})},
                {"ns", ddbx::value::number_set({ddbx::number(1), *ddbx::number::parse("2.5")})},
                {"bs", ddbx::value::binary_set({ddbx::binary{std::byte{2}}})},
                {"l", ddbx::value::list{1, "two", ddbx::value::list{}}},
                {"m", ddbx::value::map{{"k", ddbx::value::map{{"deep", false}}}}}};
  auto json = ddbx::encode_item(it);
  REQUIRE(json.has_value());
  CHECK(*json == R"({"b":{"B":"AQ=="},"bs":{"BS":["Ag=="]},"l":{"L":[{"N":"1"},{"S":"two"},{"L":[]}]},)"
                 R"("m":{"M":{"k":{"M":{"deep":{"BOOL":false}}}}},"n":{"N":"5"},"ns":{"NS":["1","2.5"]},)"
                 R"("s":{"S":"x"},"ss":{"SS":["a","b"]},"t":{"BOOL":true},"z":{"NULL":true}})");
  auto back = ddbx::decode_item<ddbx::item>(*json);
  REQUIRE(back.has_value());
  CHECK(*back == it);
  CHECK(back->at("ns").type() == ddbx::type::NS);
}

namespace {
// The plain reference for JSON string escaping.
std::string reference_escape(std::string_view s) {
  std::string o;
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\b': o += "\\b"; break;
      case '\f': o += "\\f"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  return o;
}
}  // namespace

TEST_CASE("S: escaping at every length and position (word, tail and overlap paths)") {
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\xC3\xA9", "\xF0\x9F\x98\x80", "a"};
  for (std::size_t len = 0; len <= 24; ++len) {
    for (std::size_t pos = 0; pos <= len; ++pos) {
      for (const auto& sp : specials) {
        std::string s(len, 'x');
        s.insert(pos, sp);
        std::string want = "{\"S\":\"" + reference_escape(s) + "\"}";
        std::string got;
        REQUIRE(ddbx::encode_value(s, got).has_value());
        CHECK_MESSAGE(got == want, "len ", len, " pos ", pos);
        std::string bad = s;
        bad.insert(pos, "\xff");
        std::string out;
        auto e = ddbx::encode_value(bad, out);
        REQUIRE(!e);
        CHECK(e.error().message == "invalid UTF-8 at byte " + std::to_string(pos));
      }
    }
  }
}

namespace {
struct absent_members {
  std::string name;
  std::optional<std::vector<double>> scores;
  std::vector<std::string> tags;
  std::array<int, 3> triple{};
  std::map<std::string, int> counts;
  std::set<std::string> labels;
  int plain = 0;
};
}  // namespace

TEST_CASE("absent members are emptied when an item is decoded over an earlier one (lenient_missing)") {
  constexpr ddbx::decode_options lenient{.lenient_missing = true};
  ddbx::decoder d;
  ddbx::page<absent_members> page;
  REQUIRE(d.query_page<absent_members, lenient>(
               R"({"Items":[{"name":{"S":"a"},"scores":{"L":[{"N":"1.5"}]},"tags":{"L":[{"S":"t"}]},)"
               R"("triple":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"counts":{"M":{"k":{"N":"4"}}},)"
               R"("labels":{"SS":["x"]},"plain":{"N":"7"}}]})",
               page)
              .has_value());
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].triple == std::array<int, 3>{1, 2, 3});
  REQUIRE(d.query_page<absent_members, lenient>(R"({"Items":[{"name":{"S":"b"}}]})", page).has_value());
  REQUIRE(page.items.size() == 1);
  const absent_members& m = page.items[0];
  CHECK(m.name == "b");
  CHECK_FALSE(m.scores.has_value());
  CHECK(m.tags.empty());
  CHECK(m.triple == std::array<int, 3>{0, 0, 0});
  CHECK(m.counts.empty());
  CHECK(m.labels.empty());
  CHECK(m.plain == 0);
}
