// ddbx::number::parse on any text, and what is done with a parsed number: normalised text,
// conversions, DynamoDB's size, comparison. The input is one number text, or two separated by
// a newline (compared with each other). Properties: the normalised text parses to itself; an
// integer conversion gives back the same number; comparison is consistent with text equality,
// antisymmetric, and agrees with the nearest doubles' order.
#include "fuzz_common.hpp"

namespace {
void check_one(const ddbx::number& n) {
  auto again = ddbx::number::parse(n.text());
  FUZZ_CHECK(again && *again == n, "normalised text \"%s\" does not parse to itself", n.str().c_str());
  FUZZ_CHECK((n <=> n) == std::strong_ordering::equal, "\"%s\" is not equal to itself", n.str().c_str());
  if (auto i = n.to<std::int64_t>())
    FUZZ_CHECK(ddbx::number(*i) == n, "\"%s\" converts to int64 %lld, which is another number", n.str().c_str(),
               static_cast<long long>(*i));
  if (auto u = n.to<std::uint64_t>())
    FUZZ_CHECK(ddbx::number(*u) == n, "\"%s\" converts to uint64 %llu, which is another number", n.str().c_str(),
               static_cast<unsigned long long>(*u));
  (void)n.to<std::uint8_t>();
  (void)n.to<std::int32_t>();
  (void)n.is_integer();
  (void)n.is_negative();
  (void)ddbx::detail::number_size(n.text());
  const double d = n.to_double();
  FUZZ_CHECK(d == d, "\"%s\" converts to NaN", n.str().c_str());
  if (auto back = ddbx::number::from_double(d)) (void)back->text();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t nl = input.find('\n');
  if (nl == std::string_view::npos) {
    if (auto n = ddbx::number::parse(input)) check_one(*n);
    return 0;
  }
  auto a = ddbx::number::parse(input.substr(0, nl));
  auto b = ddbx::number::parse(input.substr(nl + 1));
  if (a) check_one(*a);
  if (b) check_one(*b);
  if (a && b) {
    const auto ab = *a <=> *b, ba = *b <=> *a;
    FUZZ_CHECK((ab == 0) == (*a == *b), "\"%s\" and \"%s\": <=> and == disagree", a->str().c_str(), b->str().c_str());
    FUZZ_CHECK((ab < 0) == (ba > 0) && (ab > 0) == (ba < 0), "\"%s\" and \"%s\": comparison is not antisymmetric",
               a->str().c_str(), b->str().c_str());
    if (ab < 0)
      FUZZ_CHECK(a->to_double() <= b->to_double(), "\"%s\" < \"%s\" but their doubles are in the other order",
                 a->str().c_str(), b->str().c_str());
  }
  return 0;
}
