#pragma once
// PutItem: writes a whole item (encoded from the table's struct).
//
//   users.put_item(jane).send();
//   users.put_item(jane).condition(attribute_not_exists(attr<&user::username>)).send();
//   // {"TableName":"users","Item":{…},"ConditionExpression":"attribute_not_exists(#0)",…}
#include "ddbx/ops/detail/write_request.hpp"

namespace ddbx {

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] put_item_request : public detail::write_request<put_item_request<Table>, Table> {
  using base = detail::write_request<put_item_request<Table>, Table>;

 public:
  static constexpr std::string_view operation = "PutItem";

  // The item is encoded here, so the request does not refer to it afterwards.
  put_item_request(std::string table_name, const typename Table::item_type& record, sender via = {})
      : base(std::move(table_name), via), item_status_(check_item_key<Table>(record)) {
    if (item_status_) item_status_ = encode_item(record, item_);
  }

  // Renders the body after `out`; a refused request leaves `out` as it was.
  status append_body(std::string& out) const {
    const std::size_t mark = out.size();
    status s = render(out);
    if (!s) out.resize(mark);
    return s;
  }

 private:
  status render(std::string& out) const {
    if (!item_status_) return item_status_;
    if (auto s = this->append_head(out); !s) return s;
    out += ",\"Item\":";
    out += item_;
    return this->append_tail(out, false);
  }

  status item_status_;
  std::string item_;
};

}  // namespace ddbx
