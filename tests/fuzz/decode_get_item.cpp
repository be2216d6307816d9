// A GetItem response `{"Item":{…}}` → std::optional<T> (decode_get_item) for ddbx::item and the
// seed-shaped struct, and a write's `{"Attributes":{…}}` through decoder::item_member. Property:
// the result does not depend on the bytes after the input.
#include "fuzz_common.hpp"

namespace {
template <class T, ddbx::decode_options O>
void check(std::string_view input, const char* what) {
  (void)fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_get_item<T, O>(json); }, what);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  check<ddbx::item, ddbx::decode_options{}>(input, "decode_get_item<ddbx::item>");
  check<fuzz::user, ddbx::decode_options{}>(input, "decode_get_item<user>");
  check<fuzz::user, fuzz::lenient_strict>(input, "decode_get_item<user, lenient_missing+strict_unknown>");
  (void)fuzz::decode_padding_independent(
      input,
      [](const auto& json) {
        auto& d = ddbx::detail::thread_decoder();
        if constexpr (std::is_same_v<std::decay_t<decltype(json)>, std::string>)
          return d.item_member<fuzz::user, fuzz::lenient>(simdjson::padded_string_view(json.data(), json.size(), json.capacity()), "Attributes");
        else
          return d.item_member<fuzz::user, fuzz::lenient>(json, "Attributes");
      },
      "item_member<user, lenient_missing>(Attributes)");
  return 0;
}
