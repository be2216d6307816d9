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

auto seed_filter() {
  using namespace ddbx;
  return attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
         attr<&user::address, &postal_address::state> == "CA";
}

// Times `build(body)` and counts the heap allocations it makes per call.
template <class Build>
void measure(benchmark::State& state, Build build) {
  const std::size_t before = allocations.load();
  for (auto _ : state) benchmark::DoNotOptimize(build());
  state.counters["allocs_per_build"] =
      static_cast<double>(allocations.load() - before) / static_cast<double>(state.iterations());
}

// The general path: builder, build(), append_members.
void seed_scan_filter(benchmark::State& state) {
  std::string body;
  measure(state, [&] {
    auto ex = ddbx::builder{}.with_filter(seed_filter()).build();
    body.clear();
    ex->append_members(body);
    return body.data();
  });
}
BENCHMARK(seed_scan_filter);

// append_filter into a reused body: compile-time text and names, values encoded into the body.
void seed_scan_filter_append(benchmark::State& state) {
  std::string body;
  measure(state, [&] {
    body.clear();
    ddbx::append_filter(body, seed_filter()).value();
    return body.data();
  });
}
BENCHMARK(seed_scan_filter_append);

// The same through a function the compiler may not inline into the loop (the target holds either way).
[[gnu::noinline]] ddbx::status append_seed_filter(std::string& body) { return ddbx::append_filter(body, seed_filter()); }
void seed_scan_filter_append_not_inlined(benchmark::State& state) {
  std::string body;
  measure(state, [&] {
    body.clear();
    append_seed_filter(body).value();
    return body.data();
  });
}
BENCHMARK(seed_scan_filter_append_not_inlined);

// append_filter into a fresh string: the one allocation a request body needs.
void seed_scan_filter_append_fresh(benchmark::State& state) {
  measure(state, [&] {
    std::string body;
    ddbx::append_filter(body, seed_filter()).value();
    return body.size();
  });
}
BENCHMARK(seed_scan_filter_append_fresh);

}  // namespace

BENCHMARK_MAIN();
