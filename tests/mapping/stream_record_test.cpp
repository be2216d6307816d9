// DynamoDB Streams records (ddbx/mapping/stream_record_decode.hpp): the Lambda event and GetRecords shapes
// from the AWS documentation, typed images and keys, times read exactly, errors with the record's path.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "ddbx/mapping/stream_record_decode.hpp"

namespace {

struct message {
  int Id = 0;
  std::string Message;
  friend bool operator==(const message&, const message&) = default;
};
struct message_key {
  int Id = 0;
};
struct forum_key {
  std::string ForumName;
  std::string Subject;
};

// The Lambda event of the AWS Lambda developer guide ("Using AWS Lambda with Amazon DynamoDB"),
// with ApproximateCreationDateTime and a TTL deletion's userIdentity as the DynamoDB guide shows them.
constexpr std::string_view lambda_event = R"({
  "Records": [
    {
      "eventID": "1",
      "eventVersion": "1.0",
      "dynamodb": {
        "Keys": {"Id": {"N": "101"}},
        "NewImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
        "ApproximateCreationDateTime": 1479499740,
        "StreamViewType": "NEW_AND_OLD_IMAGES",
        "SequenceNumber": "111",
        "SizeBytes": 26
      },
      "awsRegion": "us-west-2",
      "eventName": "INSERT",
      "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899",
      "eventSource": "aws:dynamodb"
    },
    {
      "eventID": "2",
      "eventVersion": "1.0",
      "dynamodb": {
        "OldImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}},
        "SequenceNumber": "222",
        "Keys": {"Id": {"N": "101"}},
        "SizeBytes": 59,
        "NewImage": {"Message": {"S": "This item has changed"}, "Id": {"N": "101"}},
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "awsRegion": "us-west-2",
      "eventName": "MODIFY",
      "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899",
      "eventSource": "aws:dynamodb"
    },
    {
      "eventID": "3",
      "eventVersion": "1.1",
      "dynamodb": {
        "Keys": {"Id": {"N": "101"}},
        "SizeBytes": 38,
        "SequenceNumber": "333",
        "OldImage": {"Message": {"S": "This item has changed"}, "Id": {"N": "101"}},
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"},
      "awsRegion": "us-west-2",
      "eventName": "REMOVE",
      "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899",
      "eventSource": "aws:dynamodb"
    }
  ]
})";

// The GetRecords example of the DynamoDB Streams API reference (shortened).
constexpr std::string_view get_records = R"({
  "NextShardIterator": "arn:aws:dynamodb:us-west-2:111122223333:table/Forum/stream/2015-05-20T20:51:10.252|1|AAAAAAAAAAGQBYshYDEe",
  "Records": [
    {
      "awsRegion": "us-west-2",
      "dynamodb": {
        "ApproximateCreationDateTime": 1.46480646E9,
        "Keys": {"ForumName": {"S": "DynamoDB"}, "Subject": {"S": "DynamoDB Thread 3"}},
        "SequenceNumber": "300000000000000499659",
        "SizeBytes": 41,
        "StreamViewType": "KEYS_ONLY"
      },
      "eventID": "e2fd9c34eff2d779b297b26f5fef4206",
      "eventName": "INSERT",
      "eventSource": "aws:dynamodb",
      "eventVersion": "1.0"
    },
    {
      "awsRegion": "us-west-2",
      "dynamodb": {
        "ApproximateCreationDateTime": 1.46480527E9,
        "Keys": {"ForumName": {"S": "DynamoDB"}, "Subject": {"S": "DynamoDB Thread 1"}},
        "SequenceNumber": "400000000000000499660",
        "SizeBytes": 41,
        "StreamViewType": "KEYS_ONLY"
      },
      "eventID": "4b25bd0da9a181a155114127e4837252",
      "eventName": "MODIFY",
      "eventSource": "aws:dynamodb",
      "eventVersion": "1.0",
      "userIdentity": {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}
    }
  ]
})";

using namespace std::chrono;

}  // namespace

TEST_CASE("stream records: the Lambda event of the AWS docs, images into a struct") {
  auto ev = ddbx::decode_stream_event<message>(lambda_event);
  REQUIRE_MESSAGE(ev.has_value(), ev.error().what_text());
  REQUIRE(ev->records.size() == 3);
  CHECK_FALSE(ev->next_shard_iterator.has_value());

  const auto& ins = ev->records[0];
  CHECK(ins.event_id == "1");
  CHECK(ins.event_name == ddbx::stream_operation::insert);
  CHECK(ins.event_version == "1.0");
  CHECK(ins.event_source == "aws:dynamodb");
  CHECK(ins.aws_region == "us-west-2");
  CHECK(ins.event_source_arn.ends_with("/stream/2015-06-27T00:48:05.899"));
  CHECK(ins.keys.at("Id") == ddbx::value(101));
  REQUIRE(ins.new_image.has_value());
  CHECK(*ins.new_image == message{101, "New item!"});
  CHECK_FALSE(ins.old_image.has_value());
  CHECK(ins.sequence_number == "111");
  CHECK(ins.size_bytes == 26);
  CHECK(ins.view_type == ddbx::stream_view_type::new_and_old_images);
  CHECK(ins.approximate_creation_time == system_clock::time_point(seconds(1479499740)));
  CHECK_FALSE(ins.user_identity.has_value());
  CHECK_FALSE(ins.is_ttl_delete());

  const auto& mod = ev->records[1];
  CHECK(mod.event_name == ddbx::stream_operation::modify);
  CHECK(*mod.old_image == message{101, "New item!"});
  CHECK(*mod.new_image == message{101, "This item has changed"});
  CHECK_FALSE(mod.approximate_creation_time.has_value());

  const auto& rem = ev->records[2];
  CHECK(rem.event_name == ddbx::stream_operation::remove);
  CHECK_FALSE(rem.new_image.has_value());
  CHECK(*rem.old_image == message{101, "This item has changed"});
  CHECK(rem.user_identity == ddbx::stream_identity{"Service", "dynamodb.amazonaws.com"});
  CHECK(rem.is_ttl_delete());
  CHECK(ddbx::to_string(rem.event_name) == "REMOVE");

  // Keys into a key struct; the images as items.
  auto typed = ddbx::decode_stream_event<ddbx::item, message_key>(lambda_event);
  REQUIRE(typed.has_value());
  CHECK(typed->records[1].keys.Id == 101);
  CHECK(typed->records[1].new_image->at("Message") == ddbx::value("This item has changed"));
}

TEST_CASE("stream records: the GetRecords answer of the API reference") {
  auto ev = ddbx::decode_stream_event<ddbx::item, forum_key>(get_records);
  REQUIRE_MESSAGE(ev.has_value(), ev.error().what_text());
  CHECK(ev->next_shard_iterator.value().ends_with("|1|AAAAAAAAAAGQBYshYDEe"));
  REQUIRE(ev->records.size() == 2);
  CHECK(ev->records[0].keys.Subject == "DynamoDB Thread 3");
  CHECK(ev->records[0].view_type == ddbx::stream_view_type::keys_only);
  CHECK(ev->records[0].sequence_number == "300000000000000499659");
  CHECK_FALSE(ev->records[0].new_image.has_value());
  // 1.46480646E9 is read exactly: 1464806460 s.
  CHECK(ev->records[0].approximate_creation_time == system_clock::time_point(seconds(1464806460)));
  CHECK(ev->records[1].user_identity == ddbx::stream_identity{"Service", "dynamodb.amazonaws.com"});
  CHECK_FALSE(ev->records[1].is_ttl_delete());  // a MODIFY

  // A closed shard: NextShardIterator null.
  auto closed = ddbx::decode_stream_event<ddbx::item>(R"({"Records":[],"NextShardIterator":null})");
  REQUIRE(closed.has_value());
  CHECK(closed->records.empty());
  CHECK_FALSE(closed->next_shard_iterator.has_value());
}

TEST_CASE("stream records: one record, fractional and Kinesis times") {
  auto r = ddbx::decode_stream_record<message>(
      R"({"eventName":"INSERT","dynamodb":{"ApproximateCreationDateTime":1700000000.123456789,"NewImage":{"Id":{"N":"1"},"Message":{"S":"m"}}},"unknown":[1,{"x":null}]})");
  REQUIRE_MESSAGE(r.has_value(), r.error().what_text());
  CHECK(r->approximate_creation_time->time_since_epoch() ==
        duration_cast<system_clock::duration>(nanoseconds(1700000000123456789)));
  // Kinesis Data Streams for DynamoDB: milliseconds or microseconds, said by the precision member.
  auto k = ddbx::decode_stream_record<ddbx::item>(
      R"({"tableName":"t","eventName":"MODIFY","dynamodb":{"ApproximateCreationDateTime":1571849028123,"ApproximateCreationDateTimePrecision":"MILLISECOND","Keys":{}}})");
  REQUIRE_MESSAGE(k.has_value(), k.error().what_text());
  CHECK(k->table_name == "t");
  CHECK(k->approximate_creation_time == system_clock::time_point(milliseconds(1571849028123)));
  auto us = ddbx::decode_stream_record<ddbx::item>(
      R"({"eventName":"MODIFY","dynamodb":{"ApproximateCreationDateTimePrecision":"MICROSECOND","ApproximateCreationDateTime":1571849028123456}})");
  REQUIRE(us.has_value());
  CHECK(us->approximate_creation_time == system_clock::time_point(microseconds(1571849028123456)));
}

// Found by review: a time within int64 nanoseconds in its whole seconds but not with its
// fraction overflowed (undefined behaviour; a time in 1677) instead of being refused.
TEST_CASE("stream records: a creation time past int64 nanoseconds is refused, not wrapped") {
  auto r = ddbx::decode_stream_record<ddbx::item>(
      R"({"eventName":"INSERT","dynamodb":{"ApproximateCreationDateTime":9223372036.9,"Keys":{"id":{"S":"a"}}}})");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == ddbx::errc::malformed_response);
  auto last = ddbx::decode_stream_record<ddbx::item>(
      R"({"eventName":"INSERT","dynamodb":{"ApproximateCreationDateTime":9223372036.854775807,"Keys":{"id":{"S":"a"}}}})");
  REQUIRE_MESSAGE(last.has_value(), last.error().what_text());
  CHECK(last->approximate_creation_time->time_since_epoch().count() > 0);
}

TEST_CASE("stream records: errors name the record and the member") {
  std::string bad(lambda_event);
  bad.replace(bad.find(R"("Message": {"S": "This item has changed"})"), 9, R"("Id": {"S": "x"}, "Message")");
  auto e = ddbx::decode_stream_event<message>(bad);
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().code == ddbx::errc::type_mismatch);
  CHECK(e.error().path == "Records[1].dynamodb.NewImage.Id");
  CHECK(e.error().what_text() == "Records[1].dynamodb.NewImage.Id: expected N, got S");

  struct bad_case { std::string_view json; ddbx::errc code; std::string_view path; };
  for (const bad_case& c : std::initializer_list<bad_case>{
           {R"({"Records":[{"eventName":"INSERT","dynamodb":{"NewImage":{"Id":{"S":"1"}}}}]})", ddbx::errc::type_mismatch,
            "Records[0].dynamodb.NewImage.Id"},
           {R"({"Records":[{"eventName":"INSERT","dynamodb":{}},{"eventName":"UPSERT","dynamodb":{}}]})",
            ddbx::errc::malformed_response, "Records[1].eventName"},
           {R"({"Records":[{"dynamodb":{}}]})", ddbx::errc::missing_member, "Records[0].eventName"},
           {R"({"Records":[{"eventName":"REMOVE"}]})", ddbx::errc::missing_member, "Records[0].dynamodb"},
           {R"({"Records":[{"eventName":"REMOVE","dynamodb":{"StreamViewType":"ALL"}}]})", ddbx::errc::malformed_response,
            "Records[0].dynamodb.StreamViewType"},
           {R"({"Records":[{"eventName":"REMOVE","dynamodb":{"SizeBytes":-1}}]})", ddbx::errc::malformed_json,
            "Records[0].dynamodb.SizeBytes"},
           {R"({"Records":[{"eventName":"REMOVE","dynamodb":{"ApproximateCreationDateTime":"2024"}}]})",
            ddbx::errc::malformed_json, "Records[0].dynamodb.ApproximateCreationDateTime"},
           {R"({"Records":[{"eventName":"REMOVE","dynamodb":{"ApproximateCreationDateTime":-5}}]})",
            ddbx::errc::malformed_response, "Records[0].dynamodb.ApproximateCreationDateTime"},
           {R"({"Records":[{"eventName":"REMOVE","dynamodb":{"ApproximateCreationDateTime":1E+40}}]})",
            ddbx::errc::malformed_response, "Records[0].dynamodb.ApproximateCreationDateTime"},
           {R"({"Records":[{"eventName":"REMOVE","dynamodb":{"Keys":{},"Keys":{}}}]})", ddbx::errc::duplicate_attribute,
            "Records[0].dynamodb.Keys"},
           {R"({"Records":[1]})", ddbx::errc::malformed_json, "Records[0]"},
           {R"({"records":[]})", ddbx::errc::missing_member, "Records"},
           {R"({"Records":[],"x":[1,]})", ddbx::errc::malformed_json, ""},
           {R"({"Records":[]} [])", ddbx::errc::malformed_json, ""},
       }) {
    auto r = ddbx::decode_stream_event<message>(c.json);
    REQUIRE_MESSAGE(!r.has_value(), c.json);
    CHECK_MESSAGE(r.error().code == c.code, c.json, " ", r.error().what_text());
    if (!c.path.empty()) CHECK_MESSAGE(r.error().path == c.path, c.json, " ", r.error().what_text());
  }
}

TEST_CASE("stream records: a null NewImage or OldImage reads as absent, as botocore reads it") {
  auto ev = ddbx::decode_stream_event<ddbx::item>(
      R"J({"Records":[{"eventName":"REMOVE","dynamodb":{"Keys":{"Id":{"N":"101"}},"NewImage":null,"OldImage":null}}],"NextShardIterator":null})J");
  REQUIRE_MESSAGE(ev.has_value(), ev.error().what_text());
  REQUIRE(ev->records.size() == 1);
  CHECK_FALSE(ev->records[0].new_image.has_value());
  CHECK_FALSE(ev->records[0].old_image.has_value());
  CHECK_FALSE(ev->next_shard_iterator.has_value());
}
