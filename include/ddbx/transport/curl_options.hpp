#pragma once
// ddbx::curl_options — the settings of ddbx::curl_transport (curl.hpp): region, endpoint, keys or a
// credentials provider, profile, timeouts, the connection pool. A light header (no libcurl), so
// code that only fills options or keeps them needs neither curl.h nor the credential chain.
#include <chrono>
#include <cstddef>
#include <string>

#include "ddbx/transport/credentials/credentials.hpp"

namespace ddbx {

// Every member has a default, so `{.endpoint = …}` is -Wmissing-field-initializers-clean.
struct curl_options {
  // empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then EC2 instance metadata (asked
  // on the first call, 1 s timeouts; not when AWS_EC2_METADATA_DISABLED=true), then us-east-1
  std::string region = {};
  // empty: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, https://dynamodb.<region>.amazonaws.com
  // (https:// or http:// only)
  std::string endpoint = {};
  // Static keys. `credentials`, when set, is used instead and these three are ignored. Neither set:
  // the default credential chain (credentials/chain.hpp), cached.
  std::string access_key_id = {};
  std::string secret_access_key = {};
  std::string session_token = {};
  std::string profile = {};  // empty: AWS_PROFILE, then "default"
  long connect_timeout_ms = 3000;
  long timeout_ms = 30000;
  bool verify_crc32 = true;
  // Handles (each with its connection) kept idle for reuse. A thread that finds none idle makes
  // one, so as many connections are open as threads are sending; beyond pool_size they close after use.
  std::size_t pool_size = 16;
  // The user's provider, asked before every request; it outranks access_key_id and the chain.
  // Wrap it in ddbx::cached_credentials to cache.
  credentials_provider credentials = {};
  // How long a profile's credential_process may run before it is killed.
  std::chrono::milliseconds credential_process_timeout{60000};
};

}  // namespace ddbx
