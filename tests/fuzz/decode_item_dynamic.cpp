// An item's attribute map → ddbx::item (decode_item<ddbx::item>), and a JSON array of items →
// std::vector<ddbx::item> (decode_items). Property: the result does not depend on the bytes
// after the input (zero padding, garbage in a std::string's spare capacity, a reused buffer).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  (void)fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_item<ddbx::item>(json); }, "decode_item<ddbx::item>");
  (void)fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_items<ddbx::item>(json); }, "decode_items<ddbx::item>");
  return 0;
}
