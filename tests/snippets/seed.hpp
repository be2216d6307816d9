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

// For the decoding snippet: a struct and an item another SDK wrote.
struct order {
  std::string id;
  std::vector<std::string> tags;
};
inline std::string json_from_go = R"({"id":{"S":"o1"},"tags":{"NULL":true}})";
