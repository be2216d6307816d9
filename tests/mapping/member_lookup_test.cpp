// Finding a struct member from an item's attribute name: by a compile-time perfect hash when the
// names allow one, by a scan when two names are alike in length, first, middle and last byte; in
// any attribute order; a name that lands on a member's slot but is another name is not that member.
// The order learned from earlier items is only a guess: every order still decodes the same.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

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
// Types of their own for the learned-order tests: the learned order is per type, for the process.
struct learner {
  std::string alpha;
  int beta = 0;
  std::string gamma;
  std::optional<int> delta;
  std::string epsilon;
};
struct learner_threads {
  std::string alpha;
  int beta = 0;
  std::string gamma;
  int delta = 0;
  std::string epsilon;
};
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

namespace {
// {"Items":[…]} of n items numbered from `first`, their attributes in `order` (indices of
// learner's members; delta left out when `with_delta` is false).
std::string learner_page(const std::vector<int>& order, int first, int n, bool with_delta = true) {
  std::string page = R"({"Items":[)";
  for (int i = first; i < first + n; ++i) {
    const std::string v = std::to_string(i);
    const std::string fields[] = {R"("alpha":{"S":"a)" + v + R"("})", R"("beta":{"N":")" + v + R"("})",
                                  R"("gamma":{"S":"g)" + v + R"("})", R"("delta":{"N":")" + v + R"("})",
                                  R"("epsilon":{"S":"e)" + v + R"("})"};
    page += i > first ? ",{" : "{";
    bool any = false;
    for (int k : order) {
      if (k == 3 && !with_delta) continue;
      page += (any ? "," : "") + fields[k];
      any = true;
    }
    page += "}";
  }
  return page + "]}";
}
template <class T>
void check_items(const std::vector<T>& items, int first, bool with_delta = true) {
  for (std::size_t j = 0; j < items.size(); ++j) {
    const std::string v = std::to_string(first + static_cast<int>(j));
    CHECK(items[j].alpha == "a" + v);
    CHECK(items[j].beta == first + static_cast<int>(j));
    CHECK(items[j].gamma == "g" + v);
    if constexpr (std::is_same_v<T, learner>) {
      if (with_delta) CHECK(items[j].delta == first + static_cast<int>(j));
      else CHECK_FALSE(items[j].delta.has_value());
    } else {
      CHECK(items[j].delta == first + static_cast<int>(j));
    }
    CHECK(items[j].epsilon == "e" + v);
  }
}
}  // namespace

TEST_CASE("member lookup: the order learned from earlier items is a guess that never changes a result") {
  using order = ddbx::detail::member_order<learner>;
  ddbx::decoder dec;
  ddbx::page<learner> page;
  // The struct's order is predicted before anything is learned.
  CHECK(order::after(0) == 0);
  const std::vector<int> reversed = {4, 3, 2, 1, 0};
  REQUIRE(dec.query_page(learner_page(reversed, 0, 3), page));
  check_items(page.items, 0);
  // Learned: epsilon first, then delta, gamma, beta, alpha.
  CHECK(order::after(0) == 4);
  CHECK(order::after(4 + 1) == 3);
  CHECK(order::after(1 + 1) == 0);
  CHECK_FALSE(order::unsteady());
  // The struct's order again, an optional member left out, over the same page and fresh.
  REQUIRE(dec.query_page(learner_page({0, 1, 2, 3, 4}, 10, 3), page));
  check_items(page.items, 10);
  REQUIRE(dec.query_page(learner_page(reversed, 20, 4, false), page));
  check_items(page.items, 20, false);
  auto fresh = dec.query_page<learner>(learner_page(reversed, 30, 2));
  REQUIRE(fresh);
  check_items(fresh->items, 30);
  // A name where a member is predicted, alike in length, first, middle and last byte, is another
  // attribute; a member sent twice where it is predicted is still refused.
  constexpr auto strict = ddbx::decode_options{.strict_unknown = true};
  auto alike = ddbx::decode_item<learner, strict>(
      R"({"epsilon":{"S":"e"},"delta":{"N":"4"},"gXmma":{"S":"g"},"beta":{"N":"2"},"alpha":{"S":"a"}})");
  REQUIRE_FALSE(alike);
  CHECK(alike.error().code == ddbx::errc::unknown_member);
  CHECK(alike.error().path == "gXmma");
  auto twice = ddbx::decode_item<learner>(
      R"({"epsilon":{"S":"e"},"delta":{"N":"4"},"gamma":{"S":"g"},"gamma":{"S":"h"},"alpha":{"S":"a"}})");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == ddbx::errc::duplicate_attribute);
  CHECK(twice.error().path == "gamma");
  // Items in orders of their own decode the same.
  std::vector<int> perm = {0, 1, 2, 3, 4};
  std::string shuffled = R"({"Items":[)";
  for (int i = 0; i < 40; ++i) {
    for (int step = 0; step < 1 + i % 7; ++step) std::next_permutation(perm.begin(), perm.end());
    const std::string one = learner_page(perm, 100 + i, 1);
    shuffled += (i ? "," : "") + one.substr(10, one.size() - 12);  // the item, without {"Items":[ and ]}
  }
  shuffled += "]}";
  auto mixed = dec.query_page<learner>(shuffled);
  REQUIRE(mixed);
  REQUIRE(mixed->items.size() == 40);
  check_items(mixed->items, 100);
  // Whatever was learned, a page in one order settles it: the first probe (the 32nd item) learns
  // the order, the second (the 64th) finds no miss, and predictions resume.
  const std::vector<int> settled_order = {2, 0, 4, 1, 3};
  auto settled = dec.query_page<learner>(learner_page(settled_order, 200, 70));
  REQUIRE(settled);
  check_items(settled->items, 200);
  CHECK_FALSE(order::unsteady());
  CHECK(order::after(0) == 2);
  // Two items in a row that two predictions miss stop predictions (later items are hashed, one
  // in 32 probes); one such item does not (the next follows the order it taught).
  auto far = dec.query_page<learner>(learner_page({3, 1, 4, 0, 2}, 300, 1));
  REQUIRE(far);
  check_items(far->items, 300);
  CHECK_FALSE(order::unsteady());
  auto farther = dec.query_page<learner>(learner_page({0, 4, 1, 2, 3}, 310, 1));
  REQUIRE(farther);
  check_items(farther->items, 310);
  CHECK(order::unsteady());
  auto again = dec.query_page<learner>(learner_page(settled_order, 400, 70));
  REQUIRE(again);
  check_items(again->items, 400);
  CHECK_FALSE(order::unsteady());
}

TEST_CASE("member lookup: threads decoding one type in different orders (ThreadSanitizer runs this)") {
  std::vector<std::vector<int>> orders = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {1, 3, 0, 4, 2}};
  std::vector<int> failures(orders.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < orders.size(); ++t) {
    threads.emplace_back([&, t] {
      ddbx::decoder dec;
      ddbx::page<learner_threads> page;
      const std::string text = learner_page(orders[t], static_cast<int>(t) * 1000, 50);
      for (int round = 0; round < 40; ++round) {
        if (!dec.query_page(text, page) || page.items.size() != 50) { ++failures[t]; continue; }
        for (std::size_t j = 0; j < 50; ++j) {
          const int v = static_cast<int>(t) * 1000 + static_cast<int>(j);
          const auto& u = page.items[j];
          if (u.alpha != "a" + std::to_string(v) || u.beta != v || u.gamma != "g" + std::to_string(v) || u.delta != v ||
              u.epsilon != "e" + std::to_string(v))
            ++failures[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) CHECK(f == 0);
}

// ddbx::value maps check a guessed name with same_name: two overlapping words for 4 to 16 bytes,
// three bytes below 4, memcmp past 16. Every length to 24, a difference at each byte, and lengths
// that differ by one.
TEST_CASE("member lookup: a map's guessed name is compared at every byte") {
  using ddbx::detail::same_name;
  for (std::size_t n = 0; n <= 24; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a += static_cast<char>('a' + (i * 7) % 26);
    const std::string copy = a;  // another buffer
    CHECK(same_name(a, copy));
    CHECK(!same_name(a, a + "x"));
    if (n) CHECK(!same_name(a, std::string_view(a).substr(1)));
    for (std::size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = static_cast<char>(b[i] ^ 0x20);
      CAPTURE(n);
      CAPTURE(i);
      CHECK(!same_name(a, b));
      CHECK(!same_name(b, a));
    }
  }
}
