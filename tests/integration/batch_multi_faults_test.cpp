// Batches over two tables through a network that fails: run behind tests/integration/fault_proxy.py
// (a loopback proxy in front of dynalite; its "unprocessed" fault withholds a random subset of the
// requests or keys of every table of a call and hands them back in UnprocessedItems /
// UnprocessedKeys, table by table).
//
//   batch_multi_faults_test [operations=4000] [keys=600] [fault rate=0.3] [seed=1] [max attempts=2] [only=]
//
// One multi-table writer (overwrite_by_pkeys) makes `operations` random puts and deletes over
// `keys` users and `keys` orders, retrying each call the writer refuses (it then buffered nothing);
// one multi-table batch get then reads every key of both tables, resuming with what it did not
// read. Checks: every key of each table holds exactly its last value or is absent after its last
// delete (read through the faulty proxy and again straight from dynalite, where scans find nothing
// extra), and the proxy saw no request the client did not count. `only` (e.g. "unprocessed")
// restricts the proxy's faults to those kinds. Exits non-zero on any failure.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <simdjson.h>
#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using namespace std::chrono_literals;
using seed::user;

namespace {

struct order {
  std::string customer, id;
  long total = 0;
  friend bool operator==(const order&, const order&) = default;
};
using users_table = table<user, &user::username, &user::last_name>;
using orders_table = table<order, &order::customer, &order::id>;

int failures = 0;
void fail(const std::string& what) {
  if (failures++ < 20) std::printf("FAILED: %s\n", what.c_str());
}

struct counting_transport {
  curl_transport inner;
  std::atomic<long>* attempts;
  result<http_response> operator()(std::string_view op, std::string_view body) {
    ++*attempts;
    return inner(op, body);
  }
};

std::string control(curl_transport& t, std::string_view op, std::string_view body) {
  auto r = t(op, body);
  if (!r || r->status != 200) {
    std::printf("fault proxy control %.*s failed: %s\n", static_cast<int>(op.size()), op.data(),
                r ? r->body.c_str() : r.error().what_text().c_str());
    std::exit(2);
  }
  return r->body;
}

std::string key_name(int k) { return "k" + std::to_string(k); }

// What each table must hold at the end, against what was read (through the proxy, or a direct scan).
template <class T, class Name>
void compare(const char* table, const char* source, const std::map<int, std::optional<T>>& expected,
             const std::map<std::string, T>& found, Name name_of) {
  for (const auto& [k, want] : expected) {
    auto it = found.find(key_name(k));
    const std::string where = std::string(source) + " " + table + " " + key_name(k);
    if (!want) {
      if (it != found.end()) fail(where + " should be deleted");
    } else if (it == found.end()) {
      fail(where + " is missing");
    } else if (!(it->second == *want)) {
      fail(where + " does not hold its last value");
    }
  }
  for (const auto& [name, item] : found) {
    const int k = std::atoi(name.c_str() + 1);
    if (name != key_name(k) || !expected.count(k) || name_of(item) != name)
      fail(std::string(source) + " " + table + ": " + name + " was never written");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int operations = argc > 1 ? std::atoi(argv[1]) : 4000;
  const int key_count = argc > 2 ? std::atoi(argv[2]) : 600;
  const std::string rate = argc > 3 ? argv[3] : "0.3";
  const unsigned seed = argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 1u;
  const int max_attempts = argc > 5 ? std::atoi(argv[5]) : 2;
  const std::string only = argc > 6 ? argv[6] : "";
  const char* direct_endpoint = std::getenv("DDBX_DYNALITE_ENDPOINT");
  if (!direct_endpoint) {
    std::printf("run me through tests/integration/fault_proxy.py\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();

  client direct{curl_transport{{.endpoint = direct_endpoint}}};
  auto direct_users = direct.table<users_table>("users");
  auto direct_orders = direct.table<orders_table>("orders");
  if (auto c = direct_users.create().send(); !c) return fail("create users: " + c.error().what_text()), 1;
  if (auto c = direct_orders.create().send(); !c) return fail("create orders: " + c.error().what_text()), 1;
  if (!direct_users.wait_until_exists({.delay = 50ms, .max_attempts = 200}) ||
      !direct_orders.wait_until_exists({.delay = 50ms, .max_attempts = 200}))
    return fail("wait"), 1;

  curl_options through{.connect_timeout_ms = 1000, .timeout_ms = 1000};
  curl_transport control_transport{through};
  control(control_transport, "FaultProxySetRate",
          R"({"rate":)" + rate + (only.empty() ? std::string() : R"(,"only":")" + only + "\"") + "}");
  std::atomic<long> attempts{0};
  client db{counting_transport{curl_transport{through}, &attempts},
            {.retry = {.max_attempts = max_attempts, .base = 10ms, .max_delay = 200ms}}};
  auto users = db.table<users_table>("users");
  auto orders = db.table<orders_table>("orders");

  std::mt19937 rng(seed);
  std::map<int, std::optional<user>> expected_users;
  std::map<int, std::optional<order>> expected_orders;
  long refused_calls = 0;
  {
    auto batch = db.batch_writer({.overwrite_by_pkeys = true, .on_error = [](const error& e) {
                                    fail("the destructor's flush: " + e.what_text());
                                  }},
                                 users, orders);
    for (int op = 0; op < operations; ++op) {
      const int k = static_cast<int>(rng() % static_cast<unsigned>(key_count));
      const bool put = rng() % 10 < 7;
      const bool to_orders = rng() % 2 == 0;
      user u{key_name(k), "F" + std::to_string(op), "x", op, "put"};
      order o{key_name(k), "x", op};
      int tries = 0;
      for (;;) {
        status s = to_orders ? (put ? batch.put_item(o) : batch.delete_item(orders, {key_name(k), "x"}))
                             : (put ? batch.put_item(u) : batch.delete_item<users_table>({key_name(k), "x"}));
        if (s) break;
        ++refused_calls;
        if (std::getenv("BATCH_FAULTS_VERBOSE")) std::printf("refused: %s\n", s.error().what_text().c_str());
        if (++tries == 30) return fail("operation " + std::to_string(op) + " refused 30 times: " + s.error().what_text()), 1;
      }
      if (to_orders) expected_orders[k] = put ? std::optional<order>(o) : std::nullopt;
      else expected_users[k] = put ? std::optional<user>(u) : std::nullopt;
    }
    int tries = 0;
    while (batch.pending() > 0)
      if (auto s = batch.flush(); !s && ++tries == 30) return fail("flush refused 30 times: " + s.error().what_text()), 1;
  }

  // Read every key of both tables back through the faults, resuming with what was not read.
  std::map<std::string, user> found_users;
  std::map<std::string, order> found_orders;
  {
    std::vector<primary_key<users_table>> todo_users;
    std::vector<primary_key<orders_table>> todo_orders;
    for (int k = 0; k < key_count; ++k) {
      todo_users.push_back({key_name(k), "x"});
      todo_orders.push_back({key_name(k), "x"});
    }
    int tries = 0;
    while (!todo_users.empty() || !todo_orders.empty()) {
      multi_batch_get_progress<user, order> got;
      auto s = db.batch_get().get(users, todo_users, {.consistent_read = true}).get(orders, todo_orders).send_into(got);
      for (auto& u : std::get<0>(got.items))
        if (!found_users.emplace(u.username, u).second) fail("batch_get returned user " + u.username + " twice");
      for (auto& o : std::get<1>(got.items))
        if (!found_orders.emplace(o.customer, o).second) fail("batch_get returned order " + o.customer + " twice");
      if (s) break;
      if (++tries == 30) return fail("batch_get refused 30 times: " + s.error().what_text()), 1;
      std::vector<primary_key<users_table>> rest_users;
      std::vector<primary_key<orders_table>> rest_orders;
      for (std::size_t i : got.unread[0]) rest_users.push_back(todo_users.at(i));
      for (std::size_t i : got.unread[1]) rest_orders.push_back(todo_orders.at(i));
      for (const auto& k : rest_users)
        if (found_users.count(k.hash)) fail("batch_get: user " + k.hash + " both read and unread");
      todo_users = std::move(rest_users);
      todo_orders = std::move(rest_orders);
    }
  }
  const long client_attempts = attempts.load();
  control(control_transport, "FaultProxySetRate", R"({"rate":0,"only":null})");

  auto all_users = paginate(direct_users.scan().consistent_read()).build_full_result();
  auto all_orders = paginate(direct_orders.scan().consistent_read()).build_full_result();
  if (!all_users || !all_orders) return fail("scan"), 1;
  std::map<std::string, user> stored_users;
  std::map<std::string, order> stored_orders;
  for (auto& u : all_users->items) stored_users.emplace(u.username, u);
  for (auto& o : all_orders->items) stored_orders.emplace(o.customer, o);
  auto user_name = [](const user& u) { return u.username; };
  auto order_name = [](const order& o) { return o.customer; };
  compare("users", "batch_get", expected_users, found_users, user_name);
  compare("users", "scan", expected_users, stored_users, user_name);
  compare("orders", "batch_get", expected_orders, found_orders, order_name);
  compare("orders", "scan", expected_orders, stored_orders, order_name);

  simdjson::dom::parser p;
  simdjson::dom::element stats = p.parse(control(control_transport, "FaultProxyStats", "{}"));
  const std::int64_t proxy_requests = stats["requests"];
  const std::int64_t unprocessed = stats["faults"]["unprocessed"];
  if (proxy_requests > client_attempts)
    fail("the proxy saw " + std::to_string(proxy_requests) + " requests, the client made " + std::to_string(client_attempts) +
         " attempts: something was resent behind the retry policy");
  if (rate != "0" && unprocessed == 0) fail("the proxy withheld nothing: UnprocessedItems/UnprocessedKeys were not exercised");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%d operations on %d keys of 2 tables, fault rate %s%s: %ld attempts by the client, %lld requests seen "
              "by the proxy, %ld refused writer calls retried; faults: %s; %.1f s\n",
              operations, key_count, rate.c_str(), only.empty() ? "" : (" (only " + only + ")").c_str(), client_attempts,
              static_cast<long long>(proxy_requests), refused_calls, simdjson::minify(stats["faults"]).c_str(), seconds);
  std::printf("%s\n", failures ? "batch_multi_faults: FAILED" : "batch_multi_faults: every key of both tables holds exactly its last value");
  return failures ? 1 : 0;
}
