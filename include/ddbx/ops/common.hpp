#pragma once
// What every operation's request shares: the request options DynamoDB spells as enums, the
// consumed-capacity report, name checks, and `sender` — how a bound request reaches a client.
// No simdjson here: building a body never needs it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ddbx/core/error.hpp"
#include "ddbx/core/result.hpp"

namespace ddbx {

enum class select : std::uint8_t { all_attributes, all_projected_attributes, specific_attributes, count };
enum class return_values : std::uint8_t { none, all_old, updated_old, all_new, updated_new };
enum class return_consumed_capacity : std::uint8_t { none, total, indexes };

constexpr std::string_view to_string(select s) noexcept {
  constexpr std::string_view t[] = {"ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"};
  return t[static_cast<int>(s)];
}
constexpr std::string_view to_string(return_values r) noexcept {
  constexpr std::string_view t[] = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"};
  return t[static_cast<int>(r)];
}
constexpr std::string_view to_string(return_consumed_capacity r) noexcept {
  constexpr std::string_view t[] = {"NONE", "TOTAL", "INDEXES"};
  return t[static_cast<int>(r)];
}

// ConsumedCapacity of a response (ReturnConsumedCapacity TOTAL or INDEXES).
struct capacity {
  double capacity_units = 0;
  double read_capacity_units = 0;
  double write_capacity_units = 0;
};
struct consumed_capacity {
  std::string table_name;
  double capacity_units = 0;
  double read_capacity_units = 0;
  double write_capacity_units = 0;
  std::optional<capacity> table;                          // INDEXES only
  std::map<std::string, capacity> global_secondary_indexes;  // INDEXES only
  std::map<std::string, capacity> local_secondary_indexes;
};

// Looks at the body of a 200 answer before the client accepts it. An error means the body is
// damaged (cut short, not JSON): the client then retries as it does a transport failure, and
// counts the attempt. Any other verdict on the body (a shape the caller refuses) is not its business.
struct body_check {
  void* context = nullptr;
  status (*check)(void* context, std::string_view body) = nullptr;
  status operator()(std::string_view body) const { return check ? check(context, body) : status{}; }
};

// Sends one request body for an operation and returns the response body (or the service's
// error). ddbx::client hands these out; a request built without one can still render its body.
struct sender {
  void* context = nullptr;
  result<std::string> (*call)(void* context, std::string_view operation, std::string_view body, body_check check) = nullptr;
  explicit operator bool() const noexcept { return call != nullptr; }
  result<std::string> operator()(std::string_view operation, std::string_view body, body_check check = {}) const {
    if (!call)
      return make_error(errc::invalid_request, "this request is not bound to a client: render it with append_body()");
    return call(context, operation, body, check);
  }
};

namespace detail {

// Table and index names: 3..255 characters of [A-Za-z0-9_.-]. Where a table goes (not an index),
// its ARN too, as DynamoDB takes since 2024: arn:<partition>:dynamodb:<region>:<account>:table/<name>,
// at most 1024 characters (printable ASCII, so it is written into a body unescaped).
inline status check_table_name(std::string_view name, std::string_view what = "TableName") {
  auto bad = [&](std::string m) { return make_error(errc::invalid_request, std::move(m), std::string(what)); };
  if (what == "TableName" && name.substr(0, 4) == "arn:") {
    const std::string shown(name.substr(0, 64));
    if (name.size() > 1024) return bad("a table ARN is at most 1024 characters ('" + shown + "…')");
    for (char c : name)
      if (c <= ' ' || c > '~' || c == '"' || c == '\\') return bad("a table ARN is printable ASCII without quotes or spaces");
    const auto service = name.find(":dynamodb:"), table = name.rfind(":table/");
    if (service == std::string_view::npos || table == std::string_view::npos || table < service)
      return bad("'" + shown + "' is not a DynamoDB table ARN (arn:<partition>:dynamodb:<region>:<account>:table/<name>)");
    return check_table_name(name.substr(table + 7), "TableName (in the ARN)");
  }
  if (name.size() < 3 || name.size() > 255)
    return bad("'" + std::string(name) + "' must be 3 to 255 characters long");
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return bad("'" + std::string(name) + "' may only contain letters, digits, '_', '-' and '.'");
  return {};
}

// A batch's size and keys: not empty, at most `max`, no key twice (DynamoDB refuses the whole call).
//   check_batch(requests, 25, "BatchWriteItem", "request", "RequestItems.users", [](auto& r) { return r.key; })
template <class Range, class KeyOf>
status check_batch(const Range& entries, std::size_t max, std::string_view operation, std::string_view noun,
                   const std::string& where, KeyOf&& key_of) {
  const std::size_t n = entries.size();
  if (n == 0) return make_error(errc::invalid_request, "nothing to send", where);
  if (n > max)
    return make_error(errc::invalid_request,
                      std::to_string(n) + " " + std::string(noun) + "s; " + std::string(operation) + " takes at most " +
                          std::to_string(max),
                      where);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (key_of(entries[i]) == key_of(entries[j]))
        return make_error(errc::invalid_request,
                          "the same key " + std::string(key_of(entries[i])) + " as " + std::string(noun) + " " +
                              std::to_string(j) + "; one " + std::string(operation) + " cannot hold a key twice",
                          where + "[" + std::to_string(i) + "]");
  return {};
}

// `"Name":` — for the fixed member names of request bodies (no escaping needed).
inline void member(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}
inline void string_member(std::string& out, std::string_view name, std::string_view checked_text) {
  out += ",\"";
  out += name;
  out += "\":\"";
  out += checked_text;
  out += '"';
}
inline void bool_member(std::string& out, std::string_view name, bool v) {
  out += ",\"";
  out += name;
  out += v ? "\":true" : "\":false";
}
inline void uint_member(std::string& out, std::string_view name, std::uint64_t v) {
  out += ",\"";
  out += name;
  out += "\":";
  out += std::to_string(v);
}
inline void capacity_member(std::string& out, return_consumed_capacity r) {
  if (r != return_consumed_capacity::none) string_member(out, "ReturnConsumedCapacity", to_string(r));
}

}  // namespace detail
}  // namespace ddbx
