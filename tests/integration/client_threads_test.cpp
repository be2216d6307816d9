// One client shared by many threads against dynalite (run through tools/dynalite/dynalite.py):
// every thread puts and reads back its own items, then a scan checks that every item arrived.
// scripts/test runs it built with -fsanitize=thread; with arguments it measures throughput:
//
//   client_threads_test [threads=8] [items per thread=500] [pool size=curl_options' default]
//
// prints "8 threads x 500 items: 8000 requests in 4.1 s = 1950 requests/s" and exits non-zero on
// any failure. A second, short round uses a pool of one handle, so handles are made and dropped.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"
#include "seed_types.hpp"

using namespace ddbx;
using namespace std::chrono_literals;
using seed::user;
using users_table = table<user, &user::username, &user::last_name>;

namespace {

struct failures {
  std::atomic<int> count{0};
  std::mutex m;
  std::string first;
  void add(const std::string& what) {
    if (count++ == 0) {
      std::lock_guard lock(m);
      first = what;
    }
  }
};

// `threads` threads × `items` PutItem + GetItem on one client; then a scan finds every item.
bool run(client<curl_transport>& db, const std::string& table_name, int threads, int items, bool report) {
  auto t = db.table<users_table>(table_name);
  if (auto c = t.create().send(); !c) {
    std::printf("create: %s\n", c.error().what_text().c_str());
    return false;
  }
  if (auto w = t.wait_until_exists({.delay = 50ms, .max_attempts = 200}); !w) {
    std::printf("wait: %s\n", w.error().what_text().c_str());
    return false;
  }
  failures bad;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int n = 0; n < threads; ++n)
    pool.emplace_back([&, n] {
      for (int i = 0; i < items; ++i) {
        const std::string name = "t" + std::to_string(n) + "_" + std::to_string(i);
        if (auto p = t.put_item(user{name, "F", "x", i, "t"}).send(); !p) {
          bad.add("put " + name + ": " + p.error().what_text());
          continue;
        }
        auto g = t.get_item({name, "x"}).consistent_read().send();
        if (!g) bad.add("get " + name + ": " + g.error().what_text());
        else if (!g->item || g->item->age != i || g->item->username != name) bad.add("get " + name + ": wrong or no item");
      }
    });
  for (auto& th : pool) th.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int requests = threads * items * 2;
  if (report)
    std::printf("%d threads x %d items: %d requests in %.2f s = %.0f requests/s\n", threads, items, requests, seconds,
                requests / seconds);

  auto all = paginate(t.scan()).build_full_result();
  if (!all) {
    std::printf("scan: %s\n", all.error().what_text().c_str());
    return false;
  }
  std::set<std::string> names;
  for (auto& u : all->items) names.insert(u.username);
  bool ok = bad.count == 0;
  if (!ok) std::printf("%d failed requests; the first: %s\n", bad.count.load(), bad.first.c_str());
  if (names.size() != static_cast<std::size_t>(threads * items) || all->items.size() != names.size()) {
    std::printf("the scan found %zu items (%zu distinct), expected %d\n", all->items.size(), names.size(), threads * items);
    ok = false;
  }
  (void)t.delete_table();
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (!std::getenv("AWS_ENDPOINT_URL_DYNAMODB")) {
    std::printf("run through tools/dynalite/dynalite.py\n");
    return 1;
  }
  const int threads = argc > 1 ? std::atoi(argv[1]) : 8;
  const int items = argc > 2 ? std::atoi(argv[2]) : 500;
  curl_options o;
  if (argc > 3) o.pool_size = static_cast<std::size_t>(std::atoi(argv[3]));
  client db{curl_transport{o}, {.retry = {.base = 1ms}}};
  bool ok = run(db, "threads_a", threads, items, true);

  // a pool of one handle: the other threads make their own and drop them after use
  client small{curl_transport{{.pool_size = 1}}, {.retry = {.base = 1ms}}};
  ok = run(small, "threads_b", threads, 25, false) && ok;
  std::printf("client_threads: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
