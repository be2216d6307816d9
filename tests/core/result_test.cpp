#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ddbx/core/result.hpp"
#include "ddbx/mapping/base64.hpp"

TEST_CASE("result: value or error") {
  ddbx::result<int> ok = 5;
  CHECK(ok.has_value());
  CHECK(*ok == 5);
  ddbx::result<int> bad = ddbx::make_error(ddbx::errc::type_mismatch, "expected N, got S", "age");
  CHECK(!bad);
  CHECK(bad.error().what_text() == "age: expected N, got S");
  CHECK_THROWS_AS((void)bad.value(), ddbx::exception);
  try {
    (void)bad.value();
  } catch (const ddbx::exception& e) {
    CHECK(e.error().code == ddbx::errc::type_mismatch);
    CHECK(std::string(e.what()) == "age: expected N, got S");
  }
  ddbx::status s;
  CHECK(s.has_value());
  ddbx::status f = ddbx::make_error(ddbx::errc::custom, "x");
  CHECK_THROWS_AS(f.value(), ddbx::exception);
}

TEST_CASE("error: paths are built while unwinding") {
  ddbx::error e{ddbx::errc::invalid_utf8, "", "invalid UTF-8"};
  e.prepend_member("zipcode");
  e.prepend_member("address");
  CHECK(e.path == "address.zipcode");
  ddbx::error l{ddbx::errc::invalid_utf8, "", "x"};
  l.prepend_index(3);
  l.prepend_member("tags");
  CHECK(l.path == "tags[3]");
  ddbx::error n{ddbx::errc::invalid_utf8, "", "x"};
  n.prepend_member("c");
  n.prepend_index(2);
  n.prepend_index(1);
  n.prepend_member("m");
  CHECK(n.path == "m[1][2].c");
}

TEST_CASE("base64: RFC 4648 vectors, both ways") {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    std::string out;
    auto b = ddbx::binary::from(plain[i]);
    ddbx::base64_encode(out, b.data(), b.size());
    CHECK(out == coded[i]);
    auto back = ddbx::base64_decode(coded[i]);
    REQUIRE(back.has_value());
    CHECK(back->view() == plain[i]);
  }
  for (const char* bad : {"Zg=", "Zg=a", "Z===", "Zh==", "Zm9=", "Zm9v!A==", "=AAA", "Zg==Zg=="}) {
    CHECK_MESSAGE(!ddbx::base64_decode(bad).has_value(), bad);
  }
}

TEST_CASE("result: value() of an rvalue returns the value, so a range-for over a temporary's member is safe") {
  struct page {
    std::vector<std::string> items;
  };
  auto make = [] { return ddbx::result<page>(page{{"a", "b", "c"}}); };
  static_assert(std::is_same_v<decltype(make().value()), page>, "value() && returns by value");
  static_assert(std::is_same_v<decltype(std::declval<ddbx::result<page>&>().value()), page&>);
  std::string joined;
  // With value() && returning page&&, `items` referred into the destroyed temporary (ASan: use after free).
  for (const auto& s : make().value().items) joined += s;
  CHECK(joined == "abc");
}

TEST_CASE("result: value_or, and_then, transform, or_else (std::expected's vocabulary)") {
  using ddbx::result;
  const result<int> good = 4;
  const result<int> bad = ddbx::make_error(ddbx::errc::invalid_request, "no", "x");
  CHECK(good.value_or(7) == 4);
  CHECK(bad.value_or(7) == 7);
  CHECK(result<std::string>(std::string("s")).value_or("t") == "s");
  CHECK(result<std::string>(ddbx::make_error(ddbx::errc::custom, "e")).value_or("t") == "t");

  auto half = [](int v) -> result<int> {
    if (v % 2) return ddbx::make_error(ddbx::errc::custom, "odd");
    return v / 2;
  };
  CHECK(good.and_then(half).value() == 2);
  CHECK(good.and_then(half).and_then(half).value() == 1);
  CHECK(good.and_then(half).and_then(half).and_then(half).error().message == "odd");
  CHECK(bad.and_then(half).error().path == "x");  // the first error passes through untouched

  auto text = good.transform([](int v) { return std::to_string(v); });
  static_assert(std::is_same_v<decltype(text), result<std::string>>);
  CHECK(*text == "4");
  CHECK(bad.transform([](int v) { return v + 1; }).error().code == ddbx::errc::invalid_request);
  int seen = 0;
  ddbx::status done = good.transform([&](int v) { seen = v; });
  CHECK(done.has_value());
  CHECK(seen == 4);

  CHECK(bad.or_else([](const ddbx::error&) -> result<int> { return 0; }).value() == 0);
  CHECK(good.or_else([](const ddbx::error&) -> result<int> { return 0; }).value() == 4);
  CHECK(bad.or_else([](const ddbx::error& e) -> result<int> { return ddbx::make_error(e.code, "again"); }).error().message ==
        "again");

  // Pointers to members are callables too, as with std::invoke (ddbx's own invoke, without <functional>).
  struct named { std::string name; std::size_t length() const { return name.size(); } };
  const result<named> n = named{"janedoe"};
  CHECK(*n.transform(&named::name) == "janedoe");
  CHECK(*n.transform(&named::length) == 7);
  CHECK(*result<named>(named{"ab"}).transform(&named::name) == "ab");

  // Moves out of an rvalue result.
  auto moved = result<std::vector<int>>(std::vector<int>{1, 2}).transform([](std::vector<int> v) { return v.size(); });
  CHECK(*moved == 2);

  // status (result<void>).
  const ddbx::status ok{};
  const ddbx::status failed = ddbx::make_error(ddbx::errc::custom, "f");
  CHECK(ok.and_then([] { return result<int>(1); }).value() == 1);
  CHECK(failed.and_then([] { return result<int>(1); }).error().message == "f");
  CHECK(ok.transform([] { return 3; }).value() == 3);
  CHECK_FALSE(failed.transform([] { return 3; }).has_value());
  CHECK(failed.or_else([](const ddbx::error&) { return ddbx::status{}; }).has_value());
  CHECK(ok.or_else([](const ddbx::error& e) { return ddbx::status{e}; }).has_value());
}

namespace {
// Counts live instances, so a copy, move or assignment that leaks or destroys twice shows (and ASan
// sees a destroyed one used); its copy throws when asked to.
struct tracked {
  static inline int alive = 0;
  static inline bool throw_on_copy = false;
  std::string text;
  explicit tracked(std::string t) : text(std::move(t)) { ++alive; }
  tracked(const tracked& o) : text(o.text) {
#if defined(__cpp_exceptions)
    if (throw_on_copy) throw std::runtime_error("copy refused");
#endif
    ++alive;
  }
  tracked(tracked&& o) noexcept : text(std::move(o.text)) { ++alive; }
  tracked& operator=(const tracked&) = default;
  tracked& operator=(tracked&&) noexcept = default;
  ~tracked() { --alive; }
};
}  // namespace

TEST_CASE("result: copies, moves and assignments between a value and an error") {
  using ddbx::result;
  {
    result<tracked> v = tracked("value");
    result<tracked> e = ddbx::make_error(ddbx::errc::custom, "error", "p");
    CHECK(tracked::alive == 1);
    result<tracked> v2 = v;  // copy of a value
    result<tracked> e2 = e;  // copy of an error
    CHECK(tracked::alive == 2);
    CHECK(v2->text == "value");
    CHECK(e2.error().path == "p");
    e2 = v;  // error <- value
    CHECK(e2.has_value());
    CHECK(e2->text == "value");
    CHECK(tracked::alive == 3);
    v2 = e;  // value <- error
    CHECK(!v2);
    CHECK(v2.error().message == "error");
    CHECK(tracked::alive == 2);
    v2 = std::move(e2);  // error <- moved value
    CHECK(v2->text == "value");
    e2 = result<tracked>(ddbx::make_error(ddbx::errc::custom, "again"));  // value <- moved error
    CHECK(e2.error().message == "again");
    CHECK(tracked::alive == 2);
    result<tracked>& same = v2;
    v2 = same;  // self-assignment keeps the value
    CHECK(v2->text == "value");
    result<tracked> moved(std::move(v2));
    CHECK(moved->text == "value");
    static_assert(std::is_nothrow_move_constructible_v<result<tracked>>);
    static_assert(std::is_nothrow_move_assignable_v<result<tracked>>);
  }
  CHECK(tracked::alive == 0);
#if defined(__cpp_exceptions)
  {
    // A value whose copy throws, assigned over an error: the error stays, nothing leaks.
    result<tracked> e = ddbx::make_error(ddbx::errc::custom, "kept");
    const result<tracked> v = tracked("v");
    tracked::throw_on_copy = true;
    CHECK_THROWS_AS(e = v, std::runtime_error);
    tracked::throw_on_copy = false;
    REQUIRE(!e);
    CHECK(e.error().message == "kept");
  }
  CHECK(tracked::alive == 0);
#endif
  // Default construction value-initializes, as std::variant<T, error> did.
  const result<int> zero;
  CHECK(zero.has_value());
  CHECK(*zero == 0);
  // Move-only values.
  result<std::unique_ptr<int>> p = std::make_unique<int>(7);
  result<std::unique_ptr<int>> q = std::move(p);
  CHECK(**q == 7);
  static_assert(!std::is_copy_constructible_v<result<std::unique_ptr<int>>>);
  p = std::move(q);
  CHECK(**p == 7);
}
