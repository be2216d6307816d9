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
#include <cstdio>
#include <deque>
#include <random>
#include <string>
#include <utility>

#include "ddbx/client/batch_writer.hpp"
#include "ddbx/client/retry.hpp"
#include "ddbx/ops/multi_batch_write.hpp"
#include "ddbx/ops/transact_write_items.hpp"  // table_handle

namespace ddbx {

template <class... Tables>
class multi_batch_writer {
  using request = multi_batch_write_request<Tables...>;

 public:
  static constexpr std::size_t table_count = sizeof...(Tables);
  using names_type = std::array<std::string, sizeof...(Tables)>;

  // The tables' names in the order of the descriptors. A bad name, or a table twice, is the error
  // of every put_item and delete_item (nothing is buffered).
  multi_batch_writer(names_type names, sender via, batch_writer_options o = {}, sleep_function sleep = default_sleep())
      : names_(std::move(names)), via_(via), options_(std::move(o)), sleep_(std::move(sleep)), rng_(std::random_device{}()),
        names_ok_(detail::check_batch_tables(names_)) {
    if (options_.flush_amount == 0 || options_.flush_amount > limits::max_batch_write) options_.flush_amount = limits::max_batch_write;
  }
  multi_batch_writer(const multi_batch_writer&) = delete;
  multi_batch_writer& operator=(const multi_batch_writer&) = delete;
  multi_batch_writer(multi_batch_writer&& o) noexcept
      : names_(std::move(o.names_)), via_(o.via_), options_(std::move(o.options_)), sleep_(std::move(o.sleep_)),
        rng_(o.rng_), names_ok_(std::move(o.names_ok_)), buffer_(std::move(o.buffer_)), sent_(o.sent_),
        capacity_mode_(o.capacity_mode_), capacity_(std::move(o.capacity_)) {
    o.buffer_.clear();
  }

  ~multi_batch_writer() {
    if (buffer_.empty()) return;
    if (auto s = flush(); !s) {
      if (options_.on_error) options_.on_error(s.error());
      else
        std::fprintf(stderr, "ddbx: batch_writer over %zu tables could not flush %zu requests at destruction: %s\n",
                     table_count, buffer_.size(), s.error().what_text().c_str());
    }
  }

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

  // Sends everything buffered; UnprocessedItems are re-sent with backoff. On an error the
  // requests not written stay buffered (pending()).
  status flush() {
    while (!buffer_.empty())
      if (auto s = send_batch(); !s) return s;
    return {};
  }
  status close() { return flush(); }

  std::size_t pending() const noexcept { return buffer_.size(); }
  // Requests still buffered for the table at `table` (its position among the tables).
  std::size_t pending(std::size_t table) const noexcept {
    std::size_t n = 0;
    for (const auto& b : buffer_) n += b.table == table ? 1 : 0;
    return n;
  }
  // Requests the service has confirmed so far.
  std::size_t written() const noexcept { return sent_; }
  // Drops what is buffered (after a failed flush, when the caller has handled it).
  void clear() noexcept { buffer_.clear(); }
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
    table_write_request e = std::move(*r);
    for (auto& b : buffer_) {
      if (b.table != e.table || b.entry.key != e.entry.key) continue;
      if (b.entry.json == e.entry.json) return {};  // the same request again: a retry, already buffered
      if (!options_.overwrite_by_pkeys)
        return make_error(errc::invalid_request,
                          "a different request for the same key " + e.entry.key +
                              " is already buffered; DynamoDB refuses a batch with a key twice (use overwrite_by_pkeys)",
                          names_[e.table]);
      b = std::move(e);  // the last request for a key wins; it needs no room
      return {};
    }
    while (buffer_.size() >= options_.flush_amount)
      if (auto s = send_batch(); !s) return s;
    buffer_.push_back(std::move(e));
    return {};
  }

  // "users: 2 ({"S":"a"},{"S":"x"}; …), orders: 1 (…)": what stays buffered, table by table.
  std::string describe_buffer() const {
    std::string out;
    for (std::size_t t = 0; t < table_count; ++t) {
      std::size_t n = 0;
      std::string keys;
      for (const auto& b : buffer_) {
        if (b.table != t) continue;
        if (++n <= 5) keys += (keys.empty() ? "" : "; ") + b.entry.key;
      }
      if (n == 0) continue;
      out += (out.empty() ? "" : ", ") + names_[t] + ": " + std::to_string(n) + " (" + keys + (n > 5 ? "; …)" : ")");
    }
    return out;
  }

  // Sends the first flush_amount requests; what comes back unprocessed goes to the end of the
  // buffer, after a backoff that grows while rounds in a row write nothing.
  status send_batch() {
    request req(names_, via_);
    req.return_consumed_capacity(capacity_mode_);
    const std::size_t n = std::min(options_.flush_amount, buffer_.size());
    req.requests.assign(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    auto r = req.send();
    if (!r) return std::move(r).error();  // the batch stays buffered
    // Only what was sent can come back unprocessed: anything else is a malformed answer, and
    // taking it would write a request nobody made.
    std::array<std::size_t, table_count> place{};  // index in its table's UnprocessedItems list
    for (std::size_t i = 0; i < r->unprocessed.size(); ++i) {
      const auto& u = r->unprocessed[i];
      const std::size_t at = place[u.table]++;
      bool sent = false, twice = false;
      for (std::size_t j = 0; j < n && !sent; ++j) sent = buffer_[j].table == u.table && buffer_[j].entry.key == u.entry.key;
      for (std::size_t j = 0; j < i && !twice; ++j)
        twice = r->unprocessed[j].table == u.table && r->unprocessed[j].entry.key == u.entry.key;
      if (!sent || twice) {
        error e = make_error(errc::malformed_response,
                             "UnprocessedItems holds a request for key " + u.entry.key +
                                 (twice ? " twice" : " that was not sent") + "; " + std::to_string(buffer_.size()) +
                                 " requests stay buffered");
        e.prepend_index(at);
        e.prepend_member(names_[u.table]);
        e.prepend_member("UnprocessedItems");
        return e;
      }
    }
    for (auto& c : r->consumed_capacity) capacity_.push_back(std::move(c));
    const std::size_t unprocessed = r->unprocessed.size();
    // Re-send what we sent, not the service's copy of it.
    for (auto& u : r->unprocessed)
      for (std::size_t j = 0; j < n; ++j)
        if (buffer_[j].table == u.table && buffer_[j].entry.key == u.entry.key) u.entry.json = buffer_[j].entry.json;
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    sent_ += n - std::min(n, unprocessed);
    if (unprocessed == 0) {
      unprocessed_rounds_ = 0;
      return {};
    }
    for (auto& u : r->unprocessed) {
      // A request added meanwhile for the same key wins over the unprocessed one.
      bool superseded = false;
      for (const auto& b : buffer_) superseded = superseded || (b.table == u.table && b.entry.key == u.entry.key);
      if (!superseded) buffer_.push_back(std::move(u));
    }
    const retry_policy policy = options_.unprocessed_retry.value_or(retry_policy{});
    if (unprocessed < n) unprocessed_rounds_ = 0;  // progress: count (and back off) from the start
    if (++unprocessed_rounds_ >= policy.max_attempts) {
      unprocessed_rounds_ = 0;
      return make_error(errc::service_error,
                        "UnprocessedItems in " + std::to_string(policy.max_attempts) +
                            " rounds in a row that wrote nothing; " + std::to_string(buffer_.size()) +
                            " requests stay buffered, not written: " + describe_buffer(),
                        "RequestItems");
    }
    sleep_(backoff_delay(policy, unprocessed_rounds_, rng_));
    return {};
  }

  names_type names_;
  sender via_;
  batch_writer_options options_;
  sleep_function sleep_;
  std::minstd_rand rng_;
  status names_ok_;
  std::deque<table_write_request> buffer_;
  std::size_t sent_ = 0;
  int unprocessed_rounds_ = 0;
  ddbx::return_consumed_capacity capacity_mode_ = ddbx::return_consumed_capacity::none;
  std::vector<ddbx::consumed_capacity> capacity_;
};

}  // namespace ddbx
