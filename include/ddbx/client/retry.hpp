#pragma once
// Retry timing: exponential backoff with full jitter, like the AWS SDKs' standard mode
// (boto3's DynamoDB defaults: 10 attempts, 50 ms base).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <thread>

namespace ddbx {

struct retry_policy {
  int max_attempts = 10;                        // the first try included; 1 disables retries
  std::chrono::milliseconds base{50};
  std::chrono::milliseconds max_delay{20000};
};

// How the client waits between attempts; replaceable (tests record instead of sleeping).
using sleep_function = std::function<void(std::chrono::milliseconds)>;

inline sleep_function default_sleep() {
  return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

// The delay before retry number `retry` (1 for the first retry): uniform in
// [0, min(max_delay, base * 2^(retry-1))].
inline std::chrono::milliseconds backoff_delay(const retry_policy& p, int retry, std::minstd_rand& rng) {
  const int shift = std::clamp(retry - 1, 0, 30);
  const auto ceiling = std::min<std::int64_t>(p.max_delay.count(), p.base.count() * (std::int64_t{1} << shift));
  if (ceiling <= 0) return std::chrono::milliseconds(0);
  std::uniform_int_distribution<std::int64_t> d(0, ceiling);
  return std::chrono::milliseconds(d(rng));
}

}  // namespace ddbx
