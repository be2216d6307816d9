// Hostile input: every decoder is total (an error, never a crash or an out-of-bounds read), exact
// (nothing rounded, dropped or collapsed) and independent of the bytes after the input.
#include <doctest/doctest.h>

#include <pthread.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <limits>
#include <map>
#include <set>
#include <unordered_set>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/expression.hpp"
#include "seed_types.hpp"

// Bytes allocated so far by this test binary (for the linear-error-path case); allocations to go
// before one fails (0: none fails), for the out-of-memory case.
static std::size_t allocated_bytes = 0;
static std::size_t allocations_before_failure = 0;
[[gnu::noinline]] void* operator new(std::size_t n) {
  allocated_bytes += n;
  if (allocations_before_failure != 0 && --allocations_before_failure == 0) throw std::bad_alloc();
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
// Not inlined: GCC would see malloc() and free() meet operator new and delete, and warn.
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }
// The array and nothrow forms too (simdjson uses new (std::nothrow) T[]), so that no allocation
// meets a deallocation of another kind (ASan checks).
[[gnu::noinline]] void* operator new[](std::size_t n) { return operator new(n); }
[[gnu::noinline]] void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  allocated_bytes += n;
  return std::malloc(n ? n : 1);
}
[[gnu::noinline]] void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

std::string nested(std::string_view open, std::string_view close, std::string_view leaf, std::size_t levels) {
  std::string s;
  s.reserve(levels * (open.size() + close.size()) + leaf.size());
  for (std::size_t i = 0; i < levels; ++i) s += open;
  s += leaf;
  for (std::size_t i = 0; i < levels; ++i) s += close;
  return s;
}
// `levels` lists (or maps) around a string: levels + 1 DynamoDB nesting levels.
std::string deep_list(std::size_t levels) { return nested(R"({"L":[)", "]}", R"({"S":"x"})", levels); }
std::string deep_map(std::size_t levels) { return nested(R"({"M":{"k":)", "}}", R"({"S":"x"})", levels); }

// Runs `f` on a thread with a 1 MiB stack (where the old recursive decoder overflowed at ~1,200 levels).
template <class F>
void on_small_stack(F f) {
  struct box { F* f; } b{&f};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_t t;
  REQUIRE(pthread_create(&t, &attr, [](void* p) -> void* { (*static_cast<box*>(p)->f)(); return nullptr; }, &b) == 0);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
}

struct holder { ddbx::value v; };
struct tree { std::string name; std::vector<tree> children; };

// A member name longer than simdjson's 64 bytes of padding.
struct long_named {
  int a_member_name_that_is_much_longer_than_the_sixty_four_bytes_of_padding_simdjson_reads_ahead = 0;
};

enum class level : std::uint8_t { low = 1, high = 2 };
struct with_enum { level l = level::low; };
struct with_double { double d = 0; };
struct with_float { float f = 0; };
struct with_sets { std::set<std::string> ss; std::set<double> nd; std::set<int> ni; };
struct with_map { std::map<std::string, int> m; };
struct bools { std::vector<bool> flags; };
struct one { std::string id; };
struct two { std::string id; int n = 0; };

// Decodes `json` from a std::string whose spare capacity holds `fill` bytes, read in place.
template <class T, ddbx::decode_options O = ddbx::decode_options{}>
ddbx::result<T> decode_with_padding(std::string_view json, char fill) {
  std::string s;
  s.reserve(json.size() + 200);
  s.assign(json.size() + 200, fill);
  s.resize(json.size());  // the bytes behind size() stay `fill` in practice
  std::memcpy(s.data(), json.data(), json.size());
  return ddbx::decode_item<T, O>(s);
}

}  // namespace

TEST_CASE("nesting: decoding stops at DynamoDB's 32 levels with bounded stack") {
  // 31 lists around a leaf are accepted (32 levels), 32 are not — the encoder's rule.
  CHECK(ddbx::decode_value<ddbx::value>(deep_list(31)).has_value());
  CHECK(ddbx::decode_value<ddbx::value>(deep_map(31)).has_value());
  for (auto text : {deep_list(32), deep_map(32)}) {
    auto r = ddbx::decode_value<ddbx::value>(text);
    REQUIRE(!r);
    CHECK(r.error().code == ddbx::errc::nesting_too_deep);
  }
  auto m = ddbx::decode_value<ddbx::value>(deep_map(40));
  REQUIRE(!m);
  CHECK(m.error().path.starts_with("k.k.k."));
  // 10,000 levels (the old decoder's segfault on an 8 MiB stack) on a 1 MiB stack, every entry point.
  on_small_stack([] {
    const std::string l = deep_list(10000), mm = deep_map(10000);
    CHECK(ddbx::decode_value<ddbx::value>(l).error().code == ddbx::errc::nesting_too_deep);
    CHECK(ddbx::decode_value<ddbx::value>(mm).error().code == ddbx::errc::nesting_too_deep);
    CHECK(ddbx::decode_item<ddbx::item>("{\"a\":" + l + "}").error().code == ddbx::errc::nesting_too_deep);
    CHECK(ddbx::decode_item<holder>("{\"v\":" + mm + "}").error().code == ddbx::errc::nesting_too_deep);
    CHECK(ddbx::decode_item<tree>(R"({"name":{"S":"r"},"children":)" +
                                  nested(R"({"L":[{"M":{"name":{"S":"c"},"children":)", "}}]}", R"({"L":[]})", 10000) + "}")
              .error().code == ddbx::errc::nesting_too_deep);
    auto page = ddbx::decode_page<one>(R"({"Items":[],"LastEvaluatedKey":{"id":)" + l + "}}");
    CHECK(page.error().code == ddbx::errc::nesting_too_deep);
    CHECK(page.error().path.starts_with("LastEvaluatedKey.id[0][0]"));
    // Skipped members are checked with a bound too.
    CHECK(ddbx::decode_item<one>(R"({"id":{"S":"a"},"zz":)" + l + "}").error().code == ddbx::errc::nesting_too_deep);
    CHECK(ddbx::decode_page<one>(R"({"Items":[],"Other":)" + nested("[", "]", "1", 100000) + "}").error().code ==
          ddbx::errc::nesting_too_deep);
  });
}

TEST_CASE("nesting: a decoded error path is built in linear time") {
  // 31 levels of 60 KB keys: building the path by prepending a segment per level copies ~28 MB;
  // joined once it is one 1.9 MB string. Counted in bytes allocated, not in time.
  std::string key(60000, 'k');
  std::string s;
  for (int i = 0; i < 31; ++i) s += R"({"M":{")" + key + "\":";
  s += R"({"N":"x"})";
  for (int i = 0; i < 31; ++i) s += "}}";
  std::string valid = s;
  valid.replace(valid.find(R"({"N":"x"})"), 9, R"({"N":"1"})");
  REQUIRE(ddbx::decode_value<ddbx::value>(valid));  // the thread's parser and buffers are this size now
  const std::size_t before = allocated_bytes;
  auto r = ddbx::decode_value<ddbx::value>(s);
  const std::size_t used = allocated_bytes - before;
  REQUIRE(!r);
  CHECK(r.error().code == ddbx::errc::invalid_number);
  CHECK(r.error().path.size() == 31 * key.size() + 30);
  // The keys are held by the maps and the path is built once.
  CHECK(used < 2 * s.size() + 2 * r.error().path.size());
}

TEST_CASE("member names longer than simdjson's padding are matched without reading past the input") {
  // At the very end of the buffer: the old memcmp read the whole name past the closing quote (ASan).
  const std::string json = R"({"a_member_name_that_is_much_longer_than_the_sixty_four_bytes_of_padding_simdjson_reads_ahead":{"N":"7"}})";
  simdjson::padded_string exact(json);
  auto r = ddbx::decoder{}.item<long_named>(simdjson::padded_string_view(exact));
  REQUIRE(r);
  CHECK(r->a_member_name_that_is_much_longer_than_the_sixty_four_bytes_of_padding_simdjson_reads_ahead == 7);
  // A short key that is a prefix of the long name must not match, whatever follows it.
  auto miss = ddbx::decode_item<long_named, ddbx::decode_options{.strict_unknown = true}>(std::string(R"({"a_member":{"N":"7"}})"));
  CHECK(miss.error().code == ddbx::errc::unknown_member);
}

TEST_CASE("malformed JSON is an error wherever it is, and the answer never depends on the bytes after it") {
  for (const char* bad : {R"({"id":{"S":"a"},"zz":[}})", R"({"id":{"S":"a"},"zz":{"x":tru}})",
                          R"({"id":{"S":"a"},"zz":[1 2]})", R"({"id":{"S":"a"},"zz":{"x" 1}})",
                          R"({"id":{"S":"a"},"zz":-})", R"({"id":{"S":"a"},"zz":01})", R"({"id":{"S":"a"},"zz":"\x"})"}) {
    for (char fill : {'\0', ' ', '}', ']', '"', 'x'}) {
      auto r = decode_with_padding<one>(bad, fill);
      CHECK_MESSAGE(!r, bad, " with padding '", fill, "'");
    }
    CHECK_MESSAGE(!ddbx::decode_item<ddbx::item>(std::string_view(bad)).has_value(), bad);
  }
  // Truncated documents, each read after a longer valid one filled the reused buffer.
  const std::string full = R"({"id":{"S":"abc"},"n":{"N":"12"}})";
  for (std::size_t cut = 1; cut < full.size(); ++cut) {
    REQUIRE(ddbx::decode_item<two>(std::string_view(full)).has_value());
    CHECK_MESSAGE(!ddbx::decode_item<two>(std::string_view(full).substr(0, cut)).has_value(), full.substr(0, cut));
    CHECK_MESSAGE(!decode_with_padding<two>(full.substr(0, cut), '"').has_value(), full.substr(0, cut));
  }
  // Skipped members of responses: GetItem's and a page's.
  CHECK(!ddbx::decode_get_item<one>(std::string(R"({"Item":{"id":{"S":"a"}},"ConsumedCapacity":{"x":[}}})")));
  CHECK(!ddbx::decode_page<one>(std::string(R"({"Items":[],"ConsumedCapacity":{"x":[}}})")));
  CHECK(!ddbx::decode_page<one>(std::string(R"({"Items":[],"Whatever":[1,}]})")));
  // Valid unknown members are still skipped, and ConsumedCapacity is kept as its text.
  auto p = ddbx::decode_page<one>(std::string(R"({"Items":[{"id":{"S":"a"},"zz":{"M":{"q":{"L":[{"N":"1e5"}]}}}}],"X":[1,-2.5e3,true,null,"s",{}],"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5} ,"Count":1})"));
  REQUIRE(p);
  CHECK(p->consumed_capacity_json == R"({"TableName":"t","CapacityUnits":0.5})");
  CHECK(p->items.size() == 1);
  // A byte-order mark says so.
  auto bom = ddbx::decode_item<one>(std::string("\xEF\xBB\xBF{\"id\":{\"S\":\"a\"}}"));
  REQUIRE(!bom);
  CHECK(bom.error().message.find("byte-order mark") != std::string::npos);
}

TEST_CASE("floating point given to ddbx::value is N, never BOOL") {
  ddbx::value v = 3.14;
  CHECK(v.type() == ddbx::type::N);
  CHECK(v.as_number()->text() == "3.14");
  ddbx::value f = 0.1f;
  CHECK(f.as_number()->text() == "0.1");  // the float's shortest text, as a float struct member writes it
  ddbx::item it{{"k", 2.5}, {"n", -0.0}};
  CHECK(it["k"].as_number()->text() == "2.5");
  CHECK(it["n"].as_number()->text() == "0");
  std::string out;
  REQUIRE(ddbx::encode_item(it, out));
  CHECK(out == R"({"k":{"N":"2.5"},"n":{"N":"0"}})");
  // The same text as a struct member of the same value.
  std::string s1, s2;
  REQUIRE(ddbx::encode_item(with_double{1e-7}, s1));
  REQUIRE(ddbx::encode_item(ddbx::item{{"d", 1e-7}}, s2));
  CHECK(s1 == s2);
  // NaN, infinity and values DynamoDB cannot hold are refused when encoded, with the path.
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 1e300, 1e-200}) {
    ddbx::item b{{"ok", 1}, {"bad", ddbx::value::map{{"x", bad}}}};
    std::string o = "prefix";
    auto s = ddbx::encode_item(b, o);
    REQUIRE(!s);
    CHECK(s.error().path == "bad.x");
    CHECK(o == "prefix");
    CHECK((s.error().code == ddbx::errc::number_not_finite || s.error().code == ddbx::errc::number_out_of_range));
  }
  static_assert(!std::is_convertible_v<int*, ddbx::value>, "a pointer must not become BOOL");
  static_assert(!std::is_convertible_v<char, ddbx::value>, "a char must not become N or BOOL");
  static_assert(!std::is_convertible_v<long double, ddbx::value>, "long double would lose digits");
  static_assert(std::is_convertible_v<std::int8_t, ddbx::value>);
  static_assert(std::is_convertible_v<const char*, ddbx::value>);
}

TEST_CASE("numbers: more than 38 digits are refused, never rounded; float and double read exactly DynamoDB's grammar") {
  const std::string wide = "1" + std::string(127, '0') + ".5E-100";
  CHECK(ddbx::number::parse(wide).error().code == ddbx::errc::number_too_precise);
  CHECK(ddbx::decode_item<with_double>(R"({"d":{"N":")" + wide + "\"}}").error().code == ddbx::errc::number_too_precise);
  CHECK(ddbx::number::parse("1" + std::string(125, '0')).has_value());  // trailing zeros are not precision
  CHECK(ddbx::number::parse("1" + std::string(127, '0') + ".0E-100").has_value());
  for (const char* bad : {"+-1", "--1", "1e", "1e+", ".", "", "1.2.3", "0x10", "inf", "nan", " 1", "1 "}) {
    CHECK_MESSAGE(!ddbx::decode_item<with_double>(R"({"d":{"N":")" + std::string(bad) + "\"}}").has_value(), bad);
    CHECK_MESSAGE(!ddbx::decode_item<with_float>(R"({"f":{"N":")" + std::string(bad) + "\"}}").has_value(), bad);
  }
  CHECK(ddbx::decode_item<with_double>(std::string(R"({"d":{"N":"1E126"}})")).error().code == ddbx::errc::number_out_of_range);
  CHECK(ddbx::decode_item<with_double>(std::string(R"({"d":{"N":"12345678901234567890123456789012345678.9"}})")).error().code ==
        ddbx::errc::number_too_precise);
  auto big = ddbx::decode_item<with_float>(std::string(R"({"f":{"N":"1E39"}})"));
  CHECK(big.error().code == ddbx::errc::number_out_of_range);
  CHECK(big.error().path == "f");
  CHECK(ddbx::decode_item<with_double>(std::string(R"({"d":{"N":"+1.5"}})"))->d == 1.5);
  CHECK(ddbx::decode_item<with_double>(std::string(R"({"d":{"N":"9.9999999999999999999999999999999999999E+125"}})")).has_value());
  CHECK(ddbx::decode_item<with_double>(std::string(R"({"d":{"N":"1E-130"}})"))->d == 1e-130);
  CHECK(ddbx::decode_item<with_float>(std::string(R"({"f":{"N":"3.4028234E38"}})")).has_value());
}

TEST_CASE("sets: empty sets and duplicate elements are refused on every path") {
  for (const char* json : {R"({"s":{"SS":[]}})", R"({"s":{"NS":[]}})", R"({"s":{"BS":[]}})",
                           R"({"m":{"M":{"inner":{"SS":[]}}}})", R"({"l":{"L":[{"NS":[]}]}})"}) {
    auto r = ddbx::decode_item<ddbx::item>(std::string_view(json));
    REQUIRE_MESSAGE(!r, json);
    CHECK(r.error().code == ddbx::errc::empty_set);
  }
  CHECK(ddbx::decode_item<ddbx::item>(std::string(R"({"m":{"M":{"inner":{"SS":[]}}}})")).error().path == "m.inner");
  auto e = ddbx::decode_item<with_sets>(std::string(R"({"ss":{"SS":[]}})"));
  CHECK(e.error().code == ddbx::errc::empty_set);
  CHECK(e.error().path == "ss");
  // Duplicates: the same text, two texts of one number, two numbers one double cannot tell apart.
  struct dup_case { const char* json; const char* path; };
  for (auto c : {dup_case{R"({"ss":{"SS":["a","b","a"]}})", "ss[2]"}, dup_case{R"({"ni":{"NS":["1","1.0"]}})", "ni[1]"},
                 dup_case{R"({"nd":{"NS":["0.1","0.10000000000000000001"]}})", "nd[1]"}}) {
    auto r = ddbx::decode_item<with_sets>(std::string_view(c.json));
    REQUIRE_MESSAGE(!r, c.json);
    CHECK(r.error().code == ddbx::errc::duplicate_set_element);
    CHECK(r.error().path == c.path);
  }
  for (const char* json : {R"({"s":{"SS":["a","a"]}})", R"({"s":{"NS":["1","01"]}})", R"({"s":{"BS":["AA==","AA=="]}})"}) {
    auto r = ddbx::decode_item<ddbx::item>(std::string_view(json));
    REQUIRE_MESSAGE(!r, json);
    CHECK(r.error().code == ddbx::errc::duplicate_set_element);
  }
  CHECK(ddbx::decode_item<std::map<std::string, std::unordered_set<std::string>>>(std::string(R"({"s":{"SS":["x","x"]}})"))
            .error().code == ddbx::errc::duplicate_set_element);
}

TEST_CASE("duplicate attribute names in one map are refused") {
  auto a = ddbx::decode_item<ddbx::item>(std::string(R"({"a":{"S":"x"},"a":{"S":"y"}})"));
  CHECK(a.error().code == ddbx::errc::duplicate_attribute);
  CHECK(a.error().path == "a");
  auto b = ddbx::decode_item<two>(std::string(R"({"id":{"S":"x"},"n":{"N":"1"},"id":{"S":"y"}})"));
  CHECK(b.error().code == ddbx::errc::duplicate_attribute);
  CHECK(b.error().path == "id");
  auto c = ddbx::decode_item<two>(std::string(R"({"id":{"S":"x"},"n":{"N":"1"},"\u0069d":{"S":"y"}})"));
  CHECK(c.error().code == ddbx::errc::duplicate_attribute);
  auto d = ddbx::decode_item<with_map>(std::string(R"({"m":{"M":{"k":{"N":"1"},"k":{"N":"2"}}}})"));
  CHECK(d.error().code == ddbx::errc::duplicate_attribute);
  CHECK(d.error().path == "m.k");
  CHECK(ddbx::decode_get_item<one>(std::string(R"({"Item":{"id":{"S":"a"}},"Item":{"id":{"S":"b"}}})")).error().code ==
        ddbx::errc::duplicate_attribute);
}

TEST_CASE("std::vector<bool> decodes as it encodes") {
  std::string out;
  REQUIRE(ddbx::encode_item(bools{{true, false, true}}, out));
  auto r = ddbx::decode_item<bools>(out);
  REQUIRE(r);
  CHECK(r->flags == std::vector<bool>{true, false, true});
}

TEST_CASE("enums: a value the underlying type cannot hold is an error") {
  CHECK(ddbx::decode_item<with_enum>(std::string(R"({"l":{"N":"2"}})"))->l == level::high);
  auto r = ddbx::decode_item<with_enum>(std::string(R"({"l":{"N":"256"}})"));
  CHECK(r.error().code == ddbx::errc::integer_out_of_range);
  CHECK(r.error().path == "l");
}

TEST_CASE("escaped type keys are the same JSON") {
  auto r = ddbx::decode_item<two>(std::string(R"({"id":{"\u0053":"x"},"n":{"\u004e":"2"}})"));
  REQUIRE(r);
  CHECK(r->id == "x");
  CHECK(r->n == 2);
  auto v = ddbx::decode_value<ddbx::value>(std::string(R"({"\u004eULL":true})"));
  REQUIRE(v);
  CHECK(v->type() == ddbx::type::NULL_);
  auto bad = ddbx::decode_value<ddbx::value>(std::string(R"({"\u0058":true})"));
  CHECK(bad.error().message == "unknown AttributeValue type key \"X\"");
}

TEST_CASE("error texts say which JSON type was expected") {
  struct wrong { const char* json; const char* text; };
  for (auto w : {wrong{R"({"id":{"S":"a"},"n":{"N":5}})", "n: expected a JSON string inside N"},
                 wrong{R"({"id":{"BOOL":"true"}})", "id: expected S, got BOOL"},
                 wrong{R"({"id":{"S":["a"]}})", "id: expected a JSON string inside S"},
                 wrong{R"({"id":"a"})", "id: expected an AttributeValue object {\"T\": …}"},
                 wrong{R"([])", "expected an item: a JSON object of attributes"}}) {
    auto r = ddbx::decode_item<two>(std::string_view(w.json));
    REQUIRE_MESSAGE(!r, w.json);
    CHECK(r.error().what_text() == w.text);
  }
  CHECK(ddbx::decode_value<bool>(std::string(R"({"BOOL":"true"})")).error().what_text() ==
        "expected JSON true or false inside BOOL");
  CHECK(ddbx::decode_value<std::set<std::string>>(std::string(R"({"SS":"a"})")).error().what_text() ==
        "expected a JSON array inside SS");
}

TEST_CASE("a null response member reads as absent, as botocore reads it; anything else still is checked") {
  ddbx::decoder d;
  auto g = d.item_member<ddbx::item>(R"({"Item":null,"ConsumedCapacity":null})", "Item");
  REQUIRE(g.has_value());
  CHECK_FALSE(g->has_value());
  CHECK_FALSE(d.item_member<ddbx::item>(R"({"Item":null,"Item":{"a":{"S":"x"}}})", "Item").has_value());  // twice
  CHECK_FALSE(d.item_member<ddbx::item>(R"({"Item":nul})", "Item").has_value());
  CHECK_FALSE(d.item_member<ddbx::item>(R"({"Item":[]})", "Item").has_value());
  auto p = ddbx::decode_page<ddbx::item>(R"({"Items":null,"Count":0,"ScannedCount":0,"LastEvaluatedKey":null,"ConsumedCapacity":null})");
  REQUIRE(p.has_value());
  CHECK(p->items.empty());
  CHECK_FALSE(p->last_evaluated_key.has_value());
  CHECK(p->consumed_capacity_json.empty());
  CHECK_FALSE(ddbx::decode_page<ddbx::item>(R"({"Items":[],"LastEvaluatedKey":nulx})").has_value());
}

// What a decoder learns (the names of its ddbx::item maps, per level) is kept for its next calls;
// an allocation that fails anywhere in a call (std::bad_alloc out of it) leaves the decoder as good
// as new: the next page decodes to what a new decoder gives.
TEST_CASE("a decoder whose call ran out of memory decodes the next pages as a new one does") {
  // Names longer than a string's own 15 bytes: learning them allocates too.
  const std::string pages[] = {
      R"({"Items":[{"attribute_number_a":{"S":"1"},"b":{"M":{"x":{"N":"1"},"nested_attribute_y":{"S":"long enough to allocate"}}}},)"
      R"({"b":{"M":{"nested_attribute_y":{"S":"2"}}},"attribute_number_c":{"L":[{"S":"3"}]},"attribute_number_a":{"S":"2"}},)"
      R"({"attribute_number_z":{"S":"new"},"attribute_number_a":{"S":"4"}}]})",
      R"({"Items":[{"dictionary_name_1":{"S":"1"}},{"dictionary_name_2":{"S":"2"},"b":{"M":{"nested_attribute_q":{"S":"3"},"r":{"S":"4"}}}},)"
      R"({"attribute_number_a":{"S":"5"},"attribute_number_b":{"S":"6"},"attribute_number_c":{"S":"7"}}]})",
  };
  std::vector<ddbx::page<ddbx::item>> expected;
  for (const std::string& p : pages) expected.push_back(ddbx::decoder{}.query_page<ddbx::item>(p).value());
  int failed = 0;
  for (std::size_t at = 1; at < 60; ++at) {
    ddbx::decoder d;
    ddbx::page<ddbx::item> kept;
    REQUIRE(d.query_page(pages[0], kept));
    bool threw = false;
    allocations_before_failure = at;
    try {
      (void)d.query_page<ddbx::item>(pages[at % 2]);
      (void)d.query_page(pages[(at + 1) % 2], kept);
    } catch (const std::bad_alloc&) {
      threw = true;
    }
    allocations_before_failure = 0;
    failed += threw;
    CAPTURE(at);
    for (int round = 0; round < 2; ++round) {
      for (std::size_t i = 0; i < 2; ++i) {
        auto fresh = d.query_page<ddbx::item>(pages[i]);
        REQUIRE(fresh);
        CHECK(fresh->items == expected[i].items);
        REQUIRE(d.query_page(pages[i], kept));
        CHECK(kept.items == expected[i].items);
      }
    }
  }
  CHECK(failed > 15);
}

// An expression's names and values, past those held in place, are kept back to back in one string
// with their places beside it: an allocation that fails while one is added (std::bad_alloc, caught
// by a caller who goes on) must leave text and places agreeing, so that every later placeholder
// still names its own attribute and value.
TEST_CASE("a render context whose name or value ran out of memory still names the right attributes") {
  const std::string long_name(300, 'n'), long_value(300, 'v');
  int failed = 0;
  for (std::size_t at = 1; at < 24; ++at) {
    ddbx::render_context c;
    std::string out;
    for (const char* n : {"a", "b", "c", "d", "e"}) c.name(out, n);  // four in place, one after them
    for (int v = 0; v < 9; ++v) c.value(out, v);                      // eight in place, one after them
    const std::size_t names_before = c.name_count(), values_before = c.value_count();
    bool threw = false;
    allocations_before_failure = at;
    try {
      c.name(out, long_name + "1");
      c.name(out, long_name + "2");
      c.value(out, long_value + "1");
      c.value(out, long_value + "2");
    } catch (const std::bad_alloc&) {
      threw = true;
    }
    allocations_before_failure = 0;
    failed += threw;
    CAPTURE(at);
    // Whatever was added is whole; what failed left nothing.
    for (std::size_t i = names_before; i < c.name_count(); ++i) CHECK(c.name_at(i).substr(0, 300) == long_name);
    std::string zz, yyy, after;
    c.name(zz, "zz");
    c.name(yyy, "yyy");
    c.value(after, std::string("after"));
    CHECK(zz == "#" + std::to_string(c.name_count() - 2));
    CHECK(yyy == "#" + std::to_string(c.name_count() - 1));
    CHECK(c.name_at(c.name_count() - 2) == "zz");
    CHECK(c.name_at(c.name_count() - 1) == "yyy");
    const std::string k = std::to_string(c.value_count() - 1);
    CHECK(after == ":" + k);
    // The values' JSON exactly: 0…8, the long ones that were added whole, then "after".
    std::string expected = "{";
    for (std::size_t i = 0; i < c.value_count(); ++i) {
      expected += (i ? R"(,":)" : R"(":)") + std::to_string(i) + R"(":)";
      if (i < values_before) expected += R"({"N":")" + std::to_string(i) + R"("})";
      else if (i + 1 < c.value_count()) expected += R"({"S":")" + long_value + std::to_string(i - values_before + 1) + R"("})";
      else expected += R"({"S":"after"})";
    }
    expected += "}";
    CHECK(c.values_json() == expected);
  }
  CHECK(failed > 3);
}
