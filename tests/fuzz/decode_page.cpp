// A Query/Scan response page → ddbx::page<T> (decode_page) for ddbx::item and the seed-shaped
// struct, and decoder::query_page over a page reused from an earlier response (the paginator's
// path, which decodes over the items already there), and by decoders that parse long pages a
// window of items at a time. Properties: the result does not depend on the bytes after the input,
// decoding over a reused page gives what a fresh decode gives, and windows of any size give what
// the page parsed whole gives (the same page, or the same error).
#include "fuzz_common.hpp"

namespace {

// A page the reused decode starts from: items of every shape, a key, a capacity.
// Every item has every required member of fuzz::user, so the page decodes with each option.
constexpr std::string_view warm_page = R"({"Items":[
  {"username":{"S":"janedoe"},"firstName":{"S":"Jane"},"last_name":{"S":"Doe"},"age":{"N":"25"},
   "account_type":{"S":"standard_user"},"address":{"M":{"road":{"S":"1 Jefferson Street"},"city":{"S":"Los Angeles"},
   "state":{"S":"CA"},"zipcode":{"N":"90001"},"lines":{"L":[{"S":"a"},{"S":"b"}]}}},"tags":{"L":[{"S":"x"},{"S":"y"}]},
   "scores":{"L":[{"N":"1.5"}]},"string_set":{"SS":["a","b"]},"number_set":{"NS":["1","2"]},"binary_set":{"BS":["AA=="]},
   "ratio":{"N":"0.25"},"weight":{"N":"70.5"},"balance":{"N":"12345678901234567890.5"},"avatar":{"B":"AP8="},
   "raw":{"B":"AQID"},"active":{"BOOL":true},"level":{"N":"3"},"big":{"N":"-9223372036854775808"},
   "ubig":{"N":"18446744073709551615"},"kind":{"N":"2"},"plain":{"N":"1"},"created":{"S":"2024-06-01T12:34:56.789000000Z"},
   "expires":{"N":"1717245296"},"triple":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"counters":{"M":{"a":{"N":"1"}}},
   "attributes":{"M":{"k":{"L":[{"NULL":true},{"BOOL":false},{"SS":["s"]}]}}},
   "history":{"L":[{"M":{"road":{"S":"r"},"city":{"S":"c"},"state":{"S":"s"},"zipcode":{"N":"1"}}},
                   {"M":{"road":{"S":"r2"},"city":{"S":"c2"},"state":{"S":"s2"},"zipcode":{"N":"2"},"lines":{"L":[]}}}]},
   "matrix":{"L":[{"L":[{"N":"1"},{"N":"2"}]},{"L":[]}]},"verified":{"BOOL":true},
   "an_attribute_name_longer_than_sixty_four_bytes_so_key_matching_reads_far_past_short_keys":{"S":"long"},
   "nick \"name\"\u00e9":{"S":"nick"},"motto":{"S":"carpe diem"}},
  {"username":{"S":"johndoe"},"firstName":{"S":"John"},"last_name":{"S":"Doe"},"age":{"N":"40"},"account_type":{"S":"x"},
   "ratio":{"N":"-1"},"weight":{"N":"0"},"balance":{"N":"0"},"avatar":{"B":""},"raw":{"B":"AA=="},"active":{"BOOL":false},
   "level":{"N":"0"},"big":{"N":"1"},"ubig":{"N":"2"},"kind":{"N":"0"},"plain":{"N":"2"},
   "created":{"S":"1970-01-01T00:00:00Z"},"expires":{"N":"0"},"triple":{"L":[{"N":"7"},{"N":"8"},{"N":"9"}]},
   "counters":{"M":{}},"attributes":{"M":{"deep":{"M":{"l":{"L":[{"N":"1"},{"B":"AA=="}]}}}}},
   "history":{"L":[{"M":{"road":{"S":""},"city":{"S":""},"state":{"S":""},"zipcode":{"N":"0"}}}]},
   "matrix":{"L":[]},"an_attribute_name_longer_than_sixty_four_bytes_so_key_matching_reads_far_past_short_keys":{"S":""},
   "extra":{"S":"not a member"}}],
 "Count":2,"ScannedCount":10,"LastEvaluatedKey":{"username":{"S":"johndoe"},"last_name":{"S":"Doe"}},
 "ConsumedCapacity":{"TableName":"users","CapacityUnits":0.5}})";

template <class T, ddbx::decode_options O>
void check_page(std::string_view input, const char* what) {
  auto fresh = fuzz::decode_padding_independent(
      input, [](const auto& json) { return ddbx::decode_page<T, O>(json); }, what);

  // Over a reused page, the way the paginator reads page after page. The warm page is decoded
  // once per type and copied for each input (decoding it every time cost most of each run).
  auto& decoder = ddbx::detail::thread_decoder();
  static const ddbx::page<T> warmed = [&] {
    ddbx::page<T> p;
    auto warm = decoder.template query_page<T, O>(warm_page, p);
    FUZZ_CHECK(warm.has_value(), "%s: the warm-up page does not decode: %s", what,
               warm ? "" : warm.error().what_text().c_str());
    return p;
  }();
  ddbx::page<T> reused = warmed;
  auto again = decoder.template query_page<T, O>(fuzz::padded_buffer(input).view(), reused);
  FUZZ_CHECK(again.has_value() == fresh.has_value(), "%s: fresh decode %s, over a reused page %s", what,
             fuzz::describe(fresh).c_str(), again ? "success" : again.error().what_text().c_str());
  if (fresh) {
    FUZZ_CHECK(fuzz::same_page(*fresh, reused), "%s: decoding over a reused page gave another page", what);
  } else {
    FUZZ_CHECK(reused.items.empty() && reused.count == 0 && !reused.last_evaluated_key,
               "%s: a reused page is not empty after an error", what);
    // The same error, at the same path: decoding over old items (in place, or through their
    // nodes as spares) must not change what is reported, or where.
    FUZZ_CHECK(again.error().what_text() == fresh.error().what_text(), "%s: over a reused page %s, fresh %s", what,
               again.error().what_text().c_str(), fresh.error().what_text().c_str());
  }

  // A window of a few items, of one item (or less), and over the reused page.
  for (std::size_t window : {std::size_t{0}, std::size_t{64}, std::size_t{700}}) {
    ddbx::decoder windowed(window);
    auto got = windowed.template query_page<T, O>(input);
    FUZZ_CHECK(got.has_value() == fresh.has_value() &&
                   (got ? fuzz::same_page(*fresh, *got) : got.error().what_text() == fresh.error().what_text()),
               "%s: windows of %zu bytes gave %s, the page whole %s", what, window, fuzz::describe(got).c_str(),
               fuzz::describe(fresh).c_str());
    ddbx::page<T> over = warmed;
    auto again_windowed = windowed.template query_page<T, O>(input, over);
    FUZZ_CHECK(again_windowed.has_value() == fresh.has_value() && (!fresh || fuzz::same_page(*fresh, over)),
               "%s: windows of %zu bytes over a reused page differ from the page whole", what, window);
    if (!fresh) FUZZ_CHECK(over.items.empty() && over.count == 0, "%s: windows of %zu bytes left a reused page not empty after an error", what, window);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  check_page<ddbx::item, ddbx::decode_options{}>(input, "decode_page<ddbx::item>");
  check_page<fuzz::user, ddbx::decode_options{}>(input, "decode_page<user>");
  check_page<fuzz::user, fuzz::lenient>(input, "decode_page<user, lenient_missing>");
  return 0;
}
