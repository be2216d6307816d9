// A BatchGetItem response → batch_get_result (Responses of the table decoded into ddbx::item and
// into the seed-shaped struct, UnprocessedKeys, ConsumedCapacity).
#include "fuzz_common.hpp"
#include "ddbx/ops/batch_get_item.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  using request = ddbx::batch_get_item_request<fuzz::users_table>;
  auto a = request::parse<ddbx::item>(body, "users");
  auto b = request::parse<fuzz::user>(body, "users");
  auto c = request::parse<fuzz::user, fuzz::lenient_strict>(body, "users");
  if (a && b) {
    FUZZ_CHECK(a->items.size() == b->items.size(), "the same Responses decoded into %zu items and %zu structs",
               a->items.size(), b->items.size());
    FUZZ_CHECK(a->unprocessed == b->unprocessed, "UnprocessedKeys differ between two parses of one body");
  }
  const bool valid = fuzz::valid_json(body);
  FUZZ_CHECK((!a && !b && !c) || valid, "BatchGetItem parse accepted a body that is not valid JSON");
  return 0;
}
