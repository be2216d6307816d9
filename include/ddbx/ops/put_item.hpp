#pragma once
// PutItem: writes a whole item (encoded from the table's struct).
//
//   users.put_item(jane).send();
//   users.put_item(jane).condition(attribute_not_exists(attr<&user::username>)).send();
//   // {"TableName":"users","Item":{…},"ConditionExpression":"attribute_not_exists(#0)",…}
#include <limits>

#include "ddbx/ops/detail/write_request.hpp"
#include "ddbx/ops/item_key.hpp"

namespace ddbx {

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] put_item_request : public detail::write_request<put_item_request<Table>, Table> {
  using base = detail::write_request<put_item_request<Table>, Table>;

 public:
  static constexpr std::string_view operation = "PutItem";

  // The item is encoded here, so the request does not refer to it afterwards.
  // On a versioned table the item is written with its version + 1, if the stored one has its version.
  put_item_request(std::string table_name, const typename Table::item_type& record, sender via = {})
    requires(!std::is_same_v<Table, untyped_table>)
      : base(std::move(table_name), via), item_status_(check_item_key<Table>(record)) {
    if constexpr (versioned_table<Table>) {
      const auto v = record.*Table::version;
      if (v < 0 || v == std::numeric_limits<typename Table::version_type>::max()) {
        item_status_ = make_error(errc::invalid_request, "a version is 0 (new) to the type's largest value minus 1",
                                  std::string(Table::version_name));
        return;
      }
      auto next = record;
      next.*Table::version = static_cast<typename Table::version_type>(v + 1);
      if (item_status_) item_status_ = encode_item(next, item_);
      this->expected_ = static_cast<std::int64_t>(v);
      this->rebuild();
    } else {
      if (item_status_) item_status_ = encode_item(record, item_);
    }
  }
  // A table whose key attributes are named at run time (ddbx::item_table_ref): the item must have them.
  put_item_request(std::string table_name, const item& record, const item_key_names& keys, sender via = {})
    requires std::is_same_v<Table, untyped_table>
      : base(std::move(table_name), via), item_status_(check_item_key(keys, record)) {
    if (item_status_) item_status_ = encode_item(record, item_);
  }

 private:
  friend base;  // its append_body renders through render()
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
