#pragma once
// What PutItem, UpdateItem and DeleteItem share: the table, one expression builder (condition and
// update share its placeholders), ReturnValues, ReturnConsumedCapacity, and reading the answer.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/common.hpp"
#include "ddbx/ops/detail/request_base.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"
#include "ddbx/table.hpp"

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
  // A second condition is joined to the first with AND; on a versioned table, so is the version's.
  template <::ddbx::condition C>
  Derived& condition(const C& c) {
    if constexpr (versioned_table<Table>) {
      if (own_condition_)  // the earlier ones first, then this one AND the version's
        own_condition_ = [earlier = std::move(own_condition_), c](builder& b, std::optional<std::int64_t> expected) {
          earlier(b, std::nullopt);
          with_version_condition(b, &c, expected);
        };
      else
        own_condition_ = [c](builder& b, std::optional<std::int64_t> expected) { with_version_condition(b, &c, expected); };
      rebuild();
    } else {
      this->expr_.with_condition(c);
    }
    return this->self();
  }
  // Versioned tables (ddbx::versioned): the version the stored item must have for this update or
  // delete to happen (0: no item with that key). A put takes it from the item it writes.
  template <class V = Table>
    requires versioned_table<V>
  Derived& expected_version(typename V::version_type v) {
    expected_ = static_cast<std::int64_t>(v);
    rebuild();
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

  // Renders the body after `out`; a refused request leaves `out` as it was.
  status append_body(std::string& out) const {
    const std::size_t mark = out.size();
    status s = this->self().render(out);
    if (!s) out.resize(mark);
    return s;
  }

  // Sends the request; Attributes (ReturnValues) are decoded into U, leniently by default since
  // UPDATED_OLD / UPDATED_NEW return only some attributes.
  template <class U = item_type, decode_options O = decode_options{.lenient_missing = true}>
  result<write_result<U>> send() const {
    auto r = send_request(this->self(), this->via_, parse_write_result<U, O>);
    if constexpr (versioned_table<Table>)
      if (!r && expected_ && r.error().aws_code == "ConditionalCheckFailedException") return version_verdict(std::move(r).error());
    return r;
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

  // --- versioned tables: the expressions are rendered again whenever the update, the caller's
  // condition or the expected version is given, so all share one placeholder namespace.
  struct no_condition {};
  template <class C>
  static void with_version_condition(builder& b, const C* c, std::optional<std::int64_t> expected) {
    if constexpr (versioned_table<Table>) {
      using V = typename Table::version_type;
      auto both = [&](const auto& vc) {
        if constexpr (std::is_same_v<C, no_condition>) b.with_condition(vc);
        else b.with_condition(*c && vc);
      };
      if (!expected) {
        if constexpr (!std::is_same_v<C, no_condition>) b.with_condition(*c);
      } else if (*expected == 0) {
        both(attribute_not_exists(attr<Table::version>));
      } else {
        both(attr<Table::version> == static_cast<V>(*expected));
      }
    } else {
      (void)b, (void)c, (void)expected;
    }
  }
  void rebuild() {
    this->expr_ = builder{};
    if (update_) update_(this->expr_);
    if (own_condition_) own_condition_(this->expr_, expected_);
    else with_version_condition(this->expr_, static_cast<const no_condition*>(nullptr), expected_);
  }
  // A ConditionalCheckFailed of a versioned write is a version_conflict when the version's
  // condition is the one that failed: there was no condition of the caller's, or what came back
  // (return_values_on_condition_check_failure ALL_OLD) fails it: for version 0, an item with a
  // version attribute; for version n, no item, or one at another version.
  error version_verdict(error e) const {
    bool conflict = !own_condition_;
    if (!conflict) {
      bool item_back = false;
      if (!e.details.empty()) {  // what the error carried besides its code and message
        auto doc = parse_response(e.details);
        simdjson::dom::object stored;
        if (doc && !(*doc)["Item"].get(stored)) {
          item_back = true;
          simdjson::dom::element version;
          const bool versioned = !stored[Table::version_name].get(version);
          std::string_view n;
          conflict = *expected_ == 0 ? versioned : !versioned || version["N"].get(n) || n != std::to_string(*expected_);
        }
      }
      if (!item_back && on_condition_failure_ == ddbx::return_values::all_old)
        conflict = *expected_ != 0;  // asked for the item, none came back: `version = n` cannot have held
    }
    if (conflict) {
      e.code = errc::version_conflict;
      e.path = std::string(Table::version_name);
      e.message = *expected_ == 0 ? "an item with this key and a version exists already (version 0 expects none)"
                                  : "the stored item is not at version " + std::to_string(*expected_) + " (another writer changed or deleted it)";
    }
    return e;
  }
  std::optional<std::int64_t> expected_;
  std::function<void(builder&)> update_;
  std::function<void(builder&, std::optional<std::int64_t>)> own_condition_;
};

}  // namespace detail
}  // namespace ddbx
