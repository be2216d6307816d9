// Finding a struct member from an item's attribute name: by a compile-time perfect hash when the
// names allow one, by a scan when two names are alike in length, first, middle and last byte; in
// any attribute order; a name that lands on a member's slot but is another name is not that member.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "ddbx/mapping/decode.hpp"

namespace {
struct hashed {
  std::string alpha;
  int beta = 0;
  std::string gamma;
  int delta = 0;
  std::string epsilon;
};
struct alike {  // ab_c and ax_c: same length, first, middle and last byte
  int ab_c = 0;
  int ax_c = 0;
  std::string other;
};
// The 22 member names of the fuzz targets' user: the first hash search ran out of Clang 14's
// constexpr step budget on them (a compile error in every build that decodes such a struct).
struct many {
  int username = 0, first_name = 0, last_name = 0, age = 0, account_type = 0, address = 0, tags = 0, scores = 0,
      string_set = 0, number_set = 0, binary_set = 0, ratio = 0, weight = 0, balance = 0, avatar = 0, raw = 0,
      active = 0, level = 0, big = 0, ubig = 0, kind = 0, plain = 0;
};
// Names on both sides of 16 bytes with their closing quote (15 bytes are compared as one masked
// 16-byte pair of words, 16 and more by raw_key_equals), a one-byte name and a skipped member.
struct boundary {
  int a = 0;
  int fifteen_chars__ = 0;    // 15 bytes
  int sixteen_chars___ = 0;   // 16
  int seventeen_chars__ = 0;  // 17
  int cache = 0;              // skipped
};
}  // namespace

template <>
struct ddbx::fields<boundary> {
  static constexpr ddbx::field_option options[] = {{.member = "cache", .skip = true}};
};

TEST_CASE("member lookup: perfect hash where names allow it, a scan where they do not") {
  CHECK(ddbx::detail::member_hash<hashed>::value.perfect);
  CHECK(ddbx::detail::member_hash<many>::value.perfect);
  CHECK_FALSE(ddbx::detail::member_hash<alike>::value.perfect);
  auto m = ddbx::decode_item<many>(R"({"plain":{"N":"22"},"username":{"N":"1"},"kind":{"N":"21"},"ratio":{"N":"12"},)"
                                   R"("age":{"N":"4"},"first_name":{"N":"2"},"last_name":{"N":"3"},"account_type":{"N":"5"},)"
                                   R"("address":{"N":"6"},"tags":{"N":"7"},"scores":{"N":"8"},"string_set":{"N":"9"},)"
                                   R"("number_set":{"N":"10"},"binary_set":{"N":"11"},"weight":{"N":"13"},"balance":{"N":"14"},)"
                                   R"("avatar":{"N":"15"},"raw":{"N":"16"},"active":{"N":"17"},"level":{"N":"18"},)"
                                   R"("big":{"N":"19"},"ubig":{"N":"20"}})");
  REQUIRE(m);
  CHECK(m->username == 1);
  CHECK(m->ratio == 12);
  CHECK(m->ubig == 20);
  CHECK(m->plain == 22);
}

TEST_CASE("member lookup: every attribute order gives the same struct") {
  const std::string fields[] = {R"("alpha":{"S":"a"})", R"("beta":{"N":"2"})", R"("gamma":{"S":"g"})",
                                R"("delta":{"N":"4"})", R"("epsilon":{"S":"e"})"};
  int order[] = {0, 1, 2, 3, 4};
  int tried = 0;
  do {
    std::string json = "{";
    for (int i = 0; i < 5; ++i) json += (i ? "," : "") + fields[order[i]];
    json += "}";
    auto h = ddbx::decode_item<hashed>(json);
    REQUIRE_MESSAGE(h, json);
    CHECK(h->alpha == "a");
    CHECK(h->beta == 2);
    CHECK(h->gamma == "g");
    CHECK(h->delta == 4);
    CHECK(h->epsilon == "e");
    ++tried;
  } while (std::next_permutation(order, order + 5));
  CHECK(tried == 120);
  auto a = ddbx::decode_item<alike>(R"({"other":{"S":"o"},"ax_c":{"N":"2"},"ab_c":{"N":"1"}})");
  REQUIRE(a);
  CHECK(a->ab_c == 1);
  CHECK(a->ax_c == 2);
}

TEST_CASE("member lookup: names close to a member's are other attributes") {
  // Same length, first, middle and last byte as "gamma" (so the same hash slot): not gamma.
  constexpr auto strict = ddbx::decode_options{.strict_unknown = true};
  auto r = ddbx::decode_item<hashed, strict>(
      R"({"alpha":{"S":"a"},"beta":{"N":"2"},"gXmma":{"S":"g"},"delta":{"N":"4"},"epsilon":{"S":"e"}})");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ddbx::errc::unknown_member);
  CHECK(r.error().path == "gXmma");
  // Prefixes and extensions of a member's name, and an escaped spelling of one.
  auto lenient = ddbx::decode_item<hashed>(
      R"({"alph":{"S":"x"},"alphaa":{"S":"y"},"\u0061lpha":{"S":"a"},"beta":{"N":"2"},"gamma":{"S":"g"},"delta":{"N":"4"},"epsilon":{"S":"e"}})");
  REQUIRE(lenient);
  CHECK(lenient->alpha == "a");
  auto twice = ddbx::decode_item<alike>(R"({"ab_c":{"N":"1"},"ax_c":{"N":"2"},"ab_c":{"N":"3"},"other":{"S":"o"}})");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == ddbx::errc::duplicate_attribute);
}

TEST_CASE("member lookup: names of 15, 16 and 17 bytes; prefixes and extensions of them are other attributes") {
  constexpr auto strict = ddbx::decode_options{.strict_unknown = true};
  const std::string all = R"({"a":{"N":"1"},"fifteen_chars__":{"N":"15"},"sixteen_chars___":{"N":"16"},)"
                          R"("seventeen_chars__":{"N":"17"}})";
  // in order (the next member is tried first) and reversed (the hash)
  const std::string reversed = R"({"seventeen_chars__":{"N":"17"},"sixteen_chars___":{"N":"16"},)"
                               R"("fifteen_chars__":{"N":"15"},"a":{"N":"1"}})";
  for (const std::string& json : {all, reversed}) {
    auto b = ddbx::decode_item<boundary, strict>(json);
    REQUIRE_MESSAGE(b, json);
    CHECK(b->a == 1);
    CHECK(b->fifteen_chars__ == 15);
    CHECK(b->sixteen_chars___ == 16);
    CHECK(b->seventeen_chars__ == 17);
  }
  // Each of these differs from a member's name by its last byte, one byte less or one more; in
  // the place where the member is expected next, and again after the order has been seen to differ.
  for (const char* name : {"b", "aa", "fifteen_chars_", "fifteen_chars__x", "fifteen_chars_x", "sixteen_chars__",
                           "sixteen_chars___x", "sixteen_chars__x", "seventeen_chars_", "seventeen_chars__x",
                           "seventeen_chars_x", "cache"}) {
    for (bool first : {true, false}) {
      const std::string extra = std::string(R"(")") + name + R"(":{"N":"9"})";
      const std::string json = first ? "{" + extra + "," + all.substr(1) : all.substr(0, all.size() - 1) + "," + extra + "}";
      auto b = ddbx::decode_item<boundary, strict>(json);
      REQUIRE_FALSE_MESSAGE(b, json);
      CHECK(b.error().code == ddbx::errc::unknown_member);
      CHECK(b.error().path == name);
      auto lenient = ddbx::decode_item<boundary>(json);
      REQUIRE_MESSAGE(lenient, json);
      CHECK(lenient->a == 1);
      CHECK(lenient->fifteen_chars__ == 15);
      CHECK(lenient->sixteen_chars___ == 16);
      CHECK(lenient->seventeen_chars__ == 17);
      CHECK(lenient->cache == 0);
    }
  }
}
