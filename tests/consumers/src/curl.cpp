// Uses the curl transport: constructs one with an explicit endpoint and static keys, never sends.
#include <cstdio>
#include <utility>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

int main() {
  ddbx::curl_options o;
  o.region = "us-east-1";
  o.endpoint = "http://127.0.0.1:1";
  o.access_key_id = "AKIDEXAMPLE";
  o.secret_access_key = "secret";
  o.connect_timeout_ms = 100;
  o.pool_size = 1;
  ddbx::curl_transport t{std::move(o)};
  ddbx::client db{std::move(t)};
  (void)db;
  std::printf("curl ok %s\n", ddbx::version().string);
  return 0;
}
