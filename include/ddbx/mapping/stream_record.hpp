#pragma once
// DynamoDB Streams records, typed: what a Lambda stream event, a DynamoDB Streams GetRecords answer
// or one record (also Kinesis Data Streams for DynamoDB's) decodes into, with NewImage and OldImage
// as your struct and Keys as an item or a key struct. The types only, without simdjson: decoding
// them from JSON text is ddbx/mapping/stream_record_decode.hpp.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbx/core/value.hpp"

namespace ddbx {

// eventName: what happened to the item.
enum class stream_operation : std::uint8_t { insert, modify, remove };
// StreamViewType: which images the stream writes.
enum class stream_view_type : std::uint8_t { keys_only, new_image, old_image, new_and_old_images };

constexpr std::string_view to_string(stream_operation o) noexcept {
  constexpr std::string_view names[] = {"INSERT", "MODIFY", "REMOVE"};
  return names[static_cast<int>(o)];
}
constexpr std::string_view to_string(stream_view_type v) noexcept {
  constexpr std::string_view names[] = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};
  return names[static_cast<int>(v)];
}

// userIdentity: who made the change, when it was not a request (TTL: "Service", "dynamodb.amazonaws.com").
struct stream_identity {
  std::string type;
  std::string principal_id;
  friend bool operator==(const stream_identity&, const stream_identity&) = default;
};

// One record. The members of the record's "dynamodb" object come after the record's own.
template <class T, class Key = item>
struct stream_record {
  std::string event_id;                              // eventID
  stream_operation event_name = stream_operation::insert;  // eventName
  std::string event_version;                         // eventVersion ("1.1")
  std::string event_source;                          // eventSource ("aws:dynamodb")
  std::string aws_region;                            // awsRegion
  std::string event_source_arn;                      // eventSourceARN (Lambda events only)
  std::string table_name;                            // tableName (Kinesis Data Streams records only)
  std::optional<stream_identity> user_identity;      // userIdentity (TTL deletions)

  Key keys{};                                        // dynamodb.Keys
  std::optional<T> new_image;                        // dynamodb.NewImage (NEW_IMAGE, NEW_AND_OLD_IMAGES; not on REMOVE)
  std::optional<T> old_image;                        // dynamodb.OldImage (OLD_IMAGE, NEW_AND_OLD_IMAGES; not on INSERT)
  std::string sequence_number;                       // dynamodb.SequenceNumber
  std::uint64_t size_bytes = 0;                      // dynamodb.SizeBytes
  std::optional<stream_view_type> view_type;         // dynamodb.StreamViewType
  // dynamodb.ApproximateCreationDateTime: epoch seconds (milli- or microseconds in Kinesis records,
  // per ApproximateCreationDateTimePrecision), read exactly.
  std::optional<std::chrono::system_clock::time_point> approximate_creation_time;

  // A deletion by Time to Live rather than by a request.
  bool is_ttl_delete() const {
    return event_name == stream_operation::remove && user_identity && user_identity->type == "Service" &&
           user_identity->principal_id == "dynamodb.amazonaws.com";
  }
  friend bool operator==(const stream_record&, const stream_record&) = default;
};

// A Lambda event or a GetRecords answer.
template <class T, class Key = item>
struct stream_event {
  std::vector<stream_record<T, Key>> records;
  // GetRecords only: where to read next; empty when the shard is closed (or in a Lambda event).
  std::optional<std::string> next_shard_iterator;
  friend bool operator==(const stream_event&, const stream_event&) = default;
};

}  // namespace ddbx
