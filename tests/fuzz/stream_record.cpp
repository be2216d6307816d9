// DynamoDB Streams records (ddbx/mapping/stream_record_decode.hpp): a Lambda event or GetRecords answer into
// stream_event<fuzz::user> (Keys as an item and as the table's key struct) and stream_event<ddbx::item>,
// one record into stream_record<ddbx::item>. Properties P and J (fuzz_common.hpp); an accepted event's
// images decode on their own as they did inside it.
#include "fuzz_common.hpp"

#include "ddbx/mapping/stream_record_decode.hpp"

namespace {

struct user_key {
  std::string username;
  std::string last_name;
  friend bool operator==(const user_key&, const user_key&) = default;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  (void)fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_stream_event<fuzz::user>(json); }, "stream_event<user>");
  (void)fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_stream_event<fuzz::user, user_key>(json); },
      "stream_event<user, user_key>");
  auto dynamic = fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_stream_event<ddbx::item>(json); }, "stream_event<item>");
  (void)fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_stream_record<ddbx::item>(json); }, "stream_record<item>");
  if (dynamic) {
    for (const auto& r : dynamic->records) {
      for (const auto* image : {&r.new_image, &r.old_image}) {
        if (!*image) continue;
        auto json = ddbx::encode_item<ddbx::encode_options{.check_item_size = false}>(**image);
        if (!json) continue;  // e.g. an empty set member, which encoding omits
        auto again = ddbx::decode_item<ddbx::item>(*json);
        FUZZ_CHECK(again.has_value(), "an image does not decode after encoding: %s", json->c_str());
      }
    }
  }
  return 0;
}
