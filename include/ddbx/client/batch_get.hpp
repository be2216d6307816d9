#pragma once
// Reads many items by key: BatchGetItem in calls of at most 100 keys, UnprocessedKeys sent again
// with backoff, every item decoded into U. Results come in no particular order.
//
//   std::vector<user> found = users.batch_get({{"johndoe", "Doe"}, {"janedoering", "Doering"}}).value();
//
// Nothing read is thrown away: batch_get_into keeps, on an error, the items read before it and
// the keys not read yet, so the caller can resume with exactly those.
//
//   ddbx::batch_get_progress<user> got;
//   if (auto s = users.batch_get_into(got, keys); !s) {
//     // got.items: read; got.unread: indexes into keys not read (yet)
//   }
//
// The service can only hand back keys that were asked for: an UnprocessedKeys entry that was not
// in the call (or is there twice) is a malformed answer, and that call's answer is not taken.
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "ddbx/client/retry.hpp"
#include "ddbx/ops/batch_get_item.hpp"
#include "ddbx/ops/detail/key_signature.hpp"

namespace ddbx {

struct batch_get_options {
  bool consistent_read = false;
  // Rounds in a row that may leave UnprocessedKeys, and their backoff (empty: the client's policy).
  // A round that read something starts the count (and the backoff) again.
  std::optional<retry_policy> unprocessed_retry = {};
};

// What a batch get has read: the items, and the keys not read (yet) as indexes into the keys
// asked for. After success `unread` is empty; after an error it holds every key still to read.
template <class U>
struct batch_get_progress {
  std::vector<U> items;              // appended to, in no particular order
  std::vector<std::size_t> unread;   // indexes into the keys, in no particular order
};

template <class Table, class U = typename Table::item_type, decode_options O = decode_options{}>
status batch_get_into(batch_get_progress<U>& progress, sender via, const std::string& table_name,
                      const std::vector<primary_key<Table>>& keys, const batch_get_options& o = {},
                      const sleep_function& sleep = default_sleep()) {
  progress.unread.clear();
  // Encode and check every key before sending anything.
  std::vector<std::string> encoded(keys.size());
  std::unordered_map<std::string, std::size_t> by_signature;
  by_signature.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (auto s = append_key(encoded[i], keys[i]); !s) {
      error e = std::move(s).error();
      e.prepend_index(i);
      return e;
    }
    auto [at, fresh] = by_signature.try_emplace(detail::key_signature<Table>(keys[i]), i);
    if (!fresh)
      return make_error(errc::invalid_request, "the same key as keys[" + std::to_string(at->second) + "]: " + encoded[i],
                        "[" + std::to_string(i) + "]");
  }
  progress.unread.resize(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) progress.unread[i] = keys.size() - 1 - i;  // sent from the back

  std::vector<unsigned char> in_call(keys.size(), 0);  // 1: sent in this call, 2: also handed back
  std::minstd_rand rng(std::random_device{}());
  const retry_policy policy = o.unprocessed_retry.value_or(retry_policy{});
  int rounds = 0;
  auto& unread = progress.unread;
  while (!unread.empty()) {
    batch_get_item_request<Table> req(table_name, via);
    req.consistent_read(o.consistent_read);
    const std::size_t n = std::min(unread.size(), limits::max_batch_get);
    const std::size_t first = unread.size() - n;  // the call takes the last n
    for (std::size_t j = first; j < unread.size(); ++j) {
      req.keys.push_back(encoded[unread[j]]);
      in_call[unread[j]] = 1;
    }
    auto r = req.template send<U, O>();
    auto forget_call = [&] {
      for (std::size_t j = first; j < unread.size(); ++j) in_call[unread[j]] = 0;
    };
    if (!r) {
      forget_call();
      return std::move(r).error();  // every key of the call stays unread
    }
    // Which keys came back unprocessed; the answer is only taken if each is one we sent, once.
    std::vector<std::size_t> left;
    left.reserve(r->unprocessed.size());
    for (std::size_t i = 0; i < r->unprocessed.size(); ++i) {
      auto bad = [&](std::string why) {
        forget_call();
        for (std::size_t k : left) in_call[k] = 0;
        error e = make_error(errc::malformed_response, std::move(why));
        e.prepend_index(i);
        e.prepend_member("Keys");
        e.prepend_member(table_name);
        e.prepend_member("UnprocessedKeys");
        return e;
      };
      simdjson::dom::parser p;
      simdjson::dom::object key;
      if (p.parse(r->unprocessed[i]).get(key)) return bad("expected a key object");
      auto sig = detail::read_key_signature<Table>(key);
      if (!sig) {
        error e = bad(sig.error().message);
        e.path += "." + sig.error().path;
        return e;
      }
      auto at = by_signature.find(*sig);
      if (at == by_signature.end() || in_call[at->second] == 0) return bad("a key that was not asked for: " + *sig);
      if (in_call[at->second] == 2) return bad("the same key twice: " + *sig);
      in_call[at->second] = 2;
      left.push_back(at->second);
    }
    forget_call();
    for (std::size_t k : left) in_call[k] = 0;
    for (auto& it : r->items) progress.items.push_back(std::move(it));
    unread.resize(first);
    unread.insert(unread.begin(), left.begin(), left.end());  // sent again after the rest
    if (left.empty()) {
      rounds = 0;
      continue;
    }
    if (left.size() < n) rounds = 0;  // progress: count (and back off) from the start
    if (++rounds >= policy.max_attempts)
      return make_error(errc::service_error, "UnprocessedKeys in " + std::to_string(rounds) +
                                                 " rounds in a row that read nothing; " + std::to_string(unread.size()) +
                                                 " keys not read",
                        table_name);
    sleep(backoff_delay(policy, rounds, rng));
  }
  return {};
}

template <class Table, class U = typename Table::item_type, decode_options O = decode_options{}>
result<std::vector<U>> batch_get(sender via, const std::string& table_name, const std::vector<primary_key<Table>>& keys,
                                 const batch_get_options& o = {}, const sleep_function& sleep = default_sleep()) {
  batch_get_progress<U> progress;
  if (auto s = batch_get_into<Table, U, O>(progress, via, table_name, keys, o, sleep); !s) return std::move(s).error();
  return std::move(progress.items);
}

}  // namespace ddbx
