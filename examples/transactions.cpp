// Transactions: an order placed and its account debited together or not at all
// (TransactWriteItems over two tables), the reasons when the transaction is cancelled (with the
// account as it was), a read of both tables at one moment (TransactGetItems into a typed tuple),
// and a write that returns the current item when its condition fails. Needs a server with
// transactions (DynamoDB, or moto: dynalite has none); scripts/test runs it on moto.
//
//   transactions [suffix]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <string>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct account {
  std::string owner;
  long balance_cents = 0;
};
struct order {
  std::string owner, id;
  long total_cents = 0;
};
using accounts_table = ddbx::table<account, &account::owner>;
using orders_table = ddbx::table<order, &order::owner, &order::id>;

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string suffix = argc > 1 ? argv[1] : "";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  client db{curl_transport{}};
  auto accounts = db.table<accounts_table>("accounts" + suffix);
  auto orders = db.table<orders_table>("orders" + suffix);
  for (auto made : {accounts.create().send().and_then([&](const table_description&) { return accounts.wait_until_exists({.delay = 200ms}); }),
                      orders.create().send().and_then([&](const table_description&) { return orders.wait_until_exists({.delay = 200ms}); })})
    if (!made) {
      std::printf("cannot create the tables: %s\n", made.error().what_text().c_str());
      return 1;
    }
  accounts.put_item({"ann", 10000}).send().value();

  // Places an order: the order is new, and the account can pay for it — both, or neither.
  auto place = [&](const order& o) {
    return db.transact_write()
        .put_item(orders, o, attribute_not_exists(attr<&order::id>))
        .update_item(accounts, {o.owner},
                     set(attr<&account::balance_cents>, attr<&account::balance_cents> - o.total_cents),
                     attr<&account::balance_cents> >= o.total_cents, return_values::all_old)
        .send();  // a fresh ClientRequestToken, the same on each retry: a lost answer is not paid twice
  };

  expect(place({"ann", "o-1", 7500}).has_value(), "order o-1 (75.00) placed and paid");

  auto refused = place({"ann", "o-2", 7500});
  expect(!refused && refused.error().aws_code == "TransactionCanceledException", "order o-2 (75.00) cancelled");
  if (!refused) {
    auto reasons = cancellation_reasons(refused.error()).value();  // one per action, in order
    for (std::size_t i = 0; i < reasons.size(); ++i)
      std::printf("    action %zu: %s\n", i, reasons[i].code.c_str());
    auto was = reasons.at(1).item<account>().value();  // the account as the failed condition saw it
    expect(reasons.at(0).code == "None" && reasons.at(1).code == "ConditionalCheckFailed" && was &&
               was->balance_cents == 2500,
           "the debit's condition failed on a balance of 25.00");
  }

  // Both tables read as of one moment, each into its own type; a missing item is an empty optional.
  auto [acct, o1, o2] = db.transact_get()
                            .get(accounts, {"ann"})
                            .get(orders, {"ann", "o-1"})
                            .get(orders, {"ann", "o-2"})
                            .send()
                            .value()
                            .items;
  expect(acct && acct->balance_cents == 2500 && o1 && !o2, "balance 25.00, o-1 stored, o-2 not");

  // A single write can also return the item its condition failed on.
  auto late = orders.put_item({"ann", "o-1", 1})
                  .condition(attribute_not_exists(attr<&order::id>))
                  .return_values_on_condition_check_failure(return_values::all_old)
                  .send();
  auto existing = late ? std::nullopt : condition_check_item<order>(late.error()).value();
  expect(existing && existing->total_cents == 7500, "a second o-1 is refused, and the stored o-1 comes back");

  (void)orders.delete_table();
  (void)accounts.delete_table();
  return failures == 0 ? 0 : 1;
}
