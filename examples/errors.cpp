// Errors without exceptions (this example is built with -fno-exceptions): every call returns
// ddbx::result<T>, a value or a ddbx::error naming the attribute path; the std::expected vocabulary
// (value_or, transform, and_then, or_else) keeps the code free of macros. Shown: a decode error
// with its path, an item refused before sending, a failed condition with what the service said,
// a missing table, and a paginator's failure.
//
//   errors [table-name]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct account {
  std::string id;
  long balance = 0;
  std::optional<std::string> owner;
};
using accounts_table = ddbx::table<account, &account::id>;

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "accounts";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  // 1. Decoding names the attribute path and what was wrong.
  auto bad = decode_item<account>(R"({"id":{"S":"a1"},"balance":{"S":"12"}})");
  expect(!bad && bad.error().code == errc::type_mismatch && bad.error().path == "balance",
         "decode error: balance holds S, not N");
  if (!bad) std::printf("    %s\n", bad.error().what_text().c_str());

  client db{curl_transport{}};
  auto accounts = db.table<accounts_table>(table_name);
  auto created = accounts.create().send().and_then(
      [&](const table_description&) { return accounts.wait_until_exists({.delay = 200ms, .max_attempts = 50}); });
  if (!created) {
    std::printf("cannot create %s: %s\n", table_name.c_str(), created.error().what_text().c_str());
    return 1;
  }

  // 2. Bad input is refused before sending (attempts == 0): nothing reaches the table.
  auto refused = accounts.put_item({"a1", 10, std::string("Ren\xe9")}).send();  // Latin-1, not UTF-8
  expect(!refused && refused.error().code == errc::invalid_utf8 && refused.error().attempts == 0,
         "invalid UTF-8 in owner is refused before sending");
  if (!refused) std::printf("    %s\n", refused.error().what_text().c_str());

  // 3. A failed condition: the service's code and message, how often it was sent, the request id.
  auto opened = accounts.put_item({"a1", 10, "Renée"}).send();
  auto overdraw = accounts.update_item({"a1"}, set(attr<&account::balance>, attr<&account::balance> - 25))
                      .condition(attr<&account::balance> >= 25)
                      .send();
  expect(opened && !overdraw && overdraw.error().aws_code == "ConditionalCheckFailedException" &&
             overdraw.error().http_status == 400 && !overdraw.error().retryable,
         "overdrawing fails its condition");
  if (!overdraw)
    std::printf("    %s (attempts %d, request id '%s', maybe applied earlier: %s)\n",
                overdraw.error().what_text().c_str(), overdraw.error().attempts, overdraw.error().request_id.c_str(),
                overdraw.error().maybe_applied_earlier ? "yes" : "no");

  // 4. The vocabulary: read a balance with a default, and map a missing table to "no account".
  const long balance = accounts.get_item({"a1"}).send()
                           .transform([](const get_result<account>& g) { return g.item ? g.item->balance : 0L; })
                           .value_or(-1);
  expect(balance == 10, "transform + value_or read the balance");
  auto elsewhere = db.table<accounts_table>(table_name + "-missing");
  auto none = elsewhere.get_item({"a1"}).send().or_else([](const error& e) -> result<get_result<account>> {
    if (e.aws_code == "ResourceNotFoundException") return get_result<account>{};  // treat as no account
    return e;
  });
  expect(none && !none->item, "or_else turns ResourceNotFoundException into an empty answer");

  // 5. A paginator's loop ends at the first error; failure() says which (thrown too when exceptions are on).
  auto pages = paginate(elsewhere.scan());
  std::size_t seen = 0;
  for (const account& a : pages.items()) seen += a.id.size();
  const error* why = pages.failure();
  expect(seen == 0 && why && why->aws_code == "ResourceNotFoundException", "the scan of a missing table stops with its error");

  auto deleted = accounts.delete_table();
  return failures == 0 && deleted ? 0 : 1;
}
