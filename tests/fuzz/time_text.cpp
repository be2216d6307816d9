// ISO-8601 time text → std::chrono::system_clock::time_point (detail::parse_time, what a
// time_point member decodes through; also via its codec). Property: a parsed time formats
// (detail::format_time) and parses back to the same time point; RFC 3339 with any offset
// (decode_options::rfc3339_times) accepts everything the strict form does, as the same time, and
// what it accepts also formats and parses back.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  std::chrono::system_clock::time_point t{};
  if (ddbx::detail::parse_time(input, t)) {
    char buf[ddbx::detail::time_text_size];
    FUZZ_CHECK(ddbx::detail::format_time(t, buf), "a parsed time (%lld ns) does not format",
               static_cast<long long>(t.time_since_epoch().count()));
    std::chrono::system_clock::time_point back{};
    FUZZ_CHECK(ddbx::detail::parse_time(std::string_view(buf, sizeof buf), back) && back == t,
               "\"%.*s\" formats as \"%.*s\", which parses to another time", static_cast<int>(input.size() > 64 ? 64 : input.size()),
               input.data(), static_cast<int>(sizeof buf), buf);
  }
  std::chrono::system_clock::time_point any{};
  const bool strict_ok = ddbx::detail::parse_time(input, t);
  const bool any_ok = ddbx::detail::parse_time(input, any, true);
  FUZZ_CHECK(!strict_ok || (any_ok && any == t), "RFC 3339 parsing refuses or moves a time the strict form accepts");
  if (any_ok) {
    char buf[ddbx::detail::time_text_size];
    FUZZ_CHECK(ddbx::detail::format_time(any, buf), "an RFC 3339 time does not format");
    std::chrono::system_clock::time_point back{};
    FUZZ_CHECK(ddbx::detail::parse_time(std::string_view(buf, sizeof buf), back) && back == any,
               "an RFC 3339 time formats as text that parses to another time");
  }
  auto c = ddbx::codec<std::chrono::system_clock::time_point>::from_repr(std::string(input));
  (void)c;
  return 0;
}
