#pragma once
// ddbx::client — sends requests through a transport, retrying what the standard policy retries
// (throttling, 5xx, connection failures, CRC32 mismatches) with exponential backoff and full
// jitter, and turns error answers into ddbx::error (aws_code, http_status, retryable).
//
//   ddbx::client db{ddbx::curl_transport{}};
//   auto users = db.table<users_table>("users");
//   users.put_item(jane).send().value();
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "ddbx/client/retry.hpp"
#include "ddbx/client/table_ref.hpp"
#include "ddbx/client/transport.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

struct client_options {
  retry_policy retry{};
  sleep_function sleep = default_sleep();
  std::uint32_t jitter_seed = std::random_device{}();
};

template <transport Transport>
class client {
 public:
  explicit client(Transport t, client_options o = {}) : transport_(std::move(t)), options_(std::move(o)), rng_(options_.jitter_seed) {}
  // Requests made from this client point at it.
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  // Sends one request body; returns the response body of a 200 answer, or the error after the
  // retries the policy allows.
  result<std::string> call(std::string_view operation, std::string_view body) {
    last_attempts_ = 0;
    for (int attempt = 1;; ++attempt) {
      last_attempts_ = attempt;
      result<http_response> r = transport_(operation, body);
      error e;
      if (r) {
        if (r->status == 200) return std::move(r->body);
        e = parse_service_error(r->status, r->body);
      } else {
        e = std::move(r).error();
      }
      if (!e.retryable || attempt >= options_.retry.max_attempts) {
        if (e.retryable && attempt > 1) e.message += " (after " + std::to_string(attempt) + " attempts)";
        return e;
      }
      options_.sleep(backoff_delay(options_.retry, attempt, rng_));
    }
  }

  // How many attempts the last call() made.
  int last_attempts() const noexcept { return last_attempts_; }

  ddbx::sender sender() noexcept { return {this, &client::thunk}; }

  // A handle on one table (boto3's Table resource), typed by its descriptor.
  template <class Table>
  table_ref<Table> table(std::string name) {
    return table_ref<Table>(std::move(name), sender(), options_.retry, options_.sleep);
  }

  Transport& transport() noexcept { return transport_; }
  const client_options& options() const noexcept { return options_; }

 private:
  static result<std::string> thunk(void* self, std::string_view operation, std::string_view body) {
    return static_cast<client*>(self)->call(operation, body);
  }

  Transport transport_;
  client_options options_;
  std::minstd_rand rng_;
  int last_attempts_ = 0;
};

}  // namespace ddbx
