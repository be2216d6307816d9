#pragma once
// Key conditions for a table whose key attributes are named at run time (ddbx::item_table_ref):
// the partition key's value, and optionally one condition on the sort key, written with
// ddbx::sort_key. The names come from the table; the shape is DynamoDB's by construction.
//
//   users.query("johndoe");                                        // #0 = :0
//   users.query("johndoe", ddbx::sort_key >= "D");                 // #0 = :0 AND #1 >= :1
//   users.query("johndoe", ddbx::begins_with(ddbx::sort_key, "D"));
//   users.query("johndoe", ddbx::between(ddbx::sort_key, "A", "M"));
#include <optional>
#include <string>
#include <utility>

#include "ddbx/core/value.hpp"
#include "ddbx/expr/context.hpp"
#include "ddbx/expr/key_condition.hpp"

namespace ddbx {

// One condition on the sort key: == < <= > >=, between or begins_with.
struct sort_key_condition {
  detail::key_op op = detail::key_op::eq;
  value low;
  value high = {};  // BETWEEN's upper bound
};

// The sort key of the table or index queried.
struct sort_key_t {};
inline constexpr sort_key_t sort_key{};

#define DDBX_DETAIL_SORT_KEY_OP(OP, KIND) \
  inline sort_key_condition operator OP(sort_key_t, value v) { return {detail::key_op::KIND, std::move(v)}; }
DDBX_DETAIL_SORT_KEY_OP(==, eq)
DDBX_DETAIL_SORT_KEY_OP(<, lt)
DDBX_DETAIL_SORT_KEY_OP(<=, le)
DDBX_DETAIL_SORT_KEY_OP(>, gt)
DDBX_DETAIL_SORT_KEY_OP(>=, ge)
#undef DDBX_DETAIL_SORT_KEY_OP
inline sort_key_condition between(sort_key_t, value low, value high) {
  return {detail::key_op::between, std::move(low), std::move(high)};
}
inline sort_key_condition begins_with(sort_key_t, value prefix) { return {detail::key_op::begins_with, std::move(prefix)}; }

namespace detail {
// `#p = :v`, then ` AND ` and the sort key's condition: what builder::with_key_condition renders.
struct item_key_condition : key_condition_tag {
  static constexpr key_op op = key_op::eq;  // the partition key's part (check_key_condition_shape)
  std::string partition_name;
  value partition_value;
  std::string sort_name;
  std::optional<sort_key_condition> sort;

  void render(render_context& c, std::string& out) const {
    c.count_operator();
    c.name(out, partition_name);
    out += " = ";
    c.value(out, partition_value);
    if (!sort) return;
    c.count_operator();  // AND
    c.count_operator();  // the sort key's condition
    out += " AND ";
    if (sort->op == key_op::begins_with) {
      out += "begins_with(";
      c.name(out, sort_name);
      out += ", ";
      c.value(out, sort->low);
      out += ')';
    } else if (sort->op == key_op::between) {
      c.name(out, sort_name);
      out += " BETWEEN ";
      c.value(out, sort->low);
      out += " AND ";
      c.value(out, sort->high);
    } else {
      c.name(out, sort_name);
      out += key_token(sort->op);
      c.value(out, sort->low);
    }
  }
};
}  // namespace detail

}  // namespace ddbx
