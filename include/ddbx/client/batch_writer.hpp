#pragma once
// boto3's batch_writer: buffers puts and deletes, sends them 25 per BatchWriteItem, puts
// UnprocessedItems back into the buffer and re-sends them with backoff, and flushes on destruction.
// With overwrite_by_pkeys a new request for a buffered key replaces the buffered one (the last one
// wins); without it, a different request for a buffered key is refused (DynamoDB would refuse the
// whole batch), and the same request again (a retry) is taken as it is.
//
// Nothing is lost silently, and every answer is exact:
// - put_item/delete_item either buffer the request and succeed, or do not and return the error.
//   When the buffer is full they first send a batch; if that fails, the new request is not
//   buffered (the buffer never grows past flush_amount while the service is unreachable).
// - flush()/close() return the error and keep what was not written (pending()); a failure of the
//   destructor's flush goes to the on_error handler.
// - UnprocessedItems are re-sent after a backoff (full jitter, capped by the policy's max_delay,
//   20 s by default). The writer gives up only after the policy's max_attempts rounds in a row
//   that wrote nothing; a round that wrote something starts the count (and the backoff) again.
//
//   {
//     auto batch = users.batch_writer({.overwrite_by_pkeys = true});
//     batch.put_item(john);
//     batch.delete_item({"janedoe", "Doe"});
//   }   // flushed here
#include <cstdio>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <utility>

#include "ddbx/client/retry.hpp"
#include "ddbx/ops/batch_write_item.hpp"

namespace ddbx {

struct batch_writer_options {
  bool overwrite_by_pkeys = false;
  std::size_t flush_amount = 25;  // requests per BatchWriteItem (at most 25)
  // Rounds in a row that may leave UnprocessedItems, and their backoff (empty: the client's policy).
  std::optional<retry_policy> unprocessed_retry = {};
  // Called with the error when the destructor's flush fails (default: printed to stderr).
  std::function<void(const error&)> on_error = {};
};

template <class Table>
class batch_writer {
 public:
  using item_type = typename Table::item_type;

  batch_writer(std::string table_name, sender via, batch_writer_options o = {}, sleep_function sleep = default_sleep())
      : table_(std::move(table_name)), via_(via), options_(std::move(o)), sleep_(std::move(sleep)), rng_(std::random_device{}()) {
    if (options_.flush_amount == 0 || options_.flush_amount > limits::max_batch_write) options_.flush_amount = limits::max_batch_write;
  }
  batch_writer(const batch_writer&) = delete;
  batch_writer& operator=(const batch_writer&) = delete;
  batch_writer(batch_writer&& o) noexcept
      : table_(std::move(o.table_)), via_(o.via_), options_(std::move(o.options_)), sleep_(std::move(o.sleep_)),
        rng_(o.rng_), buffer_(std::move(o.buffer_)), sent_(o.sent_) {
    o.buffer_.clear();
  }

  ~batch_writer() {
    if (buffer_.empty()) return;
    if (auto s = flush(); !s) {
      if (options_.on_error) options_.on_error(s.error());
      else {
        std::string name;  // escaped like what_text(): one line, no terminal controls
        detail::append_escaped_controls(name, table_);
        std::fprintf(stderr, "ddbx: batch_writer for %s could not flush %zu requests at destruction: %s\n",
                     name.c_str(), buffer_.size(), s.error().what_text().c_str());
      }
    }
  }

  // Buffers a PutRequest, sending a batch first when the buffer is full. On an error (a bad item,
  // or a full buffer that could not be sent) nothing is buffered.
  status put_item(const item_type& record) {
    auto e = batch_write_item_request<Table>::put_entry(record);
    if (!e) return std::move(e).error();
    return add(std::move(*e));
  }
  status delete_item(const primary_key<Table>& key) {
    auto e = batch_write_item_request<Table>::delete_entry(key);
    if (!e) return std::move(e).error();
    return add(std::move(*e));
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
  // Requests the service has confirmed so far.
  std::size_t written() const noexcept { return sent_; }
  // Drops what is buffered (after a failed flush, when the caller has handled it).
  void clear() noexcept { buffer_.clear(); }

 private:
  status add(write_request_entry e) {
    for (auto& b : buffer_) {
      if (b.key != e.key) continue;
      if (b.json == e.json) return {};  // the same request again: a retry, already buffered
      if (!options_.overwrite_by_pkeys)
        return make_error(errc::invalid_request,
                          "a different request for the same key " + e.key +
                              " is already buffered; DynamoDB refuses a batch with a key twice (use overwrite_by_pkeys)",
                          table_);
      b = std::move(e);  // the last request for a key wins; it needs no room
      return {};
    }
    while (buffer_.size() >= options_.flush_amount)
      if (auto s = send_batch(); !s) return s;
    buffer_.push_back(std::move(e));
    return {};
  }

  // Sends the first flush_amount requests; what comes back unprocessed goes to the end of the
  // buffer, after a backoff that grows while rounds in a row write nothing.
  status send_batch() {
    batch_write_item_request<Table> req(table_, via_);
    const std::size_t n = std::min(options_.flush_amount, buffer_.size());
    req.requests.assign(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    auto r = req.send();
    if (!r) return std::move(r).error();  // the batch stays buffered
    // Only what was sent can come back unprocessed: anything else is a malformed answer, and
    // taking it would write a request nobody made.
    for (std::size_t i = 0; i < r->unprocessed.size(); ++i) {
      const std::string& key = r->unprocessed[i].key;
      bool sent = false, twice = false;
      for (std::size_t j = 0; j < n && !sent; ++j) sent = buffer_[j].key == key;
      for (std::size_t j = 0; j < i && !twice; ++j) twice = r->unprocessed[j].key == key;
      if (!sent || twice) {
        error e = make_error(errc::malformed_response,
                             "UnprocessedItems holds a request for key " + key + (twice ? " twice" : " that was not sent") +
                                 "; " + std::to_string(buffer_.size()) + " requests stay buffered");
        e.prepend_index(i);
        e.prepend_member(table_);
        e.prepend_member("UnprocessedItems");
        return e;
      }
    }
    const std::size_t unprocessed = r->unprocessed.size();
    // Re-send what we sent, not the service's copy of it.
    for (auto& u : r->unprocessed)
      for (std::size_t j = 0; j < n; ++j)
        if (buffer_[j].key == u.key) u.json = buffer_[j].json;
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    sent_ += n - std::min(n, unprocessed);
    if (unprocessed == 0) {
      unprocessed_rounds_ = 0;
      return {};
    }
    for (auto& u : r->unprocessed) {
      // A request added meanwhile for the same key wins over the unprocessed one.
      bool superseded = false;
      for (const auto& b : buffer_) superseded = superseded || b.key == u.key;
      if (!superseded) buffer_.push_back(std::move(u));
    }
    const retry_policy policy = options_.unprocessed_retry.value_or(retry_policy{});
    if (unprocessed < n) unprocessed_rounds_ = 0;  // progress: count (and back off) from the start
    if (++unprocessed_rounds_ >= policy.max_attempts) {
      unprocessed_rounds_ = 0;
      return make_error(errc::service_error,
                        "UnprocessedItems in " + std::to_string(policy.max_attempts) +
                            " rounds in a row that wrote nothing; " + std::to_string(buffer_.size()) +
                            " requests stay buffered",
                        table_);
    }
    sleep_(backoff_delay(policy, unprocessed_rounds_, rng_));
    return {};
  }

  std::string table_;
  sender via_;
  batch_writer_options options_;
  sleep_function sleep_;
  std::minstd_rand rng_;
  std::deque<write_request_entry> buffer_;
  std::size_t sent_ = 0;
  int unprocessed_rounds_ = 0;
};

}  // namespace ddbx
