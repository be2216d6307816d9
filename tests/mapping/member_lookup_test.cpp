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
}  // namespace

TEST_CASE("member lookup: perfect hash where names allow it, a scan where they do not") {
  CHECK(ddbx::detail::member_hash<hashed>::value.perfect);
  CHECK_FALSE(ddbx::detail::member_hash<alike>::value.perfect);
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
