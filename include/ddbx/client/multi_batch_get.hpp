#pragma once
// Reads many items from several tables by key: BatchGetItem in calls of at most 100 keys over all
// the tables, UnprocessedKeys of every table read again with backoff, each table's items decoded
// into that get's type. Results come as a tuple of vectors in the order of the gets, each in no
// particular order.
//
//   auto [found_users, totals] = db.batch_get()
//                                    .get(users, {{"janedoe", "Doe"}, {"johndoe", "Doe"}})
//                                    .get<order_total>(orders, order_keys, project<&order::id, &order::total>,
//                                                      {.consistent_read = true})
//                                    .send().value().items;  // std::vector<user>, std::vector<order_total>
//
// Nothing read is thrown away: send_into keeps, on an error, the items read before it and, per
// get, the keys not read yet, so the caller can resume with exactly those. Guarantees as
// ddbx::batch_get's (client/batch_get.hpp): a key twice in a get is refused before anything is
// sent; an UnprocessedKeys entry that was not in the call (or is there twice) is a malformed
// answer, and that call's answer is not taken; rounds that read nothing give up after the retry
// policy's max_attempts, a round that read something starts the count again.
//
// send() and send_into() may run in several threads at once (each with its own progress).
#include <array>
#include <cstddef>
#include <random>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ddbx/client/retry.hpp"
#include "ddbx/ops/multi_batch_get.hpp"

namespace ddbx {

template <class... Views>
struct multi_batch_get_result {
  std::tuple<std::vector<Views>...> items;  // per get, in no particular order
  std::vector<ddbx::consumed_capacity> consumed_capacity;  // per table and call, when asked for
};

// What a batch get over several tables has read: the items per get, and per get the keys not
// read (yet) as indexes into that get's keys. After success every `unread` is empty; after an
// error they hold every key still to read.
template <class... Views>
struct multi_batch_get_progress {
  std::tuple<std::vector<Views>...> items;                        // appended to, in no particular order
  std::array<std::vector<std::size_t>, sizeof...(Views)> unread;  // per get: indexes into its keys
  std::vector<ddbx::consumed_capacity> consumed_capacity;         // appended to
};

template <class... Views>
class [[nodiscard("a request does nothing until .send() is called")]] multi_batch_get {
 public:
  explicit multi_batch_get(sender via, retry_policy unprocessed_retry = {}, sleep_function sleep = default_sleep())
      : all_(via), retry_(unprocessed_retry), sleep_(std::move(sleep)) {}

  // A table's keys, by handle (table_ref) or by name with the descriptor, decoded into View (the
  // table's item type by default); optionally a projection and ConsistentRead for that table.
  //   .get(users, keys)   .get<order_total>(orders, keys, project<&order::id, &order::total>, {.consistent_read = true})
  template <class View = void, table_handle H>
  auto get(const H& t, const std::vector<primary_key<typename H::table_type>>& keys, batch_get_table_options o = {}) && {
    return wrap(std::move(all_).template get<View>(t, keys, o));
  }
  template <class View = void, table_handle H, class P>
  auto get(const H& t, const std::vector<primary_key<typename H::table_type>>& keys, const P& projection,
           batch_get_table_options o = {}) && {
    return wrap(std::move(all_).template get<View>(t, keys, projection, o));
  }
  template <class Table, class View = typename Table::item_type>
  auto get(std::string table, const std::vector<primary_key<Table>>& keys, batch_get_table_options o = {}) && {
    return wrap(std::move(all_).template get<Table, View>(std::move(table), keys, o));
  }
  template <class Table, class View = typename Table::item_type, class P>
  auto get(std::string table, const std::vector<primary_key<Table>>& keys, const P& projection,
           batch_get_table_options o = {}) && {
    return wrap(std::move(all_).template get<Table, View>(std::move(table), keys, projection, o));
  }

  multi_batch_get&& return_consumed_capacity(ddbx::return_consumed_capacity r) && {
    all_.capacity_ = r;
    return std::move(*this);
  }
  // Rounds in a row that may leave UnprocessedKeys, and their backoff (default: the client's policy).
  multi_batch_get&& unprocessed_retry(retry_policy p) && {
    retry_ = p;
    return std::move(*this);
  }

  template <decode_options O = decode_options{}>
  result<multi_batch_get_result<Views...>> send() const {
    multi_batch_get_progress<Views...> progress;
    if (auto s = send_into<O>(progress); !s) return std::move(s).error();
    return multi_batch_get_result<Views...>{std::move(progress.items), std::move(progress.consumed_capacity)};
  }

  template <decode_options O = decode_options{}>
  status send_into(multi_batch_get_progress<Views...>& progress) const {
    const auto& parts = all_.parts_;
    // Key g of all gets: get part_of[g], its key g - offset[part_of[g]].
    std::vector<std::size_t> offset(parts.size() + 1, 0), part_of;
    for (std::size_t p = 0; p < parts.size(); ++p) {
      offset[p + 1] = offset[p] + parts[p].keys.size();
      part_of.insert(part_of.end(), parts[p].keys.size(), p);
    }
    const std::size_t total = offset.back();
    std::vector<std::size_t> unread(total);
    for (std::size_t i = 0; i < total; ++i) unread[i] = total - 1 - i;  // sent from the back
    auto report_unread = [&] {
      for (auto& u : progress.unread) u.clear();
      for (std::size_t g : unread) progress.unread[part_of[g]].push_back(g - offset[part_of[g]]);
    };
    report_unread();
    // Check every get and key before sending anything.
    if (auto s = all_.check_parts(); !s) return s;
    std::vector<std::unordered_map<std::string, std::size_t>> by_signature(parts.size());
    for (std::size_t p = 0; p < parts.size(); ++p) {
      by_signature[p].reserve(parts[p].keys.size());
      for (std::size_t i = 0; i < parts[p].keys.size(); ++i) {
        auto [at, fresh] = by_signature[p].try_emplace(parts[p].signatures[i], i);
        if (!fresh)
          return make_error(errc::invalid_request, "the same key as Keys[" + std::to_string(at->second) + "]: " + parts[p].keys[i],
                            "RequestItems." + parts[p].table + ".Keys[" + std::to_string(i) + "]");
      }
    }

    std::vector<unsigned char> in_call(total, 0);  // 1: sent in this call, 2: also handed back
    std::minstd_rand rng(std::random_device{}());
    int rounds = 0;
    while (!unread.empty()) {
      multi_batch_get_request<Views...> req(all_.via_);
      req.capacity_ = all_.capacity_;
      for (const auto& p : parts) {
        req.parts_.emplace_back();
        auto& q = req.parts_.back();
        q.table = p.table;
        q.members = p.members;
        q.read_signature = p.read_signature;
      }
      const std::size_t n = std::min(unread.size(), limits::max_batch_get);
      const std::size_t first = unread.size() - n;  // the call takes the last n
      for (std::size_t j = first; j < unread.size(); ++j) {
        const std::size_t g = unread[j], p = part_of[g];
        req.parts_[p].keys.push_back(parts[p].keys[g - offset[p]]);
        in_call[g] = 1;
      }
      auto r = req.template send<O>();
      auto forget_call = [&] {
        for (std::size_t j = first; j < unread.size(); ++j) in_call[unread[j]] = 0;
      };
      if (!r) {
        forget_call();
        return std::move(r).error();  // every key of the call stays unread
      }
      // Which keys came back unprocessed; the answer is only taken if each is one we sent, once.
      std::vector<std::size_t> left;
      for (std::size_t p = 0; p < parts.size(); ++p) {
        const auto& keys = r->unprocessed[p];
        for (std::size_t i = 0; i < keys.size(); ++i) {
          auto bad = [&](std::string why) {
            forget_call();
            for (std::size_t k : left) in_call[k] = 0;
            error e = make_error(errc::malformed_response, std::move(why));
            e.prepend_index(i);
            e.prepend_member("Keys");
            e.prepend_member(parts[p].table);
            e.prepend_member("UnprocessedKeys");
            return e;
          };
          simdjson::dom::parser parser;
          simdjson::dom::object key;
          if (parser.parse(keys[i]).get(key)) return bad("expected a key object");
          auto sig = parts[p].read_signature(key);
          if (!sig) {
            error e = bad(sig.error().message);
            e.path += "." + sig.error().path;
            return e;
          }
          auto at = by_signature[p].find(*sig);
          const std::size_t g = at == by_signature[p].end() ? total : offset[p] + at->second;
          if (g == total || in_call[g] == 0) return bad("a key that was not asked for: " + *sig);
          if (in_call[g] == 2) return bad("the same key twice: " + *sig);
          in_call[g] = 2;
          left.push_back(g);
        }
      }
      forget_call();
      for (std::size_t k : left) in_call[k] = 0;
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (append(std::get<I>(progress.items), std::get<I>(r->items)), ...);
      }(std::index_sequence_for<Views...>{});
      for (auto& c : r->consumed_capacity) progress.consumed_capacity.push_back(std::move(c));
      unread.resize(first);
      unread.insert(unread.begin(), left.begin(), left.end());  // sent again after the rest
      report_unread();
      if (left.empty()) {
        rounds = 0;
        continue;
      }
      if (left.size() < n) rounds = 0;  // progress: count (and back off) from the start
      if (++rounds >= retry_.max_attempts) {
        std::string which;
        for (std::size_t p = 0; p < parts.size(); ++p)
          if (!progress.unread[p].empty())
            which += (which.empty() ? "" : ", ") + parts[p].table + ": " + std::to_string(progress.unread[p].size());
        return make_error(errc::service_error,
                          "UnprocessedKeys in " + std::to_string(rounds) + " rounds in a row that read nothing; " +
                              std::to_string(unread.size()) + " keys not read (" + which + ")",
                          "RequestItems");
      }
      sleep_(backoff_delay(retry_, rounds, rng));
    }
    return {};
  }

 private:
  template <class...>
  friend class multi_batch_get;

  template <class... V>
  multi_batch_get<V...> wrap(multi_batch_get_request<V...>&& r) {
    multi_batch_get<V...> next(r.via_, retry_, std::move(sleep_));
    next.all_ = std::move(r);
    return next;
  }
  template <class T>
  static void append(std::vector<T>& to, std::vector<T>& from) {
    for (auto& it : from) to.push_back(std::move(it));
  }

  multi_batch_get_request<Views...> all_;
  retry_policy retry_;
  sleep_function sleep_;
};

}  // namespace ddbx
