// Transactions, ReturnValuesOnConditionCheckFailure, table ARNs, time to live and ListTables
// against a server that has them (moto: run through tools/moto/moto_server.py, which sets AWS_ENDPOINT_URL_DYNAMODB; dynalite has
// no transactions). Real round trips: all-or-nothing writes over two tables, cancellation reasons
// with the old item decoded, a lost answer retried with the same ClientRequestToken applied once,
// IdempotentParameterMismatch for a changed request under one token, typed TransactGetItems.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;
using namespace std::chrono_literals;

namespace {
struct account {
  std::string owner;
  long balance = 0;
  long version = 0;
};
struct order {
  std::string customer, id;
  long total = 0;
};
struct session {
  std::string id;
  epoch_seconds expires;
};
using sessions_table = table<session, &session::id>;
struct wiki_page {
  std::string id;
  std::string text;
  long version = 0;
};
struct purchase {
  std::string customer, id;
  long total = 0;
};
using by_total = lsi<"by_total", &purchase::customer, &purchase::total>;
using purchases_table = table<purchase, &purchase::customer, &purchase::id, by_total>;
using pages_table = versioned<table<wiki_page, &wiki_page::id>, &wiki_page::version>;
struct order_total {
  std::string id;
  long total = 0;
};
using accounts_table = table<account, &account::owner>;
using orders_table = table<order, &order::customer, &order::id>;

// Forwards to curl; records every TransactWriteItems body; when `lose_next` is set, the next one
// reaches the server but its answer is replaced by a 500 (a lost answer), so the client retries it.
struct losing_transport {
  curl_transport inner;
  std::atomic<int>* lose_next;
  std::vector<std::string>* transact_bodies;
  result<http_response> operator()(std::string_view op, std::string_view body) {
    auto r = inner(op, body);
    if (op == "TransactWriteItems") {
      transact_bodies->emplace_back(body);
      if (r && lose_next->exchange(0)) return http_response{500, {}, R"({"__type":"InternalServerError","message":"lost"})"};
    }
    return r;
  }
};

struct fixture {
  std::atomic<int> lose_next{0};
  std::vector<std::string> transact_bodies;
  client<losing_transport> db{losing_transport{curl_transport{}, &lose_next, &transact_bodies},
                              client_options{.retry = {.max_attempts = 3, .base = 1ms, .max_delay = 5ms}}};
  table_ref<accounts_table> accounts = db.table<accounts_table>("tx_accounts");
  table_ref<orders_table> orders = db.table<orders_table>("tx_orders");
};

void create_tables(fixture& f) {
  static bool made = false;
  if (made) return;
  REQUIRE(f.accounts.create().send());
  REQUIRE(f.orders.create().send());
  REQUIRE(f.accounts.wait_until_exists({.delay = 100ms, .max_attempts = 50}));
  REQUIRE(f.orders.wait_until_exists({.delay = 100ms, .max_attempts = 50}));
  made = true;
}
}  // namespace

TEST_CASE("TransactWriteItems over two tables: all or nothing, with the reasons of a cancellation") {
  fixture f;
  create_tables(f);
  REQUIRE(f.accounts.put_item({"ann", 100, 1}).send());

  // Applied: an order and the debit of its total, together.
  auto ok = f.db.transact_write()
                .put_item(f.orders, {"ann", "o-1", 60}, attribute_not_exists(attr<&order::id>))
                .update_item(f.accounts, {"ann"}, set(attr<&account::balance>, attr<&account::balance> - 60),
                             attr<&account::balance> >= 60)
                .return_consumed_capacity(return_consumed_capacity::total)
                .send();
  REQUIRE_MESSAGE(ok, (ok ? "" : ok.error().what_text()));
  CHECK(f.accounts.get_item({"ann"}).consistent_read().send().value().item->balance == 40);
  CHECK(f.orders.get_item({"ann", "o-1"}).consistent_read().send().value().item);

  // Cancelled: the second order overdraws; neither action happens, the reasons say which failed,
  // and the account as it was comes back decoded.
  auto cancelled = f.db.transact_write()
                       .put_item(f.orders, {"ann", "o-2", 60}, attribute_not_exists(attr<&order::id>))
                       .update_item(f.accounts, {"ann"}, set(attr<&account::balance>, attr<&account::balance> - 60),
                                    attr<&account::balance> >= 60, return_values::all_old)
                       .send();
  REQUIRE_FALSE(cancelled);
  CHECK(cancelled.error().aws_code == "TransactionCanceledException");
  CHECK_FALSE(cancelled.error().retryable);
  auto reasons = cancellation_reasons(cancelled.error());
  REQUIRE_MESSAGE(reasons, (reasons ? "" : reasons.error().what_text()));
  REQUIRE(reasons->size() == 2);
  CHECK((*reasons)[0].code == "None");
  CHECK((*reasons)[1].code == "ConditionalCheckFailed");
  auto before = (*reasons)[1].item<account>();
  REQUIRE(before);
  REQUIRE(*before);
  CHECK((*before)->balance == 40);
  CHECK_FALSE(f.orders.get_item({"ann", "o-2"}).consistent_read().send().value().item);
  CHECK(f.accounts.get_item({"ann"}).consistent_read().send().value().item->balance == 40);
}

TEST_CASE("a lost answer is retried with the same ClientRequestToken; another request gets another") {
  // DynamoDB applies a token's transaction once (10 minutes), and answers a changed request under
  // a used token with IdempotentParameterMismatchException. moto keeps no tokens (it applies every
  // attempt; tools/moto/DISAGREEMENTS.md), so what is checked here is ddbx's part: every attempt
  // and every send of one request carries the same token and the same body.
  fixture f;
  create_tables(f);
  REQUIRE(f.accounts.put_item({"bob", 0, 1}).send());
  auto deposit = f.db.transact_write().update_item(f.accounts, {"bob"}, add(attr<&account::balance>, 10));
  const std::string token = "\"ClientRequestToken\":\"" + deposit.client_request_token() + "\"";
  f.lose_next = 1;
  auto r = deposit.send();
  REQUIRE_MESSAGE(r, (r ? "" : r.error().what_text()));
  REQUIRE(deposit.send());
  REQUIRE(f.transact_bodies.size() == 3);  // the lost attempt, its retry, the second send
  CHECK(f.transact_bodies[0].find(token) != std::string::npos);
  CHECK(f.transact_bodies[1] == f.transact_bodies[0]);
  CHECK(f.transact_bodies[2] == f.transact_bodies[0]);

  REQUIRE(f.db.transact_write().update_item(f.accounts, {"bob"}, add(attr<&account::balance>, 10)).send());
  REQUIRE(f.transact_bodies.size() == 4);
  CHECK(f.transact_bodies[3].find(token) == std::string::npos);  // a new request, a new token
}

TEST_CASE("TransactGetItems: a typed tuple, projections, missing items empty") {
  fixture f;
  create_tables(f);
  REQUIRE(f.accounts.put_item({"cy", 7, 1}).send());
  REQUIRE(f.orders.put_item({"cy", "o-9", 900}).send());
  auto r = f.db.transact_get()
               .get(f.accounts, {"cy"})
               .get<order_total>(f.orders, {"cy", "o-9"}, project<&order::id, &order::total>)
               .get(f.accounts, {"nobody"})
               .send();
  REQUIRE_MESSAGE(r, (r ? "" : r.error().what_text()));
  auto& [acct, total, missing] = r->items;
  REQUIRE(acct);
  CHECK(acct->balance == 7);
  REQUIRE(total);
  CHECK(total->total == 900);
  CHECK_FALSE(missing);
}

TEST_CASE("PutItem with ReturnValuesOnConditionCheckFailure: the item as it is, in the error") {
  fixture f;
  create_tables(f);
  REQUIRE(f.accounts.put_item({"dee", 5, 3}).send());
  auto r = f.accounts.put_item({"dee", 0, 1})
               .condition(attr<&account::version> == 1)
               .return_values_on_condition_check_failure(return_values::all_old)
               .send();
  REQUIRE_FALSE(r);
  CHECK(r.error().aws_code == "ConditionalCheckFailedException");
  auto current = condition_check_item<account>(r.error());
  REQUIRE(current);
  REQUIRE(*current);
  CHECK((*current)->version == 3);
  CHECK((*current)->balance == 5);
}

TEST_CASE("a table ARN wherever a table name goes") {
  fixture f;
  create_tables(f);
  const std::string arn = f.accounts.describe().value().table_arn;
  REQUIRE(arn.rfind("arn:", 0) == 0);
  auto by_arn = f.db.table<accounts_table>(arn);
  REQUIRE(by_arn.put_item({"eve", 1, 1}).send());
  CHECK(f.accounts.get_item({"eve"}).consistent_read().send().value().item);
  auto t = f.db.transact_write().update_item(by_arn, {"eve"}, add(attr<&account::balance>, 1)).send();
  REQUIRE_MESSAGE(t, (t ? "" : t.error().what_text()));
  CHECK(by_arn.get_item({"eve"}).consistent_read().send().value().item->balance == 2);
}

TEST_CASE("time to live: off, switched on for a member, described") {
  fixture f;
  auto sessions = f.db.table<sessions_table>("tx_sessions");
  REQUIRE(sessions.create().send());
  REQUIRE(sessions.wait_until_exists({.delay = 100ms, .max_attempts = 50}));
  auto before = sessions.describe_time_to_live().send();
  REQUIRE_MESSAGE(before, (before ? "" : before.error().what_text()));
  CHECK(before->status == "DISABLED");
  auto on = sessions.update_time_to_live<&session::expires>(true).send();
  REQUIRE_MESSAGE(on, (on ? "" : on.error().what_text()));
  CHECK(on->attribute_name == "expires");
  auto after = sessions.describe_time_to_live().send().value();
  CHECK((after.status == "ENABLED" || after.status == "ENABLING"));
  CHECK(after.attribute_name == "expires");
}

TEST_CASE("ListTables: pages of 2 and every page") {
  fixture f;
  create_tables(f);
  for (int i = 0; i < 5; ++i) REQUIRE(f.db.table<accounts_table>("lt_" + std::to_string(i)).create().send());
  auto first = f.db.list_tables().limit(2).send();
  REQUIRE_MESSAGE(first, (first ? "" : first.error().what_text()));
  CHECK(first->table_names.size() == 2);
  CHECK(first->last_evaluated_table_name);
  auto all = f.db.list_tables().limit(2).send_all();
  REQUIRE_MESSAGE(all, (all ? "" : all.error().what_text()));
  CHECK(all->size() >= 7);  // these 5, tx_accounts, tx_orders (and what earlier cases made)
  // (DynamoDB lists names in order; moto in the order the tables were made: tools/moto/DISAGREEMENTS.md.)
  CHECK(std::find(all->begin(), all->end(), "lt_4") != all->end());
}

TEST_CASE("optimistic locking: versioned puts, updates and deletes against a real server") {
  fixture f;
  auto pages = f.db.table<pages_table>("tx_pages");
  REQUIRE(pages.create().send());
  REQUIRE(pages.wait_until_exists({.delay = 100ms, .max_attempts = 50}));
  REQUIRE(pages.put_item({"p1", "first", 0}).send());                 // new: stored at version 1
  auto stored = pages.get_item({"p1"}).consistent_read().send().value().item;
  REQUIRE(stored);
  CHECK(stored->version == 1);
  auto again = pages.put_item({"p1", "also first", 0}).send();          // a second writer of a new item
  REQUIRE_FALSE(again);
  CHECK(again.error().code == errc::version_conflict);

  stored->text = "second";
  REQUIRE(pages.put_item(*stored).send());                              // 1 -> 2
  auto stale = pages.put_item({"p1", "stale", 1}).send();
  CHECK(stale.error().code == errc::version_conflict);

  auto upd = pages.update_item({"p1"}, set(attr<&wiki_page::text>, "third")).expected_version(2).return_values(return_values::all_new).send();
  REQUIRE_MESSAGE(upd, (upd ? "" : upd.error().what_text()));
  CHECK(upd->attributes->version == 3);
  CHECK(pages.update_item({"p1"}, set(attr<&wiki_page::text>, "late")).expected_version(2).send().error().code == errc::version_conflict);

  // The caller's own condition fails while the version matches: not a version conflict.
  auto own = pages.put_item({"p1", "x", 3})
                 .condition(attr<&wiki_page::text> == "not this")
                 .return_values_on_condition_check_failure(return_values::all_old)
                 .send();
  REQUIRE_FALSE(own);
  CHECK(own.error().code == errc::service_error);
  CHECK(own.error().aws_code == "ConditionalCheckFailedException");
  // Two conditions of the caller's, the first failing: refused. A second .condition() on a
  // versioned table replaced the first before, and this put overwrote the page.
  auto both = pages.put_item({"p1", "x", 3})
                  .condition(attr<&wiki_page::text> == "not this")
                  .condition(attr<&wiki_page::text> == "third")
                  .send();
  REQUIRE_FALSE(both);
  CHECK(both.error().aws_code == "ConditionalCheckFailedException");
  CHECK(pages.get_item({"p1"}).consistent_read().send().value().item->text == "third");

  CHECK(pages.delete_item({"p1"}).expected_version(2).send().error().code == errc::version_conflict);
  REQUIRE(pages.delete_item({"p1"}).expected_version(3).send());
  CHECK_FALSE(pages.get_item({"p1"}).consistent_read().send().value().item);
}

TEST_CASE("a local secondary index: made, described, queried") {
  fixture f;
  auto purchases = f.db.table<purchases_table>("tx_purchases");
  REQUIRE(purchases.create().send());
  REQUIRE(purchases.wait_until_exists({.delay = 100ms, .max_attempts = 50}));
  auto d = purchases.describe().value();
  REQUIRE(d.local_secondary_indexes.size() == 1);
  CHECK(d.local_secondary_indexes[0].index_name == "by_total");
  for (long i = 1; i <= 5; ++i) REQUIRE(purchases.put_item({"ann", "p" + std::to_string(i), i * 100}).send());
  REQUIRE(purchases.put_item({"bob", "p9", 900}).send());
  auto big = purchases.query<by_total>(key<&purchase::customer> == "ann" && key<&purchase::total> >= 300)
                 .scan_index_forward(false)
                 .send();
  REQUIRE_MESSAGE(big, (big ? "" : big.error().what_text()));
  REQUIRE(big->items.size() == 3);
  CHECK(big->items[0].total == 500);  // in the index's sort order, descending
  CHECK(big->items[2].total == 300);
}

TEST_CASE("batches over two tables: one writer, one typed get, every item landed") {
  fixture f;
  create_tables(f);
  auto key = [](int i) { return "mb-" + std::to_string(i); };
  {
    auto batch = f.db.batch_writer({.overwrite_by_pkeys = true}, f.accounts, f.orders);
    for (int i = 0; i < 40; ++i) REQUIRE(batch.put_item(account{key(i), i, 1}));
    for (int i = 0; i < 30; ++i) REQUIRE(batch.put_item(order{"mb-ann", key(i), i}));
    REQUIRE(batch.put_item(order{"mb-ann", key(0), 999}));  // written again after the first
    REQUIRE(batch.delete_item(f.orders, {"mb-ann", key(29)}));
    REQUIRE(batch.delete_item<accounts_table>({key(39)}));
    auto closed = batch.close();
    REQUIRE_MESSAGE(closed, (closed ? "" : closed.error().what_text()));
    CHECK(batch.pending() == 0);
  }
  // Every item landed where its type says, read back from both tables in one batch get (71 keys,
  // the missing ones absent), each table decoded into its own type.
  std::vector<primary_key<accounts_table>> account_keys;
  std::vector<primary_key<orders_table>> order_keys;
  for (int i = 0; i < 40; ++i) account_keys.push_back({key(i)});
  for (int i = 0; i < 30; ++i) order_keys.push_back({"mb-ann", key(i)});
  order_keys.push_back({"mb-nobody", key(0)});
  auto got = f.db.batch_get()
                 .get(f.accounts, account_keys, {.consistent_read = true})
                 .get<order_total>(f.orders, order_keys, project<&order::id, &order::total>)
                 .return_consumed_capacity(return_consumed_capacity::total)
                 .send();
  REQUIRE_MESSAGE(got, (got ? "" : got.error().what_text()));
  auto& [accounts, totals] = got->items;
  CHECK(accounts.size() == 39);
  CHECK(totals.size() == 29);
  std::map<std::string, long> balance, total;
  for (const auto& a : accounts) balance[a.owner] = a.balance;
  for (const auto& o : totals) total[o.id] = o.total;
  for (int i = 0; i < 39; ++i) CHECK(balance[key(i)] == i);
  CHECK(balance.count(key(39)) == 0);
  CHECK(total[key(0)] == 999);
  for (int i = 1; i < 29; ++i) CHECK(total[key(i)] == i);
  CHECK(total.count(key(29)) == 0);
  CHECK_FALSE(got->consumed_capacity.empty());

  // 151 keys over both tables: two calls; then the whole lot deleted in one writer.
  for (int i = 40; i < 120; ++i) account_keys.push_back({key(i)});
  auto again = f.db.batch_get().get(f.accounts, account_keys).get(f.orders, order_keys).send();
  REQUIRE_MESSAGE(again, (again ? "" : again.error().what_text()));
  CHECK(std::get<0>(again->items).size() == 39);
  CHECK(std::get<1>(again->items).size() == 29);
  {
    auto batch = f.db.batch_writer(f.accounts, f.orders);
    for (int i = 0; i < 39; ++i) REQUIRE(batch.delete_item(f.accounts, {key(i)}));
    for (int i = 0; i < 29; ++i) REQUIRE(batch.delete_item<orders_table>({"mb-ann", key(i)}));
    REQUIRE(batch.close());
    CHECK(batch.written() == 68);
  }
  auto gone = f.db.batch_get().get(f.accounts, account_keys).get(f.orders, order_keys).send();
  REQUIRE(gone);
  CHECK(std::get<0>(gone->items).empty());
  CHECK(std::get<1>(gone->items).empty());
}
