// What including only ddbx/expression.hpp costs: no simdjson, no definition of ddbx::value (whose
// inline code was most of the header's compile time), and none of <map>, <set>, <functional>,
// <cmath> or <variant> (libstdc++'s include guards). The checks run before anything else is included.
#include "ddbx/expression.hpp"

#ifdef SIMDJSON_H
#error "ddbx/expression.hpp included simdjson.h"
#endif
#if defined(_GLIBCXX_MAP) || defined(_GLIBCXX_SET) || defined(_GLIBCXX_FUNCTIONAL) || defined(_GLIBCXX_CMATH)
#error "ddbx/expression.hpp included <map>, <set>, <functional> or <cmath>"
#endif
#ifdef _GLIBCXX_VARIANT
#error "ddbx/expression.hpp included <variant>"
#endif

#include <type_traits>

namespace {
template <class T, class = void>
constexpr bool is_complete = false;
template <class T>
constexpr bool is_complete<T, std::void_t<decltype(sizeof(T))>> = true;
static_assert(!is_complete<ddbx::value>, "ddbx/expression.hpp defined ddbx::value");

struct visit {
  std::string country;
  long long millis = 0;
  std::vector<std::string> tags;
};
}  // namespace

#include <doctest/doctest.h>

TEST_CASE("ddbx/expression.hpp alone builds and encodes expressions") {
  using ddbx::attr;
  std::string body;
  REQUIRE(ddbx::append_filter(body, attr<&visit::country> == "PT" && attr<&visit::millis> > 250).has_value());
  CHECK(body == R"(,"FilterExpression":"#0 = :0 AND #1 > :1","ExpressionAttributeNames":{"#0":"country","#1":"millis"},)"
                R"("ExpressionAttributeValues":{":0":{"S":"PT"},":1":{"N":"250"}})");
}
