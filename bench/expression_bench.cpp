// Building the seed's Scan filter (age < 27 AND begins_with(first_name, "J") AND
// address.state = "CA") with its ExpressionAttributeNames / Values JSON, as a request needs it.
// Reports ns per build and heap allocations per build (global operator new is counted).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "ddbx/expression.hpp"
#include "seed_types.hpp"

// The replaced operator new/delete pair malloc/free; GCC cannot see that they match.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
std::atomic<std::size_t> allocations{0};
}

void* operator new(std::size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using seed::postal_address;
using seed::user;

void seed_scan_filter(benchmark::State& state) {
  std::size_t before = allocations.load();
  std::string body;
  for (auto _ : state) {
    using namespace ddbx;
    auto ex = builder{}
                  .with_filter(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
                               attr<&user::address, &postal_address::state> == "CA")
                  .build();
    body.clear();
    ex->append_members(body);
    benchmark::DoNotOptimize(body.data());
  }
  state.counters["allocs_per_build"] =
      static_cast<double>(allocations.load() - before) / static_cast<double>(state.iterations());
}
BENCHMARK(seed_scan_filter);

// The same through append_filter: compile-time text and names, values encoded into the body.
void seed_scan_filter_append(benchmark::State& state) {
  std::size_t before = allocations.load();
  std::string body;
  for (auto _ : state) {
    using namespace ddbx;
    body.clear();
    auto s = append_filter(body, attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
                                     attr<&user::address, &postal_address::state> == "CA");
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(body.data());
  }
  state.counters["allocs_per_build"] =
      static_cast<double>(allocations.load() - before) / static_cast<double>(state.iterations());
}
BENCHMARK(seed_scan_filter_append);

// First build into a fresh string: the one allocation a request body needs.
void seed_scan_filter_append_fresh(benchmark::State& state) {
  std::size_t before = allocations.load();
  for (auto _ : state) {
    using namespace ddbx;
    std::string body;
    auto s = append_filter(body, attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
                                     attr<&user::address, &postal_address::state> == "CA");
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(body.data());
  }
  state.counters["allocs_per_build"] =
      static_cast<double>(allocations.load() - before) / static_cast<double>(state.iterations());
}
BENCHMARK(seed_scan_filter_append_fresh);

}  // namespace

BENCHMARK_MAIN();
