// Requests DynamoDB would refuse (or read otherwise than the call says) are refused before sending,
// naming what is wrong. Found by a review of eb26726 (F1-F11 there; F7, a table named once by name
// and once by ARN in a transaction, is left to the service): each case
// failed against eb26726.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <cmath>
#include <optional>
#include <string>

#include "ddbx/ddbx.hpp"

namespace ops_request_checks_test {
using namespace ddbx;

struct row { double id = 0; std::string v; };
using rows = table<row, &row::id>;
struct kv { std::string k, s; int n = 0; };
using kvs = table<kv, &kv::k, &kv::s>;
struct post { std::string forum, id; int votes = 0; std::optional<std::string> city; std::string title; };
using by_title = gsi<"by_title", &post::title>;
using by_city = gsi<"by_city", &post::city, &post::votes>;
using posts = table<post, &post::forum, &post::id, by_title, by_city>;
struct doc { std::string id; std::string text; long version = 0; bool locked = false; };
using docs = versioned<table<doc, &doc::id>, &doc::version>;

// The body, or "REFUSED: …".
template <class R>
std::string body(const R& r) {
  std::string b;
  auto s = r.append_body(b);
  if (!s) return "REFUSED: " + s.error().what_text();
  return b;
}
bool refused(const std::string& b) { return b.rfind("REFUSED: ", 0) == 0; }
bool is_json(const std::string& b) {
  simdjson::dom::parser p;
  simdjson::dom::element e;
  return !p.parse(b).get(e);
}
// A body ddbx sends must be JSON; one it refuses is fine.
#define CHECK_SENT_IS_JSON(b) CHECK_MESSAGE((refused(b) || is_json(b)), "sent: " << std::string(b).substr(0, 240))
#define CHECK_REFUSED(b) CHECK_MESSAGE(refused(b), "sent: " << std::string(b).substr(0, 240))

// F1: a key value whose encoding fails (NaN / out-of-range double, invalid UTF-8 string) is not
// refused: append_key ignores encode_value's error and sends `"id":}` — not JSON.
TEST_CASE("key values that cannot be encoded (NaN, 1e300, invalid UTF-8) are refused, naming the key") {
  const std::string nan_get = body(get_item_request<rows>("rows", {NAN}));
  const std::string big_delete = body(delete_item_request<rows>("rows", {1e300}));
  const std::string utf8_get = body(get_item_request<kvs>("kvs", {"a\xff", "b"}));
  transact_write_request t;
  t.delete_item<rows>("rows", {INFINITY});
  const std::string tx = body(t);
  query_request<rows> q("rows", key<&row::id> == 1.0);
  q.exclusive_start_key(primary_key<rows>{NAN});
  const std::string start = body(q);
  CHECK_SENT_IS_JSON(nan_get);
  CHECK_SENT_IS_JSON(big_delete);
  CHECK_SENT_IS_JSON(utf8_get);
  CHECK_SENT_IS_JSON(tx);
  CHECK_SENT_IS_JSON(start);
  CHECK_REFUSED(nan_get);
  CHECK_REFUSED(big_delete);
  CHECK_REFUSED(utf8_get);
  CHECK_REFUSED(tx);
  CHECK_REFUSED(start);
  CHECK(nan_get.find("id:") != std::string::npos);  // the error names the key attribute
  CHECK(utf8_get.find("invalid UTF-8") != std::string::npos);
  // The same root cause in key signatures: NaN and 1e300 were "the same key" of a BatchGetItem.
  batch_get_item_request<rows> g("rows");
  auto nan_key = g.key({NAN});
  REQUIRE_FALSE(nan_key.has_value());
  CHECK(nan_key.error().code == errc::number_not_finite);
  CHECK(g.key({1e300}).error().code == errc::number_out_of_range);
  CHECK(g.key({1.5}).has_value());
}

// F2: CreateTable .provisioned(0, 0) is sent as BillingMode PAY_PER_REQUEST (provisioned(0, 5)
// is refused, UpdateTable's provisioned(0, 0) is refused).
TEST_CASE("CreateTable: provisioned(0, 0) is refused, not made PAY_PER_REQUEST") {
  const std::string b = body(create_table_request<kvs>("kvs").provisioned(0, 0));
  CHECK(refused(body(create_table_request<kvs>("kvs").provisioned(0, 5))));
  CHECK(refused(body(update_table_request<kvs>("kvs").provisioned(0, 0))));
  CHECK_REFUSED(b);
}

// F3: a versioned put at version 0 whose own condition failed on an item that has NO version
// attribute (so the version's condition, attribute_not_exists(version), held) is reported as
// errc::version_conflict "an item with this key and a version exists already".
static std::string answer;
static result<std::string> fake(void*, std::string_view, std::string_view, body_check) {
  return parse_service_error(400, answer);
}
TEST_CASE("versioned put at version 0: a stored item without a version failed the caller's condition, not the version's") {
  answer = R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
           R"("message":"The conditional request failed","Item":{"id":{"S":"d1"},"text":{"S":"old"},"locked":{"BOOL":true}}})";
  sender via{nullptr, &fake};
  auto r = put_item_request<docs>("docs", doc{"d1", "new", 0, false}, via)
               .condition(attr<&doc::locked> == false)
               .return_values_on_condition_check_failure(return_values::all_old)
               .send();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code != errc::version_conflict);
  // Asked for the item at version 3 with ALL_OLD, and none came back: no item, so the version failed.
  answer = R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"})";
  auto gone = put_item_request<docs>("docs", doc{"d1", "new", 3, false}, via)
                  .condition(attr<&doc::locked> == false)
                  .return_values_on_condition_check_failure(return_values::all_old)
                  .send();
  REQUIRE_FALSE(gone.has_value());
  CHECK(gone.error().code == errc::version_conflict);
  // The same without ALL_OLD: which condition failed is not known, so no conflict is claimed.
  auto unsure = put_item_request<docs>("docs", doc{"d1", "new", 3, false}, via).condition(attr<&doc::locked> == false).send();
  CHECK(unsure.error().code == errc::service_error);
}

// F4: exclusive_start_key(std::nullopt) after a refused key keeps the refusal.
TEST_CASE("exclusive_start_key(nullopt) clears an earlier refused key") {
  query_request<kvs> q("kvs", key<&kv::k> == "x");
  q.exclusive_start_key(primary_key<kvs>{"", "Doe"});
  q.exclusive_start_key(std::optional<item>{});  // "empty starts from the beginning"
  const std::string b = body(q);
  CHECK_FALSE(refused(b));
}

// F5: empty / over-long / non-S-N-B key values in a Query's key condition are sent (DynamoDB:
// "The AttributeValue for a key attribute cannot contain an empty string value"); docs/operations.md
// lists empty or over-long key values among what is refused before sending.
TEST_CASE("Query key-condition values that are empty, too long or not S/N/B are refused") {
  const std::string typed_empty = body(query_request<kvs>("kvs", key<&kv::k> == ""));
  const std::string typed_long = body(query_request<kvs>("kvs", key<&kv::k> == "a" && key<&kv::s> == std::string(1025, 's')));
  item_key_names keys{"k", "s"};
  const std::string item_empty = body(item_query_request("kvs", {}, keys, value("")));
  const std::string item_bool = body(item_query_request("kvs", {}, keys, value(true)));
  CHECK_REFUSED(typed_empty);
  CHECK_REFUSED(typed_long);
  CHECK_REFUSED(item_empty);
  CHECK_REFUSED(item_bool);
}



// F8: ConsistentRead on a global secondary index is sent (DynamoDB: "Consistent reads are not
// supported on global secondary indexes"); the descriptor says the index is global.
TEST_CASE("an item whose index key is empty or too long is refused; an empty optional leaves it out of the index") {
  const post p{"f", "1", 1, std::string(""), "t"};  // by_city's key, engaged and empty
  const std::string put = body(put_item_request<posts>("posts", p));
  CHECK_REFUSED(put);
  CHECK(put.find("index by_city") != std::string::npos);
  batch_write_item_request<posts> b("posts");
  CHECK_FALSE(b.put(p).has_value());
  transact_write_request t;
  t.put_item<posts>("posts", p);
  CHECK_REFUSED(body(t));
  const post q{"f", "2", 1, std::string(2049, 'c'), "t"};
  CHECK_REFUSED(body(put_item_request<posts>("posts", q)));
  const post sparse{"f", "3", 1, std::nullopt, "t"};  // not in by_city
  CHECK_FALSE(refused(body(put_item_request<posts>("posts", sparse))));
  const post untitled{"f", "4", 1, std::nullopt, ""};  // by_title's key is a plain string: "" is refused
  CHECK_REFUSED(body(put_item_request<posts>("posts", untitled)));
}

TEST_CASE("ConsistentRead on a GSI query is refused") {
  const std::string qb = body(query_request<posts, by_title>("posts", key<&post::title> == "t").consistent_read());
  CHECK_REFUSED(qb);
  // (A scan names its index at run time: whether it is global is not known there.)
  CHECK_FALSE(refused(body(query_request<posts>("posts", key<&post::forum> == "f").consistent_read())));
}

// F9: a key condition's BETWEEN with inverted bounds is sent (a filter's BETWEEN refuses them);
// DynamoDB: "The BETWEEN operator requires upper bound to be greater than or equal to lower bound".
TEST_CASE("a key condition's BETWEEN with inverted bounds is refused") {
  const std::string filt = body(scan_request<kvs>("kvs").filter(between(attr<&kv::n>, 5, 1)));
  const std::string keyc = body(query_request<kvs>("kvs", key<&kv::k> == "a" && between(key<&kv::s>, "b", "a")));
  CHECK(refused(filt));
  CHECK_REFUSED(keyc);
  item_key_names keys{"k", "s"};
  CHECK_REFUSED(body(item_query_request("kvs", {}, keys, value("a"), between(sort_key, "b", "a"))));
}

// F10: UpdateTable with both ProvisionedThroughput and OnDemandThroughput (no BillingMode) is
// sent; no table can take both (with .provisioned() + on-demand maximums ddbx refuses it).
TEST_CASE("UpdateTable: ProvisionedThroughput and OnDemandThroughput together are refused") {
  const std::string b = body(update_table_request<kvs>("kvs").throughput(5, 5).on_demand_maximums({.max_read_request_units = 10}));
  CHECK(refused(body(update_table_request<kvs>("kvs").provisioned(5, 5).on_demand_maximums({.max_read_request_units = 10}))));
  CHECK_REFUSED(b);
}

// F11 (minor): GetItem's append_body leaves half a body in `out` when it refuses the key (the write
// requests restore `out`; their doc: "a refused request leaves `out` as it was").
TEST_CASE("GetItem: a refused key leaves the body as it was") {
  std::string out = "prefix:";
  auto s = get_item_request<kvs>("kvs", {"", "b"}).append_body(out);
  std::string out2 = "prefix:";
  auto s2 = delete_item_request<kvs>("kvs", {"", "b"}).append_body(out2);
  CHECK_FALSE(s.has_value());
  CHECK_FALSE(s2.has_value());
  CHECK(out2 == "prefix:");
  CHECK(out == "prefix:");
}

}  // namespace ops_request_checks_test
