#pragma once
// Time points (kept out of the other headers: C++20 <chrono> costs ~1 s of compile time).
//   std::chrono::system_clock::time_point → S, ISO-8601 UTC with a fixed nine-digit fraction so
//     text order is time order: "2024-06-01T12:34:56.789000000Z"
//   ddbx::epoch_seconds → N, whole seconds since 1970 (the form DynamoDB's TTL reads)
//
//   struct session { std::string id; std::chrono::system_clock::time_point created; ddbx::epoch_seconds expires; };
#include <chrono>
#include <compare>
#include <string>
#include <utility>

#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/decode_options.hpp"
#include "ddbx/mapping/detail/time_text.hpp"

namespace ddbx {

struct epoch_seconds {
  std::chrono::sys_seconds time{};
  epoch_seconds() = default;
  explicit epoch_seconds(std::chrono::system_clock::time_point t)
      : time(std::chrono::floor<std::chrono::seconds>(t)) {}
  explicit epoch_seconds(std::chrono::sys_seconds t) : time(t) {}
  friend bool operator==(const epoch_seconds&, const epoch_seconds&) = default;
  friend auto operator<=>(const epoch_seconds&, const epoch_seconds&) = default;
};

template <>
struct codec<std::chrono::system_clock::time_point> {
  using repr = std::string;
  // libstdc++'s system_clock counts nanoseconds in 64 bits (years 1677..2262), always inside
  // 0000..9999. Coarser ticks (libc++: microseconds) reach further; to_repr cannot fail, so a time
  // outside 0000..9999 would write 30 NULs there.
  static repr to_repr(std::chrono::system_clock::time_point t) {
    std::string s(detail::time_text_size, '\0');
    detail::format_time(t, s.data());
    return s;
  }
  static result<std::chrono::system_clock::time_point> from_repr(repr&& s, decode_options o = {}) {
    std::chrono::system_clock::time_point t;
    if (!detail::parse_time(s, t, o.rfc3339_times)) {
      // Appended in place: GCC 12 -O2 gave a false -Warray-bounds on `std::string(..) + ".." +
      // s.substr(..)` here when the user precompiles <string> (tests/consumers: pch).
      std::string message = o.rfc3339_times ? "not an RFC 3339 time" : "not an ISO-8601 UTC time";
      message += " system_clock can hold: \"";
      message.append(s, 0, 64);
      message += '"';
      return make_error(errc::invalid_time, std::move(message));
    }
    return t;
  }
};

template <>
struct codec<epoch_seconds> {
  using repr = long long;
  static repr to_repr(const epoch_seconds& e) { return static_cast<long long>(e.time.time_since_epoch().count()); }
  static result<epoch_seconds> from_repr(repr&& secs) {
    return epoch_seconds{std::chrono::sys_seconds{std::chrono::seconds{secs}}};
  }
};

}  // namespace ddbx
