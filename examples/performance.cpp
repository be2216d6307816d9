// Performance: the allocation-free ways to use ddbx in a hot loop — encode into a reused buffer,
// append a filter into a reused body, and read every page of a Scan through one decoder into one
// reused page (client::call sends a body you rendered yourself) — each timed beside the simple way.
// The figures printed are this machine's, today; scripts/bench measures properly.
//
//   performance [table-name]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct visit {
  std::string page;
  long at = 0;
  std::string country;
  int millis = 0;
};
using visits_table = ddbx::table<visit, &visit::page, &visit::at>;

template <class F>
double ns_per(int n, F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) f(i);
  return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count()) / n;
}

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "visits";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  std::vector<visit> visits;
  for (long i = 0; i < 2000; ++i) visits.push_back({"/home", i, i % 3 ? "PT" : "DE", static_cast<int>(i % 500)});

  // 1. Encoding: a new string per item, or one buffer cleared and reused (no allocation once warm).
  std::size_t bytes = 0;
  const double fresh = ns_per(2000, [&](int i) { bytes += encode_item(visits[static_cast<std::size_t>(i)]).value().size(); });
  std::string buffer;
  const double reused = ns_per(2000, [&](int i) {
    buffer.clear();
    encode_item(visits[static_cast<std::size_t>(i)], buffer).value();
    bytes += buffer.size();
  });
  std::printf("  encode: %.0f ns/item into new strings, %.0f ns/item into a reused buffer\n", fresh, reused);

  // 2. A filter whose shape is known at compile time: its text is a constant, only values are encoded.
  std::string body;
  const double filter = ns_per(2000, [&](int i) {
    body.assign(R"({"TableName":"visits")");
    append_filter(body, attr<&visit::country> == "PT" && attr<&visit::millis> > i % 500).value();
  });
  std::printf("  append_filter: %.0f ns into a reused body\n", filter);

  client db{curl_transport{}};
  auto table = db.table<visits_table>(table_name);
  table.create().send().value();
  table.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();
  {
    auto batch = table.batch_writer();
    for (const visit& v : visits) batch.put_item(v).value();
    batch.close().value();
  }

  // 3. Reading: render each Scan body into one string, send it with client::call, decode the answer
  //    with one decoder over one page (its items and strings are reused, page after page).
  decoder dec;
  page<visit> pg;
  std::size_t read = 0, slow = 0, pages = 0;
  std::optional<item> start;
  const auto t0 = std::chrono::steady_clock::now();
  do {
    body.clear();
    table.scan().limit(250).exclusive_start_key(start).filter(attr<&visit::millis> >= 250).append_body(body).value();
    std::string answer = db.call("Scan", body).value();
    dec.query_page(answer, pg).value();
    for (const visit& v : pg.items) slow += v.millis >= 250 ? 1 : 0;
    read += pg.scanned_count;
    ++pages;
    start = pg.last_evaluated_key;
  } while (start);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("  scanned %zu items in %zu pages in %lld ms (the server's time, mostly)\n", read, pages,
              static_cast<long long>(ms));
  expect(read == 2000 && slow == 1000, "every page read through one decoder and one page");
  expect(bytes > 0, "encoded every item both ways");

  table.delete_table().value();
  return failures == 0 ? 0 : 1;
}
