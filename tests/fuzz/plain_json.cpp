// DynamoDB JSON ↔ plain JSON (ddbx/mapping/plain_json_decode.hpp). The input is tried both ways:
//  - as plain JSON (an item, and any value): whatever converts is valid DynamoDB JSON that decodes,
//    converts back to plain JSON and again to the same DynamoDB JSON (a fixed point), and reads back
//    through ddbx::item and write_plain_json to an equal item;
//  - as DynamoDB JSON: it converts exactly when decode_item<ddbx::item> accepts it, to valid JSON
//    that means what writing the decoded item as plain JSON means.
// Every conversion gives the same answer whatever bytes follow the input (fuzz::decode_padding_independent).
#include "fuzz_common.hpp"

#include "ddbx/mapping/plain_json_decode.hpp"

namespace {

std::string what(const ddbx::result<std::string>& r) { return r ? *r : "<" + r.error().what_text() + ">"; }

void as_plain(std::string_view input) {
  auto d1 = fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::plain_to_item_json(json); }, "plain_to_item_json");
  if (d1) {
    FUZZ_CHECK(fuzz::valid_json(*d1), "plain_to_item_json wrote invalid JSON: %s", d1->c_str());
    auto it = ddbx::decode_item<ddbx::item>(*d1);
    FUZZ_CHECK(it.has_value(), "plain_to_item_json wrote what does not decode: %s\n  %s", it ? "" : it.error().what_text().c_str(),
               d1->c_str());
    auto p2 = ddbx::item_json_to_plain(*d1);
    FUZZ_CHECK(p2.has_value(), "its own DynamoDB JSON does not convert back: %s", what(p2).c_str());
    FUZZ_CHECK(fuzz::valid_json(*p2), "item_json_to_plain wrote invalid JSON: %s", p2->c_str());
    auto d2 = ddbx::plain_to_item_json(*p2);
    FUZZ_CHECK(d2.has_value() && *d2 == *d1, "plain → DynamoDB → plain → DynamoDB changed it\n  first:  %s\n  second: %s",
               d1->c_str(), what(d2).c_str());
    auto w = ddbx::to_plain_json(*it);
    FUZZ_CHECK(w.has_value(), "write_plain_json refused a decoded item: %s", what(w).c_str());
    auto back = ddbx::from_plain_json<ddbx::item>(*w);
    FUZZ_CHECK(back.has_value() && *back == *it, "write_plain_json → from_plain_json changed the item\n  %s", w->c_str());
  }
  auto v1 = fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::plain_to_value_json(json); }, "plain_to_value_json");
  if (v1) {
    FUZZ_CHECK(fuzz::valid_json(*v1), "plain_to_value_json wrote invalid JSON: %s", v1->c_str());
    auto p = ddbx::value_json_to_plain(*v1);
    FUZZ_CHECK(p.has_value(), "its own AttributeValue does not convert back: %s", what(p).c_str());
    auto v2 = ddbx::plain_to_value_json(*p);
    FUZZ_CHECK(v2.has_value() && *v2 == *v1, "value round trip changed it\n  first:  %s\n  second: %s", v1->c_str(),
               what(v2).c_str());
    FUZZ_CHECK(ddbx::decode_value<ddbx::value>(*v1).has_value(), "plain_to_value_json wrote what does not decode: %s",
               v1->c_str());
  }
}

void as_dynamodb(std::string_view input) {
  auto p = fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::item_json_to_plain(json); }, "item_json_to_plain");
  auto dec = ddbx::decode_item<ddbx::item>(input);
  FUZZ_CHECK(p.has_value() == dec.has_value(), "item_json_to_plain gave %s, decode_item %s", fuzz::describe(p).c_str(),
             fuzz::describe(dec).c_str());
  if (!p) return;
  FUZZ_CHECK(fuzz::valid_json(*p), "item_json_to_plain wrote invalid JSON: %s", p->c_str());
  auto w = ddbx::to_plain_json(*dec);
  FUZZ_CHECK(w.has_value(), "write_plain_json refused a decoded item: %s", what(w).c_str());
  // The same meaning: N texts may differ (kept vs normalised) and names come in another order, so
  // both are read back as items.
  auto a = ddbx::from_plain_json<ddbx::item>(*p), b = ddbx::from_plain_json<ddbx::item>(*w);
  FUZZ_CHECK(a.has_value() == b.has_value() && (!a || *a == *b), "item_json_to_plain and write_plain_json differ\n  %s\n  %s",
             p->c_str(), w->c_str());
  // Reading it back fails only where plain JSON is stricter than DynamoDB JSON: an empty name at
  // the top, a set at the 32nd level (an array is a level).
  FUZZ_CHECK(a || a.error().code == ddbx::errc::invalid_name || a.error().code == ddbx::errc::nesting_too_deep,
             "plain JSON from DynamoDB JSON does not read back: %s\n  %s", a.error().what_text().c_str(), p->c_str());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  as_plain(input);
  as_dynamodb(input);
  return 0;
}
