#include <doctest/doctest.h>

#include <string>

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
