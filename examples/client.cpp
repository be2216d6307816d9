// Client and transports: the curl transport's options, the retry policy, one client shared by
// several threads, and a transport of your own — here one that wraps curl_transport, counts every
// attempt and answers some of them with a throttling error, which the client retries.
//
//   client [table-name]      (endpoint, region and credentials from the environment)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct event {
  std::string stream;
  long seq = 0;
  std::string text;
};
using events_table = ddbx::table<event, &event::stream, &event::seq>;

struct transport_stats {
  std::atomic<int> attempts{0};
  std::atomic<int> throttled{0};
  std::atomic<bool> always_throttle{false};
};

// A transport is any callable result<http_response>(operation, body). This one may be called by
// many threads at once, because curl_transport may and the counters are atomic.
struct throttling_transport {
  ddbx::curl_transport inner;
  transport_stats* stats;

  ddbx::result<ddbx::http_response> operator()(std::string_view operation, std::string_view body) {
    const int n = ++stats->attempts;
    if (operation == "PutItem" && (n % 7 == 0 || stats->always_throttle)) {  // every 7th attempt, say
      ++stats->throttled;
      return ddbx::http_response{
          400, {}, R"({"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"})"};
    }
    return inner(operation, body);
  }
};

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "events";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  // Empty settings come from the environment as the AWS SDKs read it: AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB,
  // credentials from the chain (environment, profiles, SSO, containers, instance metadata).
  curl_options settings{.connect_timeout_ms = 2000, .timeout_ms = 10000, .pool_size = 8};
  transport_stats stats;
  client db{throttling_transport{curl_transport{settings}, &stats},
            client_options{.retry = {.max_attempts = 5, .base = 10ms, .max_delay = 200ms}}};
  std::printf("endpoint %s\n", db.transport().inner.options().endpoint.c_str());

  auto events = db.table<events_table>(table_name);
  events.create().send().value();
  events.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();

  // One client, four threads: each thread builds and sends its own requests.
  std::atomic<int> written{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (long seq = 0; seq < 50; ++seq)
        if (events.put_item({"stream-" + std::to_string(t), seq, "hello"}).send()) ++written;
    });
  for (auto& th : threads) th.join();
  const auto total = events.scan().select(select::count).send().value().count;
  std::printf("  %d attempts, %d answered with ThrottlingException and retried\n", stats.attempts.load(),
              stats.throttled.load());
  expect(written == 200 && total == 200 && stats.throttled > 0, "200 puts from 4 threads, throttled ones retried");

  // When the retries run out, the error says how often the request was sent and whether it may be retried.
  stats.always_throttle = true;
  auto r = events.put_item({"stream-0", 99, "late"}).send();
  expect(!r && r.error().aws_code == "ThrottlingException" && r.error().retryable && r.error().attempts == 5,
         "after 5 throttled attempts the error says attempts = 5");
  if (!r) std::printf("  error: %s (attempts %d)\n", r.error().what_text().c_str(), r.error().attempts);
  stats.always_throttle = false;

  events.delete_table().value();
  return failures == 0 ? 0 : 1;
}
