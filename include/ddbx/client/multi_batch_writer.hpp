#pragma once
// The batch writer over several tables: one buffer, 25 requests per BatchWriteItem whatever their
// tables, UnprocessedItems of every table put back and re-sent with backoff, flushed on
// destruction. put_item sends an item to the table whose item type it is (a compile error when it
// is the item type of none of the tables, or of several: then name the table, by descriptor or
// handle). Everything else is ddbx::batch_writer's: overwrite_by_pkeys (per table), a retry of a
// buffered request taken as it is, put_item/delete_item either buffer or fail with nothing
// buffered, flush()/close() keep what was not written, the same progress rule and backoff.
//
//   auto users = db.table<users_table>("users");
//   auto orders = db.table<orders_table>("orders");
//   {
//     auto batch = db.batch_writer(users, orders);      // or db.batch_writer({.overwrite_by_pkeys = true}, users, orders)
//     batch.put_item(jane).value();                      // to users: a user
//     batch.put_item(order{"ann", "o-1", 30}).value();  // to orders: an order
//     batch.delete_item<orders_table>({"ann", "o-2"}).value();
//     batch.delete_item(orders, {"ann", "o-3"}).value();  // by handle, as tables sharing a descriptor need
//   }   // flushed here
//
// A writer is used by one thread at a time (each thread its own; they may share the client).
#include <array>
#include <cstddef>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "ddbx/client/batch_writer.hpp"
#include "ddbx/client/detail/batch_write_queue.hpp"
#include "ddbx/ops/multi_batch_write.hpp"
#include "ddbx/ops/transact_write_items.hpp"  // table_handle

namespace ddbx {

template <class... Tables>
class multi_batch_writer : public detail::batch_write_queue<multi_batch_writer<Tables...>, table_write_request> {
  using request = multi_batch_write_request<Tables...>;
  using queue = detail::batch_write_queue<multi_batch_writer<Tables...>, table_write_request>;
  friend queue;

 public:
  static constexpr std::size_t table_count = sizeof...(Tables);
  using names_type = std::array<std::string, sizeof...(Tables)>;

  // The tables' names in the order of the descriptors. A bad name, or a table twice, is the error
  // of every put_item and delete_item (nothing is buffered).
  multi_batch_writer(names_type names, sender via, batch_writer_options o = {}, sleep_function sleep = default_sleep())
      : queue(std::move(o), std::move(sleep)), names_(std::move(names)), via_(via),
        names_ok_(detail::check_batch_tables(names_)) {}
  multi_batch_writer(multi_batch_writer&&) noexcept = default;

  ~multi_batch_writer() { this->flush_at_destruction("over " + std::to_string(table_count) + " tables"); }

  // A PutRequest to the table whose item type Item is, sending a batch first when the buffer is
  // full. On an error (a bad item, or a full buffer that could not be sent) nothing is buffered.
  template <class Item>
  status put_item(const Item& record) {
    return add(request::put_entry(record));
  }
  // To the table with descriptor Table (when several tables share the item type).
  template <class Table>
  status put_item(const typename Table::item_type& record) {
    return add(request::template put_entry<Table>(record));
  }
  // To the table of this handle (table_ref), by name (when several tables share the descriptor).
  template <table_handle H>
  status put_item(const H& table, const typename H::table_type::item_type& record) {
    return add(at(table, batch_write_item_request<typename H::table_type>::put_entry(record)));
  }
  // A DeleteRequest: delete_item<orders_table>({"ann", "o-2"}), or with a primary_key<Table>.
  template <class Table>
  status delete_item(const primary_key<Table>& key) {
    return add(request::delete_entry(key));
  }
  template <table_handle H>
  status delete_item(const H& table, const primary_key<typename H::table_type>& key) {
    return add(at(table, batch_write_item_request<typename H::table_type>::delete_entry(key)));
  }

  using queue::pending;
  // Requests still buffered for the table at `table` (its position among the tables).
  std::size_t pending(std::size_t table) const noexcept {
    std::size_t n = 0;
    for (const auto& b : this->buffer()) n += b.table == table ? 1 : 0;
    return n;
  }
  const names_type& table_names() const noexcept { return names_; }
  // ConsumedCapacity of every call so far (one entry per table and call), when
  // return_consumed_capacity(…) asked for it.
  multi_batch_writer& return_consumed_capacity(ddbx::return_consumed_capacity r) noexcept {
    capacity_mode_ = r;
    return *this;
  }
  const std::vector<ddbx::consumed_capacity>& consumed_capacity() const noexcept { return capacity_; }

 private:
  template <table_handle H>
  result<table_write_request> at(const H& table, result<write_request_entry> e) const {
    auto i = detail::batch_table_named<typename H::table_type, Tables...>(names_, table.name());
    if (!i) return std::move(i).error();
    if (!e) return std::move(e).error();
    return table_write_request{*i, std::move(*e)};
  }

  status add(result<table_write_request> r) {
    if (!names_ok_) return names_ok_;
    if (!r) return std::move(r).error();
    return queue::add(std::move(*r));
  }

  result<multi_batch_write_result> send_requests(const std::deque<table_write_request>& buffer, std::size_t n) {
    request req(names_, via_);
    req.return_consumed_capacity(capacity_mode_);
    req.requests.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
    return req.send();
  }
  void took(multi_batch_write_result& r) {
    for (auto& c : r.consumed_capacity) capacity_.push_back(std::move(c));
  }
  const std::string& table_name(std::size_t table) const noexcept { return names_[table]; }
  // "users: 2 ({"S":"a"},{"S":"x"}; …), orders: 1 (…)": what stays buffered, table by table.
  error gave_up(std::string message) const {
    std::string out;
    for (std::size_t t = 0; t < table_count; ++t) {
      std::size_t n = 0;
      std::string keys;
      for (const auto& b : this->buffer()) {
        if (b.table != t) continue;
        if (++n <= 5) keys += (keys.empty() ? "" : "; ") + b.entry.key;
      }
      if (n == 0) continue;
      out += (out.empty() ? "" : ", ") + names_[t] + ": " + std::to_string(n) + " (" + keys + (n > 5 ? "; …)" : ")");
    }
    return make_error(errc::service_error, std::move(message) + ", not written: " + out, "RequestItems");
  }

  names_type names_;
  sender via_;
  status names_ok_;
  ddbx::return_consumed_capacity capacity_mode_ = ddbx::return_consumed_capacity::none;
  std::vector<ddbx::consumed_capacity> capacity_;
};

}  // namespace ddbx
