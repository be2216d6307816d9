// Range-for over a paginator's pages and items, and how an error ends the loop (thrown with
// exceptions, kept in failure() either way).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ddbx/client/client.hpp"
#include "ddbx/client/paginator.hpp"
#include "seed_types.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace client_paginator_range_test {

using namespace ddbx;
using seed::user;
using users_table = table<user, &user::username, &user::last_name>;

namespace {

// Three pages (2 items, none, 1 item); the call after `fail_after` calls fails.
struct three_pages {
  int* calls;
  int fail_after = 100;
  result<http_response> operator()(std::string_view, std::string_view) {
    const int n = (*calls)++;
    if (n >= fail_after) return http_response{400, {}, R"({"__type":"x#ValidationException","message":"page failed"})"};
    auto item = [](int age) {
      return R"({"username":{"S":"p"},"first_name":{"S":"F"},"last_name":{"S":"k)" + std::to_string(age) +
             R"("},"age":{"N":")" + std::to_string(age) + R"("},"account_type":{"S":"t"}})";
    };
    auto key = [](int age) { return R"(,"LastEvaluatedKey":{"username":{"S":"p"},"last_name":{"S":"k)" + std::to_string(age) + "\"}}"; };
    if (n == 0) return http_response{200, {}, R"({"Items":[)" + item(0) + "," + item(1) + R"(],"Count":2)" + key(1) + "}"};
    if (n == 1) return http_response{200, {}, R"({"Items":[],"Count":0)" + key(15) + "}"};  // evaluated past k1, none kept
    return http_response{200, {}, R"({"Items":[)" + item(2) + R"(],"Count":1})"};
  }
};

}  // namespace

TEST_CASE("paginator: range-for over pages and over items, empty pages included") {
  int calls = 0;
  client db{three_pages{&calls}, {.sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  std::vector<std::size_t> sizes;
  auto pages = paginate(users.query(key<&user::username> == "p"));
  for (auto& page : pages.pages()) sizes.push_back(page.items.size());
  CHECK(sizes == std::vector<std::size_t>{2, 0, 1});
  CHECK(pages.failure() == nullptr);
  CHECK(calls == 3);

  calls = 0;
  std::vector<int> ages;
  for (auto& u : paginate(users.query(key<&user::username> == "p")).items()) ages.push_back(u.age);
  CHECK(ages == std::vector<int>{0, 1, 2});

  // MaxItems applies to the ranges too.
  calls = 0;
  ages.clear();
  for (const auto& u : paginate(users.query(key<&user::username> == "p"), {.max_items = 1}).items()) ages.push_back(u.age);
  CHECK(ages == std::vector<int>{0});
}

TEST_CASE("paginator: an error ends the range-for, is thrown, and stays in failure()") {
  int calls = 0;
  client db{three_pages{&calls, 1}, {.sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto pages = paginate(users.query(key<&user::username> == "p"));
  std::vector<int> ages;
  try {
    for (auto& u : pages.items()) ages.push_back(u.age);
    FAIL("the failed page must not end the loop silently");
  } catch (const ddbx::exception& e) {
    CHECK(e.error().aws_code == "ValidationException");
  }
  CHECK(ages == std::vector<int>{0, 1});  // the first page was read
  REQUIRE(pages.failure() != nullptr);
  CHECK(pages.failure()->message == "page failed");
}

TEST_CASE("paginator: a range over a temporary paginator keeps it alive and reports its failure") {
  int calls = 0;
  client db{three_pages{&calls, 1}, {.sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");
  auto range = paginate(users.query(key<&user::username> == "p")).pages();
  std::size_t pages = 0;
  CHECK_THROWS_AS(
      [&] {
        for (auto& p : range) pages += p.items.empty() ? 0 : 1;
      }(),
      ddbx::exception);
  CHECK(pages == 1);
  REQUIRE(range.failure() != nullptr);
  CHECK(range.failure()->aws_code == "ValidationException");
}

// A faulty server (or proxy) that answers a page with the key it was asked from: without a check
// the paginator asked for that page again forever, yielding its items each time (review finding).
namespace {
struct stuck_key {
  int* calls;
  std::vector<std::string>* start_keys;
  result<http_response> operator()(std::string_view, std::string_view body) {
    const std::size_t at = body.find("\"ExclusiveStartKey\":");
    start_keys->push_back(at == std::string_view::npos ? "" : std::string(body.substr(at, 60)));
    const std::string page = R"({"Items":[{"username":{"S":"p"},"first_name":{"S":"F"},"last_name":{"S":"k1"},"age":{"N":"1"},"account_type":{"S":"t"}}],"Count":1)";
    if (++*calls > 50) return http_response{200, {}, page + "}"};  // so that a paginator without the check ends
    return http_response{200, {}, page + R"(,"LastEvaluatedKey":{"last_name":{"S":"k1"},"username":{"S":"p"}}})"};
  }
};
}  // namespace

TEST_CASE("paginator: a LastEvaluatedKey equal to the ExclusiveStartKey it answers ends the walk with an error") {
  int calls = 0;
  std::vector<std::string> start_keys;
  client db{stuck_key{&calls, &start_keys}, {.sleep = [](auto) {}}};
  auto users = db.table<users_table>("users");

  // next(): the first page, then the page asked from its key (which comes back), then the error.
  auto pages = paginate(users.query(key<&user::username> == "p"));
  std::size_t read = 0;
  result<std::optional<query_result<user>>> p = pages.next();
  for (; p && *p && read < 10; p = pages.next()) ++read;
  CHECK(read == 2);
  REQUIRE_FALSE(p.has_value());
  CHECK(p.error().code == errc::malformed_response);
  CHECK(p.error().path == "LastEvaluatedKey");
  CHECK(calls == 2);
  REQUIRE(start_keys.size() == 2);
  CHECK(start_keys[0].empty());
  CHECK(start_keys[1].find("\"k1\"") != std::string::npos);
  CHECK_FALSE(pages.next().has_value());  // and stays so: nothing more is sent
  CHECK(calls == 2);

  // Resumed from a token holding that key: the first answer repeats it, the next call fails.
  calls = 0;
  auto resumed = paginate(users.query(key<&user::username> == "p"), {.max_items = 1});
  REQUIRE(resumed.next().has_value());
  const std::optional<std::string> token = resumed.resume_token();
  REQUIRE(token.has_value());
  auto again = paginate(users.query(key<&user::username> == "p"), {.starting_token = token});
  REQUIRE(again.next().has_value());
  CHECK_FALSE(again.next().has_value());

  // build_full_result() and the ranges end with the error too.
  calls = 0;
  auto full = paginate(users.query(key<&user::username> == "p")).build_full_result();
  REQUIRE_FALSE(full.has_value());
  CHECK(full.error().code == errc::malformed_response);
  calls = 0;
  auto range = paginate(users.query(key<&user::username> == "p"));
  std::size_t items = 0;
  CHECK_THROWS_AS(
      [&] {
        for (auto& u : range.items()) items += u.age == 1 ? 1 : 0;
      }(),
      ddbx::exception);
  CHECK(items == 2);
  CHECK(calls == 2);
}

}  // namespace client_paginator_range_test
