// Member names from reflection (our own extraction on Boost 1.81) and per-type field options.
#include <doctest/doctest.h>

#include <map>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "seed_types.hpp"

namespace calib {
struct reference { int alpha; std::string beta_2; std::map<std::string, int> _gamma; std::optional<std::vector<int>> Delta; };
template <class T> struct templated { T value_x; int y; };
struct no_default { no_default(int) {} };                    // not default-constructible, still nameable
struct holder { std::optional<int> a; std::vector<no_default> weird; };
}  // namespace calib

// Calibration on both compilers: the names are compile-time constants.
static_assert(ddbx::detail::member_name<calib::reference, 0> == "alpha");
static_assert(ddbx::detail::member_name<calib::reference, 1> == "beta_2");
static_assert(ddbx::detail::member_name<calib::reference, 2> == "_gamma");
static_assert(ddbx::detail::member_name<calib::reference, 3> == "Delta");
static_assert(ddbx::detail::member_name<calib::templated<std::map<int, int>>, 0> == "value_x");
static_assert(ddbx::detail::member_name<calib::templated<std::map<int, int>>, 1> == "y");
static_assert(ddbx::detail::member_name<calib::holder, 1> == "weird");
static_assert(ddbx::detail::member_name<seed::user, 5> == "address");
static_assert(ddbx::detail::member_pointer_name<&seed::user::first_name> == "first_name");
static_assert(ddbx::detail::member_pointer_name<&seed::postal_address::zipcode> == "zipcode");
static_assert(ddbx::detail::member_pointer_name<&calib::templated<std::map<int, int>>::value_x> == "value_x");

namespace {
struct in_anonymous_namespace { int first; std::map<std::string, int> second; };
}  // namespace
static_assert(ddbx::detail::member_name<in_anonymous_namespace, 0> == "first");
static_assert(ddbx::detail::member_name<in_anonymous_namespace, 1> == "second");
static_assert(ddbx::detail::member_pointer_name<&in_anonymous_namespace::second> == "second");

TEST_CASE("member names of a local struct") {
  struct local { int alpha; std::string beta; };
  CHECK(ddbx::detail::member_name<local, 0> == "alpha");
  CHECK(ddbx::detail::member_name<local, 1> == "beta");
  CHECK(*ddbx::encode_item(local{1, "b"}) == R"({"alpha":{"N":"1"},"beta":{"S":"b"}})");
}

namespace renamed {
struct profile {
  std::string first_name;
  std::string cache;
  std::optional<std::string> nickname;
  std::string bio;
  std::vector<int> history;
  friend bool operator==(const profile&, const profile&) = default;
};
}  // namespace renamed

template <>
struct ddbx::fields<renamed::profile> {
  static constexpr ddbx::field_option options[] = {
      {.member = "first_name", .name = "firstName"},
      {.member = "cache", .skip = true},
      {.member = "nickname", .write_null = true},
      {.member = "bio", .name = "b\"io\xC3\xA9", .omit_empty = true},
      {.member = "history", .omit_empty = true},
  };
};

static_assert(ddbx::attribute_name_of<&renamed::profile::first_name> == "firstName");
static_assert(ddbx::attribute_name_of<&renamed::profile::cache> == "cache");
static_assert(ddbx::attribute_name_of<&seed::user::age> == "age");

TEST_CASE("field options: rename, skip, write-null, omit-when-empty") {
  renamed::profile p{"Jane", "scratch", std::nullopt, "", {}};
  auto json = ddbx::encode_item(p);
  REQUIRE(json.has_value());
  CHECK(*json == R"({"firstName":{"S":"Jane"},"nickname":{"NULL":true}})");
  p.bio = "hi";
  p.history = {1};
  CHECK(*ddbx::encode_item(p) ==
        R"({"firstName":{"S":"Jane"},"nickname":{"NULL":true},"b\"io)" "\xC3\xA9" R"(":{"S":"hi"},"history":{"L":[{"N":"1"}]}})");
  auto back = ddbx::decode_item<renamed::profile>(*ddbx::encode_item(p));
  REQUIRE(back.has_value());
  CHECK(back->first_name == "Jane");
  CHECK(back->cache.empty());  // skipped: never written, never read
  CHECK(back->bio == "hi");
  // A key spelled with escapes still matches; omit_empty members may be absent.
  auto esc = ddbx::decode_item<renamed::profile>(std::string_view(R"({"\u0066irstName":{"S":"J"},"cache":{"S":"ignored"}})"));
  REQUIRE(esc.has_value());
  CHECK(esc->first_name == "J");
  CHECK(esc->cache.empty());
}

// With `using namespace ddbx;` (as the README writes), a member called attribute_name (which
// key_schema_element has) read in a template followed by `<` must not parse as a ddbx template:
// Clang 14 took `a.attribute_name < b` for ddbx::attribute_name_of<…> when that was its name.
namespace names_collision {
using namespace ddbx;
template <class T>
bool name_before(const T& a, const T& b) {
  return a.attribute_name < b.attribute_name;
}
struct schema_entry {
  std::string attribute_name;
};
static_assert(requires(schema_entry k) { name_before(k, k); });
}  // namespace names_collision
