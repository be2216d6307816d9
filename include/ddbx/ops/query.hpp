#pragma once
// Query: the items of one partition, optionally narrowed by the sort key, from the table or a GSI.
// The key condition is checked at compile time against the table (or index) descriptor.
//
//   users.query(key<&user::username> == "johndoe").send();           // result<query_result<user>>
//   users.query<by_account>(key<&user::account_type> == "super_user").limit(2).send();
//   // {"TableName":"users","KeyConditionExpression":"#0 = :0","ExpressionAttributeNames":{"#0":"username"},…}
#include "ddbx/ops/detail/read_request.hpp"

namespace ddbx {

// Schema is the table itself or one of its gsi<…> descriptors.
template <class Table, class Schema = Table>
class [[nodiscard("a request does nothing until .send() is called")]] query_request : public detail::read_request<query_request<Table, Schema>, Table> {
  using base = detail::read_request<query_request<Table, Schema>, Table>;

 public:
  static constexpr std::string_view operation = "Query";

  // (A filter condition, attr<…>, is taken only to say that key<…> belongs here.)
  template <class K>
    requires key_condition_like<K> || condition<K>
  query_request(std::string table_name, const K& key_condition, sender via = {})
      : base(std::move(table_name), index_name(), via) {
    if constexpr (!std::is_same_v<Schema, Table>) this->global_index_ = !Schema::local;
    this->expr_.template with_key_condition<Schema, Table>(key_condition);
  }

  // ScanIndexForward: false reads the sort key in descending order.
  query_request& scan_index_forward(bool forward) {
    forward_ = forward;
    return *this;
  }

  status append_body(std::string& out) const {
    return this->append_query_body(
        out, [](std::string_view name) { return name == Schema::hash_name || (Schema::has_range && name == Schema::range_name); },
        forward_);
  }

 private:
  static constexpr std::string_view index_name() {
    if constexpr (std::is_same_v<Schema, Table>) return {};
    else return Schema::name;
  }
  std::optional<bool> forward_;
};

}  // namespace ddbx
