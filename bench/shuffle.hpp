#pragma once
// The shuffled-attribute-order page: the same Query page with every item's attributes (and every
// nested M map's) in another, deterministic-random order. DynamoDB does not keep attribute order,
// so a decoder must not rely on it; this page shows what it costs when it is lost. And the
// reversed page: every item in one order that is not the struct's, as a server with an order of
// its own for the same names sends them.
#include <simdjson.h>

#include <cstdint>
#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bench {

namespace detail {

inline void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) throw std::runtime_error("shuffle: control character in a name");
    out += c;
  }
  out += '"';
}

inline void shuffled_object(simdjson::dom::object o, std::mt19937_64& rng, bool reverse, std::string& out);

// One AttributeValue ({"S":…}, {"M":{…}}, {"L":[…]}, …), its maps shuffled (or reversed).
inline void shuffled_value(simdjson::dom::object av, std::mt19937_64& rng, bool reverse, std::string& out) {
  auto [type, v] = *av.begin();
  out += "{";
  append_json_string(out, type);
  out += ':';
  if (type == "M") {
    simdjson::dom::object m = v.get_object();
    shuffled_object(m, rng, reverse, out);
  } else if (type == "L") {
    out += '[';
    bool first = true;
    simdjson::dom::array l = v.get_array();
    for (simdjson::dom::object e : l) {
      if (!first) out += ',';
      first = false;
      shuffled_value(e, rng, reverse, out);
    }
    out += ']';
  } else {
    out += simdjson::minify(v);
  }
  out += '}';
}

// An item (or a map's content) in an order other than the one given (when it has two or more
// names): a random one, or the reverse of the given one.
inline void shuffled_object(simdjson::dom::object o, std::mt19937_64& rng, bool reverse, std::string& out) {
  std::vector<std::pair<std::string_view, simdjson::dom::element>> fields;
  for (auto [k, v] : o) fields.emplace_back(k, v);
  if (reverse) {
    std::reverse(fields.begin(), fields.end());
  } else if (fields.size() > 1) {
    const auto original = fields;
    do {  // Fisher–Yates with mt19937_64, whose output the standard fixes: the same page everywhere
      for (std::size_t i = fields.size() - 1; i > 0; --i) std::swap(fields[i], fields[rng() % (i + 1)]);
    } while (std::equal(fields.begin(), fields.end(), original.begin(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }));
  }
  out += '{';
  bool first = true;
  for (auto& [k, v] : fields) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, k);
    out += ':';
    simdjson::dom::object av = v.get_object();
    shuffled_value(av, rng, reverse, out);
  }
  out += '}';
}

inline std::string rearranged_page(const std::string& page, std::uint64_t seed, bool reverse) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(page);
  std::mt19937_64 rng(seed);
  std::string out = "{\"Items\":[";
  std::size_t n = 0;
  simdjson::dom::array items = doc["Items"];
  for (simdjson::dom::object item : items) {
    if (n++) out += ',';
    detail::shuffled_object(item, rng, reverse, out);
  }
  out += "],\"Count\":" + std::to_string(n) + ",\"ScannedCount\":" + std::to_string(n) + "}";
  return out;
}

}  // namespace detail

// The Query page `page` ({"Items":[…],"Count":n,"ScannedCount":n}) with its attributes shuffled:
// every item (and map) in an order of its own.
inline std::string shuffle_page(const std::string& page, std::uint64_t seed = 20240602) {
  return detail::rearranged_page(page, seed, false);
}

// The same page with every item's (and map's) attributes in one order that is not the struct's:
// reversed, as a server that keeps its own order for the same names sends them.
inline std::string reverse_page(const std::string& page) { return detail::rearranged_page(page, 0, true); }

}  // namespace bench
