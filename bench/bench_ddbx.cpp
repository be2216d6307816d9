// ddbx's contenders in scripts/bench, one process: reads the page that bench_data wrote, times
// encode / decode (structs and ddbx::value), the simdjson On-Demand walk, memcpy and the seed's
// filter expression; prints one CSV line per figure (contender,op,ns_per_item,mb_per_s) and writes
// what it encoded, so scripts/bench can check every contender produced the same users.
// usage: bench_ddbx <page.json> <out dir> <repetitions>
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"
#include "walk.hpp"

namespace {

template <class F>
double best_ns(int reps, F&& f) {
  f();  // warm-up
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count());
  }
  return best;
}

void line(const char* contender, const char* op, double total_ns, double items, double bytes) {
  std::printf("%s,%s,%.1f,%.1f\n", contender, op, total_ns / items, bytes / (total_ns / 1e9) / 1e6);
}

// Entry points for valgrind --toggle-collect: one encode / one decode of the page, counted alone.
[[gnu::noinline]] void count_encode(const std::vector<seed::user>& users, std::string& out) {
  out.clear();
  ddbx::encode_items(users, out).value();
}
[[gnu::noinline]] void count_decode(ddbx::decoder& dec, simdjson::padded_string& padded) {
  auto p = dec.query_page<seed::user>(simdjson::padded_string_view(padded));
  if (!p) std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) { std::fprintf(stderr, "usage: bench_ddbx <page.json> <out dir> <repetitions>\n"); return 2; }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string page_text = ss.str();
  const std::string out_dir = argv[2];
  const int reps = std::atoi(argv[3]);
  simdjson::padded_string padded(page_text);
  const double bytes = static_cast<double>(page_text.size());

  ddbx::decoder dec;
  auto users = dec.query_page<seed::user>(simdjson::padded_string_view(padded)).value().items;
  auto dyn = dec.query_page<ddbx::item>(simdjson::padded_string_view(padded)).value().items;
  const double items = static_cast<double>(users.size());

  std::string out;
  out.reserve(page_text.size() + 1024);
  if (argc > 4) {  // bench_ddbx <page> <dir> <reps> count: one counted encode and decode, for callgrind
    count_encode(users, out);
    count_decode(dec, padded);
    return 0;
  }
  line("ddbx", "encode", best_ns(reps, [&] { out.clear(); ddbx::encode_items(users, out).value(); }), items, bytes);
  std::ofstream(out_dir + "/ddbx.json", std::ios::binary) << out;
  std::string out_dyn;
  line("ddbx-value", "encode", best_ns(reps, [&] { out_dyn.clear(); ddbx::encode_items(dyn, out_dyn).value(); }), items, bytes);
  std::ofstream(out_dir + "/ddbx-value.json", std::ios::binary) << out_dyn;

  line("ddbx", "decode", best_ns(reps, [&] {
         auto p = dec.query_page<seed::user>(simdjson::padded_string_view(padded));
         if (!p || p->items.size() != users.size()) std::abort();
       }), items, bytes);
  line("ddbx-value", "decode", best_ns(reps, [&] {
         auto p = dec.query_page<ddbx::item>(simdjson::padded_string_view(padded));
         if (!p || p->items.size() != users.size()) std::abort();
       }), items, bytes);

  simdjson::ondemand::parser parser;
  line("simdjson-walk", "decode", best_ns(reps, [&] {
         if (bench::walk_page(parser, padded) == 0) std::abort();
       }), items, bytes);
  std::string dst(page_text.size(), '\0');
  double mc = best_ns(reps * 10, [&] { std::memcpy(dst.data(), page_text.data(), page_text.size()); });
  line("memcpy", "encode", mc, items, bytes);
  line("memcpy", "decode", mc, items, bytes);

  // The seed's Scan filter with its names and values: per build, so "items" = builds.
  using seed::postal_address;
  using seed::user;
  const int builds = 20000;
  std::string body;
  double ex = best_ns(reps, [&] {
    for (int i = 0; i < builds; ++i) {
      using namespace ddbx;
      body.clear();
      append_filter(body, attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
                              attr<&user::address, &postal_address::state> == "CA").value();
    }
  });
  line("ddbx", "expression", ex, builds, static_cast<double>(body.size()) * builds);
  return 0;
}
