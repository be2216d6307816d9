#pragma once
// ddbx::cached_credentials — keeps a provider's answer and asks again before it expires, the way
// botocore's RefreshableCredentials does: from 15 minutes before expiry (advisory) one thread
// refreshes while the others keep signing with the old keys; a failed advisory refresh keeps them.
// From 10 minutes before (mandatory) a caller waits for the refresh and gets its error. Keys
// without an expiration are kept for good. The threads that waited for a refresh all take its
// outcome, error included; an error is not kept beyond that (the next call asks again).
//
//   ddbx::credentials_provider p = ddbx::cached_credentials(ddbx::default_credentials_chain({}));
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

#include "ddbx/transport/credentials/credentials.hpp"

namespace ddbx {

struct credentials_cache_options {
  std::chrono::seconds advisory_refresh{15 * 60};
  std::chrono::seconds mandatory_refresh{10 * 60};
  // The clock expirations are compared with; tests move it.
  std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
};

namespace detail {

class credentials_cache {
 public:
  credentials_cache(credentials_provider source, credentials_cache_options o) : source_(std::move(source)), o_(std::move(o)) {}

  result<aws_credentials> get() {
    auto [held, generation] = current();  // the generation before any wait for the refresh lock
    if (held && !due(*held, o_.advisory_refresh)) return *held;
    std::unique_lock refreshing(refresh_mutex_, std::try_to_lock);
    if (!refreshing.owns_lock()) {
      // Another thread refreshes: keys outside the mandatory window are still good meanwhile.
      if (held && !due(*held, o_.mandatory_refresh)) return *held;
      refreshing.lock();
      // The refresh this thread waited for answers it too, an error included: N waiters must not
      // ask a slow or failing source N more times. A later call may try again.
      std::lock_guard lock(value_mutex_);
      if (generation_ != generation && last_) return *last_;
    }
    held = current().first;
    if (held && !due(*held, o_.advisory_refresh)) return *held;
    const bool mandatory = !held || due(*held, o_.mandatory_refresh);
    result<aws_credentials> fresh = source_();
    if (!fresh && !mandatory) fresh = *held;  // botocore: an advisory refresh that fails keeps the old keys
    else if (fresh && due(*fresh, std::chrono::seconds{0}))
      fresh = make_error(errc::invalid_request, "credentials were refreshed, but the new ones have already expired");
    auto outcome = std::make_shared<const result<aws_credentials>>(fresh);
    std::lock_guard lock(value_mutex_);
    if (fresh) value_ = std::make_shared<const aws_credentials>(*fresh);
    last_ = std::move(outcome);
    ++generation_;
    return fresh;
  }

 private:
  std::pair<std::shared_ptr<const aws_credentials>, std::uint64_t> current() const {
    std::lock_guard lock(value_mutex_);
    return {value_, generation_};
  }
  bool due(const aws_credentials& c, std::chrono::seconds window) const {
    return c.expiration && *c.expiration - o_.now() < window;
  }

  credentials_provider source_;
  credentials_cache_options o_;
  std::mutex refresh_mutex_;          // one refresh at a time
  mutable std::mutex value_mutex_;    // held only to copy pointers, never during a refresh
  std::shared_ptr<const aws_credentials> value_;
  std::shared_ptr<const result<aws_credentials>> last_;  // the last refresh's outcome, for its waiters
  std::uint64_t generation_ = 0;      // refreshes finished
};

}  // namespace detail

// A provider answering from a cache of `source`'s answer; copies share the cache.
inline credentials_provider cached_credentials(credentials_provider source, credentials_cache_options o = {}) {
  auto cache = std::make_shared<detail::credentials_cache>(std::move(source), std::move(o));
  return [cache] { return cache->get(); };
}

}  // namespace ddbx
