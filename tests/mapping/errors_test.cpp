// Every error path: the code and the attribute path text, and nothing left in the buffer.
#include <doctest/doctest.h>
#include <cstdio>

#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "seed_types.hpp"

namespace {

template <class T>
ddbx::error encode_error(const T& item) {
  std::string out = "prefix";
  auto s = ddbx::encode_item(item, out);
  REQUIRE(!s);
  CHECK(out == "prefix");  // nothing written on failure
  return s.error();
}

template <class T, ddbx::decode_options O = ddbx::decode_options{}>
ddbx::error decode_error(std::string_view json) {
  auto r = ddbx::decode_item<T, O>(json);
  REQUIRE_MESSAGE(!r, json);
  return r.error();
}

struct tagged { std::vector<std::string> tags; };
struct with_double { double d = 0; };
struct deep_list { ddbx::value v; };
struct with_sets { std::vector<std::set<std::string>> list_of_sets; };
struct bin { ddbx::binary b; };
struct flags { bool on = false; std::optional<std::monostate> gone; };
struct times { std::chrono::system_clock::time_point t; };  // nanosecond ticks: 1677..2262, always formattable
struct small { std::int8_t i = 0; unsigned u = 0; };
struct fixed { std::array<int, 2> a{}; };
struct padded_numbers { std::string pad; ddbx::item m; std::optional<int> gone; };
struct padded_value { std::string pad; ddbx::value n; };

}  // namespace

TEST_CASE("encode: invalid UTF-8 names the attribute path") {
  seed::user u{"x", "J", "D", 1, "s", seed::postal_address{"r", "c", "C\xff", 1}};
  auto e = encode_error(u);
  CHECK(e.code == ddbx::errc::invalid_utf8);
  CHECK(e.path == "address.state");
  CHECK(e.message == "invalid UTF-8 at byte 1");
  auto e2 = encode_error(tagged{{"ok", "ok", "ok", "bad\xc0\xaf"}});  // overlong '/'
  CHECK(e2.path == "tags[3]");
  for (const char* bad : {"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"}) {
    CHECK(encode_error(tagged{{bad}}).code == ddbx::errc::invalid_utf8);
  }
  ddbx::item bad_key{{"ok", ddbx::value::map{{"k\xfe", 1}}}};
  auto e3 = encode_error(bad_key);
  CHECK(e3.code == ddbx::errc::invalid_utf8);
  CHECK(e3.path == "ok.<name>");
}

// A ddbx::item member whose value is a string or a number is written with its name in one go;
// other values after the name; a list's string or number elements with their comma. Either way a
// bad name or string names where it is.
TEST_CASE("encode: ddbx::item names and strings with invalid UTF-8, whatever the value's type") {
  const std::tuple<ddbx::item, std::string, std::string> cases[] = {
      {{{"a", "ok"}, {"b\xff", "x"}}, "<name>", "invalid UTF-8 at byte 1 in an attribute name"},
      {{{"b\xff", 5}}, "<name>", "invalid UTF-8 at byte 1 in an attribute name"},
      {{{"a", 1}, {"b\xffz", ddbx::value::list{1}}}, "<name>", "invalid UTF-8 at byte 1 in an attribute name"},
      {{{"a", 1}, {"b", "xy\xff"}}, "b", "invalid UTF-8 at byte 2"},
      {{{"m", ddbx::value::map{{"n", 2}, {"q", "\xc0\xaf"}}}}, "m.q", "invalid UTF-8 at byte 0"},
      {{{"m", ddbx::value::map{{"\xe2\x82", true}}}}, "m.<name>", "invalid UTF-8 at byte 0 in an attribute name"},
      // list elements that are strings or numbers are also written in one go, with their comma
      {{{"l", ddbx::value::list{"\xff"}}}, "l[0]", "invalid UTF-8 at byte 0"},
      {{{"l", ddbx::value::list{1, "ok", "ok\xc3"}}}, "l[2]", "invalid UTF-8 at byte 2"},
      {{{"l", ddbx::value::list{ddbx::value::map{{"k", ddbx::value::list{true, "x\xff"}}}}}}, "l[0].k[1]",
       "invalid UTF-8 at byte 1"},
  };
  for (const auto& c : cases) {
    const ddbx::error e = encode_error(std::get<0>(c));
    CHECK(e.code == ddbx::errc::invalid_utf8);
    CHECK(e.path == std::get<1>(c));
    CHECK(e.message == std::get<2>(c));
  }
}

TEST_CASE("encode: NaN, infinity and out-of-range numbers") {
  CHECK(encode_error(with_double{std::numeric_limits<double>::quiet_NaN()}).code == ddbx::errc::number_not_finite);
  auto e = encode_error(with_double{-std::numeric_limits<double>::infinity()});
  CHECK(e.code == ddbx::errc::number_not_finite);
  CHECK(e.path == "d");
  CHECK(encode_error(with_double{1e200}).code == ddbx::errc::number_out_of_range);
  CHECK(encode_error(with_double{1e-200}).code == ddbx::errc::number_out_of_range);
  ddbx::item nested{{"m", ddbx::value::map{{"xs", ddbx::value::list{1, 2}}}}};
  CHECK(ddbx::encode_item(nested).has_value());
  // A ddbx::value made from a NaN holds an invalid number, refused wherever it is.
  for (const ddbx::item& bad : {ddbx::item{{"l", ddbx::value::list{1, std::numeric_limits<double>::quiet_NaN()}}},
                                ddbx::item{{"m", ddbx::value::map{{"a", 1}, {"b", std::numeric_limits<double>::infinity()}}}}}) {
    auto e2 = encode_error(bad);
    CHECK(e2.code == ddbx::errc::number_not_finite);
    CHECK(e2.path == (bad.begin()->first == "l" ? "l[1]" : "m.b"));
  }
}

TEST_CASE("encode: 31 nested levels accepted, 32 rejected") {
  auto nest = [](int levels) {
    ddbx::value v = "leaf";
    for (int i = 0; i < levels; ++i) v = (i % 2) ? ddbx::value(ddbx::value::list{v}) : ddbx::value(ddbx::value::map{{"k", v}});
    return ddbx::item{{"top", v}};
  };
  CHECK(ddbx::encode_item(nest(31)).has_value());
  auto e = encode_error(nest(32));
  CHECK(e.code == ddbx::errc::nesting_too_deep);
  CHECK(e.path.substr(0, 9) == "top[0].k[");
}

TEST_CASE("encode: item size above 400 KB, with DynamoDB's formula") {
  ddbx::item it{{"a", std::string(409600 - 1, 'x')}};
  auto size = ddbx::item_size(it);
  REQUIRE(size.has_value());
  CHECK(*size == 409600);
  CHECK(ddbx::encode_item(it).has_value());
  ddbx::item over{{"ab", std::string(409600 - 1, 'x')}};
  auto e = encode_error(over);
  CHECK(e.code == ddbx::errc::item_too_large);
  CHECK(e.message.find("409601") != std::string::npos);

  // The formula, part by part: name + value; N digits; M 3 + key + 1; L 3 + n; BOOL/NULL 1; B raw bytes.
  CHECK(*ddbx::item_size(ddbx::item{{"n", 123}}) == 1 + 3);
  CHECK(*ddbx::item_size(ddbx::item{{"n", *ddbx::number::parse("-3.14159")}}) == 1 + 6);
  CHECK(*ddbx::item_size(ddbx::item{{"m", ddbx::value::map{{"ab", true}}}}) == 1 + 3 + 2 + 1 + 1);
  CHECK(*ddbx::item_size(ddbx::item{{"l", ddbx::value::list{nullptr, "xyz"}}}) == 1 + 3 + 2 + 1 + 3);
  CHECK(*ddbx::item_size(ddbx::item{{"b", ddbx::binary{std::byte{1}, std::byte{2}}}}) == 1 + 2);
  CHECK(*ddbx::item_size(ddbx::item{{"ss", ddbx::value::string_set({"ab", "c"})}}) == 2 + 3);
  CHECK(*ddbx::item_size(seed::user{"janedoe", "Jane", "Doe", 25, "standard_user"}) ==
        8 + 7 + 10 + 4 + 9 + 3 + 3 + 2 + 12 + 13);
}

// The encoder counts a ddbx::number at an upper bound of its size (2 + half its characters) and
// sizes the item exactly only when that sum passes 400 KB: an item of 10,000 numbers (members and
// list elements), 2 bytes each but 3 by the bound, is refused or not by its exact size, by
// encode_item and encode_items, with the exact size in the message.
TEST_CASE("encode: a ddbx::item of many numbers at the 400 KB limit, sized exactly") {
  auto numbers = [](std::size_t pad) {
    ddbx::item it;
    ddbx::value::list l;
    for (int i = 0; i < 5000; ++i) {
      char name[8];
      std::snprintf(name, sizeof name, "n%05d", i);  // 6 bytes + "7" (2 bytes): 8 each, 11 by the bound
      it[name] = *ddbx::number::parse(i % 2 ? "7" : "-0.5E0");  // "-0.5": 3 bytes, the bound 4
      l.push_back(*ddbx::number::parse("9"));  // 2 bytes + 1 in the list, 3 + 1 by the bound
    }
    it["l"] = std::move(l);
    it["s"] = std::string(pad, 'x');
    return it;
  };
  // Members: 2,500 × (6 + 2) + 2,500 × (6 + 3) = 42,500; the list: 1 + 3 + 5,000 × 3 = 15,004;
  // "s": 1 + pad. Exactly 409,600 with pad = 352,095 (the bound's sum is 10,000 more).
  const std::size_t pad = 409600 - 42500 - 15004 - 1;
  auto fits = numbers(pad);
  REQUIRE(ddbx::item_size(fits).has_value());
  CHECK(*ddbx::item_size(fits) == 409600);
  CHECK(ddbx::encode_item(fits).has_value());
  std::string page;
  CHECK(ddbx::encode_items(std::vector<ddbx::item>{fits, fits}, page).has_value());
  CHECK(*ddbx::decode_item<ddbx::item>(*ddbx::encode_item(fits)) == fits);

  auto over = numbers(pad + 1);
  CHECK(*ddbx::item_size(over) == 409601);
  auto e = encode_error(over);
  CHECK(e.code == ddbx::errc::item_too_large);
  CHECK(e.message == "item size 409601 bytes exceeds DynamoDB's 400 KB (409600 bytes)");
  page.clear();
  auto many = ddbx::encode_items(std::vector<ddbx::item>{fits, over}, page);
  REQUIRE(!many.has_value());
  CHECK(many.error().code == ddbx::errc::item_too_large);
  CHECK(many.error().path.substr(0, 3) == "[1]");
  CHECK(page.empty());

  // The exact pass encodes as the first did (here with a NULL for the empty optional: "gone" 4 + 1):
  // "pad" 3 + 409,585, "m" 1 + 3 + ("k" 1 + 1 + "7" 2) = 8, "gone" 5: 409,601, one byte over.
  constexpr ddbx::encode_options nulls{.null_for_empty_optional = true};
  padded_numbers p{std::string(409585, 'x'), ddbx::item{{"k", *ddbx::number::parse("7")}}, std::nullopt};
  auto with_null = ddbx::encode_item<nulls>(p);
  REQUIRE(!with_null.has_value());
  CHECK(with_null.error().message == "item size 409601 bytes exceeds DynamoDB's 400 KB (409600 bytes)");
  p.pad.pop_back();
  CHECK(ddbx::encode_item<nulls>(p).has_value());

  // One number "7" (2 bytes, 3 by the bound) wherever a number is bounded: a map member, a list
  // element, a struct's ddbx::value member. At exactly 409,600 bytes each item is accepted only if
  // that number marked the item for the exact pass.
  const auto seven = *ddbx::number::parse("7");
  auto check = [](const auto& make, std::size_t pad, const char* where) {
    INFO("bounded at: " << where);
    CHECK(*ddbx::item_size(make(pad)) == 409600);
    CHECK(ddbx::encode_item(make(pad)).has_value());
    auto refused = ddbx::encode_item(make(pad + 1));
    REQUIRE(!refused.has_value());
    CHECK(refused.error().message == "item size 409601 bytes exceeds DynamoDB's 400 KB (409600 bytes)");
  };
  // "n" 1 + 2, "s" 1 + pad
  check([&](std::size_t n) { return ddbx::item{{"n", seven}, {"s", std::string(n, 'x')}}; }, 409596, "member");
  // "l" 1 + 3 + (2 + 1), "s" 1 + pad
  check([&](std::size_t n) { return ddbx::item{{"l", ddbx::value::list{seven}}, {"s", std::string(n, 'x')}}; }, 409592,
        "list element");
  // "pad" 3 + pad, "n" 1 + 2
  check([&](std::size_t n) { return padded_value{std::string(n, 'x'), seven}; }, 409594, "struct member");
}

TEST_CASE("encode: duplicate set elements in ddbx::value sets") {
  auto e = encode_error(ddbx::item{{"ss", ddbx::value::string_set({"a", "b", "a"})}});
  CHECK(e.code == ddbx::errc::duplicate_set_element);
  CHECK(e.path == "ss[2]");
  auto e2 = encode_error(ddbx::item{{"ns", ddbx::value::number_set({*ddbx::number::parse("1"), *ddbx::number::parse("1.0")})}});
  CHECK(e2.code == ddbx::errc::duplicate_set_element);
  auto e3 = encode_error(ddbx::item{{"bs", ddbx::value::binary_set({ddbx::binary{std::byte{1}}, ddbx::binary{std::byte{1}}})}});
  CHECK(e3.code == ddbx::errc::duplicate_set_element);
}

TEST_CASE("encode: empty sets are omitted as members, an error inside a list") {
  struct s { std::set<std::string> tags; int n = 1; };
  CHECK(*ddbx::encode_item(s{}) == R"({"n":{"N":"1"}})");
  CHECK(*ddbx::encode_item(ddbx::item{{"e", ddbx::value::string_set({})}}) == "{}");
  auto e = encode_error(with_sets{{{"a"}, {}}});
  CHECK(e.code == ddbx::errc::empty_set);
  CHECK(e.path == "list_of_sets[1]");
  auto e2 = encode_error(ddbx::item{{"l", ddbx::value::list{ddbx::value::number_set({})}}});
  CHECK(e2.path == "l[0]");
  std::string out;
  CHECK(ddbx::encode_value(std::set<int>{}, out).error().code == ddbx::errc::empty_set);
}

TEST_CASE("encode: attribute names are 1 byte to 64 KB") {
  CHECK(encode_error(ddbx::item{{"", 1}}).code == ddbx::errc::invalid_name);
  CHECK(encode_error(ddbx::item{{std::string(65537, 'a'), 1}}).code == ddbx::errc::invalid_name);
}

TEST_CASE("decode: wrong types name the path") {
  auto e = decode_error<seed::user>(R"({"username":{"S":"x"},"age":{"S":"25"}})");
  CHECK(e.code == ddbx::errc::type_mismatch);
  CHECK(e.path == "age");
  CHECK(e.message == "expected N, got S");
  auto e2 = decode_error<seed::user>(
      R"({"username":{"S":"x"},"first_name":{"S":"J"},"last_name":{"S":"D"},"age":{"N":"1"},"account_type":{"S":"s"},)"
      R"("address":{"M":{"road":{"S":"r"},"city":{"S":"c"},"state":{"S":"s"},"zipcode":{"S":"9"}}}})");
  CHECK(e2.path == "address.zipcode");
  auto e3 = decode_error<tagged>(R"({"tags":{"L":[{"S":"a"},{"N":"1"}]}})");
  CHECK(e3.path == "tags[1]");
  CHECK(e3.message == "expected S, got N");
  CHECK(decode_error<tagged>(R"({"tags":{"SS":["a"]}})").message == "expected L, got SS");
  CHECK(decode_error<flags>(R"({"on":{"BOOL":"true"}})").code == ddbx::errc::malformed_json);
}

TEST_CASE("decode: missing members — strict by default, lenient on request") {
  auto e = decode_error<seed::user>(R"({"username":{"S":"x"}})");
  CHECK(e.code == ddbx::errc::missing_member);
  CHECK(e.path == "first_name");
  auto lenient = ddbx::decode_item<seed::user, ddbx::decode_options{.lenient_missing = true}>(
      std::string_view(R"({"username":{"S":"x"}})"));
  REQUIRE(lenient.has_value());
  CHECK(lenient->username == "x");
  CHECK(lenient->age == 0);
  auto nested = decode_error<seed::user>(
      R"({"username":{"S":"x"},"first_name":{"S":"J"},"last_name":{"S":"D"},"age":{"N":"1"},"account_type":{"S":"s"},)"
      R"("address":{"M":{"road":{"S":"r"}}}})");
  CHECK(nested.path == "address.city");
}

TEST_CASE("decode: unknown attributes — ignored by default, an error in strict_unknown mode") {
  CHECK(ddbx::decode_item<flags>(std::string_view(R"({"on":{"BOOL":true},"extra":{"S":"x"}})")).has_value());
  auto e = decode_error<flags, ddbx::decode_options{.strict_unknown = true}>(R"({"on":{"BOOL":true},"extra":{"S":"x"}})");
  CHECK(e.code == ddbx::errc::unknown_member);
  CHECK(e.path == "extra");
}

TEST_CASE("decode: malformed AttributeValues") {
  CHECK(decode_error<flags>(R"({"on":{"BOOL":true,"S":"x"}})").code == ddbx::errc::multiple_type_keys);
  CHECK(decode_error<flags>(R"({"on":{}})").code == ddbx::errc::malformed_json);
  CHECK(decode_error<flags>(R"({"on":{"BOOLEAN":true}})").code == ddbx::errc::malformed_json);
  auto n = decode_error<flags>(R"({"on":{"BOOL":true},"gone":{"NULL":false}})");
  CHECK(n.code == ddbx::errc::invalid_null);
  CHECK(n.path == "gone");
  auto b = decode_error<bin>(R"({"b":{"B":"AP8"}})");
  CHECK(b.code == ddbx::errc::invalid_base64);
  CHECK(b.path == "b");
  CHECK(decode_error<flags>(R"({"on":{"BOOL":true})").code == ddbx::errc::malformed_json);
  CHECK(decode_error<flags>(R"({"on":{"BOOL":true}} trailing)").code == ddbx::errc::malformed_json);
  CHECK(decode_error<flags>(R"([1,2])").code == ddbx::errc::malformed_json);
  CHECK(decode_error<flags>("").code == ddbx::errc::malformed_json);
  CHECK(decode_error<times>(R"({"t":{"S":"yesterday"}})").code == ddbx::errc::invalid_time);
  CHECK(decode_error<fixed>(R"({"a":{"L":[{"N":"1"}]}})").code == ddbx::errc::size_mismatch);
}

TEST_CASE("decode: invalid numbers, fractions and out-of-range integers") {
  auto f = decode_error<small>(R"({"i":{"N":"1.5"},"u":{"N":"1"}})");
  CHECK(f.code == ddbx::errc::not_an_integer);
  CHECK(f.path == "i");
  CHECK(decode_error<small>(R"({"i":{"N":"128"},"u":{"N":"1"}})").code == ddbx::errc::integer_out_of_range);
  CHECK(decode_error<small>(R"({"i":{"N":"1"},"u":{"N":"-1"}})").code == ddbx::errc::integer_out_of_range);
  CHECK(decode_error<small>(R"({"i":{"N":"x"},"u":{"N":"1"}})").code == ddbx::errc::invalid_number);
  CHECK(decode_error<with_double>(R"({"d":{"N":"nan"}})").code == ddbx::errc::invalid_number);
  CHECK(decode_error<with_double>(R"({"d":{"N":"inf"}})").code == ddbx::errc::invalid_number);
  CHECK(decode_error<with_double>(R"({"d":{"N":"1..2"}})").code == ddbx::errc::invalid_number);
  auto v = ddbx::decode_item<ddbx::item>(std::string_view(R"({"n":{"N":"1E999"}})"));
  REQUIRE(!v);
  CHECK(v.error().code == ddbx::errc::number_out_of_range);
  CHECK(v.error().path == "n");
}
