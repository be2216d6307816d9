#pragma once
// DeleteItem: removes the item with a key.
//
//   users.delete_item({"janedoe", "Doe"}).send();
//   // {"TableName":"users","Key":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}}}
#include "ddbx/ops/detail/write_request.hpp"

namespace ddbx {

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] delete_item_request : public detail::write_request<delete_item_request<Table>, Table> {
  using base = detail::write_request<delete_item_request<Table>, Table>;

 public:
  static constexpr std::string_view operation = "DeleteItem";

  delete_item_request(std::string table_name, const primary_key<Table>& key, sender via = {})
      : base(std::move(table_name), via), key_(key) {}

 private:
  friend base;  // its append_body renders through render()
  status render(std::string& out) const {
    if (auto s = this->append_head(out); !s) return s;
    out += ",\"Key\":";
    if (auto s = append_key(out, key_); !s) return s;
    return this->append_tail(out, false);
  }

  primary_key<Table> key_;
};

}  // namespace ddbx
