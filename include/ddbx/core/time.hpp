#pragma once
// ddbx::epoch_seconds — a time point stored as N (whole seconds since 1970), the form DynamoDB's
// TTL reads. A plain std::chrono::system_clock::time_point is stored as an ISO-8601 S instead.
//
//   struct session { std::string id; ddbx::epoch_seconds expires; };
//   session s{"x", ddbx::epoch_seconds{std::chrono::system_clock::now() + std::chrono::hours(1)}};
#include <chrono>
#include <compare>

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

}  // namespace ddbx
