// Writes the benchmark workload (bench/workload.hpp) as one Query page: bench_data <page.json>
#include <fstream>

#include "workload.hpp"

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::ofstream(argv[1], std::ios::binary) << bench::make_page(bench::make_users());
  return 0;
}
