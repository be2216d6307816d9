// Batches: the batch writer (25 requests per BatchWriteItem, UnprocessedItems re-sent, the last
// request for a key wins with overwrite_by_pkeys), then batch_get (100 keys per BatchGetItem,
// UnprocessedKeys re-read) and batch_get_into, which keeps what was read when a call fails.
//
//   batch [table-name]      (endpoint, region and credentials from the environment)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct session {
  std::string id;
  std::string user;
  int hits = 0;
};
using sessions_table = ddbx::table<session, &session::id>;

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "sessions";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  client db{curl_transport{}};
  auto sessions = db.table<sessions_table>(table_name);
  sessions.create().send().value();
  sessions.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();

  // 1. Write 250 sessions, rewrite 10 of them, delete 5; the last request for a key wins.
  {
    auto batch = sessions.batch_writer({.overwrite_by_pkeys = true});
    for (int i = 0; i < 250; ++i) {
      // put_item either buffered the request or returned why not (nothing buffered then): check it.
      if (auto s = batch.put_item({"s" + std::to_string(i), "user" + std::to_string(i % 7), 1}); !s) {
        std::printf("  not buffered: %s\n", s.error().what_text().c_str());
        return 1;
      }
    }
    for (int i = 240; i < 250; ++i) batch.put_item({"s" + std::to_string(i), "rewritten", 2}).value();
    for (int i = 0; i < 5; ++i) batch.delete_item({"s" + std::to_string(i)}).value();
    batch.close().value();  // sends what is buffered; on error pending() requests are still there
    std::printf("  %zu requests written, %zu pending\n", batch.written(), batch.pending());
    expect(batch.pending() == 0, "the writer's buffer is empty after close()");
  }  // a writer that was not closed flushes in its destructor (errors go to on_error)

  // 2. Read 250 keys back: 3 BatchGetItem calls of at most 100 keys.
  std::vector<primary_key<sessions_table>> keys;
  for (int i = 0; i < 250; ++i) keys.push_back({"s" + std::to_string(i)});
  std::vector<session> found = sessions.batch_get(keys).value();  // in no particular order
  const auto rewritten = std::count_if(found.begin(), found.end(), [](const session& s) { return s.hits == 2; });
  expect(found.size() == 245 && rewritten == 10, "245 sessions read (5 deleted), 10 of them rewritten");

  // 3. batch_get_into: on an error, progress.items has every item read and progress.unread the
  //    indexes of the keys still to read, so a retry asks for exactly those.
  batch_get_progress<session> progress;
  if (auto s = sessions.batch_get_into(progress, keys, {.consistent_read = true}); !s)
    std::printf("  stopped: %s; %zu read, %zu to read again\n", s.error().what_text().c_str(), progress.items.size(),
                progress.unread.size());
  expect(progress.items.size() == 245 && progress.unread.empty(), "batch_get_into read everything");

  // 4. Mistakes are refused before anything is sent: a key twice in one BatchWriteItem.
  auto strict = sessions.batch_writer();  // without overwrite_by_pkeys
  strict.put_item({"dup", "a", 1}).value();
  auto second = strict.put_item({"dup", "b", 1});
  expect(!second && second.error().code == errc::invalid_request, "a different request for a buffered key is refused");
  if (!second) std::printf("  %s\n", second.error().what_text().c_str());
  strict.clear();  // drop what is buffered instead of writing it

  sessions.delete_table().value();
  return failures == 0 ? 0 : 1;
}
