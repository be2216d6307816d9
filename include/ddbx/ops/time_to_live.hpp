#pragma once
// DescribeTimeToLive and UpdateTimeToLive: whether DynamoDB deletes a table's items once the time
// in one of their attributes (whole seconds since 1970, N: ddbx::epoch_seconds) has passed. The
// attribute is a member of the table's item type, so its name is checked at compile time:
//
//   sessions.update_time_to_live<&session::expires>(true).send();   // {"TableName":"sessions",
//   //   "TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"}}
//   sessions.describe_time_to_live().send()->status;               // "ENABLED", "ENABLING", …
#include <optional>
#include <string>
#include <type_traits>

#include "ddbx/mapping/chrono.hpp"
#include "ddbx/mapping/fields.hpp"
#include "ddbx/ops/common.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

struct time_to_live_description {
  std::string status;          // "ENABLING", "DISABLING", "ENABLED", "DISABLED"
  std::string attribute_name;  // empty when TTL was never set
};

namespace detail {
template <class M>
inline constexpr bool ttl_member_type = std::is_same_v<M, epoch_seconds> || (std::is_integral_v<M> && !std::is_same_v<M, bool>);
template <class M>
inline constexpr bool ttl_member_type<std::optional<M>> = ttl_member_type<M>;
template <class M>
struct member_type_of {};
template <class M, class C>
struct member_type_of<M C::*> {
  using type = M;
  using owner = C;
};
}  // namespace detail

class [[nodiscard("a request does nothing until .send() is called")]] describe_time_to_live_request {
 public:
  static constexpr std::string_view operation = "DescribeTimeToLive";
  explicit describe_time_to_live_request(std::string table, sender via = {}) : table_(std::move(table)), via_(via) {}

  status append_body(std::string& out) const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    out += "{\"TableName\":\"";
    out += table_;
    out += "\"}";
    return {};
  }
  result<time_to_live_description> send() const { return detail::send_request(*this, via_, parse); }

  static result<time_to_live_description> parse(std::string_view body) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    std::optional<simdjson::dom::object> d;
    if (auto s = detail::read_member(doc->get_object().value_unsafe(), "TimeToLiveDescription", d); !s)
      return std::move(s).error();
    if (!d) return detail::malformed_at("TimeToLiveDescription", "missing");
    time_to_live_description out;
    if (auto s = detail::read_string(*d, "TimeToLiveStatus", out.status, true); !s)
      return detail::inside(std::move(s), "TimeToLiveDescription");
    if (auto s = detail::read_string(*d, "AttributeName", out.attribute_name); !s)
      return detail::inside(std::move(s), "TimeToLiveDescription");
    return out;
  }

 private:
  std::string table_;
  sender via_;
};

class [[nodiscard("a request does nothing until .send() is called")]] update_time_to_live_request {
 public:
  static constexpr std::string_view operation = "UpdateTimeToLive";

  // The attribute by member pointer: a number of seconds (ddbx::epoch_seconds, an integer, or an
  // optional of either) of the table's item type.
  template <auto Member, class Table>
  static update_time_to_live_request of(std::string table, bool enabled, sender via = {}) {
    using info = detail::member_type_of<std::remove_cv_t<decltype(Member)>>;
    static_assert(std::is_same_v<typename info::owner, typename Table::item_type>,
                  "ddbx: the TTL attribute must be a member of the table's item type");
    static_assert(detail::ttl_member_type<typename info::type>,
                  "ddbx: the TTL attribute holds seconds since 1970 as N: make it ddbx::epoch_seconds (or an integer)");
    return update_time_to_live_request(std::move(table), std::string(attribute_name_of<Member>), enabled, via);
  }
  update_time_to_live_request(std::string table, std::string attribute, bool enabled, sender via = {})
      : table_(std::move(table)), attribute_(std::move(attribute)), enabled_(enabled), via_(via) {}

  status append_body(std::string& out) const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    if (attribute_.empty() || attribute_.size() > 255)
      return make_error(errc::invalid_request, "must be 1 to 255 bytes", "TimeToLiveSpecification.AttributeName");
    out += "{\"TableName\":\"";
    out += table_;
    out += "\",\"TimeToLiveSpecification\":{\"Enabled\":";
    out += enabled_ ? "true" : "false";
    out += ",\"AttributeName\":";
    detail::append_json_string(out, attribute_);
    out += "}}";
    return {};
  }
  // The answer repeats the specification; sent means DynamoDB took it (status then ENABLING/DISABLING).
  result<time_to_live_description> send() const {
    return detail::send_request(*this, via_, [&](std::string_view body) -> result<time_to_live_description> {
      auto doc = detail::parse_response(body);
      if (!doc) return std::move(doc).error();
      std::optional<simdjson::dom::object> spec;
      if (auto s = detail::read_member(doc->get_object().value_unsafe(), "TimeToLiveSpecification", spec); !s)
        return std::move(s).error();
      if (!spec) return detail::malformed_at("TimeToLiveSpecification", "missing");
      std::optional<bool> on;
      if (auto s = detail::read_member(*spec, "Enabled", on); !s) return detail::inside(std::move(s), "TimeToLiveSpecification");
      time_to_live_description d;
      d.status = on.value_or(enabled_) ? "ENABLING" : "DISABLING";
      if (auto s = detail::read_string(*spec, "AttributeName", d.attribute_name); !s)
        return detail::inside(std::move(s), "TimeToLiveSpecification");
      return d;
    });
  }

 private:
  std::string table_, attribute_;
  bool enabled_ = true;
  sender via_;
};

}  // namespace ddbx
