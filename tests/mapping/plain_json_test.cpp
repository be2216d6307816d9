// DynamoDB JSON ↔ plain JSON (ddbx/mapping/plain_json_decode.hpp, plain_json_write.hpp): the type mapping
// both ways, exact numbers, the lossy cases, round trips, depth, invalid JSON and UTF-8 with paths.
#include <doctest/doctest.h>

#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ddbx/mapping/plain_json_decode.hpp"

namespace {

std::string to_plain(std::string_view ddb) {
  auto r = ddbx::item_json_to_plain(ddb);
  REQUIRE_MESSAGE(r.has_value(), r.error().what_text());
  return *r;
}
std::string to_ddb(std::string_view plain) {
  auto r = ddbx::plain_to_item_json(plain);
  REQUIRE_MESSAGE(r.has_value(), r.error().what_text());
  return *r;
}
template <class R>
ddbx::error error_of(const R& r) {
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

std::string nested(std::string_view open, std::string_view close, std::string_view leaf, std::size_t levels) {
  std::string s;
  for (std::size_t i = 0; i < levels; ++i) s += open;
  s += leaf;
  for (std::size_t i = 0; i < levels; ++i) s += close;
  return s;
}

struct home_address {
  std::string city;
  int zip = 0;
  friend bool operator==(const home_address&, const home_address&) = default;
};
struct person {
  std::string name;
  ddbx::number balance;
  std::vector<std::string> tags;
  std::optional<home_address> home;
  bool active = false;
  friend bool operator==(const person&, const person&) = default;
};

struct tag_list {
  std::set<std::string> tags;
};

}  // namespace

TEST_CASE("plain json: DynamoDB JSON to plain, every type") {
  CHECK(to_plain(R"({"s":{"S":"x\"y\u00e9"},"n":{"N":"1.50"},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true}})") ==
        "{\"s\":\"x\\\"y\xC3\xA9\",\"n\":1.50,\"t\":true,\"f\":false,\"z\":null}");
  CHECK(to_plain(R"({"b":{"B":"AP8="},"l":{"L":[{"S":"a"},{"N":"2"},{"L":[]}]},"m":{"M":{"k":{"M":{}}}}})") ==
        R"({"b":"AP8=","l":["a",2,[]],"m":{"k":{}}})");
  // Sets become arrays: NS of numbers, BS of base64 texts.
  CHECK(to_plain(R"({"ss":{"SS":["a","b"]},"ns":{"NS":["1","2.50"]},"bs":{"BS":["AA==","AQ=="]}})") ==
        R"({"ss":["a","b"],"ns":[1,2.50],"bs":["AA==","AQ=="]})");
  CHECK(to_plain("{}") == "{}");
  CHECK(to_plain(R"({"e":{"S":""}})") == R"({"e":""})");
  // One AttributeValue.
  CHECK(ddbx::value_json_to_plain(R"({"L":[{"N":"7"},{"NULL":true}]})").value() == "[7,null]");
  CHECK(ddbx::value_json_to_plain(R"({"S":"x"})").value() == "\"x\"");
}

TEST_CASE("plain json: N text is written exactly, never through a double") {
  // 38 significant digits, kept as they are.
  CHECK(to_plain(R"({"n":{"N":"12345678901234567890123456789012345678"}})") ==
        R"({"n":12345678901234567890123456789012345678})");
  CHECK(to_plain(R"({"n":{"N":"0.00000000000000000000000000000000000001"}})") ==
        R"({"n":0.00000000000000000000000000000000000001})");
  CHECK(to_plain(R"({"n":{"N":"1E+125"}})") == R"({"n":1E+125})");
  CHECK(to_plain(R"({"n":{"N":"-9.9999999999999999999999999999999999999E+125"}})") ==
        R"({"n":-9.9999999999999999999999999999999999999E+125})");
  CHECK(to_plain(R"({"n":{"N":"-0"}})") == R"({"n":-0})");  // JSON already: unchanged
  // DynamoDB texts that are not JSON numbers are written normalised.
  CHECK(to_plain(R"({"a":{"N":"+5"},"b":{"N":".5"},"c":{"N":"007"},"d":{"N":"5."},"e":{"N":"-.0"}})") ==
        R"({"a":5,"b":0.5,"c":7,"d":5,"e":0})");
  // numbers_as_strings, for readers with double numbers.
  CHECK(ddbx::item_json_to_plain<ddbx::plain_json_options{.numbers_as_strings = true}>(
            R"({"n":{"N":"1.50"},"s":{"NS":["+1"]}})")
            .value() == R"({"n":"1.50","s":["1"]})");
  // What DynamoDB refuses is refused, with the path.
  auto e = error_of(ddbx::item_json_to_plain(R"({"a":{"L":[{"N":"1"},{"N":"123456789012345678901234567890123456789"}]}})"));
  CHECK(e.code == ddbx::errc::number_too_precise);
  CHECK(e.path == "a[1]");
  e = error_of(ddbx::item_json_to_plain(R"({"a":{"M":{"b":{"N":"1E+126"}}}})"));
  CHECK(e.code == ddbx::errc::number_out_of_range);
  CHECK(e.path == "a.b");
  e = error_of(ddbx::item_json_to_plain(R"({"a":{"N":"1e-131"}})"));
  CHECK(e.code == ddbx::errc::number_out_of_range);
  e = error_of(ddbx::item_json_to_plain(R"({"a":{"N":"one"}})"));
  CHECK(e.code == ddbx::errc::invalid_number);
  CHECK(e.path == "a");
}

TEST_CASE("plain json: plain to DynamoDB JSON, every type") {
  CHECK(to_ddb(R"({"s":"x","n":1.50,"t":true,"f":false,"z":null,"e":""})") ==
        R"({"s":{"S":"x"},"n":{"N":"1.5"},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true},"e":{"S":""}})");
  CHECK(to_ddb(R"({"l":[1,"a",[],{}],"m":{"k":{"j":[null]}}})") ==
        R"({"l":{"L":[{"N":"1"},{"S":"a"},{"L":[]},{"M":{}}]},"m":{"M":{"k":{"M":{"j":{"L":[{"NULL":true}]}}}}}})");
  CHECK(to_ddb("  { }  ") == "{}");
  // Escapes are read and written again; base64-looking text stays S (plain JSON has no B).
  CHECK(to_ddb(R"({"\u0061":"\u00e9\n","b":"AP8="})") == "{\"a\":{\"S\":\"\xC3\xA9\\n\"},\"b\":{\"S\":\"AP8=\"}}");
  // One value, any JSON at the top.
  CHECK(ddbx::plain_to_value_json("[1,2]").value() == R"({"L":[{"N":"1"},{"N":"2"}]})");
  CHECK(ddbx::plain_to_value_json("\"x\"").value() == R"({"S":"x"})");
  CHECK(ddbx::plain_to_value_json(" 12.0 ").value() == R"({"N":"12"})");
  CHECK(ddbx::plain_to_value_json("null").value() == R"({"NULL":true})");
  CHECK(ddbx::plain_to_value_json("false").value() == R"({"BOOL":false})");
  CHECK_FALSE(ddbx::plain_to_value_json("12 13").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json("\"x\" 1").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json("nul").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json("").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json("null0").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json("1,2").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json("1],[2").has_value());
  CHECK_FALSE(ddbx::plain_to_value_json(" ").has_value());
}

TEST_CASE("plain json: numbers are normalised as ddbx::number does and refused as DynamoDB does") {
  auto n = [](std::string_view plain) {
    auto r = ddbx::plain_to_value_json(plain);
    REQUIRE_MESSAGE(r.has_value(), r.error().what_text());
    return *r;
  };
  CHECK(n("-0") == R"({"N":"0"})");
  CHECK(n("-0.0e5") == R"({"N":"0"})");
  CHECK(n("1.50") == R"({"N":"1.5"})");
  CHECK(n("1.5E2") == R"({"N":"150"})");
  CHECK(n("1E+125") == R"({"N":"1E+125"})");
  CHECK(n("1e125") == R"({"N":"1E+125"})");
  CHECK(n("1E-130") == R"({"N":"0.)" + std::string(129, '0') + R"(1"})");
  CHECK(n("12345678901234567890123456789012345678") == R"({"N":"12345678901234567890123456789012345678"})");
  CHECK(n("-1234567890.1234567890123456789012345678") == R"({"N":"-1234567890.1234567890123456789012345678"})");
  // An integer wider than 38 digits keeps an exponent, as ddbx::number writes it.
  CHECK(n("12345678901234567890123456789012345678000000") == R"({"N":"1.2345678901234567890123456789012345678E+43"})");
  CHECK(n("9007199254740993") == R"({"N":"9007199254740993"})");  // a double would say ...992
  // Refused: 39 significant digits, out of range, not JSON numbers.
  auto e = error_of(ddbx::plain_to_item_json(R"({"a":{"b":[0,123456789012345678901234567890123456789]}})"));
  CHECK(e.code == ddbx::errc::number_too_precise);
  CHECK(e.path == "a.b[1]");
  CHECK(error_of(ddbx::plain_to_item_json(R"({"a":1E+126})")).code == ddbx::errc::number_out_of_range);
  CHECK(error_of(ddbx::plain_to_item_json(R"({"a":1e-131})")).code == ddbx::errc::number_out_of_range);
  CHECK(error_of(ddbx::plain_to_item_json(R"({"a":1e999999999})")).code == ddbx::errc::number_out_of_range);
  for (auto bad : {R"({"a":01})", R"({"a":+1})", R"({"a":.5})", R"({"a":1.})", R"({"a":1e})", R"({"a":-})",
                   R"({"a":NaN})", R"({"a":Infinity})", R"({"a":0x10})"}) {
    auto r = ddbx::plain_to_item_json(bad);
    CHECK_MESSAGE(!r.has_value(), bad);
    if (!r) CHECK(r.error().code == ddbx::errc::malformed_json);
  }
}

TEST_CASE("plain json: round trips") {
  // plain → DynamoDB → plain is the identity on normalised plain JSON.
  for (std::string_view plain :
       {R"({"a":1.5,"b":[1,"x",true,null,{"c":[]}],"d":{},"e":"","f":-2E+100,"g":0.001})",
        R"({"k":{"k":{"k":[[[]]]}},"n":12345678901234567890123456789012345678})", "{}"}) {
    const std::string ddb = to_ddb(plain);
    CHECK(to_plain(ddb) == plain);
    CHECK(to_ddb(to_plain(ddb)) == ddb);
  }
  // DynamoDB → plain → DynamoDB loses sets and B (documented), keeps everything else.
  CHECK(to_ddb(to_plain(R"({"s":{"SS":["a"]},"b":{"B":"AP8="},"n":{"N":"1.50"}})")) ==
        R"({"s":{"L":[{"S":"a"}]},"b":{"S":"AP8="},"n":{"N":"1.5"}})");
}

TEST_CASE("plain json: ddbx::item, ddbx::value and structs") {
  ddbx::item it{{"a", ddbx::number::parse("1.50").value()},
                {"b", ddbx::value::list{nullptr, true, "x"}},
                {"c", ddbx::binary{std::byte{0}, std::byte{0xff}}},
                {"d", ddbx::value::number_set({ddbx::number(1), ddbx::number(2)})},
                {"e", ddbx::value::map{{"k", 7}}}};
  std::string out = "prefix:";
  REQUIRE(ddbx::write_plain_json(it, out).has_value());
  CHECK(out == R"(prefix:{"a":1.5,"b":[null,true,"x"],"c":"AP8=","d":[1,2],"e":{"k":7}})");
  CHECK(ddbx::to_plain_json(it).value() == R"({"a":1.5,"b":[null,true,"x"],"c":"AP8=","d":[1,2],"e":{"k":7}})");
  CHECK(ddbx::to_plain_json(ddbx::value("x")).value() == "\"x\"");

  // Errors name the path and leave the buffer as it was.
  ddbx::item bad{{"a", ddbx::value::list{"ok", std::string("\xff")}}};
  out = "keep";
  auto s = ddbx::write_plain_json(bad, out);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().code == ddbx::errc::invalid_utf8);
  CHECK(s.error().path == "a[1]");
  CHECK(out == "keep");
  auto nan = ddbx::to_plain_json(ddbx::item{{"x", ddbx::value::map{{"y", std::numeric_limits<double>::quiet_NaN()}}}});
  CHECK(error_of(nan).code == ddbx::errc::number_not_finite);
  CHECK(error_of(nan).path == "x.y");

  // Plain JSON → item, value, struct.
  auto back = ddbx::from_plain_json<ddbx::item>(R"({"a":1.50,"b":[null,true,"x"],"e":{"k":7}})");
  REQUIRE(back.has_value());
  CHECK((*back)["a"] == ddbx::value(ddbx::number::parse("1.5").value()));
  CHECK((*back)["b"] == ddbx::value(ddbx::value::list{nullptr, true, "x"}));
  CHECK(ddbx::from_plain_json<ddbx::value>("[1]").value() == ddbx::value(ddbx::value::list{1}));

  person p{.name = "jane", .balance = ddbx::number::parse("100.25").value(), .tags = {"a", "b"},
           .home = home_address{"Berlin", 10115}, .active = true};
  const std::string plain = ddbx::to_plain_json(p).value();
  CHECK(plain == R"({"name":"jane","balance":100.25,"tags":["a","b"],"home":{"city":"Berlin","zip":10115},"active":true})");
  CHECK(ddbx::from_plain_json<person>(plain).value() == p);
  auto wrong = ddbx::from_plain_json<person>(R"({"name":"jane","balance":1,"tags":[],"home":{"city":"B","zip":"x"},"active":true})");
  CHECK(error_of(wrong).code == ddbx::errc::type_mismatch);
  CHECK(error_of(wrong).path == "home.zip");
  // Arrays are L: a std::set member does not read from one (documented).
  CHECK(error_of(ddbx::from_plain_json<tag_list>(R"({"tags":["a"]})")).code == ddbx::errc::type_mismatch);
}

TEST_CASE("plain json: what decoding refuses, converting refuses, with the path") {
  struct bad_case { std::string_view json; ddbx::errc code; std::string_view path; };
  for (const bad_case& c : std::initializer_list<bad_case>{
           {R"({"a":{"S":"x","N":"1"}})", ddbx::errc::multiple_type_keys, "a"},
           {R"({"a":{}})", ddbx::errc::malformed_json, "a"},
           {R"({"a":{"X":"1"}})", ddbx::errc::malformed_json, "a"},
           {R"({"a":{"NULL":false}})", ddbx::errc::invalid_null, "a"},
           {R"({"a":{"BOOL":"true"}})", ddbx::errc::malformed_json, "a"},
           {R"({"a":{"B":"AP8"}})", ddbx::errc::invalid_base64, "a"},
           {R"({"a":{"M":{"s":{"SS":[]}}}})", ddbx::errc::empty_set, "a.s"},
           {R"({"a":{"SS":["x","x"]}})", ddbx::errc::duplicate_set_element, "a"},
           {R"({"a":{"NS":["1","1.0"]}})", ddbx::errc::duplicate_set_element, "a"},
           {R"({"a":{"BS":["AA==","A"]}})", ddbx::errc::invalid_base64, "a[1]"},
           {R"({"a":{"L":[{"S":1}]}})", ddbx::errc::malformed_json, "a[0]"},
           {R"({"a":{"N":"1"},"a":{"N":"2"}})", ddbx::errc::duplicate_attribute, "a"},
           {R"({"a":{"S":"x"}} x)", ddbx::errc::malformed_json, ""},
           {R"({"a":{"S":"x"})", ddbx::errc::malformed_json, ""},
           {R"([])", ddbx::errc::malformed_json, ""},
       }) {
    auto r = ddbx::item_json_to_plain(c.json);
    REQUIRE_MESSAGE(!r.has_value(), c.json);
    CHECK_MESSAGE(r.error().code == c.code, c.json, " ", r.error().what_text());
    CHECK_MESSAGE(r.error().path == c.path, c.json, " ", r.error().what_text());
    // The decoder agrees.
    CHECK_MESSAGE(!ddbx::decode_item<ddbx::item>(c.json).has_value(), c.json);
  }
  for (const bad_case& c : std::initializer_list<bad_case>{
           {R"({"a":1,"a":2})", ddbx::errc::duplicate_attribute, "a"},
           {R"({"m":{"k":1,"k":1}})", ddbx::errc::duplicate_attribute, "m.k"},
           {R"({"":1})", ddbx::errc::invalid_name, ""},
           {R"({"a":[1,tru]})", ddbx::errc::malformed_json, "a[1]"},
           {R"({"a":[1,}})", ddbx::errc::malformed_json, ""},
           {R"({"a":1} {})", ddbx::errc::malformed_json, ""},
           {R"([1])", ddbx::errc::malformed_json, ""},
           {"\xEF\xBB\xBF{}", ddbx::errc::malformed_json, ""},
       }) {
    auto r = ddbx::plain_to_item_json(c.json);
    REQUIRE_MESSAGE(!r.has_value(), c.json);
    CHECK_MESSAGE(r.error().code == c.code, c.json, " ", r.error().what_text());
    if (c.code != ddbx::errc::malformed_json) CHECK_MESSAGE(r.error().path == c.path, c.json, " ", r.error().what_text());
  }
  // An empty name inside a map is allowed (only an item's own names must be non-empty).
  CHECK(to_ddb(R"({"m":{"":1}})") == R"({"m":{"M":{"":{"N":"1"}}}})");
  // On failure the output is left as it was.
  std::string out = "keep";
  CHECK_FALSE(ddbx::plain_to_item_json(R"({"a":[1,2,1e999]})", out).has_value());
  CHECK(out == "keep");
}

TEST_CASE("plain json: invalid UTF-8 is an error naming the attribute") {
  auto e = error_of(ddbx::plain_to_item_json("{\"a\":{\"b\":[\"ok\",\"x\xff\"]}}"));
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "a.b[1]");
  CHECK(e.message == "invalid UTF-8 at byte 18 of the input");
  e = error_of(ddbx::plain_to_item_json("{\"a\":{\"k\xc3\":1}}"));  // in a name
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "a");
  e = error_of(ddbx::item_json_to_plain("{\"a\":{\"L\":[{\"S\":\"\xed\xa0\x80\"}]}}"));  // a surrogate
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "a[0]");
  e = error_of(ddbx::item_json_to_plain("{\"a\":{\"SS\":[\"x\",\"\xc0\xaf\"]}}"));  // overlong
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "a[1]");
  e = error_of(ddbx::plain_to_value_json("[{\"a\":\"\xff\"}]"));
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "[0].a");
  CHECK(e.message == "invalid UTF-8 at byte 7 of the input");
  CHECK(error_of(ddbx::plain_to_value_json("\"\xff\"")).code == ddbx::errc::invalid_utf8);
  // Outside any string: still invalid_utf8, at the top.
  e = error_of(ddbx::plain_to_item_json("{\"a\":1\xff}"));
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "");
}

TEST_CASE("plain json: nesting stops at DynamoDB's 32 levels with bounded stack") {
  // 31 arrays around a leaf inside an item: 32 levels, allowed; one more is refused.
  CHECK(ddbx::plain_to_item_json("{\"a\":" + nested("[", "]", "1", 31) + "}").has_value());
  auto e = error_of(ddbx::plain_to_item_json("{\"a\":" + nested("[", "]", "1", 32) + "}"));
  CHECK(e.code == ddbx::errc::nesting_too_deep);
  CHECK(e.path == "a" + nested("[0]", "", "", 31));
  CHECK(ddbx::plain_to_item_json("{\"a\":" + nested("{\"k\":", "}", "1", 31) + "}").has_value());
  CHECK(error_of(ddbx::plain_to_item_json("{\"a\":" + nested("{\"k\":", "}", "1", 32) + "}")).code ==
        ddbx::errc::nesting_too_deep);
  // Far deeper than simdjson's own limit or the stack allows: refused early.
  for (std::string_view open : {"[", "{\"k\":"}) {
    const std::string deep = "{\"a\":" + nested(open, open == "[" ? "]" : "}", "1", 200000) + "}";
    CHECK(error_of(ddbx::plain_to_item_json(deep)).code == ddbx::errc::nesting_too_deep);
    CHECK(error_of(ddbx::plain_to_value_json(deep)).code == ddbx::errc::nesting_too_deep);
  }
  const std::string ddb_deep = "{\"a\":" + nested(R"({"L":[)", "]}", R"({"S":"x"})", 200000) + "}";
  CHECK(error_of(ddbx::item_json_to_plain(ddb_deep)).code == ddbx::errc::nesting_too_deep);
  CHECK(ddbx::item_json_to_plain("{\"a\":" + nested(R"({"M":{"k":)", "}}", R"({"S":"x"})", 31) + "}").has_value());
  CHECK(error_of(ddbx::item_json_to_plain("{\"a\":" + nested(R"({"M":{"k":)", "}}", R"({"S":"x"})", 32) + "}")).code ==
        ddbx::errc::nesting_too_deep);
  // The writer too.
  ddbx::value v = 1;
  for (int i = 0; i < 32; ++i) v = ddbx::value::list{std::move(v)};
  CHECK(error_of(ddbx::to_plain_json(ddbx::item{{"a", v}})).code == ddbx::errc::nesting_too_deep);
}

TEST_CASE("plain json: input read in place or copied gives the same answer") {
  std::string padded = R"({"a":1.50})";
  padded.reserve(padded.size() + simdjson::SIMDJSON_PADDING + 1);
  CHECK(ddbx::plain_to_item_json(padded).value() == R"({"a":{"N":"1.5"}})");
  CHECK(ddbx::plain_to_item_json(std::string_view(padded)).value() == R"({"a":{"N":"1.5"}})");
  simdjson::padded_string ps(std::string_view(R"({"a":{"N":"1.50"}})"));
  CHECK(ddbx::item_json_to_plain(ps).value() == R"({"a":1.50})");
  ddbx::plain_json_converter c;
  std::string out;
  REQUIRE(c.plain_to_item(c.pad(R"({"x":[]})"), out).has_value());
  CHECK(out == R"({"x":{"L":[]}})");
}
