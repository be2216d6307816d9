#pragma once
// What PutItem, UpdateItem and DeleteItem share: the table, one expression builder (condition and
// update share its placeholders), ReturnValues, ReturnConsumedCapacity, and reading the answer.
#include <string>
#include <utility>

#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/common.hpp"
#include "ddbx/ops/detail/request_base.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

// The answer to a write: the item's attributes as ReturnValues asked (decoded into U), and
// ConsumedCapacity when ReturnConsumedCapacity asked for it.
template <class U>
struct write_result {
  std::optional<U> attributes;
  std::optional<ddbx::consumed_capacity> consumed_capacity;
};

namespace detail {

template <class U, decode_options O>
result<write_result<U>> parse_write_result(std::string_view body) {
  write_result<U> w;
  auto a = item_member<U, O>(body, "Attributes");
  if (!a) return std::move(a).error();
  w.attributes = std::move(*a);
  auto c = consumed_capacity_in(body);
  if (!c) return std::move(c).error();
  w.consumed_capacity = std::move(*c);
  return w;
}

template <class Derived, class Table>
class write_request : public request_base<Derived> {
  using base = request_base<Derived>;

 public:
  using item_type = typename Table::item_type;

  // ConditionExpression: the write happens only if it holds (else ConditionalCheckFailedException).
  template <::ddbx::condition C>
  Derived& condition(const C& c) {
    this->expr_.with_condition(c);
    return this->self();
  }
  Derived& return_values(ddbx::return_values r) {
    return_values_ = r;
    return this->self();
  }
  // ALL_OLD: when the condition fails, the item as it is comes back in the error
  // (condition_check_item<T>(error), ddbx/ops/error_details.hpp). NONE or ALL_OLD only.
  Derived& return_values_on_condition_check_failure(ddbx::return_values r) {
    on_condition_failure_ = r;
    return this->self();
  }

  // Sends the request; Attributes (ReturnValues) are decoded into U, leniently by default since
  // UPDATED_OLD / UPDATED_NEW return only some attributes.
  template <class U = item_type, decode_options O = decode_options{.lenient_missing = true}>
  result<write_result<U>> send() const {
    return send_request(this->self(), this->via_, parse_write_result<U, O>);
  }

 protected:
  write_request(std::string table_name, sender via) : base(std::move(table_name), via) {}

  // `{"TableName":"…"` — the caller adds its own members, then append_tail closes the object.
  // Checks the options before anything is written, so a refused request leaves `out` as it was
  // (append_tail may still refuse an expression: the callers render into a fresh string).
  status append_head(std::string& out) const {
    if (auto s = this->check_table(); !s) return s;
    if (Derived::operation != std::string_view("UpdateItem") && return_values_ != ddbx::return_values::none &&
        return_values_ != ddbx::return_values::all_old)
      return make_error(errc::invalid_request,
                        std::string(to_string(return_values_)) + " is only for UpdateItem; " +
                            std::string(Derived::operation) + " takes NONE or ALL_OLD",
                        "ReturnValues");
    if (on_condition_failure_ != ddbx::return_values::none && on_condition_failure_ != ddbx::return_values::all_old)
      return make_error(errc::invalid_request,
                        std::string(to_string(on_condition_failure_)) + " is not taken: NONE or ALL_OLD",
                        "ReturnValuesOnConditionCheckFailure");
    this->open_body(out);
    return {};
  }
  status append_tail(std::string& out, bool /*update*/) const {
    if (auto s = append_expressions(out, this->expr_); !s) return s;
    if (return_values_ != ddbx::return_values::none) string_member(out, "ReturnValues", to_string(return_values_));
    if (on_condition_failure_ != ddbx::return_values::none)
      string_member(out, "ReturnValuesOnConditionCheckFailure", to_string(on_condition_failure_));
    capacity_member(out, this->capacity_);
    out += '}';
    return {};
  }

  ddbx::return_values return_values_ = ddbx::return_values::none;
  ddbx::return_values on_condition_failure_ = ddbx::return_values::none;
};

}  // namespace detail
}  // namespace ddbx
