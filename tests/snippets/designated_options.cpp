// Designated initializers of every options struct, the way users write them: clean under
// -Wall -Wextra -Wpedantic -Wshadow -Werror (GCC 12 warned -Wmissing-field-initializers for members
// without a default). Compiled by tests/snippets/check.py, never run.
#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

int main() {
  ddbx::batch_writer_options a{.overwrite_by_pkeys = true};
  ddbx::pagination_config b{.max_items = 2};
  ddbx::batch_get_options c{.consistent_read = true};
  ddbx::retry_policy d{.max_attempts = 2};
  ddbx::client_options e{.retry = d};
  ddbx::decode_options f{.lenient_missing = true};
  ddbx::waiter_options g{.max_attempts = 3};
  ddbx::encode_options h{.null_for_empty_optional = true};
  ddbx::curl_options i{.endpoint = "http://127.0.0.1:8000"};
  ddbx::curl_options j{.region = "eu-west-1", .timeout_ms = 1000};
  ddbx::credentials_chain_options k{.profile_named_in_code = true};
  ddbx::credentials_cache_options l{.advisory_refresh = std::chrono::seconds(60)};
  ddbx::update_from_options m{.remove_empty_optionals = true};
  ddbx::batch_get_table_options n{.consistent_read = true};
  (void)a; (void)b; (void)c; (void)e; (void)f; (void)g; (void)h; (void)i; (void)j; (void)k; (void)l; (void)m; (void)n;
}
