#pragma once
// A handle on one table, like boto3's Table resource: every operation of the table, typed by its
// descriptor. Requests are built here and sent with send(); each also renders its body alone.
//
//   auto users = db.table<users_table>("users");
//   users.create().provisioned(5, 5).send();
//   users.wait_until_exists();
//   users.put_item({"janedoe", "Jane", "Doe", 25, "standard_user"}).send();
//   auto jane = users.get_item({"janedoe", "Doe"}).send().value().item;
//   users.update_item({"janedoe", "Doe"}, set(attr<&user::age>, 26)).send();
//   users.query(key<&user::username> == "johndoe").send();
//   users.scan().filter(attr<&user::age> < 27).send();
#include <string>
#include <utility>
#include <vector>

#include "ddbx/client/batch_get.hpp"
#include "ddbx/client/batch_writer.hpp"
#include "ddbx/client/retry.hpp"
#include "ddbx/client/waiters.hpp"
#include "ddbx/ops/batch_get_item.hpp"
#include "ddbx/ops/batch_write_item.hpp"
#include "ddbx/ops/create_table.hpp"
#include "ddbx/ops/delete_item.hpp"
#include "ddbx/ops/describe_table.hpp"
#include "ddbx/ops/get_item.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/query.hpp"
#include "ddbx/ops/scan.hpp"
#include "ddbx/ops/time_to_live.hpp"
#include "ddbx/ops/update_item.hpp"
#include "ddbx/ops/update_table.hpp"

namespace ddbx {

template <class Table>
class table_ref {
 public:
  using table_type = Table;
  using item_type = typename Table::item_type;
  using key_type = primary_key<Table>;

  table_ref(std::string name, ddbx::sender via, retry_policy retry = {}, sleep_function sleep = default_sleep())
      : name_(std::move(name)), via_(via), retry_(retry), sleep_(std::move(sleep)) {}

  const std::string& name() const noexcept { return name_; }
  ddbx::sender sender() const noexcept { return via_; }

  create_table_request<Table> create() const { return create_table_request<Table>(name_, via_); }
  result<table_description> describe() const { return describe_table_request{name_, via_}.send(); }
  result<table_description> delete_table() const { return delete_table_request{name_, via_}.send(); }
  // UpdateTable: billing mode, throughput, on-demand maximums, GSIs (create_index<gsi> from the descriptor).
  //   users.update_table().provisioned(10, 5).send();  users.update_table().create_index<by_city>().send();
  update_table_request<Table> update_table() const { return update_table_request<Table>(name_, via_); }
  status wait_until_exists(const waiter_options& o = {}) const { return wait_until_table_exists(via_, name_, o, sleep_); }
  status wait_until_not_exists(const waiter_options& o = {}) const {
    return wait_until_table_not_exists(via_, name_, o, sleep_);
  }

  // Time to live: DynamoDB deletes items once the seconds in `Member` (ddbx::epoch_seconds) have passed.
  describe_time_to_live_request describe_time_to_live() const { return describe_time_to_live_request(name_, via_); }
  template <auto Member>
  update_time_to_live_request update_time_to_live(bool enabled) const {
    return update_time_to_live_request::of<Member, Table>(name_, enabled, via_);
  }

  put_item_request<Table> put_item(const item_type& record) const { return put_item_request<Table>(name_, record, via_); }
  get_item_request<Table> get_item(const key_type& key) const { return get_item_request<Table>(name_, key, via_); }
  template <class U>
  update_item_request<Table> update_item(const key_type& key, const U& update) const {
    return update_item_request<Table>(name_, key, update, via_);
  }
  delete_item_request<Table> delete_item(const key_type& key) const { return delete_item_request<Table>(name_, key, via_); }

  // A query of the table, or with an index descriptor (gsi<…>) of that index.
  template <class Index = Table, class K>
    requires key_condition_like<K> || condition<K>  // a filter (attr<…>) is refused with a message
  query_request<Table, Index> query(const K& key_condition) const {
    return query_request<Table, Index>(name_, key_condition, via_);
  }
  template <class Index = Table>
  scan_request<Table> scan() const {
    if constexpr (std::is_same_v<Index, Table>) return scan_request<Table>(name_, {}, via_);
    else return scan_request<Table>(name_, Index::name, via_);
  }

  ddbx::batch_writer<Table> batch_writer(batch_writer_options o = {}) const {
    if (!o.unprocessed_retry) o.unprocessed_retry = retry_;
    return ddbx::batch_writer<Table>(name_, via_, std::move(o), sleep_);
  }
  template <class U = item_type, decode_options O = decode_options{}>
  result<std::vector<U>> batch_get(const std::vector<key_type>& keys, batch_get_options o = {}) const {
    if (!o.unprocessed_retry) o.unprocessed_retry = retry_;
    return ddbx::batch_get<Table, U, O>(via_, name_, keys, o, sleep_);
  }
  // Like batch_get, keeping on an error the items read and the keys not read (see batch_get.hpp).
  template <class U = item_type, decode_options O = decode_options{}>
  status batch_get_into(batch_get_progress<U>& progress, const std::vector<key_type>& keys, batch_get_options o = {}) const {
    if (!o.unprocessed_retry) o.unprocessed_retry = retry_;
    return ddbx::batch_get_into<Table, U, O>(progress, via_, name_, keys, o, sleep_);
  }

 private:
  std::string name_;
  ddbx::sender via_;
  retry_policy retry_;
  sleep_function sleep_;
};

}  // namespace ddbx
