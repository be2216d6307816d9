// One AttributeValue `{"T": …}` → ddbx::value (decode_value), and into typed targets (a number,
// a double, an integer, a string set, a binary, a time point, the nested struct). Property: the
// result does not depend on the bytes after the input.
#include "fuzz_common.hpp"

namespace {
template <class T>
void decode_as(std::string_view input, const char* what) {
  (void)fuzz::decode_padding_independent(input, [](const auto& json) { return ddbx::decode_value<T>(json); }, what);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  decode_as<ddbx::value>(input, "decode_value<ddbx::value>");
  decode_as<ddbx::number>(input, "decode_value<ddbx::number>");
  decode_as<double>(input, "decode_value<double>");
  decode_as<std::int64_t>(input, "decode_value<int64_t>");
  decode_as<std::set<std::string>>(input, "decode_value<set<string>>");
  decode_as<std::vector<ddbx::binary>>(input, "decode_value<vector<binary>>");
  decode_as<std::chrono::system_clock::time_point>(input, "decode_value<time_point>");
  decode_as<std::optional<fuzz::postal_address>>(input, "decode_value<optional<postal_address>>");
  return 0;
}
