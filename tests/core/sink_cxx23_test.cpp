// Compiled as C++23 (tests/meson.build): the encoder's output sink lengthens the caller's string
// with resize_and_overwrite, so the bytes it has not written yet are not zeroed first. Whatever
// the string held before (its text, its spare capacity), the output is the same as item by item,
// a failed encode leaves the string as it was, and what follows the output is trimmed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

static_assert(__cpp_lib_string_resize_and_overwrite >= 202110L, "this test is for the C++23 path of detail::sink");

namespace {
std::vector<seed::user> many_users(std::size_t n) {
  std::vector<seed::user> users;
  for (std::size_t i = 0; i < n; ++i) {
    seed::user u{"user" + std::to_string(i), "Jane", "Doe", static_cast<int>(20 + i % 50), "standard_user"};
    if (i % 3 == 0) u.address = seed::postal_address{std::to_string(i) + " Main Street", "Zürich", "ZH", 8000};
    users.push_back(std::move(u));
  }
  return users;
}
}  // namespace

TEST_CASE("sink, C++23: output over a reused string equals the items encoded one by one") {
  const auto users = many_users(3000);  // about 300 KB: the sink grows many times
  std::string expected = "[";
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (i) expected += ',';
    expected += ddbx::encode_item(users[i]).value();
  }
  expected += ']';

  std::string out(1 << 20, 'x');  // a large capacity full of bytes that must not show
  out = "prefix:";
  REQUIRE(ddbx::encode_items(users, out));
  CHECK(out == "prefix:" + expected);
  CHECK(out.size() == 7 + expected.size());

  // Again into the same string, now with spare capacity holding the last output.
  out.clear();
  REQUIRE(ddbx::encode_items(users, out));
  CHECK(out == expected);
}

TEST_CASE("sink, C++23: a failed encode leaves the string as it was") {
  auto users = many_users(2000);
  users.back().first_name = "bad \xff";  // invalid UTF-8, found after about 200 KB are written
  std::string out = "kept";
  auto r = ddbx::encode_items(users, out);
  REQUIRE(!r);
  CHECK(r.error().code == ddbx::errc::invalid_utf8);
  CHECK(out == "kept");
}
