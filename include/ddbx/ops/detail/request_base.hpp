#pragma once
// What every single-table request shares: the table name, one expression builder (one placeholder
// namespace per request), ReturnConsumedCapacity, the sender, and the opening of the body.
#include <string>
#include <utility>

#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/common.hpp"

namespace ddbx::detail {

// Renders the builder's expressions as request members.
inline status append_expressions(std::string& out, const builder& b) {
  auto ex = builder(b).build();
  if (!ex) return std::move(ex).error();
  ex->append_members(out);
  return {};
}

template <class Derived>
class request_base {
 public:
  Derived& return_consumed_capacity(ddbx::return_consumed_capacity r) {
    capacity_ = r;
    return self();
  }

 protected:
  request_base(std::string table_name, sender via) : table_(std::move(table_name)), via_(via) {}

  // The table's name, and a refusal given before the request was built (refuse()).
  status check_table() const {
    if (!refused_) return refused_;
    return check_table_name(table_);
  }
  // `{"TableName":"…"` — the request adds its members and closes the object.
  void open_body(std::string& out) const {
    out += "{\"TableName\":\"";
    out += table_;
    out += '"';
  }

  Derived& self() { return static_cast<Derived&>(*this); }
  const Derived& self() const { return static_cast<const Derived&>(*this); }

  // A request refused where it was made (a key that does not match a table's run-time key
  // schema, ddbx::item_table_ref): rendering and sending it return this error, nothing is sent.
  template <class R>
  friend R&& refuse(R&& request, status why);

  std::string table_;
  status refused_;
  builder expr_;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
  sender via_;
};

template <class R>
R&& refuse(R&& request, status why) {
  request.refused_ = std::move(why);
  return std::forward<R>(request);
}

}  // namespace ddbx::detail
