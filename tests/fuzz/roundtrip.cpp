// Round trip: whatever decodes re-encodes and decodes again to an equal value, or fails cleanly
// (an encode error: a value DynamoDB would refuse, e.g. nesting over 32 levels or an item over
// 400 KB). Checked for an item → ddbx::item, an item → the seed-shaped struct (default and
// lenient options), and one AttributeValue → ddbx::value. "Equal" allows what the encoder
// documents it drops: map entries and members holding an empty set. The re-encoding is also
// checked to be a fixed point (encoding the decoded re-encoding gives the same text).
#include "fuzz_common.hpp"

namespace {

template <class T>
std::string text_of(const T& v) {
  if constexpr (std::is_same_v<T, ddbx::value>) {
    std::string out;
    if (auto s = ddbx::encode_value(v, out); !s) return "<" + s.error().what_text() + ">";
    return out;
  } else {
    std::string out;
    if (auto s = ddbx::encode_item(v, out); !s) return "<" + s.error().what_text() + ">";
    return out;
  }
}

template <class T, ddbx::decode_options O, bool Item>
void round_trip(std::string_view input, const char* what) {
  auto decode = [](std::string_view json) {
    if constexpr (Item) return ddbx::decode_item<T, O>(json);
    else return ddbx::decode_value<T, O>(json);
  };
  auto encode = [](const T& v, std::string& out) {
    if constexpr (Item) return ddbx::encode_item(v, out);
    else return ddbx::encode_value(v, out);
  };

  auto first = decode(input);
  if (!first) return;  // refused cleanly
  T expected = *first;
  fuzz::normalise(expected);

  std::string once;
  auto s1 = encode(*first, once);
  if (!s1) {
    FUZZ_CHECK(once.empty(), "%s: a failed encode left %zu bytes in the buffer", what, once.size());
    return;  // refused cleanly
  }
  auto second = decode(once);
  FUZZ_CHECK(second.has_value(), "%s: the re-encoding does not decode: %s\n  re-encoding: %s", what,
             second ? "" : second.error().what_text().c_str(), once.c_str());
  FUZZ_CHECK(*second == expected, "%s: decoded, encoded and decoded again to another value\n  re-encoding: %s\n  encoding of the second decode: %s",
             what, once.c_str(), text_of(*second).c_str());

  std::string twice;
  auto s2 = encode(*second, twice);
  FUZZ_CHECK(s2.has_value(), "%s: the second decode does not encode: %s", what,
             s2 ? "" : s2.error().what_text().c_str());
  FUZZ_CHECK(twice == once, "%s: encoding is not a fixed point\n  first:  %s\n  second: %s", what, once.c_str(),
             twice.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  round_trip<ddbx::item, ddbx::decode_options{}, true>(input, "ddbx::item");
  round_trip<fuzz::user, ddbx::decode_options{}, true>(input, "user");
  round_trip<fuzz::user, fuzz::lenient, true>(input, "user (lenient_missing)");
  round_trip<ddbx::value, ddbx::decode_options{}, false>(input, "ddbx::value");
  return 0;
}
