// Operations: every request a table handle builds — CreateTable with an index, the waiters,
// DescribeTable, PutItem, GetItem, UpdateItem, DeleteItem, Query (table and index), Scan (parallel
// segments), DeleteTable — with their options and typed answers; and a request's body rendered
// without sending it.
//
//   operations [table-name]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <string>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct order {
  std::string customer, order_id;  // the table's keys
  std::string status;              // the index's keys: status, total_cents
  long total_cents = 0;
  int lines = 0;
};
struct order_total {  // a projection reads into a smaller struct
  std::string order_id;
  long total_cents = 0;
};
using by_status = ddbx::gsi<"by_status", &order::status, &order::total_cents>;
using orders_table = ddbx::table<order, &order::customer, &order::order_id, by_status>;

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "orders";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  client db{curl_transport{}};
  auto orders = db.table<orders_table>(table_name);

  // Any request renders its JSON body without sending (for logs, tests, or another transport).
  std::string body;
  orders.put_item({"ann", "o-1", "open", 1250, 2}).condition(attribute_not_exists(attr<&order::order_id>))
      .append_body(body).value();
  std::printf("PutItem body: %s\n", body.c_str());

  // CreateTable: the key schema, attribute definitions and the index come from orders_table.
  orders.create().provisioned(5, 5).send().value();
  orders.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();
  table_description d = orders.describe().value();
  expect(d.table_status == "ACTIVE" && d.key_schema.size() == 2 && d.global_secondary_indexes.size() == 1 &&
             d.global_secondary_indexes[0].index_name == "by_status",
         "created with its keys and the by_status index");

  for (int i = 1; i <= 6; ++i)
    orders.put_item({i % 2 ? "ann" : "bob", "o-" + std::to_string(i), i <= 4 ? "open" : "shipped", i * 1000L, i})
        .send()
        .value();

  auto got = orders.get_item({"ann", "o-3"}).consistent_read().send().value();
  expect(got.item && got.item->total_cents == 3000, "GetItem, strongly consistent");
  auto part = orders.get_item({"ann", "o-3"}).project(project<&order::order_id, &order::total_cents>)
                  .send<order_total>().value();
  expect(part.item && part.item->order_id == "o-3", "GetItem with a projection into order_total");
  expect(!orders.get_item({"ann", "nope"}).send().value().item, "GetItem of a missing key: no item, no error");

  auto old = orders.update_item({"ann", "o-3"}, set(attr<&order::status>, "shipped"))
                 .return_values(return_values::updated_old)
                 .send().value();
  expect(old.attributes && old.attributes->status == "open", "UpdateItem returns the old status");

  auto gone = orders.delete_item({"bob", "o-6"}).condition(attr<&order::status> == "shipped")
                  .return_values(return_values::all_old)
                  .send().value();
  expect(gone.attributes && gone.attributes->total_cents == 6000, "DeleteItem with a condition returns the item");

  auto newest_first = orders.query(key<&order::customer> == "ann").scan_index_forward(false).limit(2)
                          .return_consumed_capacity(return_consumed_capacity::total)
                          .send().value();
  expect(newest_first.items.size() == 2 && newest_first.items[0].order_id == "o-5" &&
             newest_first.last_evaluated_key && newest_first.consumed_capacity,
         "Query backwards, 2 of ann's 3 orders, with consumed capacity");

  auto big_open = orders.query<by_status>(key<&order::status> == "open" && key<&order::total_cents> >= 2000)
                      .send().value();
  expect(big_open.items.size() == 2, "Query of the by_status index: open orders of 20.00 or more");

  std::size_t counted = 0;
  for (std::uint32_t segment = 0; segment < 2; ++segment)  // each segment could run in its own thread
    counted += orders.scan().segment(segment, 2).select(select::count).send().value().count;
  expect(counted == 5, "parallel Scan in 2 segments counts the 5 orders");

  orders.delete_table().value();
  orders.wait_until_not_exists({.delay = 200ms, .max_attempts = 50}).value();
  return failures == 0 ? 0 : 1;
}
