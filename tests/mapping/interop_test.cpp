// Items other SDKs wrote, read into plain structs with the opt-in interop options
// (decode_options::null_as_default, sets_as_lists, rfc3339_times; ddbx::interop_decode has all
// three). The strict default refuses each of these forms, with the attribute's path.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/decode.hpp"

namespace {

struct address {
  std::string city;
  friend bool operator==(const address&, const address&) = default;
};

struct order {
  std::string id;
  std::vector<std::string> tags;
  std::map<std::string, int> counts;
  address ship_to;
  std::int64_t total = 0;
  std::string note;
  std::vector<std::int64_t> sizes;
  std::vector<ddbx::binary> blobs;
  std::optional<std::string> coupon;
  std::chrono::system_clock::time_point placed{};
};

using namespace std::chrono;
constexpr auto interop = ddbx::interop_decode;

}  // namespace

TEST_CASE("interop: NULL into a plain member gives its default (the Go SDK writes nil slices, maps, pointers as NULL)") {
  // What the Go SDK v2's attributevalue.MarshalMap writes for a struct with nil members.
  constexpr std::string_view go = R"({"id":{"S":"o1"},"tags":{"NULL":true},"counts":{"NULL":true},"ship_to":{"NULL":true},)"
                                  R"("total":{"NULL":true},"note":{"NULL":true},"sizes":{"NULL":true},"blobs":{"NULL":true},)"
                                  R"("coupon":{"NULL":true},"placed":{"S":"2024-06-01T12:34:56Z"}})";
  auto strict = ddbx::decode_item<order>(go);
  REQUIRE_FALSE(strict.has_value());
  CHECK(strict.error().code == ddbx::errc::type_mismatch);
  CHECK(strict.error().path == "tags");

  auto r = ddbx::decode_item<order, ddbx::decode_options{.null_as_default = true}>(go);
  REQUIRE_MESSAGE(r.has_value(), r.error().what_text());
  const order& o = *r;
  CHECK(o.id == "o1");
  CHECK(o.tags.empty());
  CHECK(o.counts.empty());
  CHECK(o.ship_to == address{});
  CHECK(o.total == 0);
  CHECK_FALSE(o.coupon.has_value());
  // NULL must still be NULL:true, and other types are still checked.
  auto bad = ddbx::decode_item<order, interop>(std::string_view(R"({"id":{"S":"o1"},"tags":{"NULL":false}})"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code == ddbx::errc::invalid_null);
  CHECK(bad.error().path == "tags");
  CHECK(ddbx::decode_item<order, interop>(std::string_view(R"({"id":{"N":"1"}})")).error().path == "id");
}

TEST_CASE("interop: SS, NS and BS into vectors (other SDKs map lists and sets to one type)") {
  constexpr std::string_view java = R"({"id":{"S":"o2"},"tags":{"SS":["a","b"]},"sizes":{"NS":["3","1"]},"blobs":{"BS":["AQI="]},)"
                                    R"("placed":{"S":"2024-06-01T12:34:56Z"}})";
  auto strict = ddbx::decode_item<order, ddbx::decode_options{.lenient_missing = true}>(java);
  REQUIRE_FALSE(strict.has_value());
  CHECK(strict.error().path == "tags");
  CHECK(strict.error().message.find("expected L") != std::string::npos);

  auto r = ddbx::decode_item<order, ddbx::decode_options{.lenient_missing = true, .sets_as_lists = true}>(java);
  REQUIRE_MESSAGE(r.has_value(), r.error().what_text());
  CHECK(r->tags == std::vector<std::string>{"a", "b"});
  CHECK(r->sizes == std::vector<std::int64_t>{3, 1});
  REQUIRE(r->blobs.size() == 1);
  CHECK(r->blobs[0].size() == 2);
  // L still reads; a set of the wrong kind, an empty set or a duplicate are still errors.
  constexpr ddbx::decode_options lenient_interop{
      .lenient_missing = true, .null_as_default = true, .sets_as_lists = true, .rfc3339_times = true};
  CHECK(ddbx::decode_item<order, lenient_interop>(std::string_view(R"({"id":{"S":"x"},"tags":{"L":[{"S":"a"}]}})"))->tags ==
        std::vector<std::string>{"a"});
  auto wrong = ddbx::decode_item<order, interop>(std::string_view(R"({"id":{"S":"x"},"tags":{"NS":["1"]}})"));
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().path == "tags");
  CHECK(ddbx::decode_item<order, interop>(std::string_view(R"({"id":{"S":"x"},"tags":{"SS":["a","a"]}})")).error().code ==
        ddbx::errc::duplicate_set_element);
  CHECK(ddbx::decode_item<order, interop>(std::string_view(R"({"id":{"S":"x"},"sizes":{"NS":[]}})")).error().code ==
        ddbx::errc::empty_set);
}

TEST_CASE("interop: RFC 3339 times with offsets and trimmed fractions (Go's time.RFC3339Nano)") {
  auto at = [](std::string_view text, bool rfc3339) {
    const std::string json = R"({"id":{"S":"t"},"placed":{"S":")" + std::string(text) + R"("}})";
    auto r = rfc3339 ? ddbx::decode_item<order, ddbx::decode_options{.lenient_missing = true, .rfc3339_times = true}>(json)
                     : ddbx::decode_item<order, ddbx::decode_options{.lenient_missing = true}>(json);
    return r ? std::optional<system_clock::time_point>(r->placed) : std::nullopt;
  };
  const auto utc = sys_days{2024y / 6 / 1} + 12h + 34min + 56s + 500ms;
  CHECK(at("2024-06-01T12:34:56.5Z", false) == utc);  // a trimmed fraction was always read
  CHECK_FALSE(at("2024-06-01T14:34:56.5+02:00", false));  // strict: only Z
  CHECK(at("2024-06-01T14:34:56.5+02:00", true) == utc);
  CHECK(at("2024-06-01T07:04:56.500-05:30", true) == utc);
  CHECK(at("2024-06-01T12:34:56.5+00:00", true) == utc);
  CHECK(at("2024-06-01T12:34:56.5z", true) == utc);
  for (const char* bad : {"2024-06-01T12:34:56+2:00", "2024-06-01T12:34:56+02", "2024-06-01T12:34:56+24:00",
                          "2024-06-01T12:34:56+02:60", "2024-06-01T12:34:56+02:00Z", "2024-06-01T12:34:56 +02:00",
                          "2024-06-01T12:34:56+0a:00"})
    CHECK_MESSAGE(!at(bad, true), bad);
  // The offset moves a time past the end of what system_clock holds: refused, not wrapped.
  CHECK_FALSE(at("2262-04-11T23:47:16-01:00", true));
  CHECK(at("1677-09-21T01:12:44+01:00", true).has_value());
}
