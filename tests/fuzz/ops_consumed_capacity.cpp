// ConsumedCapacity wherever a response carries it: GetItem's parse, a write's parse
// (Attributes + ConsumedCapacity), a Query/Scan page's parse (the capacity captured raw while
// the page is decoded, then read), and consumed_capacity_in on its own.
#include "fuzz_common.hpp"
#include "ddbx/ops/get_item.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/query.hpp"

namespace {
void touch(const std::optional<ddbx::consumed_capacity>& c) {
  if (!c) return;
  double total = c->capacity_units + c->read_capacity_units + c->write_capacity_units + static_cast<double>(c->table_name.size());
  if (c->table) total += c->table->capacity_units;
  for (const auto& [name, cap] : c->global_secondary_indexes) total += cap.capacity_units + static_cast<double>(name.size());
  for (const auto& [name, cap] : c->local_secondary_indexes) total += cap.capacity_units + static_cast<double>(name.size());
  volatile double sink = total;
  (void)sink;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  const bool valid = fuzz::valid_json(body);
  // A parse that succeeds has read a JSON response (consumed_capacity_in alone does not parse a
  // body without "ConsumedCapacity", so it is not held to that).
  auto json_checked = [&](const auto& r, const char* what) {
    FUZZ_CHECK(!r.has_value() || valid, "%s accepted a body that is not valid JSON", what);
    if (r) touch(r->consumed_capacity);
  };
  if (auto c = ddbx::detail::consumed_capacity_in(body)) touch(*c);
  json_checked(ddbx::get_item_request<fuzz::users_table>::parse<fuzz::user, fuzz::lenient>(body), "get_item parse<user>");
  json_checked(ddbx::get_item_request<fuzz::users_table>::parse<ddbx::item>(body), "get_item parse<ddbx::item>");
  json_checked(ddbx::detail::parse_write_result<fuzz::user, fuzz::lenient>(body), "parse_write_result<user>");
  for (bool want : {false, true}) {
    json_checked(ddbx::detail::parse_query_result<ddbx::item, ddbx::decode_options{}>(body, want), "parse_query_result<ddbx::item>");
    json_checked(ddbx::detail::parse_query_result<fuzz::user, fuzz::lenient>(body, want), "parse_query_result<user>");
  }
  return 0;
}
