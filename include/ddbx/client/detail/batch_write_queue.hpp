#pragma once
// What ddbx::batch_writer and ddbx::multi_batch_writer share: the buffer of write requests, the
// rule for a second request on a buffered key, and the round that sends the first flush_amount
// requests and takes back UnprocessedItems (checked against what was sent, re-sent as we sent
// them, after a backoff that grows while rounds in a row write nothing).
//
// The writer derives from batch_write_queue<Writer, Entry> and provides
//   result<R> send_requests(const std::deque<Entry>&, std::size_t n)  // one BatchWriteItem; R has .unprocessed
//   void took(R&)                                // a checked answer (e.g. its ConsumedCapacity)
//   std::string table_name(std::size_t table) const
//   error gave_up(std::string message) const      // the error after max_attempts rounds without progress
// Entry is write_request_entry (one table) or table_write_request (several).
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "ddbx/client/retry.hpp"
#include "ddbx/core/error.hpp"
#include "ddbx/ops/multi_batch_write.hpp"

namespace ddbx {

struct batch_writer_options {
  bool overwrite_by_pkeys = false;
  std::size_t flush_amount = 25;  // requests per BatchWriteItem (at most 25)
  // Rounds in a row that may leave UnprocessedItems, and their backoff (empty: the client's policy).
  std::optional<retry_policy> unprocessed_retry = {};
  // Called with the error when the destructor's flush fails (default: printed to stderr).
  std::function<void(const error&)> on_error = {};
};

namespace detail {

inline std::size_t table_of(const write_request_entry&) noexcept { return 0; }
inline std::size_t table_of(const table_write_request& e) noexcept { return e.table; }
inline write_request_entry& entry_of(write_request_entry& e) noexcept { return e; }
inline const write_request_entry& entry_of(const write_request_entry& e) noexcept { return e; }
inline write_request_entry& entry_of(table_write_request& e) noexcept { return e.entry; }
inline const write_request_entry& entry_of(const table_write_request& e) noexcept { return e.entry; }

// The same item of the same table.
template <class Entry>
bool same_item(const Entry& a, const Entry& b) noexcept {
  return table_of(a) == table_of(b) && entry_of(a).key == entry_of(b).key;
}

template <class Writer, class Entry>
class batch_write_queue {
 public:
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

 protected:
  batch_write_queue(batch_writer_options o, sleep_function sleep)
      : options_(std::move(o)), sleep_(std::move(sleep)), rng_(std::random_device{}()) {
    if (options_.flush_amount == 0 || options_.flush_amount > limits::max_batch_write) options_.flush_amount = limits::max_batch_write;
  }
  batch_write_queue(const batch_write_queue&) = delete;
  batch_write_queue& operator=(const batch_write_queue&) = delete;
  batch_write_queue(batch_write_queue&& o) noexcept
      : options_(std::move(o.options_)), sleep_(std::move(o.sleep_)), rng_(o.rng_), buffer_(std::move(o.buffer_)),
        sent_(o.sent_), unprocessed_rounds_(o.unprocessed_rounds_) {
    o.buffer_.clear();
  }
  ~batch_write_queue() = default;

  // Buffers a request, sending a batch first when the buffer is full; on an error nothing is
  // buffered. The same request again (a retry) is taken as it is; a different one for a buffered
  // key replaces it with overwrite_by_pkeys and is refused without.
  status add(Entry e) {
    for (auto& b : buffer_) {
      if (!same_item(b, e)) continue;
      if (entry_of(b).json == entry_of(e).json) return {};  // the same request again: a retry, already buffered
      if (!options_.overwrite_by_pkeys)
        return make_error(errc::invalid_request,
                          "a different request for the same key " + entry_of(e).key +
                              " is already buffered; DynamoDB refuses a batch with a key twice (use overwrite_by_pkeys)",
                          writer().table_name(table_of(e)));
      b = std::move(e);  // the last request for a key wins; it needs no room
      return {};
    }
    while (buffer_.size() >= options_.flush_amount)
      if (auto s = send_batch(); !s) return s;
    buffer_.push_back(std::move(e));
    return {};
  }

  // Reports a failed flush at destruction to on_error, or else to stderr with `what` (the writer).
  void flush_at_destruction(const std::string& what) {
    if (buffer_.empty()) return;
    if (auto s = flush(); !s) {
      if (options_.on_error) options_.on_error(s.error());
      else
        std::fprintf(stderr, "ddbx: batch_writer %s could not flush %zu requests at destruction: %s\n", what.c_str(),
                     buffer_.size(), s.error().what_text().c_str());
    }
  }

  // The same for a one-table writer: `what` is "for <table>", the name escaped as what_text()
  // escapes text (one line, no terminal controls).
  void flush_at_destruction_for_table(std::string_view table) {
    if (buffer_.empty()) return;
    std::string what = "for ";
    append_escaped_controls(what, table);
    flush_at_destruction(what);
  }

  const batch_writer_options& options() const noexcept { return options_; }
  const std::deque<Entry>& buffer() const noexcept { return buffer_; }

 private:
  Writer& writer() noexcept { return static_cast<Writer&>(*this); }

  // Sends the first flush_amount requests; what comes back unprocessed goes to the end of the
  // buffer, after a backoff that grows while rounds in a row write nothing.
  status send_batch() {
    const std::size_t n = std::min(options_.flush_amount, buffer_.size());
    auto r = writer().send_requests(buffer_, n);
    if (!r) return std::move(r).error();  // the batch stays buffered
    auto& unprocessed_items = r->unprocessed;
    // Only what was sent can come back unprocessed: anything else is a malformed answer, and
    // taking it would write a request nobody made.
    for (std::size_t i = 0; i < unprocessed_items.size(); ++i) {
      const Entry& u = unprocessed_items[i];
      bool sent = false, twice = false;
      std::size_t at = 0;  // its index in its table's UnprocessedItems list
      for (std::size_t j = 0; j < n && !sent; ++j) sent = same_item(buffer_[j], u);
      for (std::size_t j = 0; j < i; ++j) {
        twice = twice || same_item(unprocessed_items[j], u);
        at += table_of(unprocessed_items[j]) == table_of(u) ? 1 : 0;
      }
      if (!sent || twice) {
        error e = make_error(errc::malformed_response,
                             "UnprocessedItems holds a request for key " + entry_of(u).key +
                                 (twice ? " twice" : " that was not sent") + "; " + std::to_string(buffer_.size()) +
                                 " requests stay buffered");
        e.prepend_index(at);
        e.prepend_member(writer().table_name(table_of(u)));
        e.prepend_member("UnprocessedItems");
        return e;
      }
    }
    writer().took(*r);
    const std::size_t unprocessed = unprocessed_items.size();
    // Re-send what we sent, not the service's copy of it.
    for (auto& u : unprocessed_items)
      for (std::size_t j = 0; j < n; ++j)
        if (same_item(buffer_[j], u)) entry_of(u).json = entry_of(buffer_[j]).json;
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    sent_ += n - std::min(n, unprocessed);
    if (unprocessed == 0) {
      unprocessed_rounds_ = 0;
      return {};
    }
    for (auto& u : unprocessed_items) {
      // A request added meanwhile for the same key wins over the unprocessed one.
      bool superseded = false;
      for (const auto& b : buffer_) superseded = superseded || same_item(b, u);
      if (!superseded) buffer_.push_back(std::move(u));
    }
    const retry_policy policy = options_.unprocessed_retry.value_or(retry_policy{});
    if (unprocessed < n) unprocessed_rounds_ = 0;  // progress: count (and back off) from the start
    if (++unprocessed_rounds_ >= policy.max_attempts) {
      unprocessed_rounds_ = 0;
      return writer().gave_up("UnprocessedItems in " + std::to_string(policy.max_attempts) +
                              " rounds in a row that wrote nothing; " + std::to_string(buffer_.size()) +
                              " requests stay buffered");
    }
    sleep_(backoff_delay(policy, unprocessed_rounds_, rng_));
    return {};
  }

  batch_writer_options options_;
  sleep_function sleep_;
  std::minstd_rand rng_;
  std::deque<Entry> buffer_;
  std::size_t sent_ = 0;
  int unprocessed_rounds_ = 0;
};

}  // namespace detail
}  // namespace ddbx
