#pragma once
// ddbx::client — sends requests through a transport, retrying what the standard policy retries
// (throttling, 5xx, connection failures, CRC32 mismatches, 200 answers whose body is damaged)
// with exponential backoff and full jitter, and turns error answers into ddbx::error (aws_code,
// http_status, retryable, attempts, request_id, maybe_applied_earlier).
//
//   ddbx::client db{ddbx::curl_transport{}};
//   auto users = db.table<users_table>("users");
//   users.put_item(jane).send().value();
//
// Threads: one client may be shared by any number of threads if its transport may be
// (curl_transport may); the jitter generator is locked and `sleep` may run in several threads at once.
// Moving: the transport and options live behind a pointer that moves with the client, so table_refs
// and requests made before a move send through the moved-to client. A moved-from client may only be
// assigned to or destroyed; assigning to a client ends the table_refs made from its old state.
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "ddbx/client/multi_batch_get.hpp"
#include "ddbx/client/multi_batch_writer.hpp"
#include "ddbx/client/retry.hpp"
#include "ddbx/client/item_table.hpp"
#include "ddbx/client/table_ref.hpp"
#include "ddbx/client/transport.hpp"
#include "ddbx/ops/list_tables.hpp"
#include "ddbx/ops/response.hpp"
#include "ddbx/ops/transact_get_items.hpp"
#include "ddbx/ops/transact_write_items.hpp"
#include "ddbx/ops/update_table.hpp"

namespace ddbx {

struct client_options {
  retry_policy retry{};
  sleep_function sleep = default_sleep();  // called by every thread that waits before a retry
  std::uint32_t jitter_seed = std::random_device{}();
};

template <transport Transport>
class client {
 public:
  explicit client(Transport t, client_options o = {}) : state_(std::make_unique<state>(std::move(t), std::move(o))) {}
  client(client&&) noexcept = default;
  client& operator=(client&&) noexcept = default;
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // Sends one request body; returns the response body of a 200 answer, or the error after the
  // retries the policy allows (error.attempts says how many were made). `check` sees each 200
  // body first: when it refuses one (a damaged body), the request is retried like a lost answer.
  result<std::string> call(std::string_view operation, std::string_view body, body_check check = {}) {
    return send(*state_, operation, body, check);
  }

  ddbx::sender sender() noexcept { return {state_.get(), &client::thunk}; }

  // A handle on one table (boto3's Table resource), typed by its descriptor.
  template <class Table>
  table_ref<Table> table(std::string name) {
    return table_ref<Table>(std::move(name), sender(), state_->options.retry, state_->options.sleep);
  }

  // A handle on a table of ddbx::item whose key names are given at run time (client/item_table.hpp):
  //   auto t = db.item_table("users", {"username", "last_name"});
  //   auto t = db.describe_item_table("users").value();   // key names (and the indexes') from DescribeTable
  item_table_ref item_table(std::string name, item_key_names keys) { return item_table(std::move(name), item_table_schema(std::move(keys))); }
  item_table_ref item_table(std::string name, item_table_schema schema) {
    return item_table_ref(std::move(name), std::move(schema), sender(), state_->options.retry, state_->options.sleep);
  }
  result<item_table_ref> describe_item_table(std::string name) {
    auto d = describe_table_request{name, sender()}.send();
    if (!d) return std::move(d).error();
    return item_table(std::move(name), item_table_schema::of(*d));
  }

  // A transaction over one or several tables (ops/transact_write_items.hpp, ops/transact_get_items.hpp).
  transact_write_request transact_write() { return transact_write_request(sender()); }
  transact_get_request<> transact_get() { return transact_get_request<>(sender()); }
  // Batches over several tables (client/multi_batch_writer.hpp, client/multi_batch_get.hpp): a
  // writer sending each item to the table whose item type it is, and gets decoded per table.
  //   auto batch = db.batch_writer(users, orders);   db.batch_writer({.overwrite_by_pkeys = true}, users, orders);
  //   auto [us, os] = db.batch_get().get(users, user_keys).get(orders, order_keys).send().value().items;
  template <table_handle H, table_handle... More>
  multi_batch_writer<typename H::table_type, typename More::table_type...> batch_writer(const H& t, const More&... more) {
    return batch_writer(batch_writer_options{}, t, more...);
  }
  template <table_handle H, table_handle... More>
  multi_batch_writer<typename H::table_type, typename More::table_type...> batch_writer(batch_writer_options o, const H& t,
                                                                                      const More&... more) {
    if (!o.unprocessed_retry) o.unprocessed_retry = state_->options.retry;
    return multi_batch_writer<typename H::table_type, typename More::table_type...>(
        {std::string(t.name()), std::string(more.name())...}, sender(), std::move(o), state_->options.sleep);
  }
  multi_batch_get<> batch_get() { return multi_batch_get<>(sender(), state_->options.retry, state_->options.sleep); }
  // UpdateTable by name (a table_ref's update_table() is typed by its descriptor).
  update_table_request<> update_table(std::string table_name) { return update_table_request<>(std::move(table_name), sender()); }
  // The account's tables in this region: .send() one page, .send_all() every page.
  list_tables_request list_tables() { return list_tables_request(sender()); }

  Transport& transport() noexcept { return state_->transport; }
  const client_options& options() const noexcept { return state_->options; }

 private:
  struct state {
    state(Transport t, client_options o) : transport(std::move(t)), options(std::move(o)), rng(options.jitter_seed) {}
    Transport transport;
    client_options options;
    std::mutex rng_mutex;
    std::minstd_rand rng;
  };

  static result<std::string> thunk(void* s, std::string_view operation, std::string_view body, body_check check) {
    return send(*static_cast<state*>(s), operation, body, check);
  }

  static result<std::string> send(state& s, std::string_view operation, std::string_view body, body_check check) {
    bool unknown_earlier = false;  // an earlier attempt may have been applied
    for (int attempt = 1;; ++attempt) {
      result<http_response> r = s.transport(operation, body);
      error e;
      if (r && r->status == 200) {
        auto accepted = check(r->body);
        if (accepted) return std::move(r->body);
        // Applied, but the answer was damaged on the way (cut short, not JSON): ask again.
        e = std::move(accepted).error();
        e.message = "the answer (HTTP 200) is damaged: " + e.message;
        e.http_status = 200;
        e.retryable = true;
        e.request_id = std::string(r->header("x-amzn-RequestId"));
      } else if (r) {
        e = parse_service_error(r->status, r->body);
        e.request_id = std::string(r->header("x-amzn-RequestId"));
      } else {
        e = std::move(r).error();
      }
      e.attempts = attempt;
      e.maybe_applied_earlier = unknown_earlier;
      if (!e.retryable || attempt >= s.options.retry.max_attempts) {
        if (e.retryable && attempt > 1) e.message += " (after " + std::to_string(attempt) + " attempts)";
        return e;
      }
      // No answer, a 5xx or a damaged body: the service may have applied the request.
      unknown_earlier = unknown_earlier || e.http_status == 0 || e.http_status == 200 || e.http_status >= 500 ||
                        e.code == errc::crc32_mismatch;
      std::chrono::milliseconds delay;
      {
        std::lock_guard lock(s.rng_mutex);
        delay = backoff_delay(s.options.retry, attempt, s.rng);
      }
      s.options.sleep(delay);
    }
  }

  std::unique_ptr<state> state_;
};

}  // namespace ddbx
