// Built with -fno-exceptions: the non-throwing API works in full.
#include <cstdio>
#include <string>

#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

#if defined(__cpp_exceptions)
#error "this test must be built with -fno-exceptions"
#endif

int main() {
  int failed = 0;
  auto check = [&](bool ok, const char* what) {
    if (!ok) { std::printf("FAILED: %s\n", what); ++failed; }
  };
  seed::user u{"janedoe", "Jane", "Doe", 25, "standard_user", seed::postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}};
  std::string body;
  check(ddbx::encode_item(u, body).has_value(), "encode");
  auto back = ddbx::decode_item<seed::user>(body);
  check(back.has_value() && *back == u, "decode");
  auto bad = ddbx::decode_item<seed::user>(std::string_view(R"({"username":{"N":"1"}})"));
  check(!bad && bad.error().path == "username", "decode error path");
  u.address->state = "\xff";
  auto s = ddbx::encode_item(u, body);
  check(!s && s.error().path == "address.state", "encode error path");
  check(!ddbx::number::parse("1E200"), "number range");

  // the client over a test transport: requests, typed answers, errors, the batch writer
  using users_table = ddbx::table<seed::user, &seed::user::username, &seed::user::last_name>;
  int calls = 0;
  auto fake = [&](std::string_view op, std::string_view) -> ddbx::result<ddbx::http_response> {
    ++calls;
    if (op == "GetItem") return ddbx::http_response{200, {}, R"({"Item":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"},"first_name":{"S":"Jane"},"age":{"N":"26"},"account_type":{"S":"x"}}})"};
    if (op == "DeleteItem") return ddbx::http_response{400, {}, R"({"__type":"x#ConditionalCheckFailedException","message":"no"})"};
    if (op == "UpdateTable") return ddbx::http_response{200, {}, R"({"TableDescription":{"TableName":"users","TableStatus":"UPDATING"}})"};
    return ddbx::http_response{200, {}, "{}"};
  };
  ddbx::client db{fake};
  auto users = db.table<users_table>("users");
  auto got = users.get_item({"janedoe", "Doe"}).send();
  check(got && got->item && got->item->age == 26, "client get_item");
  auto del = users.delete_item({"janedoe", "Doe"}).send();
  check(!del && del.error().aws_code == "ConditionalCheckFailedException", "client service error");
  u.address->state = "CA";
  {
    auto batch = users.batch_writer();
    check(batch.put_item(u).has_value(), "batch put");
    check(batch.close().has_value(), "batch close");
  }
  check(calls == 3, "three requests sent");
  check(!users.put_item(seed::user{}).send(), "empty key refused");

  // result's std::expected vocabulary, without exceptions
  check(users.get_item({"janedoe", "Doe"}).send().transform([](auto g) { return g.item ? g.item->age : 0; }).value_or(-1) == 26,
        "transform + value_or");
  check(users.delete_item({"janedoe", "Doe"}).send().transform([](auto) { return 1; }).or_else([](const ddbx::error& e) {
          return ddbx::result<int>(e.aws_code == "ConditionalCheckFailedException" ? 2 : 3);
        }).value_or(0) == 2,
        "or_else recovers");

  // a paginator's range-for ends at an error, which failure() then holds (nothing thrown)
  int pages_seen = 0;
  ddbx::client broken{[](std::string_view, std::string_view) -> ddbx::result<ddbx::http_response> {
    return ddbx::http_response{400, {}, R"({"__type":"x#ValidationException","message":"bad"})"};
  }};
  auto pages = ddbx::paginate(broken.table<users_table>("users").scan());
  for (auto& p : pages.pages()) pages_seen += static_cast<int>(p.items.size()) + 1;
  check(pages_seen == 0 && pages.failure() && pages.failure()->aws_code == "ValidationException", "paginator failure()");

  // UpdateTable: a typed description back, a refusal before sending (nothing thrown)
  auto updated = users.update_table().provisioned(2, 2).send();
  check(updated && updated->table_status == "UPDATING", "update_table");
  auto refused = users.update_table().billing_mode(ddbx::billing_mode::provisioned).send();
  check(!refused && refused.error().path == "ProvisionedThroughput", "update_table refused");

  // plain JSON and stream records, without exceptions
  check(ddbx::item_json_to_plain(R"({"a":{"N":"1.50"}})").value_or("") == R"({"a":1.50})", "item_json_to_plain");
  auto plain_bad = ddbx::plain_to_item_json(R"({"a":[1e999]})");
  check(!plain_bad && plain_bad.error().path == "a[0]", "plain_to_item_json error path");
  auto ev = ddbx::decode_stream_event<seed::user>(R"({"Records":[{"eventName":"REMOVE","dynamodb":{"Keys":{}}}]})");
  check(ev && ev->records.size() == 1 && ev->records[0].event_name == ddbx::stream_operation::remove, "stream event");

  // batches over several tables: the writer dispatching by item type, the typed get, refusals
  struct order { std::string customer, id; long total = 0; };
  using orders_table = ddbx::table<order, &order::customer, &order::id>;
  std::string multi_body;
  ddbx::client multi{[&](std::string_view op, std::string_view b) -> ddbx::result<ddbx::http_response> {
    multi_body = std::string(b);
    if (op == "BatchGetItem")
      return ddbx::http_response{200, {}, R"({"Responses":{"orders":[{"customer":{"S":"ann"},"id":{"S":"o-1"},"total":{"N":"3"}}]}})"};
    return ddbx::http_response{200, {}, "{}"};
  }};
  auto orders = multi.table<orders_table>("orders");
  auto musers = multi.table<users_table>("users");
  {
    auto batch = multi.batch_writer(musers, orders);
    check(batch.put_item(u).has_value() && batch.put_item(order{"ann", "o-1", 3}).has_value(), "multi batch put");
    check(batch.delete_item<orders_table>({"ann", "o-2"}).has_value(), "multi batch delete");
    check(!batch.put_item(order{"", "o-3", 1}), "multi batch bad key refused");
    check(batch.close().has_value() && batch.written() == 3, "multi batch close");
    check(multi_body.find(R"("orders":[)") != std::string::npos, "multi batch body");
  }
  auto mget = multi.batch_get().get(orders, {{"ann", "o-1"}}).get(musers, {}).send();
  check(mget && std::get<0>(mget->items).size() == 1 && std::get<0>(mget->items)[0].total == 3, "multi batch get");
  auto mdup = multi.batch_get().get(orders, {{"ann", "o-1"}, {"ann", "o-1"}}).send();
  check(!mdup && mdup.error().path == "RequestItems.orders.Keys[1]", "multi batch get duplicate refused");

  std::printf("no-exceptions: %s\n", failed ? "failed" : "ok");
  return failed ? 1 : 0;
}
