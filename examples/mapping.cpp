// Type mapping: a struct with most of the type table (nested structs, optionals, sets, lists, maps,
// exact numbers, binary, times, enums), renamed and skipped members, a user type through a codec,
// written to DynamoDB and read back unchanged; then the same item seen schemaless as ddbx::item.
//
//   mapping [table-name]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct rgb {  // a type of ours, stored as "#rrggbb"
  unsigned r = 0, g = 0, b = 0;
  bool operator==(const rgb&) const = default;
};
template <>
struct ddbx::codec<rgb> {
  using repr = std::string;
  static repr to_repr(const rgb& c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r & 0xff, c.g & 0xff, c.b & 0xff);
    return text;
  }
  static ddbx::result<rgb> from_repr(repr&& s) {
    rgb c;
    if (s.size() != 7 || std::sscanf(s.c_str(), "#%2x%2x%2x", &c.r, &c.g, &c.b) != 3)
      return ddbx::make_error(ddbx::errc::custom, "expected a colour #rrggbb, got \"" + s + "\"");
    return c;
  }
};

enum class stock : int { out = 0, low = 1, plenty = 2 };  // stored as N

struct dimensions {
  double width_cm = 0, height_cm = 0;
  bool operator==(const dimensions&) const = default;
};

struct product {
  std::string sku;                                   // S (the table's key)
  std::string title;                                 // S, stored as "Title" (see fields below)
  ddbx::number price;                                // N, exact: 38 digits, never rounded
  std::int64_t sold = 0;                             // N
  stock availability = stock::out;                   // N
  std::set<std::string> tags;                        // SS (an empty set is left out)
  std::vector<rgb> colours;                          // L of S, through the codec
  std::map<std::string, int> stock_by_city;          // M
  std::optional<dimensions> size;                    // M, absent when empty
  ddbx::binary thumbnail;                            // B (base64)
  std::chrono::system_clock::time_point listed;      // S, ISO 8601 UTC
  std::string cache;                                 // never stored (see fields below)
};
template <>
struct ddbx::fields<product> {
  static constexpr ddbx::field_option options[] = {
      {.member = "title", .name = "Title"},
      {.member = "cache", .skip = true},
  };
};

using products_table = ddbx::table<product, &product::sku>;

int main(int argc, char** argv) {
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "products";

  product lamp{.sku = "LMP-1",
               .title = "Desk lamp",
               .price = ddbx::number::parse("19.990").value(),  // normalised to 19.99
               .sold = 9'007'199'254'740'993,                  // more digits than a double holds
               .availability = stock::low,
               .tags = {"desk", "light"},
               .colours = {{255, 128, 0}, {0, 0, 0}},
               .stock_by_city = {{"Berlin", 4}, {"Lisbon", 0}},
               .size = dimensions{18.5, 42},
               .thumbnail = ddbx::binary::from("\x89PNG"),
               .listed = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 9h + 30min,
               .cache = "not stored"};

  std::string json = ddbx::encode_item(lamp).value();
  std::printf("as DynamoDB JSON (%zu bytes by DynamoDB's size formula):\n  %s\n", ddbx::item_size(lamp).value(),
              json.c_str());

  ddbx::client db{ddbx::curl_transport{}};
  auto products = db.table<products_table>(table_name);
  products.create().send().value();  // on demand
  products.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();
  products.put_item(lamp).send().value();

  product back = *products.get_item({"LMP-1"}).consistent_read().send().value().item;
  lamp.cache.clear();  // skipped: not stored, so not read back
  const bool same = back.sku == lamp.sku && back.title == lamp.title && back.price == lamp.price &&
                    back.sold == lamp.sold && back.availability == lamp.availability && back.tags == lamp.tags &&
                    back.colours == lamp.colours && back.stock_by_city == lamp.stock_by_city && back.size == lamp.size &&
                    back.thumbnail == lamp.thumbnail && back.listed == lamp.listed && back.cache.empty();
  std::printf("read back: %s, price %s, sold %lld, first colour %s\n", same ? "identical" : "DIFFERENT",
              std::string(back.price.text()).c_str(), static_cast<long long>(back.sold),
              ddbx::codec<rgb>::to_repr(back.colours.at(0)).c_str());

  // The same item without a struct: ddbx::item maps attribute names to ddbx::value.
  ddbx::item raw = ddbx::decode_item<ddbx::item>(json).value();
  std::printf("schemaless: %zu attributes; Title is %s, tags is %s\n", raw.size(),
              std::string(ddbx::type_name(raw["Title"].type())).c_str(),
              std::string(ddbx::type_name(raw["tags"].type())).c_str());

  products.delete_table().value();
  return same && raw.size() == 11 ? 0 : 1;
}
