#pragma once
// What every benchmark binary sets up and says about itself.
//
// Which simdjson kernel a benchmark binary runs, printed by the binaries and recorded by scripts/bench
// (docs/bench/machine.txt, instructions.csv): On-Demand (what ddbx decodes with) is compiled into
// each translation unit for the kernel its -march allows (icelake, haswell, westmere, or the slow
// fallback); the DOM API's kernel is picked at run time by the simdjson library.
#include <simdjson.h>

#include <string>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#define DDBX_BENCH_STR2(x) #x
#define DDBX_BENCH_STR(x) DDBX_BENCH_STR2(x)

namespace bench {

// The widest x86 extension this translation unit was compiled for.
inline const char* compiled_isa() {
#if defined(__AVX512F__)
  return "avx512";
#elif defined(__AVX2__)
  return "avx2";
#elif defined(__SSE4_2__)
  return "sse4.2";
#else
  return "baseline";
#endif
}

// "ondemand=<kernel> dom=<kernel> isa=<isa>"
inline std::string simdjson_kernels() {
  return std::string("ondemand=") + DDBX_BENCH_STR(SIMDJSON_BUILTIN_IMPLEMENTATION) +
         " dom=" + std::string(simdjson::get_active_implementation()->name()) + " isa=" + compiled_isa();
}

// The heap of a process that decodes page after page: memory freed stays in the heap. Without this,
// glibc hands a page's worth of freed memory back to the kernel after each repetition and the next
// one pays the page faults again — a cost that depends on what was measured before (the ordered
// decode measured first, on a 2-core VM: 1,100 ns/item; the same decode after the others: 710).
inline void steady_heap() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest: pages' worth of items stay on the heap
  mallopt(M_TRIM_THRESHOLD, 1 << 30);   // and the heap is not trimmed after each repetition
#endif
}

}  // namespace bench
