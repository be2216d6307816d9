// Long pages parsed a window of items at a time (decoder's window): the same page, and the same
// error naming the same path, as the page parsed whole, whatever the windows' size and whatever
// the text holds that looks like the end of an item (`},{"` in a string, lists of values, an
// attribute named like a type, "Items" inside another member, whitespace between items).
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "seed_types.hpp"

namespace {

namespace w = ddbx::detail::item_windows;

constexpr std::size_t whole = std::numeric_limits<std::size_t>::max();

// Item i of a page whose strings hold every look-alike of an item's end.
std::string tricky_item(std::size_t i) {
  const std::string n = std::to_string(i);
  switch (i % 6) {
    case 0:
      return R"({"username":{"S":"u)" + n + R"("},"first_name":{"S":"a},{\"S\":\"b"},"last_name":{"S":"x}]}"},)"
             R"("age":{"N":")" + n + R"("},"account_type":{"S":"}]"},"tags":{"L":[{"S":"t},{"},{"S":"}"}]}})";
    case 1:  // lists of maps and of lists, an address
      return R"({"username":{"S":"u)" + n + R"("},"first_name":{"S":"F"},"last_name":{"S":"L"},"age":{"N":"1"},)"
             R"("account_type":{"S":"s"},"address":{"M":{"road":{"S":"r"},"city":{"S":"\"Items\":["},"state":{"S":"CA"},)"
             R"("zipcode":{"N":"9"}}},"scores":{"L":[{"N":"1.5"},{"N":"-2"}]}})";
    case 2:  // whitespace between everything, an escaped key
      return "\n  { \"username\" : { \"S\" : \"u" + n +
             "\" } ,\r\n\t\"first_name\":{\"S\":\"\\\\\"},\"last_\\u006eame\":{\"S\":\"L\"},\"age\":{\"N\":\"2\"},"
             "\"account_type\":{\"S\":\"x\"} }  ";
    case 3:  // an unknown attribute named like a type, first
      return R"({"S":{"S":"not a member"},"username":{"S":"u)" + n + R"("},"first_name":{"S":"F"},"last_name":{"S":"L"},)"
             R"("age":{"N":"3"},"account_type":{"S":"x"},"tags":{"L":[]}})";
    case 4:  // a long item: longer than the small windows below
      return R"({"username":{"S":"u)" + n + R"("},"first_name":{"S":")" + std::string(300, 'f') +
             R"("},"last_name":{"S":"L"},"age":{"N":"4"},"account_type":{"S":"x"},"tags":{"L":[{"S":"a"},{"S":"b"}]}})";
    default:  // unknown members holding lists of maps and nested Items
      return R"({"username":{"S":"u)" + n + R"("},"first_name":{"S":"F"},"last_name":{"S":"L"},"age":{"N":"5"},)"
             R"("account_type":{"S":"x"},"extra":{"L":[{"M":{"a":{"S":"b"}}},{"M":{"Items":{"L":[]}}}]}})";
  }
}

std::string tricky_items(std::size_t n) {
  std::string items = "[";
  for (std::size_t i = 0; i < n; ++i) items += (i ? "," : "") + tricky_item(i);
  return items + "]";
}

std::string tricky_page(std::size_t n) {
  return R"({"ConsumedCapacity":{"TableName":"users","Items":[1,2],"CapacityUnits":0.5},"Count":)" +
         std::to_string(n) + R"(,"Items":)" + tricky_items(n) +
         R"(,"ScannedCount":99,"LastEvaluatedKey":{"username":{"S":"u},{\"x\""}}})";
}

template <class T>
void check_same_page(const ddbx::result<ddbx::page<T>>& a, const ddbx::result<ddbx::page<T>>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) {
    CHECK(a.error().what_text() == b.error().what_text());
    return;
  }
  CHECK(a->items == b->items);
  CHECK(a->count == b->count);
  CHECK(a->scanned_count == b->scanned_count);
  CHECK(a->last_evaluated_key == b->last_evaluated_key);
  CHECK(a->consumed_capacity_json == b->consumed_capacity_json);
}

}  // namespace

TEST_CASE("item windows: where an item may end, and where the page's Items are") {
  CHECK(w::items_array(R"({"Count":1,"Items" : [ {}]})") == 21);
  CHECK(w::items_array(R"({"Items":null,"x":[]})") == w::npos);
  // `"Items":[` inside a string has its quotes escaped; an array member of that name is found
  // (the decoder then checks it is the page's own).
  CHECK(w::items_array(R"({"a":{"S":"\"Items\":["},"Items":[]})") == 33);
  CHECK(w::items_array(R"({"CC":{"Items":[1]},"Items":[]})") == 28);  // an array of items: `[{` or `[]`
  CHECK(w::items_array(R"({"CC":{"Items":[{}]},"Items":[]})") == 15);

  const std::string_view next_item = R"({"a":{"S":"x"}},{"b":{"N":"1"}})";
  CHECK(w::item_end_at(next_item, 14));
  CHECK_FALSE(w::item_end_at(next_item, 13));  // `},"` ends a value, not an item
  const std::string_view list = R"({"a":{"L":[{"S":"x"},{"S":"y"}]}},{"b":{"N":"1"}})";
  CHECK_FALSE(w::item_end_at(list, 19));  // `},{"S"`: the next value of a list
  CHECK_FALSE(w::item_end_at(list, 29));  // `}]}` with more after it: a list's end
  CHECK(w::item_end_at(list, 32));
  CHECK(w::item_end_at(R"({"a":{"S":"x"}}])", 14));
  CHECK(w::item_end_at(R"({"a":{"S":"x"}} ] ,"Count":1})", 14));
  CHECK(w::item_end_at(R"({"Items":[{"a":{"S":"x"}}]})", 24));
  CHECK_FALSE(w::item_end_at(R"({"Items":[{"a":{"S":"x"}}]} x)", 24));
  CHECK(w::item_end_before(next_item, 0, next_item.size()) == 14);
  CHECK(w::item_end_before(next_item, 0, 14) == w::npos);
  CHECK(w::item_end_after(next_item, 0) == 14);
  CHECK(w::item_end_after(next_item, 15) == w::npos);
}

TEST_CASE("item windows: a long page decodes as it does whole, for every window size") {
  const std::string page = tricky_page(60);
  ddbx::decoder whole_decoder(whole);
  const auto expected = whole_decoder.query_page<seed::user>(page);
  REQUIRE(expected.has_value());
  REQUIRE(expected->items.size() == 60);
  CHECK(expected->items[0].first_name == "a},{\"S\":\"b");
  CHECK(expected->items[2].last_name == "L");  // the escaped key
  CHECK(expected->last_evaluated_key.has_value());
  const auto expected_items = whole_decoder.items<ddbx::item>(tricky_items(60));
  REQUIRE(expected_items.has_value());
  for (std::size_t window : {std::size_t{0}, std::size_t{1}, std::size_t{50}, std::size_t{200}, std::size_t{700},
                             std::size_t{4096}, page.size() - 1}) {
    CAPTURE(window);
    ddbx::decoder d(window);
    check_same_page(d.query_page<seed::user>(page), expected);
    // Parsed a window at a time (the parser never saw the page whole), not whole after a miss.
    if (window <= 4096) CHECK(d.parser_capacity() < 8192);
    const simdjson::padded_string padded(page);
    check_same_page(d.query_page<seed::user>(simdjson::padded_string_view(padded)), expected);
    check_same_page(d.query_page<ddbx::item>(page), whole_decoder.query_page<ddbx::item>(page));
    const auto items = d.items<ddbx::item>(tricky_items(60));
    REQUIRE(items.has_value());
    CHECK(*items == *expected_items);

    // Over a reused page holding more items, and fewer, than this one.
    for (std::size_t before : {std::size_t{0}, std::size_t{7}, std::size_t{100}}) {
      ddbx::page<seed::user> reused;
      reused.items.assign(before, expected->items[1]);
      reused.count = 5;
      REQUIRE(d.query_page<seed::user>(page, reused).has_value());
      CHECK(reused.items == expected->items);
      CHECK(reused.scanned_count == 99);
    }
  }
}

TEST_CASE("item windows: the seed's users, the page's members in any order, empty and absent Items") {
  std::vector<seed::user> users(500);
  for (std::size_t i = 0; i < users.size(); ++i) {
    users[i].username = "user" + std::to_string(i);
    users[i].age = static_cast<int>(i);
    if (i % 3 == 0) users[i].tags = std::vector<std::string>{"a},{\"b", "c"};
    if (i % 4 == 0) users[i].address = seed::postal_address{"1 Main", "Town", "CA", static_cast<int>(i)};
  }
  std::string items;
  REQUIRE(ddbx::encode_items(users, items).has_value());
  ddbx::decoder small(1000);
  ddbx::decoder whole_decoder(whole);
  for (const std::string& page : {R"({"Items":)" + items + R"(,"Count":500,"ScannedCount":500})",
                                  R"({"Count":500,"ScannedCount":500,"Items":)" + items + "}",
                                  R"({"Count":500,"Items":)" + items + R"(,"LastEvaluatedKey":{"username":{"S":"x"}}})"}) {
    const auto p = small.query_page<seed::user>(page);
    REQUIRE(p.has_value());
    CHECK(small.parser_capacity() < page.size() / 4);
    CHECK(p->items == users);
    check_same_page(p, whole_decoder.query_page<seed::user>(page));
  }
  const std::string pad(3000, ' ');
  for (const std::string& page : {R"({"Items":[],"Count":0,"x":")" + pad + R"("})",
                                  R"({"Items":[)" + pad + R"(],"Count":0})", R"({"Count":0,"x":")" + pad + R"("})",
                                  R"({"Items":null,"Count":0,"x":")" + pad + R"("})"}) {
    ddbx::page<seed::user> reused;
    reused.items = users;
    REQUIRE(small.query_page<seed::user>(page, reused).has_value());
    CHECK(reused.items.empty());
    check_same_page(small.query_page<seed::user>(page), whole_decoder.query_page<seed::user>(page));
  }
}

TEST_CASE("item windows: a page that is not valid gives the error it gives whole, and nothing else") {
  const std::string good = tricky_page(40);
  std::vector<std::string> bad = {
      good.substr(0, good.size() - 1),                           // truncated
      good + " x",                                               // trailing content
      "\xEF\xBB\xBF" + good,                                     // a byte-order mark
      R"({"Items":[],)" + good.substr(1),                        // Items twice
      good.substr(0, good.size() - 1) + R"(,"Items":[]})",       // Items twice, the second empty
  };
  std::string typed = good;  // an age that is not a number, in the middle of the page
  typed.replace(typed.find(R"("age":{"N":"18"})"), 16, R"("age":{"S":"18"})");
  bad.push_back(typed);
  std::string missing = good;  // a comma gone between two items
  missing.erase(missing.find(R"(,{"username":{"S":"u30")"), 1);
  bad.push_back(missing);
  std::string broken = good;  // an item's closing brace gone
  broken.erase(broken.find(R"(},{"username":{"S":"u11")"), 1);
  bad.push_back(broken);
  std::string invalid_utf8 = good;
  invalid_utf8.replace(invalid_utf8.find("u25"), 3, "\xC3\x28x");
  bad.push_back(invalid_utf8);

  ddbx::decoder whole_decoder(whole);
  for (std::size_t window : {std::size_t{0}, std::size_t{100}, std::size_t{1000}}) {
    ddbx::decoder d(window);
    for (const auto& page : bad) {
      CAPTURE(window);
      CAPTURE(page.size());
      const auto expected = whole_decoder.query_page<seed::user>(page);
      const auto got = d.query_page<seed::user>(page);
      if (&page == &bad[3] || &page == &bad[4]) {  // the last Items wins, as whole
        REQUIRE(got.has_value());
        check_same_page(got, expected);
        continue;
      }
      REQUIRE_FALSE(got.has_value());
      check_same_page(got, expected);
    }
  }
  const auto typed_error = ddbx::decoder(100).query_page<seed::user>(typed);
  REQUIRE_FALSE(typed_error.has_value());
  CHECK(typed_error.error().what_text() == "Items[18].age: expected N, got S");
}

TEST_CASE("decoder methods take a simdjson::padded_string (the call was ambiguous before)") {
  ddbx::decoder d;
  const simdjson::padded_string item(std::string_view(R"({"username":{"S":"u"},"first_name":{"S":"F"},)"
                                                      R"("last_name":{"S":"L"},"age":{"N":"3"},"account_type":{"S":"x"}})"));
  CHECK(d.item<seed::user>(item).value().age == 3);
  CHECK(d.value<int>(simdjson::padded_string(std::string_view(R"({"N":"7"})"))).value() == 7);
  CHECK(d.items<seed::user>(simdjson::padded_string(std::string_view("[]"))).value().empty());
  const simdjson::padded_string page(std::string_view(R"({"Items":[],"Count":0})"));
  CHECK(d.query_page<seed::user>(page).value().items.empty());
  ddbx::page<seed::user> reused;
  CHECK(d.query_page<seed::user>(page, reused).has_value());
  CHECK_FALSE(d.get_item_response<seed::user>(simdjson::padded_string(std::string_view("{}"))).value().has_value());
  CHECK_FALSE(d.item_member<seed::user>(simdjson::padded_string(std::string_view("{}")), "Attributes").value().has_value());
}

namespace {
std::string plain_user(std::size_t i, const std::string& first = "F") {
  return R"({"username":{"S":"u)" + std::to_string(i) + R"("},"first_name":{"S":")" + first +
         R"("},"last_name":{"S":"L"},"age":{"N":"1"},"account_type":{"S":"x"}})";
}
std::string plain_items(std::size_t n) {
  std::string items;
  for (std::size_t i = 0; i < n; ++i) items += (i ? "," : "") + plain_user(i);
  return items;
}
}  // namespace

TEST_CASE("item windows: a padded view without simdjson's padding is refused, as whole") {
  // Windows copy the text, so they never needed the padding; the whole parse refuses it, and the
  // answer must not depend on the page's length.
  const std::string page = R"({"Items":[)" + plain_items(200) + R"(],"Count":200})";
  const std::string items = "[" + plain_items(200) + "]";
  const simdjson::padded_string_view page_view(page.data(), page.size(), page.size());
  const simdjson::padded_string_view items_view(items.data(), items.size(), items.size());
  for (std::size_t window : {std::size_t{0}, std::size_t{100}, std::size_t{1000}, whole}) {
    CAPTURE(window);
    ddbx::decoder d(window);
    const auto p = d.query_page<seed::user>(page_view);
    REQUIRE_FALSE(p.has_value());
    CHECK(p.error().what_text().find("SIMDJSON_PADDING") != std::string::npos);
    CHECK_FALSE(d.items<seed::user>(items_view).has_value());
    ddbx::page<seed::user> reused;
    CHECK_FALSE(d.query_page<seed::user>(page_view, reused).has_value());
  }
  CHECK_FALSE(ddbx::decode_page<seed::user>(page_view).has_value());  // the default window (128 KiB) too
  // With the padding, the same views decode.
  const simdjson::padded_string padded(page);
  CHECK(ddbx::decoder(100).query_page<seed::user>(simdjson::padded_string_view(padded)).value().items.size() == 200);
}

TEST_CASE("item windows: a false guess before an item longer than the window, then the real end after it") {
  // Item 300's first name is `},{` (then `"},"pad"` looks like the next item), and the item goes on
  // for 5,000 bytes, an unknown attribute: no
  // guess within a window that starts at it holds, so its end is looked for after the window.
  std::string items;
  for (std::size_t i = 0; i < 600; ++i)
    items += (i ? "," : "") +
             plain_user(i, i == 300 ? std::string(R"(},{"},"pad":{"S":")") + std::string(5000, 'x') : "F");
  const std::string page = R"({"Items":[)" + items + R"(],"Count":600})";
  ddbx::decoder d(1000);
  const auto p = d.query_page<seed::user>(page);
  REQUIRE(p.has_value());
  CHECK(p->items.size() == 600);
  CHECK(d.parser_capacity() < page.size() / 4);  // windows, not the page whole
  check_same_page(p, ddbx::decoder(whole).query_page<seed::user>(page));
}

TEST_CASE("item windows: a reused page is empty after an error, read in windows or whole") {
  const std::string good = R"({"Items":[)" + plain_items(100) + R"(],"Count":100})";
  std::string bad_item = good;  // invalid UTF-8 in item 60: windows have decoded items 0-59 by then
  bad_item.replace(bad_item.find("u60"), 3, "\xC3\x28x");
  const std::string bad_count = R"({"Count":"x",)" + good.substr(1);  // the error before the items
  const std::string bad_after = good.substr(0, good.size() - 1) + R"(,"ScannedCount":-1})";  // and after them
  for (std::size_t window : {std::size_t{0}, std::size_t{500}, whole}) {
    ddbx::decoder d(window);
    for (const std::string* page : {static_cast<const std::string*>(&bad_item), &bad_count, &bad_after}) {
      CAPTURE(window);
      ddbx::page<seed::user> reused;
      REQUIRE(d.query_page<seed::user>(good, reused).has_value());
      REQUIRE(reused.items.size() == 100);
      CHECK_FALSE(d.query_page<seed::user>(*page, reused).has_value());
      CHECK(reused.items.empty());
      CHECK(reused.count == 0);
      REQUIRE(d.query_page<seed::user>(good, reused).has_value());  // and usable again
      CHECK(reused.items.size() == 100);
    }
  }
}

TEST_CASE("item windows: a fresh vector is sized from the first window, not from a look-alike end") {
  // Item 0's first name is `},{`: the first guessed item end is 40 bytes in, which would size
  // the vector for several times the page's items.
  std::string items = plain_user(0, "},{");
  for (std::size_t i = 1; i < 2000; ++i) items += "," + plain_user(i);
  const std::string page = R"({"Items":[)" + items + R"(],"Count":2000})";
  const auto windows = ddbx::decoder(4096).query_page<seed::user>(page);
  const auto whole_page = ddbx::decoder(whole).query_page<seed::user>(page);
  REQUIRE(windows.has_value());
  REQUIRE(whole_page.has_value());
  CHECK(windows->items.size() == 2000);
  CHECK(windows->items.capacity() <= 2 * whole_page->items.capacity());
}
