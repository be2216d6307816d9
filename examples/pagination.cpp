// Pagination: a Query over many pages three ways — range-for over the items, range-for over the
// pages, and boto3's MaxItems/StartingToken (a token a web client can hand back; it is boto3's own
// format) — plus the manual LastEvaluatedKey loop the paginator saves you.
//
//   pagination [table-name]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct reading {
  std::string sensor;
  long minute = 0;
  double celsius = 0;
};
using readings_table = ddbx::table<reading, &reading::sensor, &reading::minute>;

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "readings";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  client db{curl_transport{}};
  auto readings = db.table<readings_table>(table_name);
  readings.create().send().value();
  readings.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();
  {
    auto batch = readings.batch_writer();
    for (long m = 0; m < 95; ++m) batch.put_item({"s1", m, 20.0 + static_cast<double>(m % 10) / 4}).value();
    batch.close().value();
  }
  auto s1 = [&] { return readings.query(key<&reading::sensor> == "s1"); };

  // 1. Every item, 10 per request: the paginator follows LastEvaluatedKey.
  auto all = paginate(s1(), {.page_size = 10});
  double sum = 0;
  std::size_t n = 0;
  for (const reading& r : all.items()) {
    sum += r.celsius;
    ++n;
  }
  expect(!all.failure() && n == 95, "range-for over 95 items in pages of 10");  // failure(): the error that ended the loop
  std::printf("  mean %.3f °C\n", sum / static_cast<double>(n));

  // 2. Page by page (each page is a Query answer: items, count, scanned_count, last_evaluated_key).
  std::size_t pages = 0;
  auto by_page = paginate(s1(), {.page_size = 40});
  for (const auto& page : by_page.pages()) {
    std::printf("  page %zu: %zu items%s\n", ++pages, page.items.size(), page.last_evaluated_key ? ", more" : "");
  }
  expect(pages == 3, "95 items in pages of 40 are 3 pages");

  // 3. boto3's PaginationConfig: MaxItems stops early and gives a NextToken to resume from.
  auto first = paginate(s1(), {.max_items = 25, .page_size = 10}).build_full_result().value();
  expect(first.items.size() == 25 && first.next_token, "MaxItems 25 gives 25 items and a NextToken");
  auto rest = paginate(s1(), {.page_size = 10, .starting_token = first.next_token}).build_full_result().value();
  expect(rest.items.size() == 70 && rest.items.front().minute == 25, "StartingToken resumes at the 26th item");
  auto bad = paginate(s1(), {.starting_token = "not a token"}).build_full_result();
  expect(!bad && bad.error().code == errc::invalid_token, "a damaged token is an error, not a restart");

  // 4. The same by hand: Limit and ExclusiveStartKey.
  std::vector<reading> collected;
  std::optional<item> start;
  do {
    auto page = s1().limit(30).exclusive_start_key(start).send().value();
    collected.insert(collected.end(), page.items.begin(), page.items.end());
    start = page.last_evaluated_key;
  } while (start);
  expect(collected.size() == 95, "the manual loop reads the same 95 items");

  readings.delete_table().value();
  return failures == 0 ? 0 : 1;
}
