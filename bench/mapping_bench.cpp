// Marshalling speed on the shared workload (10,000 users as one Query page): encode, decode,
// and the limits — a simdjson On-Demand walk that reads every name and value and builds nothing,
// and one memcpy of the page. Reported per item and as page bytes per second. Also: the same page
// with every item's attributes shuffled, in one other order (reversed), and the same users with mostly
// multi-byte UTF-8 strings.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstring>

#include "ddbx/mapping/decode.hpp"
#include "process.hpp"
#include "shuffle.hpp"
#include "walk.hpp"
#include "workload.hpp"

namespace {

const std::vector<seed::user>& users() {
  static const auto u = bench::make_users();
  return u;
}
const std::string& page() {
  static const std::string p = bench::make_page(users());
  return p;
}

const std::string& shuffled_page() {
  static const std::string p = bench::shuffle_page(page());
  return p;
}
const std::string& reversed_page() {
  static const std::string p = bench::reverse_page(page());
  return p;
}
const std::vector<seed::user>& users_utf8() {
  static const auto u = bench::make_users_utf8();
  return u;
}

void report(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * users().size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * page().size()));
  state.counters["ns_per_item"] = benchmark::Counter(static_cast<double>(state.iterations() * users().size()),
                                                     benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void encode_structs(benchmark::State& state) {
  std::string out;
  out.reserve(page().size() + 64);
  for (auto _ : state) {
    out.clear();
    auto s = ddbx::encode_items(users(), out);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out.data());
  }
  report(state);
}
BENCHMARK(encode_structs);

// Mostly multi-byte UTF-8 strings (validated as they are written); bytes = what is written.
void encode_structs_utf8(benchmark::State& state) {
  std::string out;
  ddbx::encode_items(users_utf8(), out).value();
  const auto size = out.size();
  for (auto _ : state) {
    out.clear();
    auto s = ddbx::encode_items(users_utf8(), out);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out.data());
  }
  report(state);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}
BENCHMARK(encode_structs_utf8);

void encode_items_dynamic(benchmark::State& state) {
  std::vector<ddbx::item> dyn;
  {
    std::string arr;
    ddbx::encode_items(users(), arr).value();
    dyn = ddbx::decode_items<ddbx::item>(arr).value();
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    auto s = ddbx::encode_items(dyn, out);
    benchmark::DoNotOptimize(s);
  }
  report(state);
}
BENCHMARK(encode_items_dynamic);

// A fresh decode of `text` as a page of seed users, each iteration.
void decode_page_fresh(benchmark::State& state, const std::string& text) {
  simdjson::padded_string padded(text);
  ddbx::decoder d;
  for (auto _ : state) {
    auto p = d.query_page<seed::user>(simdjson::padded_string_view(padded));
    if (!p) state.SkipWithError(p.error().what_text().c_str());
    benchmark::DoNotOptimize(p);
  }
  report(state);
}

void decode_structs(benchmark::State& state) { decode_page_fresh(state, page()); }
BENCHMARK(decode_structs);

// The same page, every item's attributes (and its address's) in another order.
void decode_structs_shuffled(benchmark::State& state) { decode_page_fresh(state, shuffled_page()); }
BENCHMARK(decode_structs_shuffled);

// The same page, every item's attributes (and its address's) in one order, not the struct's.
void decode_structs_reversed(benchmark::State& state) { decode_page_fresh(state, reversed_page()); }
BENCHMARK(decode_structs_reversed);

// Steady state of a scan loop: each page decoded over the previous one.
void decode_structs_reuse(benchmark::State& state) {
  simdjson::padded_string padded(page());
  ddbx::decoder d;
  ddbx::page<seed::user> p;
  for (auto _ : state) {
    auto s = d.query_page(simdjson::padded_string_view(padded), p);
    if (!s) state.SkipWithError(s.error().what_text().c_str());
    benchmark::DoNotOptimize(p.items.data());
  }
  report(state);
}
BENCHMARK(decode_structs_reuse);

void decode_dynamic(benchmark::State& state) {
  simdjson::padded_string padded(page());
  ddbx::decoder d;
  for (auto _ : state) {
    auto p = d.query_page<ddbx::item>(simdjson::padded_string_view(padded));
    if (!p) state.SkipWithError(p.error().what_text().c_str());
    benchmark::DoNotOptimize(p);
  }
  report(state);
}
BENCHMARK(decode_dynamic);

void simdjson_walk(benchmark::State& state) {
  simdjson::padded_string padded(page());
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bench::walk_page(parser, padded));
  }
  report(state);
}
BENCHMARK(simdjson_walk);

void memcpy_page(benchmark::State& state) {
  std::string dst(page().size(), '\0');
  for (auto _ : state) {
    std::memcpy(dst.data(), page().data(), page().size());
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  report(state);
}
BENCHMARK(memcpy_page);

}  // namespace

int main(int argc, char** argv) {
  bench::steady_heap();
  benchmark::AddCustomContext("simdjson_kernel", bench::simdjson_kernels());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
