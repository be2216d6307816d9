// ddbx's contenders in scripts/bench, one process: reads the page that bench_data wrote, times
// encode / decode (structs and ddbx::value), the simdjson On-Demand walk, memcpy and the seed's
// filter expression (inlined, through a function the compiler does not inline, and through
// builder{}...build() + append_members); decode over one reused page (decode-reused: its items and
// strings are reused, as a paginator's loop does); the same page with every item's attributes
// shuffled (decode-shuffled) and in one other order, reversed (decode-reversed); the same users with mostly multi-byte UTF-8 strings (encode-utf8, MB/s of what was written). Prints
// one CSV line per figure (contender,op,ns_per_item,mb_per_s) as soon as it has it, and writes what
// it encoded, so scripts/bench can check every contender produced the same users.
// usage: bench_ddbx <page.json> <out dir> <repetitions>
//        bench_ddbx <page.json> <out dir> 0 count <op>   one counted pass of op (encode, decode,
//                                                     decode_reused, decode_shuffled, decode_reversed, encode_utf8,
//                                                     encode_value, decode_value, decode_value_reused),
//                                                     for callgrind
//        bench_ddbx --kernel                          the simdjson kernels this binary runs
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "ddbx/ddbx.hpp"
#include "process.hpp"
#include "seed_types.hpp"
#include "shuffle.hpp"
#include "walk.hpp"
#include "workload.hpp"

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
  std::fflush(stdout);  // a figure measured is a figure kept, whatever happens next
}

// Entry points for valgrind --toggle-collect: one pass of one op over the page, counted alone
// (count mode runs one op: decode_shuffled and decode_reversed go through count_decode, encode_utf8 through count_encode,
// encode_value and decode_value, the ddbx::item paths, through their own).
[[gnu::noinline]] void count_encode(const std::vector<seed::user>& users, std::string& out) {
  out.clear();
  ddbx::encode_items(users, out).value();
}
[[gnu::noinline]] void count_decode(ddbx::decoder& dec, simdjson::padded_string& padded) {
  auto p = dec.query_page<seed::user>(simdjson::padded_string_view(padded));
  if (!p) std::abort();
}

// decode_reused: the page was decoded once into `page` before, so its items and strings exist.
[[gnu::noinline]] void count_decode_reused(ddbx::decoder& dec, simdjson::padded_string& padded,
                                           ddbx::page<seed::user>& page) {
  if (!dec.query_page(simdjson::padded_string_view(padded), page)) std::abort();
}

[[gnu::noinline]] void count_encode_value(const std::vector<ddbx::item>& items, std::string& out) {
  out.clear();
  ddbx::encode_items(items, out).value();
}
[[gnu::noinline]] void count_decode_value(ddbx::decoder& dec, simdjson::padded_string& padded) {
  auto p = dec.query_page<ddbx::item>(simdjson::padded_string_view(padded));
  if (!p) std::abort();
}

auto seed_filter() {
  using namespace ddbx;
  using seed::postal_address;
  using seed::user;
  return attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
         attr<&user::address, &postal_address::state> == "CA";
}
[[gnu::noinline]] ddbx::status append_seed_filter(std::string& body) { return ddbx::append_filter(body, seed_filter()); }

[[gnu::noinline]] void count_decode_value_reused(ddbx::decoder& dec, simdjson::padded_string& padded,
                                                 ddbx::page<ddbx::item>& page) {
  if (!dec.query_page(simdjson::padded_string_view(padded), page)) std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--kernel") == 0) {
    std::printf("%s\n", bench::simdjson_kernels().c_str());
    return 0;
  }
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_ddbx <page.json> <out dir> <repetitions> [count <op>] | bench_ddbx --kernel\n");
    return 2;
  }
  bench::steady_heap();
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
  const double items = static_cast<double>(users.size());

  std::string out;
  out.reserve(page_text.size() + 1024);
  if (argc > 4) {  // count mode: only what the op needs is built, then one counted pass
    const std::string op = argc > 5 ? argv[5] : "encode+decode";
    if (op == "encode" || op == "encode+decode") count_encode(users, out);
    if (op == "decode" || op == "encode+decode") count_decode(dec, padded);
    if (op == "decode_reused") {
      ddbx::page<seed::user> page;
      if (!dec.query_page(simdjson::padded_string_view(padded), page)) return 1;
      count_decode_reused(dec, padded, page);
    }
    if (op == "decode_shuffled") {
      simdjson::padded_string shuffled(bench::shuffle_page(page_text));
      count_decode(dec, shuffled);
    }
    if (op == "decode_reversed") {
      simdjson::padded_string reversed(bench::reverse_page(page_text));
      count_decode(dec, reversed);
    }
    if (op == "encode_value") {
      auto dyn = dec.query_page<ddbx::item>(simdjson::padded_string_view(padded)).value().items;
      count_encode_value(dyn, out);
    }
    if (op == "decode_value") count_decode_value(dec, padded);
    if (op == "decode_value_reused") {
      ddbx::page<ddbx::item> page;
      if (!dec.query_page(simdjson::padded_string_view(padded), page)) return 1;
      count_decode_value_reused(dec, padded, page);
    }
    if (op == "encode_utf8") {
      auto users_utf8 = bench::make_users_utf8(users.size());
      out.reserve(3 * page_text.size());  // no reallocation in the counted pass
      count_encode(users_utf8, out);
    }
    return 0;
  }
  auto dyn = dec.query_page<ddbx::item>(simdjson::padded_string_view(padded)).value().items;

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

  {
    ddbx::page<seed::user> page;
    line("ddbx", "decode-reused", best_ns(reps, [&] {
           if (!dec.query_page(simdjson::padded_string_view(padded), page) || page.items.size() != users.size())
             std::abort();
         }), items, bytes);
    if (page.items != users) {
      std::fprintf(stderr, "bench_ddbx: the reused page decodes to other users\n");
      return 1;
    }
    ddbx::page<ddbx::item> dyn_page;
    line("ddbx-value", "decode-reused", best_ns(reps, [&] {
           if (!dec.query_page(simdjson::padded_string_view(padded), dyn_page) ||
               dyn_page.items.size() != users.size())
             std::abort();
         }), items, bytes);
  }

  simdjson::ondemand::parser parser;
  line("simdjson-walk", "decode", best_ns(reps, [&] {
         if (bench::walk_page(parser, padded) == 0) std::abort();
       }), items, bytes);
  std::string dst(page_text.size(), '\0');
  double mc = best_ns(reps * 10, [&] { std::memcpy(dst.data(), page_text.data(), page_text.size()); });
  line("memcpy", "encode", mc, items, bytes);
  line("memcpy", "decode", mc, items, bytes);

  // The same page, every item's attributes (and its address's) in another order: the same users.
  {
    const std::string shuffled_text = bench::shuffle_page(page_text);
    simdjson::padded_string shuffled(shuffled_text);
    const double sbytes = static_cast<double>(shuffled_text.size());
    if (dec.query_page<seed::user>(simdjson::padded_string_view(shuffled)).value().items != users) {
      std::fprintf(stderr, "bench_ddbx: the shuffled page decodes to other users\n");
      return 1;
    }
    line("ddbx", "decode-shuffled", best_ns(reps, [&] {
           auto p = dec.query_page<seed::user>(simdjson::padded_string_view(shuffled));
           if (!p || p->items.size() != users.size()) std::abort();
         }), items, sbytes);
    line("ddbx-value", "decode-shuffled", best_ns(reps, [&] {
           auto p = dec.query_page<ddbx::item>(simdjson::padded_string_view(shuffled));
           if (!p || p->items.size() != users.size()) std::abort();
         }), items, sbytes);
    line("simdjson-walk", "decode-shuffled", best_ns(reps, [&] {
           if (bench::walk_page(parser, shuffled) == 0) std::abort();
         }), items, sbytes);
  }

  // The same page, every item's attributes (and its address's) in one order, not the struct's.
  {
    const std::string reversed_text = bench::reverse_page(page_text);
    simdjson::padded_string reversed(reversed_text);
    const double rbytes = static_cast<double>(reversed_text.size());
    if (dec.query_page<seed::user>(simdjson::padded_string_view(reversed)).value().items != users) {
      std::fprintf(stderr, "bench_ddbx: the reversed page decodes to other users\n");
      return 1;
    }
    line("ddbx", "decode-reversed", best_ns(reps, [&] {
           auto p = dec.query_page<seed::user>(simdjson::padded_string_view(reversed));
           if (!p || p->items.size() != users.size()) std::abort();
         }), items, rbytes);
    line("simdjson-walk", "decode-reversed", best_ns(reps, [&] {
           if (bench::walk_page(parser, reversed) == 0) std::abort();
         }), items, rbytes);
  }

  // Non-ASCII strings: the same users, mostly multi-byte UTF-8 (validated as they are written).
  {
    const auto users_utf8 = bench::make_users_utf8(users.size());
    std::string out_utf8;
    ddbx::encode_items(users_utf8, out_utf8).value();
    if (ddbx::decode_items<seed::user>(out_utf8).value() != users_utf8) {
      std::fprintf(stderr, "bench_ddbx: the UTF-8 users do not decode back to themselves\n");
      return 1;
    }
    const std::vector<ddbx::item> dyn_utf8 = ddbx::decode_items<ddbx::item>(out_utf8).value();
    const double ubytes = static_cast<double>(out_utf8.size());
    line("ddbx", "encode-utf8", best_ns(reps, [&] { out_utf8.clear(); ddbx::encode_items(users_utf8, out_utf8).value(); }),
         items, ubytes);
    line("ddbx-value", "encode-utf8", best_ns(reps, [&] { out_utf8.clear(); ddbx::encode_items(dyn_utf8, out_utf8).value(); }),
         items, ubytes);
  }

  // The seed's Scan filter with its names and values: per build, so "items" = builds. expression:
  // append_filter inlined into the loop; expression-noinline: through a function the compiler does
  // not inline (the target holds either way); expression-builder: builder{}...build() + append_members.
  const int builds = 20000;
  std::string body;
  double ex = best_ns(reps, [&] {
    for (int i = 0; i < builds; ++i) {
      body.clear();
      ddbx::append_filter(body, seed_filter()).value();
    }
  });
  line("ddbx", "expression", ex, builds, static_cast<double>(body.size()) * builds);
  ex = best_ns(reps, [&] {
    for (int i = 0; i < builds; ++i) {
      body.clear();
      append_seed_filter(body).value();
    }
  });
  line("ddbx", "expression-noinline", ex, builds, static_cast<double>(body.size()) * builds);
  ex = best_ns(reps, [&] {
    for (int i = 0; i < builds; ++i) {
      auto built = ddbx::builder{}.with_filter(seed_filter()).build();
      body.clear();
      built->append_members(body);
    }
  });
  line("ddbx", "expression-builder", ex, builds, static_cast<double>(body.size()) * builds);
  return 0;
}
