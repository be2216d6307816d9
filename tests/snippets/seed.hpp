// Prelude for README snippets: the seed walkthrough's types, as the README's first sections define them.
#pragma once
#include <optional>
#include <string>
#include <vector>

struct postal_address {
  std::string road, city, state;
  int zipcode = 0;
};
struct user {
  std::string username, first_name, last_name;
  int age = 0;
  std::string account_type;
  std::optional<postal_address> address;
  std::optional<std::vector<std::string>> tags;
};
