#pragma once
// Waiters: poll DescribeTable until a table is ACTIVE, or until it is gone — boto3's
// table_exists / table_not_exists (every 20 s, 25 tries by default).
//
//   users.create().provisioned(5, 5).send();
//   users.wait_until_exists({.delay = std::chrono::milliseconds(200)});
#include <chrono>
#include <string>

#include "ddbx/client/retry.hpp"
#include "ddbx/ops/describe_table.hpp"

namespace ddbx {

struct waiter_options {
  std::chrono::milliseconds delay{20000};
  int max_attempts = 25;
};

namespace detail {
inline bool not_found(const error& e) { return e.aws_code == "ResourceNotFoundException"; }

// wanted_gone false: until ACTIVE; true: until ResourceNotFoundException.
inline status wait_for_table(sender via, const std::string& table, bool wanted_gone, const waiter_options& o,
                             const sleep_function& sleep) {
  std::string last = "no answer";
  for (int attempt = 1; attempt <= o.max_attempts; ++attempt) {
    auto d = describe_table_request{table, via}.send();
    if (d) {
      if (!wanted_gone && d->table_status == "ACTIVE") return {};
      last = "status " + d->table_status;
    } else if (not_found(d.error())) {
      if (wanted_gone) return {};
      last = "table does not exist";
    } else {
      return std::move(d).error();
    }
    if (attempt < o.max_attempts) sleep(o.delay);
  }
  return make_error(errc::waiter_timed_out,
                    std::string(wanted_gone ? "table still exists" : "table not ACTIVE") + " after " +
                        std::to_string(o.max_attempts) + " attempts (" + last + ")",
                    table);
}
}  // namespace detail

inline status wait_until_table_exists(sender via, const std::string& table, const waiter_options& o = {},
                                      const sleep_function& sleep = default_sleep()) {
  return detail::wait_for_table(via, table, false, o, sleep);
}
inline status wait_until_table_not_exists(sender via, const std::string& table, const waiter_options& o = {},
                                          const sleep_function& sleep = default_sleep()) {
  return detail::wait_for_table(via, table, true, o, sleep);
}

}  // namespace ddbx
