#pragma once
// The struct every consumer maps, and the checks' entry points (one per translation unit).
#include <optional>
#include <string>

namespace consumer {

struct user {
  std::string username;
  std::string last_name;
  int age = 0;
  std::optional<std::string> email;
};

// core.cpp (ddbx::core: expressions + encoding, no simdjson): prints "core ok <version>" and
// returns 0 when all is well.
int check_core();

}  // namespace consumer
