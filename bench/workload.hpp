#pragma once
// The benchmark workload: 10,000 seed-shaped users, deterministic (fixed seed), and the Query
// response page they make ({"Items":[…],"Count":10000,"ScannedCount":10000}, compact JSON); the
// same users with mostly multi-byte UTF-8 strings (make_users_utf8).
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "ddbx/mapping/encode.hpp"
#include "seed_types.hpp"

namespace bench {

// The strings users are made of; one pool per member, sizes fixed (the same random picks for every pool).
struct name_pools {
  const char* username_format;  // printf format of the user's number
  const char* last_name;        // followed by a number
  const char* first_names[8];
  const char* streets[6];
  const char* cities[8];
  const char* states[8];
  const char* tag_words[8];
  const char* account_types[2];  // super, standard
};

inline constexpr name_pools ascii_pools{
    "user%06zu", "Doe",
    {"John", "Jane", "Jim", "Jill", "Joe", "Anna", "Bob", "Carla"},
    {"Jefferson Street", "Washington Avenue", "Main Street", "Oak Road", "Pine Lane", "Elm Drive"},
    {"Los Angeles", "Seattle", "Portland", "Austin", "Boston", "Denver", "Miami", "Chicago"},
    {"CA", "WA", "OR", "TX", "MA", "CO", "FL", "IL"},
    {"new", "vip", "beta", "eu", "us", "mobile", "web", "trial"},
    {"super_user", "standard_user"}};

// Strings that are mostly multi-byte UTF-8 (Cyrillic, Greek: 2 bytes; CJK, Devanagari: 3; emoji: 4).
inline constexpr name_pools utf8_pools{
    "пользователь%06zu", "Доу",
    {"Иван", "Мария", "Δημήτρης", "Ελένη", "太郎", "花子", "Łukasz", "Zoë"},
    {"улица Ленина", "Οδός Ερμού", "銀座通り", "गांधी मार्ग", "Łąkowa Ulica", "Øster Allé"},
    {"Москва", "Αθήνα", "東京", "मुंबई", "Kraków", "Zürich", "Санкт-Петербург", "서울"},
    {"МО", "ΑΤ", "東京", "MH", "MŁ", "ZH", "СП", "서울"},
    {"новый", "ВИП", "βήτα", "ЕС", "🚀", "моб", "веб", "試用"},
    {"суперпользователь", "обычный_пользователь"}};

inline std::vector<seed::user> make_users(std::size_t n = 10000, const name_pools& pools = ascii_pools) {
  const auto& first_names = pools.first_names;
  const auto& streets = pools.streets;
  const auto& cities = pools.cities;
  const auto& states = pools.states;
  const auto& tag_words = pools.tag_words;
  std::mt19937_64 rng(20240601);
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  std::vector<seed::user> users;
  users.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    seed::user u;
    char name[64];
    std::snprintf(name, sizeof name, pools.username_format, i);
    u.username = name;
    u.last_name = pools.last_name + std::to_string(pick(1000));
    u.first_name = first_names[pick(8)];
    u.age = 25 + static_cast<int>(pick(66));
    u.account_type = pools.account_types[pick(10) == 0 ? 0 : 1];
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

// The same users with mostly multi-byte UTF-8 strings (the non-ASCII encode rows).
inline std::vector<seed::user> make_users_utf8(std::size_t n = 10000) { return make_users(n, utf8_pools); }

inline std::string make_page(const std::vector<seed::user>& users) {
  std::string page = "{\"Items\":";
  ddbx::encode_items(users, page).value();
  page += ",\"Count\":" + std::to_string(users.size()) + ",\"ScannedCount\":" + std::to_string(users.size()) + "}";
  return page;
}

}  // namespace bench
