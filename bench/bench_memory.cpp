// Peak heap while decoding a large Query page fresh (issue #11's memory target): the page is made
// of the workload's seed users (100,000 by default), held in a padded buffer; a new ddbx::decoder
// decodes it into a new ddbx::page<seed::user>, then is destroyed (a page this long is parsed a
// window of items at a time: see ddbx::decoder). Every heap allocation of the
// process goes through the replaced operator new / delete below (simdjson's buffers included), so
// the live and peak bytes are exact (malloc_usable_size, what glibc really handed out).
//
// Prints one CSV line per contender (contender,items,text_bytes,result_bytes,peak_above_bytes,
// peak_above_per_text): peak_above is the peak of live heap during the decode, minus what was live
// before it (the page text included) and minus what the result still holds after it, i.e. what the
// decode needed on top of its input and its output. The simdjson On-Demand walk (bench/walk.hpp,
// one parser of its own) is the floor of any one-pass On-Demand decode of the same text.
// usage: bench_memory [items]
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "seed_types.hpp"
#include "walk.hpp"
#include "workload.hpp"

// The replaced operator new/delete pair malloc/free; GCC cannot see that they match.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
std::size_t live = 0;
std::size_t peak = 0;

void* counted(void* p) {
  if (p) {
    live += malloc_usable_size(p);
    if (live > peak) peak = live;
  }
  return p;
}
void uncount(void* p) noexcept {
  if (p) live -= malloc_usable_size(p);
  std::free(p);
}
void* allocate(std::size_t n, std::size_t align) {
  void* p = align <= alignof(std::max_align_t) ? std::malloc(n ? n : 1)
                                                : std::aligned_alloc(align, (n + align - 1) / align * align);
  return counted(p);
}
}  // namespace

void* operator new(std::size_t n) {
  if (void* p = allocate(n, 0)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n, 0); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) {
  if (void* p = allocate(n, static_cast<std::size_t>(a))) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { uncount(p); }
void operator delete[](void* p) noexcept { uncount(p); }
void operator delete(void* p, std::size_t) noexcept { uncount(p); }
void operator delete[](void* p, std::size_t) noexcept { uncount(p); }
void operator delete(void* p, std::align_val_t) noexcept { uncount(p); }
void operator delete[](void* p, std::align_val_t) noexcept { uncount(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { uncount(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { uncount(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { uncount(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { uncount(p); }

namespace {
void report(const char* contender, std::size_t items, std::size_t text, std::size_t result, std::size_t above) {
  std::printf("%s,%zu,%zu,%zu,%zu,%.2f\n", contender, items, text, result, above,
              static_cast<double>(above) / static_cast<double>(text));
}
}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  simdjson::padded_string padded;
  {
    const auto users = bench::make_users(n);
    std::string text = R"({"Items":)";
    if (!ddbx::encode_items(users, text)) return 1;
    text += ",\"Count\":" + std::to_string(n) + ",\"ScannedCount\":" + std::to_string(n) + "}";
    padded = simdjson::padded_string(text);
  }
  const std::size_t text = padded.size();
  std::printf("contender,items,text_bytes,result_bytes,peak_above_bytes,peak_above_per_text\n");

  {  // the floor: a parser of its own walks every item and keeps nothing
    const std::size_t before = live;
    peak = live;
    std::size_t sum = 0;
    {
      simdjson::ondemand::parser parser;
      sum = bench::walk_page(parser, padded);
    }
    if (sum == 0) return 1;
    report("simdjson-walk", n, text, live - before, peak - live);
  }
  {  // ddbx: a new decoder, a new page
    const std::size_t before = live;
    peak = live;
    ddbx::page<seed::user> result;
    {
      ddbx::decoder d;
      auto p = d.query_page<seed::user>(simdjson::padded_string_view(padded));
      if (!p || p->items.size() != n) {
        std::fprintf(stderr, "bench_memory: decode failed: %s\n", p ? "wrong item count" : p.error().what_text().c_str());
        return 1;
      }
      result = std::move(*p);
    }
    const std::size_t held = live - before;
    report("ddbx-decode-fresh", n, text, held, peak - before - held);
  }
  return 0;
}
