// __int128 members and values (compiled with -std=gnu++20, where libstdc++ counts __int128 as an
// integral type, as CMake's default GNU mode does): exact, DynamoDB's text, refused past 38
// significant digits. Before this test, a value of more than 24 characters was written as NUL
// bytes with success, by the encoder, by ddbx::value and by expression values.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ddbx/expression.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"

#if defined(__SIZEOF_INT128__)
namespace {

struct wide {
  __int128 s = 0;
  unsigned __int128 u = 0;
};

__int128 pow10(int k) {
  __int128 p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

}  // namespace

TEST_CASE("__int128: exact round trips, DynamoDB's text, the same in ddbx::value and expressions") {
  struct want {
    __int128 v;
    const char* text;
  };
  const want cases[] = {
      {0, "0"},
      {-1, "-1"},
      {pow10(30), "1000000000000000000000000000000"},
      {-pow10(30) - 7, "-1000000000000000000000000000007"},
      {pow10(38) - 1, "99999999999999999999999999999999999999"},  // 38 digits
      {pow10(38), "1E+38"},                                      // 39 digits, 1 significant: as ddbx::number writes it
      {-pow10(38) * 1 - pow10(37), "-1.1E+38"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    std::string out;
    REQUIRE(ddbx::encode_item(wide{c.v, 0}, out).has_value());
    CHECK(out == std::string(R"({"s":{"N":")") + c.text + R"("},"u":{"N":"0"}})");
    auto back = ddbx::decode_item<wide>(out);
    REQUIRE(back.has_value());
    CHECK(back->s == c.v);

    CHECK(ddbx::value(c.v).as_number()->text() == c.text);
    auto ex = ddbx::builder{}.with_filter(ddbx::attr<&wide::s> == c.v).build();
    REQUIRE(ex.has_value());
    CHECK(ex->values() == std::string(R"({":0":{"N":")") + c.text + R"("}})");
  }
}

TEST_CASE("__int128: more than 38 significant digits is refused everywhere, nothing written") {
  const __int128 max = static_cast<__int128>(~static_cast<unsigned __int128>(0) >> 1);  // 39 digits
  for (__int128 v : {max, -max - 1, pow10(38) + 1}) {
    std::string out = "kept";
    auto r = ddbx::encode_item(wide{v, 0}, out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ddbx::errc::number_too_precise);
    CHECK(r.error().path == "s");
    CHECK(out == "kept");

    std::string vs;
    auto rv = ddbx::encode_value(ddbx::value(v), vs);
    REQUIRE_FALSE(rv.has_value());
    CHECK(rv.error().code == ddbx::errc::number_too_precise);

    auto ex = ddbx::builder{}.with_filter(ddbx::attr<&wide::s> == v).build();
    REQUIRE_FALSE(ex.has_value());
    CHECK(ex.error().code == ddbx::errc::number_too_precise);
  }
  std::string out;
  auto r = ddbx::encode_item(wide{0, ~static_cast<unsigned __int128>(0)}, out);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ddbx::errc::number_too_precise);
  CHECK(r.error().path == "u");
  // A list of them goes through the general number path.
  std::string list_out;
  CHECK_FALSE(ddbx::encode_value(std::vector<__int128>{1, max}, list_out).has_value());
  std::string fine;
  REQUIRE(ddbx::encode_value(std::vector<__int128>{1, pow10(38)}, fine).has_value());
  CHECK(fine == R"({"L":[{"N":"1"},{"N":"1E+38"}]})");
}

struct padded_wide {
  std::string pad;
  __int128 s = 0;
};

TEST_CASE("__int128: a number past 38 digits counts DynamoDB's size of its significant digits") {
  // "1E+38" is one significant digit: 2 bytes, as DynamoDB counts it (the encoder once counted the
  // text's 4 characters, and refused items that fit). pad (3) + text + s (1) + 2 = 409600, the limit.
  padded_wide w{std::string(409600 - 3 - 1 - 2, 'x'), pow10(38)};
  std::string out;
  CHECK(ddbx::encode_item(w, out).has_value());
  w.pad += 'x';
  auto over = ddbx::encode_item(w, out);
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().code == ddbx::errc::item_too_large);
  CHECK(over.error().message.find("item size 409601 bytes") != std::string::npos);
  w.s = -pow10(38) - pow10(37);  // "-1.1E+38": 1 + 1 + 1 (sign) = 3 bytes
  w.pad.resize(409600 - 3 - 1 - 3);
  CHECK(ddbx::encode_item(w, out).has_value());
}

TEST_CASE("__int128: numbers that do not fit are refused when decoding") {
  CHECK(ddbx::decode_item<wide>(std::string_view(R"({"s":{"N":"1E+39"},"u":{"N":"0"}})")).error().code ==
        ddbx::errc::integer_out_of_range);
  CHECK(ddbx::decode_item<wide>(std::string_view(R"({"s":{"N":"2E+38"},"u":{"N":"0"}})")).error().code ==
        ddbx::errc::integer_out_of_range);
  CHECK(ddbx::decode_item<wide>(std::string_view(R"({"s":{"N":"0"},"u":{"N":"-1"}})")).error().code ==
        ddbx::errc::integer_out_of_range);
  auto ok = ddbx::decode_item<wide>(std::string_view(R"({"s":{"N":"-1.5E+38"},"u":{"N":"3E+38"}})"));
  REQUIRE(ok.has_value());
  CHECK(ok->s == -pow10(38) - pow10(38) / 2);
  CHECK(ok->u == static_cast<unsigned __int128>(pow10(38)) * 3);
}
#else
TEST_CASE("__int128: not on this compiler") { MESSAGE("no __int128 here"); }
#endif
