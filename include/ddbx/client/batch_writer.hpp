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
#include <string>
#include <utility>

#include "ddbx/client/detail/batch_write_queue.hpp"
#include "ddbx/ops/batch_write_item.hpp"

namespace ddbx {

template <class Table>
class batch_writer : public detail::batch_write_queue<batch_writer<Table>, write_request_entry> {
  using queue = detail::batch_write_queue<batch_writer<Table>, write_request_entry>;
  friend queue;

 public:
  using item_type = typename Table::item_type;

  batch_writer(std::string table_name, sender via, batch_writer_options o = {}, sleep_function sleep = default_sleep())
      : queue(std::move(o), std::move(sleep)), table_(std::move(table_name)), via_(via) {}
  batch_writer(batch_writer&&) noexcept = default;

  ~batch_writer() { this->flush_at_destruction_for_table(table_); }

  // Buffers a PutRequest, sending a batch first when the buffer is full. On an error (a bad item,
  // or a full buffer that could not be sent) nothing is buffered.
  status put_item(const item_type& record) {
    auto e = batch_write_item_request<Table>::put_entry(record);
    if (!e) return std::move(e).error();
    return this->add(std::move(*e));
  }
  status delete_item(const primary_key<Table>& key) {
    auto e = batch_write_item_request<Table>::delete_entry(key);
    if (!e) return std::move(e).error();
    return this->add(std::move(*e));
  }

 private:
  result<batch_write_result> send_requests(const std::deque<write_request_entry>& buffer, std::size_t n) {
    batch_write_item_request<Table> req(table_, via_);
    req.requests.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
    return req.send();
  }
  void took(batch_write_result&) const noexcept {}
  const std::string& table_name(std::size_t) const noexcept { return table_; }
  error gave_up(std::string message) const { return make_error(errc::service_error, std::move(message), table_); }

  std::string table_;
  sender via_;
};

}  // namespace ddbx
