// Time text at the edges: exactly the times the ticks can hold are read, formatting never overflows.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/decode.hpp"

namespace {

using namespace std::chrono;

template <class Duration = system_clock::duration>
bool parses(std::string_view text, sys_time<Duration>* out = nullptr) {
  sys_time<Duration> t{};
  const bool ok = ddbx::detail::parse_time(text, t);
  if (out) *out = t;
  return ok;
}

struct when { system_clock::time_point t; };

template <class Duration>
std::string formatted(sys_time<Duration> t) {
  std::string s(ddbx::detail::time_text_size, '?');
  if (!ddbx::detail::format_time(t, s.data())) return "refused";
  return s;
}

}  // namespace

TEST_CASE("time text: system_clock's nanosecond range, exact to the tick at both ends") {
  using tp = system_clock::time_point;
  if constexpr (std::is_same_v<system_clock::duration, nanoseconds>) {
    // The first and last representable instants, the whole seconds inside them, and one beyond.
    tp t;
    REQUIRE(parses("1677-09-21T00:12:43.145224192Z", &t));
    CHECK(t == tp::min());
    CHECK_FALSE(parses("1677-09-21T00:12:43.145224191Z"));
    CHECK_FALSE(parses("1677-09-21T00:12:43Z"));
    REQUIRE(parses("1677-09-21T00:12:44Z", &t));
    CHECK(t.time_since_epoch() == seconds{-9223372036});
    REQUIRE(parses("2262-04-11T23:47:16.854775807Z", &t));
    CHECK(t == tp::max());
    CHECK_FALSE(parses("2262-04-11T23:47:16.854775808Z"));
    REQUIRE(parses("2262-04-11T23:47:16Z", &t));
    CHECK(t.time_since_epoch() == seconds{9223372036});
    CHECK_FALSE(parses("2262-04-11T23:47:17Z"));
    CHECK(formatted(tp::min()) == "1677-09-21T00:12:43.145224192Z");
    CHECK(formatted(tp::max()) == "2262-04-11T23:47:16.854775807Z");
  }
  // Far outside: once undefined behaviour, or a "successful" time in 1816.
  for (const char* far : {"9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "1000-01-01T00:00:00Z", "3000-01-01T00:00:00.5Z"})
    CHECK_MESSAGE(!parses(far), far);
}

TEST_CASE("time text through the codec: out of range is invalid_time") {
  auto r = ddbx::decode_item<when>(R"({"t":{"S":"9999-12-31T23:59:59Z"}})");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ddbx::errc::invalid_time);
  CHECK(r.error().path == "t");
  CHECK(ddbx::decode_item<when>(R"({"t":{"S":"1677-09-21T00:12:43Z"}})").error().code == ddbx::errc::invalid_time);
  CHECK(ddbx::decode_item<when>(R"({"t":{"S":"1970-01-01T00:00:00Z"}})")->t == system_clock::time_point{});
}

TEST_CASE("time text: other tick types (32-bit seconds, microseconds, whole seconds)") {
  using s32 = duration<std::int32_t>;  // 1901-12-13T20:45:52Z .. 2038-01-19T03:14:07Z
  sys_time<s32> t;
  REQUIRE(parses<s32>("2038-01-19T03:14:07.999999999Z", &t));  // the fraction is floored
  CHECK(t.time_since_epoch() == s32::max());
  CHECK_FALSE(parses<s32>("2038-01-19T03:14:08Z"));
  REQUIRE(parses<s32>("1901-12-13T20:45:52Z", &t));
  CHECK(t.time_since_epoch() == s32::min());
  CHECK_FALSE(parses<s32>("1901-12-13T20:45:51.999999999Z"));
  CHECK(formatted(sys_time<s32>{s32::min()}) == "1901-12-13T20:45:52.000000000Z");
  CHECK(formatted(sys_time<s32>{s32::max()}) == "2038-01-19T03:14:07.000000000Z");

  sys_time<microseconds> u;
  REQUIRE(parses<microseconds>("9999-12-31T23:59:59.999999999Z", &u));
  CHECK(formatted(u) == "9999-12-31T23:59:59.999999000Z");
  REQUIRE(parses<microseconds>("0000-01-01T00:00:00Z", &u));
  CHECK(formatted(u) == "0000-01-01T00:00:00.000000000Z");
  REQUIRE(parses<microseconds>("1969-12-31T23:59:59.5Z", &u));
  CHECK(u.time_since_epoch() == -500ms);
  // Formatting refuses years outside 0000..9999, and never overflows at the extremes.
  CHECK(formatted(sys_time<microseconds>{sys_days{year{0} / 1 / 1}} - 1us) == "refused");
  CHECK(formatted(sys_time<microseconds>{sys_days{year{10000} / 1 / 1}}) == "refused");
  CHECK(formatted(sys_time<microseconds>{microseconds::min()}) == "refused");
  CHECK(formatted(sys_time<microseconds>{microseconds::max()}) == "refused");
  CHECK(formatted(sys_seconds{seconds::min()}) == "refused");
  CHECK(formatted(sys_seconds{seconds::max()}) == "refused");
  CHECK(formatted(sys_seconds{sys_days{year{9999} / 12 / 31}} + 86399s) == "9999-12-31T23:59:59.000000000Z");
  sys_seconds whole;
  REQUIRE(parses<seconds>("2024-06-01T12:34:56.999Z", &whole));
  CHECK(formatted(whole) == "2024-06-01T12:34:56.000000000Z");
}

TEST_CASE("time text: malformed texts") {
  for (const char* bad : {"", "2024-06-01", "2024-06-01T12:34:56", "2024-06-01T12:34:56.Z", "2024-06-01T12:34:56.1234567890Z",
                          "2024-02-30T00:00:00Z", "2024-06-01T24:00:00Z", "2024-06-01T12:60:00Z", "2024-06-01T12:34:60Z",
                          "2024-06-01T12:34:56Z ", "+024-06-01T12:34:56Z", "2024-06-01 12:34:56Z", "2024-06-01T12:34:56+00:00",
                          "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z"})
    CHECK_MESSAGE(!parses(bad), bad);
  system_clock::time_point t;
  REQUIRE(parses("2024-02-29t00:00:00.1z", &t));
  CHECK(formatted(t) == "2024-02-29T00:00:00.100000000Z");
}
