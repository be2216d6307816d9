#pragma once
// The seed walkthrough's users, shared by tests, examples and benchmarks.
#include <optional>
#include <string>
#include <vector>

namespace seed {

struct postal_address {
  std::string road;
  std::string city;
  std::string state;
  int zipcode = 0;
  friend bool operator==(const postal_address&, const postal_address&) = default;
};

struct user {
  std::string username;
  std::string first_name;
  std::string last_name;
  int age = 0;
  std::string account_type;
  std::optional<postal_address> address;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<double>> scores;
  friend bool operator==(const user&, const user&) = default;
};

}  // namespace seed
