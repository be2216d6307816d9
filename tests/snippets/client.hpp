// Prelude for README snippets that use a table: the seed's types, its table and a client over a
// test transport (snippets are compiled, not run).
#pragma once
#include <ddbx/ddbx.hpp>

#include "seed.hpp"

using users_table = ddbx::table<user, &user::username, &user::last_name>;
inline ddbx::result<ddbx::http_response> no_network(std::string_view, std::string_view) { return ddbx::http_response{}; }
inline ddbx::client<decltype(&no_network)> db{&no_network};
inline auto users = db.table<users_table>("users");
inline user jane{"janedoe", "Jane", "Doe", 25, "standard_user", {}, {}};
void reread_and_decide();
using namespace ddbx;  // as the README's first snippet says
