#pragma once
// The decoding limit used by the benchmarks: a simdjson On-Demand walk over AttributeValue JSON
// that reads every name and every value string and builds nothing.
#include <simdjson.h>

#include <cstddef>
#include <string_view>

namespace bench {

inline std::size_t walk_value(simdjson::ondemand::object av);

inline std::size_t walk_item(simdjson::ondemand::object item) {
  std::size_t n = 0;
  for (auto f : item) {
    n += f.key().raw()[0];
    n += walk_value(f.value().get_object());
  }
  return n;
}

inline std::size_t walk_value(simdjson::ondemand::object av) {
  std::size_t n = 0;
  for (auto f : av) {
    const char* k = f.key().raw();
    simdjson::ondemand::value v = f.value();
    if (k[0] == 'M') n += walk_item(v.get_object());
    else if (k[0] == 'L') {
      for (auto e : v.get_array()) n += walk_value(e.get_object());
    } else if (k[0] == 'B' && k[1] == 'O') n += static_cast<bool>(v.get_bool());
    else n += std::string_view(v.get_string()).size();
  }
  return n;
}

// Walks every item of a Query page; returns a checksum so nothing is optimised away.
inline std::size_t walk_page(simdjson::ondemand::parser& parser, simdjson::padded_string& page) {
  auto doc = parser.iterate(page);
  std::size_t n = 0;
  for (auto item : doc["Items"].get_array()) n += walk_item(item.get_object());
  return n;
}

}  // namespace bench
