// A BatchWriteItem response → batch_write_result (UnprocessedItems of the table, re-encoded keys,
// ConsumedCapacity), for a table with a hash and a range key.
#include "fuzz_common.hpp"
#include "ddbx/ops/batch_write_item.hpp"

namespace {
struct blob_row {
  ddbx::binary id;
  long long n = 0;
};
using blobs = ddbx::table<blob_row, &blob_row::id>;

template <class Table>
void parse(std::string_view body, std::string_view table) {
  auto r = ddbx::batch_write_item_request<Table>::parse(body, table);
  if (!r) return;
  FUZZ_CHECK(fuzz::valid_json(body), "BatchWriteItem parse accepted a body that is not valid JSON");
  for (const auto& e : r->unprocessed) FUZZ_CHECK(!e.json.empty(), "an unprocessed entry without JSON");
  for (const auto& c : r->consumed_capacity) (void)c.table_name.size();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  parse<fuzz::users_table>(body, "users");
  parse<blobs>(body, "blobs");
  return 0;
}
