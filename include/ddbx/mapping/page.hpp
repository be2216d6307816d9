#pragma once
// ddbx::page<T>: one Query/Scan response page (items, counts, LastEvaluatedKey), whichever
// decoder filled it (ddbx::decode_page from the response JSON, or ddbx::page_of from an
// aws-sdk-cpp result). No simdjson here.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/core/value.hpp"

namespace ddbx {

// One Query/Scan response page.
template <class T>
struct page {
  std::vector<T> items;
  std::size_t count = 0;
  std::size_t scanned_count = 0;
  std::optional<item> last_evaluated_key;  // absent on the last page
  std::string consumed_capacity_json;      // the ConsumedCapacity member as JSON, when there is one
};

}  // namespace ddbx
