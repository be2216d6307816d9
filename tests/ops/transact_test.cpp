// TransactWriteItems / TransactGetItems bodies (golden), what they refuse before sending, their
// answers, the details of service errors (cancellation reasons, the item of a failed condition,
// throttling reasons), ReturnValuesOnConditionCheckFailure, table ARNs and the retry verdicts.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "ddbx/client/client.hpp"
#include "ddbx/ops/error_details.hpp"
#include "ddbx/ops/list_tables.hpp"
#include "ddbx/ops/time_to_live.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/transact_get_items.hpp"
#include "ddbx/ops/transact_write_items.hpp"

// Everything in a namespace of its own: the program is compiled as one file (Meson's unity
// build), and helpers of the same name in other test files must not collide.
namespace ops_transact_test {

using namespace ddbx;

namespace {
struct order {
  std::string customer, id;
  long total = 0;
  std::optional<std::string> note;
};
struct account {
  std::string owner;
  long balance = 0;
};
struct order_total {
  std::string id;
  long total = 0;
};
using orders = table<order, &order::customer, &order::id>;
using accounts = table<account, &account::owner>;

template <class R>
std::string body_of(const R& r) {
  std::string b;
  auto s = r.append_body(b);
  REQUIRE_MESSAGE(s.has_value(), (s ? "" : s.error().what_text()));
  return b;
}
template <class R>
error refusal_of(const R& r) {
  std::string b = "untouched";
  auto s = r.append_body(b);
  REQUIRE_FALSE(s.has_value());
  CHECK(b == "untouched");
  return s.error();
}
}  // namespace

TEST_CASE("TransactWriteItems: every action kind, one placeholder namespace per action, the token") {
  auto t = transact_write_request{}
               .put_item<orders>("orders", {"ann", "o-1", 1250, {}}, attribute_not_exists(attr<&order::id>),
                                 return_values::all_old)
               .update_item<accounts>("accounts", {"ann"}, set(attr<&account::balance>, attr<&account::balance> - 1250),
                                      attr<&account::balance> >= 1250)
               .delete_item<orders>("orders", {"ann", "o-0"})
               .condition_check<accounts>("accounts", {"bob"}, attribute_exists(attr<&account::owner>))
               .client_request_token("token-1")
               .return_consumed_capacity(return_consumed_capacity::total)
               .return_item_collection_metrics();
  CHECK(body_of(t) ==
        R"j({"TransactItems":[)j"
        R"j({"Put":{"TableName":"orders","Item":{"customer":{"S":"ann"},"id":{"S":"o-1"},"total":{"N":"1250"}},"ConditionExpression":"attribute_not_exists(#0)","ExpressionAttributeNames":{"#0":"id"},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},)j"
        R"j({"Update":{"TableName":"accounts","Key":{"owner":{"S":"ann"}},"ConditionExpression":"#0 >= :0","UpdateExpression":"SET #0 = #0 - :0","ExpressionAttributeNames":{"#0":"balance"},"ExpressionAttributeValues":{":0":{"N":"1250"}}}},)j"
        R"j({"Delete":{"TableName":"orders","Key":{"customer":{"S":"ann"},"id":{"S":"o-0"}}}},)j"
        R"j({"ConditionCheck":{"TableName":"accounts","Key":{"owner":{"S":"bob"}},"ConditionExpression":"attribute_exists(#0)","ExpressionAttributeNames":{"#0":"owner"}}}],)j"
        R"j("ClientRequestToken":"token-1","ReturnConsumedCapacity":"TOTAL","ReturnItemCollectionMetrics":"SIZE"})j");
}

TEST_CASE("TransactWriteItems: a fresh UUID token per request, kept for every send of that request") {
  transact_write_request a, b;
  const std::string ta = a.client_request_token();
  CHECK(ta.size() == 36);
  CHECK(ta[8] == '-');
  CHECK(ta[14] == '4');  // version 4
  CHECK(std::string("89ab").find(ta[19]) != std::string::npos);
  CHECK(ta != b.client_request_token());
  a.put_item<accounts>("accounts", {"ann", 1});
  const std::string body1 = body_of(a), body2 = body_of(a);
  CHECK(body1 == body2);
  CHECK(body1.find("\"ClientRequestToken\":\"" + ta + "\"") != std::string::npos);
  std::set<std::string> many;
  for (int i = 0; i < 1000; ++i) many.insert(transact_write_request{}.client_request_token());
  CHECK(many.size() == 1000);
}

TEST_CASE("TransactWriteItems: refused before sending, naming the action") {
  SUBCASE("nothing") { CHECK(refusal_of(transact_write_request{}).path == "TransactItems"); }
  SUBCASE("101 actions") {
    transact_write_request t;
    for (int i = 0; i < 101; ++i) t.put_item<accounts>("accounts", {"a" + std::to_string(i), i});
    auto e = refusal_of(t);
    CHECK(e.path == "TransactItems");
    CHECK(e.message.find("at most 100") != std::string::npos);
  }
  SUBCASE("two actions on one item") {
    auto e = refusal_of(transact_write_request{}
                            .put_item<accounts>("accounts", {"ann", 1})
                            .condition_check<accounts>("accounts", {"ann"}, attr<&account::balance> > 0));
    CHECK(e.path == "TransactItems[1].ConditionCheck");
    CHECK(e.message.find("action 0") != std::string::npos);
  }
  SUBCASE("the same key in two tables is two items") {
    auto t = transact_write_request{}.put_item<accounts>("accounts", {"ann", 1}).put_item<accounts>("accounts2", {"ann", 1});
    CHECK_FALSE(body_of(t).empty());
  }
  SUBCASE("a bad item, a bad key, a bad table") {
    auto bad_utf8 = refusal_of(transact_write_request{}.put_item<orders>("orders", {"ann", "o-1", 1, "\xff"}));
    CHECK(bad_utf8.path == "TransactItems[0].Put.Item.note");
    auto empty_key = refusal_of(transact_write_request{}.delete_item<orders>("orders", {"ann", ""}));
    CHECK(empty_key.path == "TransactItems[0].Delete.Key.id");
    auto bad_table = refusal_of(transact_write_request{}.delete_item<accounts>("a b", {"ann"}));
    CHECK(bad_table.path == "TransactItems[0].Delete.TableName");
  }
  SUBCASE("ReturnValuesOnConditionCheckFailure other than ALL_OLD") {
    auto e = refusal_of(transact_write_request{}.put_item<accounts>("accounts", {"ann", 1}, attr<&account::balance> > 0,
                                                                      return_values::all_new));
    CHECK(e.path == "TransactItems[0].Put.ReturnValuesOnConditionCheckFailure");
  }
  SUBCASE("items over 4 MB together") {
    transact_write_request t;
    for (int i = 0; i < 11; ++i) t.put_item<orders>("orders", {"ann", "o" + std::to_string(i), 1, std::string(390000, 'x')});
    auto e = refusal_of(t);
    CHECK(e.path == "TransactItems");
    CHECK(e.message.find("4 MB") != std::string::npos);
  }
  SUBCASE("a token too long") {
    auto e = refusal_of(transact_write_request{}.put_item<accounts>("accounts", {"ann", 1}).client_request_token(std::string(37, 'x')));
    CHECK(e.path == "ClientRequestToken");
  }
}

TEST_CASE("TransactWriteItems: the answer") {
  auto r = transact_write_request::parse(
      R"j({"ConsumedCapacity":[{"TableName":"orders","CapacityUnits":4.0,"WriteCapacityUnits":4.0}],"ItemCollectionMetrics":{"orders":[]}})j");
  REQUIRE(r);
  REQUIRE(r->consumed_capacity.size() == 1);
  CHECK(r->consumed_capacity[0].capacity_units == 4.0);
  CHECK(r->item_collection_metrics_json == R"j({"orders":[]})j");
  CHECK(transact_write_request::parse("{}").has_value());
  CHECK_FALSE(transact_write_request::parse(R"j({"ConsumedCapacity":{}})j").has_value());
}

TEST_CASE("TransactGetItems: typed gets in order, projections, the answer as a tuple") {
  auto t = transact_get_request<>{}
               .get<orders>("orders", {"ann", "o-1"})
               .get<orders, order_total>("orders", {"ann", "o-2"}, project<&order::id, &order::total>)
               .get<accounts>("accounts", {"ann"});
  static_assert(std::is_same_v<decltype(t), transact_get_request<order, order_total, account>>);
  CHECK(body_of(t) ==
        R"j({"TransactItems":[{"Get":{"TableName":"orders","Key":{"customer":{"S":"ann"},"id":{"S":"o-1"}}}},)j"
        R"j({"Get":{"TableName":"orders","Key":{"customer":{"S":"ann"},"id":{"S":"o-2"}},"ProjectionExpression":"#0, #1","ExpressionAttributeNames":{"#0":"id","#1":"total"}}},)j"
        R"j({"Get":{"TableName":"accounts","Key":{"owner":{"S":"ann"}}}}]})j");
  auto r = decltype(t)::parse(
      R"j({"Responses":[{"Item":{"customer":{"S":"ann"},"id":{"S":"o-1"},"total":{"N":"5"}}},{},{"Item":{"owner":{"S":"ann"},"balance":{"N":"7"}}}]})j");
  REQUIRE_MESSAGE(r, (r ? "" : r.error().what_text()));
  auto& [o, ot, a] = r->items;
  REQUIRE(o);
  CHECK(o->total == 5);
  CHECK_FALSE(ot);
  REQUIRE(a);
  CHECK(a->balance == 7);

  auto wrong_count = decltype(t)::parse(R"j({"Responses":[{},{}]})j");
  REQUIRE_FALSE(wrong_count);
  CHECK(wrong_count.error().code == errc::malformed_response);
  auto wrong_type = decltype(t)::parse(R"j({"Responses":[{},{},{"Item":{"owner":{"S":"ann"},"balance":{"S":"7"}}}]})j");
  REQUIRE_FALSE(wrong_type);
  CHECK(wrong_type.error().path == "Responses[2].Item.balance");
  auto twice = refusal_of(transact_get_request<>{}.get<accounts>("accounts", {"ann"}).get<accounts>("accounts", {"ann"}));
  CHECK(twice.path == "TransactItems[1].Get");
}

TEST_CASE("service error details: cancellation reasons, the failed condition's item, throttling reasons") {
  error cancelled = parse_service_error(
      400,
      R"j({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",)j"
      R"j("CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"owner":{"S":"ann"},"balance":{"N":"3"}}}]})j");
  CHECK(cancelled.aws_code == "TransactionCanceledException");
  CHECK_FALSE(cancelled.retryable);
  auto reasons = cancellation_reasons(cancelled);
  REQUIRE(reasons);
  REQUIRE(reasons->size() == 2);
  CHECK_FALSE((*reasons)[0].failed());
  CHECK((*reasons)[1].code == "ConditionalCheckFailed");
  auto item = (*reasons)[1].item<account>();
  REQUIRE(item);
  REQUIRE(*item);
  CHECK((*item)->balance == 3);
  CHECK((*reasons)[0].item<account>().value() == std::nullopt);

  error bad_reasons = parse_service_error(
      400, R"j({"__type":"x#TransactionCanceledException","message":"m","CancellationReasons":[{"Message":"no code"}]})j");
  auto br = cancellation_reasons(bad_reasons);
  REQUIRE_FALSE(br);
  CHECK(br.error().path == "CancellationReasons[0].Code");

  error failed = parse_service_error(
      400, R"j({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"owner":{"S":"ann"},"balance":{"N":"9"}}})j");
  auto current = condition_check_item<account>(failed);
  REQUIRE(current);
  REQUIRE(*current);
  CHECK((*current)->balance == 9);
  error plain = parse_service_error(400, R"j({"__type":"x#ConditionalCheckFailedException","message":"The conditional request failed"})j");
  CHECK(plain.details.empty());
  CHECK(condition_check_item<account>(plain).value() == std::nullopt);

  error throttled = parse_service_error(
      400, R"j({"__type":"x#ThrottlingException","message":"slow","ThrottlingReasons":[{"reason":"TableReadProvisionedThroughputExceeded","resource":"arn:aws:dynamodb:us-east-1:123456789012:table/t"}]})j");
  CHECK(throttled.retryable);
  auto tr = throttling_reasons(throttled);
  REQUIRE(tr);
  REQUIRE(tr->size() == 1);
  CHECK((*tr)[0].reason == "TableReadProvisionedThroughputExceeded");
}

TEST_CASE("ThrottlingException's reasons are throttlingReasons in DynamoDB's service model (botocore_responses)") {
  error throttled = parse_service_error(
      400, R"j({"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Throughput exceeds the current capacity",)j"
           R"j("throttlingReasons":[{"reason":"TableWriteKeyRangeThroughputExceeded","resource":"arn:aws:dynamodb:us-east-1:123456789012:table/t"}]})j");
  CHECK_FALSE(throttled.details.empty());
  auto tr = throttling_reasons(throttled);
  REQUIRE(tr);
  REQUIRE(tr->size() == 1);
  CHECK((*tr)[0].reason == "TableWriteKeyRangeThroughputExceeded");
  CHECK((*tr)[0].resource == "arn:aws:dynamodb:us-east-1:123456789012:table/t");
  error bad = parse_service_error(400, R"j({"__type":"x#ThrottlingException","throttlingReasons":[{"reason":1}]})j");
  REQUIRE_FALSE(throttling_reasons(bad));
  CHECK(throttling_reasons(bad).error().path == "throttlingReasons[0].reason");
}

TEST_CASE("retry verdicts for transactions follow botocore (and DynamoDB's error table)") {
  CHECK(is_retryable("TransactionInProgressException", 400));
  CHECK(is_retryable("ReplicatedWriteConflictException", 409));
  CHECK(is_retryable("TransactionConflictException", 400));
  CHECK_FALSE(is_retryable("TransactionCanceledException", 400));
  CHECK_FALSE(is_retryable("IdempotentParameterMismatchException", 400));
}

TEST_CASE("ReturnValuesOnConditionCheckFailure on PutItem") {
  auto p = put_item_request<accounts>("accounts", {"ann", 1})
               .condition(attribute_not_exists(attr<&account::owner>))
               .return_values_on_condition_check_failure(return_values::all_old);
  CHECK(body_of(p).find(R"j("ReturnValuesOnConditionCheckFailure":"ALL_OLD")j") != std::string::npos);
  auto bad = put_item_request<accounts>("accounts", {"ann", 1}).return_values_on_condition_check_failure(return_values::all_new);
  CHECK(refusal_of(bad).path == "ReturnValuesOnConditionCheckFailure");
}

TEST_CASE("table ARNs wherever a table name goes") {
  const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/accounts";
  CHECK(body_of(put_item_request<accounts>(arn, {"ann", 1})).find("\"TableName\":\"" + arn + "\"") != std::string::npos);
  CHECK_FALSE(body_of(transact_write_request{}.put_item<accounts>(arn, {"ann", 1})).empty());
  CHECK(refusal_of(put_item_request<accounts>("arn:aws:s3:::bucket", {"ann", 1})).path == "TableName");
  CHECK(refusal_of(put_item_request<accounts>("arn:aws:dynamodb:us-east-1:1:table/a b", {"ann", 1})).path ==
        "TableName");
  CHECK(refusal_of(put_item_request<accounts>("arn:aws:dynamodb:us-east-1:1:table/x\"y", {"ann", 1})).path == "TableName");
  CHECK(refusal_of(put_item_request<accounts>("arn:" + std::string(1100, 'a'), {"ann", 1})).path == "TableName");
}

namespace {
struct session {
  std::string id;
  epoch_seconds expires;
  std::optional<long> purge_at;
};
using sessions = table<session, &session::id>;
}  // namespace

TEST_CASE("UpdateTimeToLive / DescribeTimeToLive: bodies from a member, answers") {
  CHECK(body_of(update_time_to_live_request::of<&session::expires, sessions>("sessions", true)) ==
        R"j({"TableName":"sessions","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"}})j");
  CHECK(body_of(update_time_to_live_request::of<&session::purge_at, sessions>("sessions", false)).find(R"j("Enabled":false)j") !=
        std::string::npos);
  CHECK(body_of(describe_time_to_live_request("sessions")) == R"j({"TableName":"sessions"})j");
  auto d = describe_time_to_live_request::parse(R"j({"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED","AttributeName":"expires"}})j");
  REQUIRE(d);
  CHECK(d->status == "ENABLED");
  CHECK(d->attribute_name == "expires");
  auto missing = describe_time_to_live_request::parse(R"j({"TimeToLiveDescription":{"AttributeName":"x"}})j");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().path == "TimeToLiveDescription.TimeToLiveStatus");
  CHECK(refusal_of(update_time_to_live_request("sessions", "", true)).path == "TimeToLiveSpecification.AttributeName");
}

TEST_CASE("ListTables: body, answer, limits") {
  CHECK(body_of(list_tables_request{}) == "{}");
  CHECK(body_of(list_tables_request{}.limit(10).exclusive_start_table_name("orders")) ==
        R"j({"ExclusiveStartTableName":"orders","Limit":10})j");
  CHECK(refusal_of(list_tables_request{}.limit(0)).path == "Limit");
  CHECK(refusal_of(list_tables_request{}.limit(101)).path == "Limit");
  auto r = list_tables_request::parse(R"j({"TableNames":["a1","b2"],"LastEvaluatedTableName":"b2"})j");
  REQUIRE(r);
  CHECK(r->table_names == std::vector<std::string>{"a1", "b2"});
  CHECK(r->last_evaluated_table_name == std::optional<std::string>("b2"));
  auto bad = list_tables_request::parse(R"j({"TableNames":["a1",2]})j");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().path == "TableNames[1]");
}

}  // namespace ops_transact_test
