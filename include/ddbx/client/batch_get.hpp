#pragma once
// Reads many items by key: BatchGetItem in calls of at most 100 keys, UnprocessedKeys sent again
// with backoff, every item decoded into U. Results come in no particular order.
//
//   std::vector<user> found = users.batch_get({{"johndoe", "Doe"}, {"janedoering", "Doering"}}).value();
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ddbx/client/retry.hpp"
#include "ddbx/ops/batch_get_item.hpp"

namespace ddbx {

struct batch_get_options {
  bool consistent_read = false;
  // Rounds in a row that may leave UnprocessedKeys, and their backoff (empty: the client's policy).
  std::optional<retry_policy> unprocessed_retry;
};

template <class Table, class U = typename Table::item_type, decode_options O = decode_options{}>
result<std::vector<U>> batch_get(sender via, const std::string& table_name, const std::vector<primary_key<Table>>& keys,
                                 const batch_get_options& o = {}, const sleep_function& sleep = default_sleep()) {
  // Encode and check every key before sending anything.
  std::vector<std::string> pending;
  pending.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string json;
    if (auto s = append_key(json, keys[i]); !s) {
      error e = std::move(s).error();
      e.prepend_index(i);
      return e;
    }
    for (std::size_t j = 0; j < pending.size(); ++j)
      if (pending[j] == json)
        return make_error(errc::invalid_request, "the same key as keys[" + std::to_string(j) + "]: " + json,
                          "[" + std::to_string(i) + "]");
    pending.push_back(std::move(json));
  }
  std::vector<U> out;
  std::minstd_rand rng(std::random_device{}());
  int rounds = 0;
  while (!pending.empty()) {
    batch_get_item_request<Table> req(table_name, via);
    req.consistent_read(o.consistent_read);
    const std::size_t n = std::min(pending.size(), limits::max_batch_get);
    req.keys.assign(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
    auto r = req.template send<U, O>();
    if (!r) return std::move(r).error();
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
    for (auto& it : r->items) out.push_back(std::move(it));
    if (r->unprocessed.empty()) {
      rounds = 0;
      continue;
    }
    for (auto& k : r->unprocessed) pending.push_back(std::move(k));
    const retry_policy policy = o.unprocessed_retry.value_or(retry_policy{});
    if (++rounds >= policy.max_attempts)
      return make_error(errc::service_error, "UnprocessedKeys in " + std::to_string(rounds) + " rounds in a row; " +
                                                 std::to_string(pending.size()) + " keys not read",
                        table_name);
    sleep(backoff_delay(policy, rounds, rng));
  }
  return out;
}

}  // namespace ddbx
