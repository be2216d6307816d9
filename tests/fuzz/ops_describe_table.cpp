// DescribeTable / DeleteTable / CreateTable responses → ddbx::table_description (the parse of
// each request type; the table waiters read the same description).
#include "fuzz_common.hpp"
#include "ddbx/ops/create_table.hpp"
#include "ddbx/ops/describe_table.hpp"

namespace {
void touch(const ddbx::result<ddbx::table_description>& r, std::string_view body) {
  if (!r) return;
  FUZZ_CHECK(fuzz::valid_json(body), "a table description parsed from a body that is not valid JSON");
  const auto& d = *r;
  // Read everything back, as a caller printing the description would.
  std::size_t n = d.table_name.size() + d.table_arn.size() + d.table_status.size() + d.billing_mode.size();
  n += static_cast<std::size_t>(d.item_count + d.table_size_bytes);
  n += static_cast<std::size_t>(d.creation_date_time.time_since_epoch().count());
  for (const auto& k : d.key_schema) n += k.attribute_name.size() + k.key_type.size();
  for (const auto& a : d.attribute_definitions) n += a.attribute_name.size() + a.attribute_type.size();
  for (const auto& g : d.global_secondary_indexes) {
    n += g.index_name.size() + g.projection_type.size() + g.index_status.size() + g.non_key_attributes.size();
    if (g.throughput) n += static_cast<std::size_t>(g.throughput->read_capacity_units + g.throughput->write_capacity_units);
  }
  if (d.throughput) n += static_cast<std::size_t>(d.throughput->read_capacity_units);
  volatile std::size_t sink = n;
  (void)sink;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  touch(ddbx::describe_table_request::parse(body), body);
  touch(ddbx::delete_table_request::parse(body), body);
  touch(ddbx::create_table_request<fuzz::users_table>::parse(body), body);
  return 0;
}
