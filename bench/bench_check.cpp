// Checks that a contender's encoded items decode to the workload's users:
// bench_check <page.json> <items.json>  (items.json: a JSON array of items)
#include <fstream>
#include <iostream>
#include <sstream>

#include "ddbx/mapping/decode.hpp"
#include "seed_types.hpp"

static std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  auto want = ddbx::decode_page<seed::user>(slurp(argv[1]));
  auto got = ddbx::decode_items<seed::user>(slurp(argv[2]));
  if (!want || !got) {
    std::cerr << argv[2] << ": " << (got ? want.error() : got.error()).what_text() << "\n";
    return 1;
  }
  if (want->items != *got) {
    std::cerr << argv[2] << ": decodes to other users than the workload's\n";
    return 1;
  }
  return 0;
}
