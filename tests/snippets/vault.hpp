// Prelude for docs/credentials.md: a stand-in for the user's secret store.
#pragma once
#include <chrono>
#include <string>

struct vault_t {
  struct lease_t {
    std::string key_id, secret, token;
    std::chrono::system_clock::time_point expires_at;
  };
  lease_t lease(const char*) const { return {}; }
};
// The snippet is a function body; the vault is its caller's.
#define SNIPPET_PARAMS vault_t& vault
