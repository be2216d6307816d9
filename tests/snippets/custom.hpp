// Prelude for the README's customisation snippet: a user with the members its options name, and a
// user type (uuid) to map.
#pragma once
#include <ddbx/ddbx.hpp>

#include <optional>
#include <string>

struct user {
  std::string username, first_name, last_name;
  std::string cache;
  std::optional<std::string> nickname;
  std::string bio;
};
struct uuid {
  std::string text;
  std::string str() const { return text; }
};
