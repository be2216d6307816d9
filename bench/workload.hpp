#pragma once
// The benchmark workload: 10,000 seed-shaped users, deterministic (fixed seed), and the Query
// response page they make ({"Items":[…],"Count":10000,"ScannedCount":10000}, compact JSON).
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "ddbx/mapping/encode.hpp"
#include "seed_types.hpp"

namespace bench {

inline std::vector<seed::user> make_users(std::size_t n = 10000) {
  static const char* first_names[] = {"John", "Jane", "Jim", "Jill", "Joe", "Anna", "Bob", "Carla"};
  static const char* streets[] = {"Jefferson Street", "Washington Avenue", "Main Street", "Oak Road", "Pine Lane", "Elm Drive"};
  static const char* cities[] = {"Los Angeles", "Seattle", "Portland", "Austin", "Boston", "Denver", "Miami", "Chicago"};
  static const char* states[] = {"CA", "WA", "OR", "TX", "MA", "CO", "FL", "IL"};
  static const char* tag_words[] = {"new", "vip", "beta", "eu", "us", "mobile", "web", "trial"};
  std::mt19937_64 rng(20240601);
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  std::vector<seed::user> users;
  users.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    seed::user u;
    char name[32];
    std::snprintf(name, sizeof name, "user%06zu", i);
    u.username = name;
    u.last_name = "Doe" + std::to_string(pick(1000));
    u.first_name = first_names[pick(8)];
    u.age = 25 + static_cast<int>(pick(66));
    u.account_type = pick(10) == 0 ? "super_user" : "standard_user";
    std::size_t city = pick(8);
    u.address = seed::postal_address{std::to_string(1 + pick(9999)) + " " + streets[pick(6)], cities[city], states[city],
                                     10000 + static_cast<int>(pick(90000))};
    if (i % 3 == 0) {
      u.tags = std::vector<std::string>{tag_words[pick(8)], tag_words[pick(8)], tag_words[pick(8)]};
      std::vector<double> scores;
      for (int k = 0; k < 4; ++k) scores.push_back(static_cast<double>(pick(1000)) + static_cast<double>(1 + pick(9)) / 10.0);
      u.scores = scores;
    }
    users.push_back(std::move(u));
  }
  return users;
}

inline std::string make_page(const std::vector<seed::user>& users) {
  std::string page = "{\"Items\":";
  ddbx::encode_items(users, page).value();
  page += ",\"Count\":" + std::to_string(users.size()) + ",\"ScannedCount\":" + std::to_string(users.size()) + "}";
  return page;
}

}  // namespace bench
