#pragma once
// Query on a table (or index) whose key attributes are named at run time (ddbx::item_table_ref):
// the partition key's value and optionally a sort_key condition; items come back as ddbx::item
// (or any struct, send<T>()). A filter naming a key attribute of what is queried is refused, as
// a typed query refuses it, before anything is sent.
//
//   users.query("johndoe", ddbx::sort_key >= "D").filter(ddbx::path("age") < 30).send();
//   // {"TableName":"users","KeyConditionExpression":"#0 = :0 AND #1 >= :1","FilterExpression":"#2 < :2",…}
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ddbx/expr/item_key_condition.hpp"
#include "ddbx/ops/detail/read_request.hpp"
#include "ddbx/ops/item_key.hpp"

namespace ddbx {

class [[nodiscard("a request does nothing until .send() is called")]] item_query_request
    : public detail::read_request<item_query_request, untyped_table> {
  using base = detail::read_request<item_query_request, untyped_table>;

 public:
  static constexpr std::string_view operation = "Query";

  // `keys` are those of what is queried: the table's, or the index's when `index` is given.
  item_query_request(std::string table_name, std::string_view index, item_key_names keys, value partition,
                     std::optional<sort_key_condition> sort = {}, sender via = {})
      : base(std::move(table_name), index, via), keys_(std::move(keys)) {
    if (keys_.partition_key.empty()) {
      this->refused_ = make_error(errc::invalid_request, "the partition key's name is empty", "KeyConditionExpression");
      return;
    }
    if (sort && !keys_.has_sort_key()) {
      this->refused_ = make_error(errc::invalid_request,
                                  std::string(index.empty() ? "the table" : "the index") + " has no sort key to test",
                                  "KeyConditionExpression");
      return;
    }
    // The values as DynamoDB takes them: S, N or B, not empty, within the key's size; BETWEEN in order.
    status s = detail::check_key_attribute(partition, keys_.partition_key, limits::max_partition_key);
    if (s && sort) s = detail::check_key_attribute(sort->low, keys_.sort_key, limits::max_sort_key);
    if (s && sort && sort->op == detail::key_op::between) {
      s = detail::check_key_attribute(sort->high, keys_.sort_key, limits::max_sort_key);
      const value& lo = sort->low;
      const value& hi = sort->high;
      const bool inverted = lo.type() == hi.type() && (lo.as_string()   ? *hi.as_string() < *lo.as_string()
                                                       : lo.as_number() ? *hi.as_number() < *lo.as_number()
                                                                        : hi.as_binary()->view() < lo.as_binary()->view());
      if (s && inverted) s = make_error(errc::invalid_expression, "BETWEEN bounds are inverted (lower > upper)", keys_.sort_key);
    }
    if (!s) {
      this->refused_ = std::move(s).error();
      return;
    }
    this->expr_.with_key_condition(
        detail::item_key_condition{{}, keys_.partition_key, std::move(partition), keys_.sort_key, std::move(sort)});
  }

  // ScanIndexForward: false reads the sort key in descending order.
  item_query_request& scan_index_forward(bool forward) {
    forward_ = forward;
    return *this;
  }
  const item_key_names& key_names() const noexcept { return keys_; }

  status append_body(std::string& out) const {
    return this->append_query_body(out, [&](std::string_view name) { return keys_.is_key(name); }, forward_);
  }

 private:
  item_key_names keys_;
  std::optional<bool> forward_;
};

}  // namespace ddbx
