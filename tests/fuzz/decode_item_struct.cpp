// An item's attribute map → the seed-shaped struct fuzz::user (sets, doubles, ddbx::number,
// binary, a nested optional struct, vectors, enums, time_point, std::array, maps, renamed,
// skipped and long-named members), with every decode_options combination. Properties: the result
// does not depend on the bytes after the input; the interop options (null_as_default,
// sets_as_lists, rfc3339_times) only widen what is accepted: whatever the strict decode accepts,
// they accept as the same value.
#include "fuzz_common.hpp"

namespace {
template <ddbx::decode_options O>
void decode_with(std::string_view input, const char* what) {
  auto r = fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_item<fuzz::user, O>(json); }, what);
  if (r) {
    // Touch every member (so UBSan checks the loads, e.g. an enum outside its values).
    auto copy = *r;
    FUZZ_CHECK(copy == *r, "%s: a decoded struct differs from its copy", what);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  decode_with<ddbx::decode_options{}>(input, "decode_item<user>");
  decode_with<fuzz::strict>(input, "decode_item<user, strict_unknown>");
  decode_with<fuzz::lenient>(input, "decode_item<user, lenient_missing>");
  decode_with<fuzz::lenient_strict>(input, "decode_item<user, lenient_missing+strict_unknown>");
  constexpr ddbx::decode_options interop{
      .lenient_missing = true, .null_as_default = true, .sets_as_lists = true, .rfc3339_times = true};
  decode_with<interop>(input, "decode_item<user, interop>");
  auto narrow = ddbx::decode_item<fuzz::user, fuzz::lenient>(input);
  if (narrow) {
    auto wide = ddbx::decode_item<fuzz::user, interop>(input);
    FUZZ_CHECK(wide.has_value() && *wide == *narrow, "the interop options refuse or change an item the strict decode accepts: %s",
               wide ? "another value" : wide.error().what_text().c_str());
  }
  return 0;
}
