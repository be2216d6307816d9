#pragma once
// What a service error says beyond its code and message (error::details, kept only when there is
// more): one reason per action of a cancelled transaction, the item that failed a write's condition
// (ReturnValuesOnConditionCheckFailure ALL_OLD), the reasons for throttling.
//
//   auto r = db.transact_write().put_item(orders, o, attribute_not_exists(attr<&order::id>),
//                                         return_values::all_old).send();
//   if (!r && r.error().aws_code == "TransactionCanceledException")
//     for (const auto& reason : ddbx::cancellation_reasons(r.error()).value())
//       reason.code;                           // "None", "ConditionalCheckFailed", "TransactionConflict", …
//   auto old = ddbx::cancellation_reasons(r.error())->at(0).item<order>();   // result<optional<order>>
//   auto current = ddbx::condition_check_item<user>(put_error);             // the item as it is
// Includes simdjson (these read JSON the service sent).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbx/ops/response.hpp"

namespace ddbx {

// One action's outcome in a TransactionCanceledException, in the order of the actions sent.
struct cancellation_reason {
  std::string code;       // "None" (this action was fine), "ConditionalCheckFailed", "TransactionConflict", …
  std::string message;    // empty when the service sent none
  std::string item_json;  // the item as it was, when the action asked for ALL_OLD and its condition failed

  bool failed() const noexcept { return code != "None"; }
  // The item decoded into T (empty when the service sent none).
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> item() const {
    if (item_json.empty()) return std::optional<T>{};
    auto t = decode_item<T, O>(item_json);
    if (!t) return detail::inside(std::move(t).error(), "Item");
    return std::optional<T>(std::move(*t));
  }
};

// One reason in a ThrottlingException's ThrottlingReasons.
struct throttling_reason {
  std::string reason;    // "TableReadProvisionedThroughputExceeded", "IndexWriteKeyRangeThroughputExceeded", …
  std::string resource;  // the table's or index's ARN
};

namespace detail {
inline result<simdjson::dom::object> error_details_of(const error& e) {
  if (e.details.empty()) return simdjson::dom::object{};
  auto doc = parse_response(e.details);
  if (!doc) return std::move(doc).error();
  return doc->get_object().value_unsafe();
}

// The objects of the array `member` of the error's details, each read by read_one(object, R&);
// an entry of the wrong shape is an error naming it ("CancellationReasons[1].Code").
template <class R, class ReadOne>
result<std::vector<R>> read_detail_list(const error& e, std::string_view member, ReadOne&& read_one) {
  std::vector<R> out;
  auto o = error_details_of(e);
  if (!o) return std::move(o).error();
  std::optional<simdjson::dom::array> all;
  if (auto s = read_member(*o, member, all); !s) return std::move(s).error();
  if (!all) return out;
  std::size_t i = 0;
  for (auto r : *all) {
    simdjson::dom::object ro;
    status s = as_object(r, ro);
    if (s) s = read_one(ro, out.emplace_back());
    if (!s) return inside(std::move(s), member, i);
    ++i;
  }
  return out;
}
}  // namespace detail

// The reasons of a TransactionCanceledException (empty for any other error, or when the service
// gave none). A reasons list of the wrong shape is a malformed_response error naming the entry.
inline result<std::vector<cancellation_reason>> cancellation_reasons(const error& e) {
  if (e.aws_code != "TransactionCanceledException" || e.details.empty()) return std::vector<cancellation_reason>{};
  return detail::read_detail_list<cancellation_reason>(e, "CancellationReasons", [](simdjson::dom::object ro, cancellation_reason& reason) {
    status s = detail::read_string(ro, "Code", reason.code, true);
    if (s) s = detail::read_string(ro, "Message", reason.message);
    std::optional<simdjson::dom::object> old;
    if (s) s = detail::read_member(ro, "Item", old);
    if (s && old) reason.item_json = simdjson::minify(*old);
    return s;
  });
}

// The item a failed write's condition saw, sent back when the write asked for
// ReturnValuesOnConditionCheckFailure ALL_OLD (empty when there is none: no item had that key, or
// the error is another one).
template <class T, decode_options O = decode_options{}>
result<std::optional<T>> condition_check_item(const error& e) {
  if (e.aws_code != "ConditionalCheckFailedException" || e.details.empty()) return std::optional<T>{};
  auto o = detail::error_details_of(e);
  if (!o) return std::move(o).error();
  std::optional<simdjson::dom::object> current;
  if (auto s = detail::read_member(*o, "Item", current); !s) return std::move(s).error();
  if (!current) return std::optional<T>{};
  auto t = decode_item<T, O>(std::string(simdjson::minify(*current)));
  if (!t) return detail::inside(std::move(t).error(), "Item");
  return std::optional<T>(std::move(*t));
}

// The ThrottlingReasons of a throttling error (empty when the service gave none). ThrottlingException
// names the member throttlingReasons (DynamoDB's service model); ProvisionedThroughputExceededException
// and RequestLimitExceeded name it ThrottlingReasons.
inline result<std::vector<throttling_reason>> throttling_reasons(const error& e) {
  if (e.details.empty()) return std::vector<throttling_reason>{};
  auto read_one = [](simdjson::dom::object ro, throttling_reason& reason) {
    status s = detail::read_string(ro, "reason", reason.reason);
    if (s) s = detail::read_string(ro, "resource", reason.resource);
    return s;
  };
  auto r = detail::read_detail_list<throttling_reason>(e, "ThrottlingReasons", read_one);
  if (r && r->empty()) return detail::read_detail_list<throttling_reason>(e, "throttlingReasons", read_one);
  return r;
}

}  // namespace ddbx
