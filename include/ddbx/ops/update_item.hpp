#pragma once
// UpdateItem: changes attributes of the item with a key.
//
//   users.update_item({"janedoe", "Doe"}, set(attr<&user::age>, 26)).send();
//   // {"TableName":"users","Key":{…},"UpdateExpression":"SET #0 = :0",…}
#include "ddbx/ops/detail/write_request.hpp"
#include "ddbx/ops/item_key.hpp"

namespace ddbx {

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] update_item_request : public detail::write_request<update_item_request<Table>, Table> {
  using base = detail::write_request<update_item_request<Table>, Table>;

 public:
  static constexpr std::string_view operation = "UpdateItem";

  // Updating a key attribute of the table is a compile error (with_update<Table>).
  // On a versioned table the update also adds 1 to the version (naming the version in the update
  // is then a compile error: the paths overlap).
  template <class U>
    requires(!std::is_same_v<Table, untyped_table>)
  update_item_request(std::string table_name, const primary_key<Table>& key, const U& update, sender via = {})
      : base(std::move(table_name), via), key_(key) {
    if constexpr (versioned_table<Table>) {
      this->update_ = [update](builder& b) {
        b.template with_update<Table>((update, add(attr<Table::version>, typename Table::version_type{1})));
      };
      this->rebuild();
    } else {
      this->expr_.template with_update<Table>(update);
    }
  }
  // A table whose key attributes are named at run time (ddbx::item_table_ref): updating one of
  // them is an error naming it.
  template <class U>
    requires std::is_same_v<Table, untyped_table>
  update_item_request(std::string table_name, const primary_key<Table>& key, const U& update, const item_key_names& keys,
                      sender via = {})
      : base(std::move(table_name), via), key_(key) {
    this->expr_.with_update(update, keys.partition_key, keys.sort_key);
  }

 private:
  friend base;  // its append_body renders through render()
  status render(std::string& out) const {
    if (auto s = this->append_head(out); !s) return s;
    out += ",\"Key\":";
    if (auto s = append_key(out, key_); !s) return s;
    return this->append_tail(out, true);
  }

  primary_key<Table> key_;
};

}  // namespace ddbx
