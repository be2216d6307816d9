// Batches through a network that fails 30 % of the time: run behind tests/integration/fault_proxy.py
// (a loopback proxy in front of dynalite injecting 5xx, throttling, resets mid-answer, truncated and
// garbage bodies, wrong CRC32, partial UnprocessedItems/UnprocessedKeys, answers dropped after the
// write was applied, and answers slower than the client's timeout).
//
//   batch_faults_test [operations=5000] [keys=600] [fault rate=0.3] [seed=1] [max attempts=2]
//
// A batch writer with overwrite_by_pkeys makes `operations` random puts and deletes over `keys`
// keys, retrying each call the writer refuses (it then buffered nothing); batch_get_into then reads
// every key, resuming with what it did not read. Checks: every key holds exactly its last value or
// is absent after its last delete (read through the faulty proxy and again straight from dynalite,
// where a scan also finds nothing extra), and the proxy saw no request the client did not count
// (libcurl resent nothing behind the retry policy). Exits non-zero on any failure.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <simdjson.h>
#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using namespace std::chrono_literals;
using seed::user;
using users_table = table<user, &user::username, &user::last_name>;

namespace {

int failures = 0;
void fail(const std::string& what) {
  if (failures++ < 20) std::printf("FAILED: %s\n", what.c_str());
}

// Counts every attempt the client makes (each call of the transport is one request sent).
struct counting_transport {
  curl_transport inner;
  std::atomic<long>* attempts;
  result<http_response> operator()(std::string_view op, std::string_view body) {
    ++*attempts;
    return inner(op, body);
  }
};

// A request to the proxy itself (never faulted, never counted by it).
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

}  // namespace

int main(int argc, char** argv) {
  const int operations = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int key_count = argc > 2 ? std::atoi(argv[2]) : 600;
  const std::string rate = argc > 3 ? argv[3] : "0.3";
  const unsigned seed = argc > 4 ? static_cast<unsigned>(std::atoi(argv[4])) : 1u;
  const int max_attempts = argc > 5 ? std::atoi(argv[5]) : 2;
  const char* direct_endpoint = std::getenv("DDBX_DYNALITE_ENDPOINT");
  if (!direct_endpoint) {
    std::printf("run me through tests/integration/fault_proxy.py\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();

  // Straight to dynalite: create the table, and check at the end.
  client direct{curl_transport{{.endpoint = direct_endpoint}}};
  auto direct_users = direct.table<users_table>("users");
  if (auto c = direct_users.create().send(); !c) return fail("create: " + c.error().what_text()), 1;
  if (auto w = direct_users.wait_until_exists({.delay = 50ms, .max_attempts = 200}); !w) return fail("wait"), 1;

  // Through the proxy: a 1 s timeout (its slow answers take 2.5 s), quick retries, and few of them,
  // so that calls fail (0.3^2 of them, some with nothing applied) and the writer's and batch_get's
  // error paths run: a writer that dropped a failed batch loses keys here.
  curl_options through{.connect_timeout_ms = 1000, .timeout_ms = 1000};
  curl_transport control_transport{through};
  control(control_transport, "FaultProxySetRate", R"({"rate":)" + rate + "}");
  std::atomic<long> attempts{0};
  client db{counting_transport{curl_transport{through}, &attempts},
            {.retry = {.max_attempts = max_attempts, .base = 10ms, .max_delay = 200ms}}};
  auto users = db.table<users_table>("users");

  // The workload, and what each key must hold at the end (nullopt: deleted or never written).
  std::mt19937 rng(seed);
  std::map<int, std::optional<user>> expected;
  long refused_calls = 0;
  {
    auto batch = users.batch_writer({.overwrite_by_pkeys = true, .on_error = [](const error& e) {
                                       fail("the destructor's flush: " + e.what_text());
                                     }});
    for (int op = 0; op < operations; ++op) {
      const int k = static_cast<int>(rng() % static_cast<unsigned>(key_count));
      const bool put = rng() % 10 < 7;
      user u{key_name(k), "F" + std::to_string(op), "x", op, put ? "put" : ""};
      int tries = 0;
      for (;;) {
        status s = put ? batch.put_item(u) : batch.delete_item({key_name(k), "x"});
        if (s) break;
        ++refused_calls;  // nothing was buffered: the same call again
        if (std::getenv("BATCH_FAULTS_VERBOSE")) std::printf("refused: %s\n", s.error().what_text().c_str());
        if (++tries == 30) {
          fail("operation " + std::to_string(op) + " refused 30 times: " + s.error().what_text());
          return 1;
        }
      }
      if (put) expected[k] = u;
      else expected[k] = std::nullopt;
    }
    int tries = 0;
    while (batch.pending() > 0) {
      if (auto s = batch.flush(); !s && ++tries == 30) {
        fail("flush refused 30 times: " + s.error().what_text());
        return 1;
      }
    }
  }

  // Read every key back through the faults, resuming with what was not read.
  std::vector<primary_key<users_table>> keys;
  for (int k = 0; k < key_count; ++k) keys.push_back({key_name(k), "x"});
  std::map<std::string, user> found;
  {
    std::vector<primary_key<users_table>> todo = keys;
    int tries = 0;
    while (!todo.empty()) {
      batch_get_progress<user> got;
      auto s = users.batch_get_into(got, todo, {.consistent_read = true});
      for (auto& u : got.items)
        if (!found.emplace(u.username, u).second) fail("batch_get returned " + u.username + " twice");
      if (s) break;
      if (++tries == 30) return fail("batch_get refused 30 times: " + s.error().what_text()), 1;
      std::vector<primary_key<users_table>> rest;
      std::set<std::string> read;
      for (const auto& u : got.items) read.insert(u.username);
      for (std::size_t i : got.unread) {
        if (i >= todo.size() || read.count(todo[i].hash)) fail("batch_get: a key both read and unread, or out of range");
        else rest.push_back(todo[i]);
      }
      todo = std::move(rest);
    }
  }
  const long client_attempts = attempts.load();
  control(control_transport, "FaultProxySetRate", R"({"rate":0})");

  // Through the faults, and straight from dynalite: exactly the last value of every key.
  auto all = paginate(direct_users.scan().consistent_read()).build_full_result();
  if (!all) return fail("scan: " + all.error().what_text()), 1;
  std::map<std::string, user> stored;
  for (auto& u : all->items)
    if (!stored.emplace(u.username, u).second) fail("the scan found " + u.username + " twice");
  int present = 0;
  for (const auto& [k, want] : expected) {
    const std::string name = key_name(k);
    for (const auto* where : {&found, &stored}) {
      const char* source = where == &found ? "batch_get" : "scan";
      auto it = where->find(name);
      if (!want) {
        if (it != where->end()) fail(std::string(source) + ": " + name + " should be deleted, holds age " + std::to_string(it->second.age));
      } else if (it == where->end()) {
        fail(std::string(source) + ": " + name + " is missing (last put: operation " + std::to_string(want->age) + ")");
      } else if (!(it->second == *want)) {
        fail(std::string(source) + ": " + name + " holds operation " + std::to_string(it->second.age) + ", not the last, " +
             std::to_string(want->age));
      }
    }
    present += want ? 1 : 0;
  }
  for (const auto* where : {&found, &stored})
    for (const auto& [name, u] : *where) {
      const int k = std::atoi(name.c_str() + 1);
      if (name != key_name(k) || !expected.count(k))
        fail(std::string(where == &found ? "batch_get" : "scan") + ": " + name + " was never written");
    }

  // The proxy saw no request the client did not count.
  simdjson::dom::parser p;
  simdjson::dom::element stats = p.parse(control(control_transport, "FaultProxyStats", "{}"));
  const std::int64_t proxy_requests = stats["requests"];
  if (proxy_requests > client_attempts)
    fail("the proxy saw " + std::to_string(proxy_requests) + " requests, the client made " + std::to_string(client_attempts) +
         " attempts: something was resent behind the retry policy");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%d operations on %d keys (%d hold an item at the end), fault rate %s: %ld attempts by the client, %lld "
              "requests seen by the proxy, %ld refused writer calls retried; faults: %s; %.1f s\n",
              operations, key_count, present, rate.c_str(), client_attempts, static_cast<long long>(proxy_requests),
              refused_calls, simdjson::minify(stats["faults"]).c_str(), seconds);
  std::printf("%s\n", failures ? "batch_faults: FAILED" : "batch_faults: every key holds exactly its last value");
  return failures ? 1 : 0;
}
