#pragma once
// Names ddbx::value and the ten AttributeValue types without defining ddbx::value, for headers
// that only mention it (the encoder the expression layer uses): no <map> or <variant>, and none of
// ddbx::value's inline code to compile. Include ddbx/core/value.hpp to make or read one.
#include <cstdint>
#include <string_view>

namespace ddbx {

// The ten AttributeValue types, named as on the wire (NULL is a C macro, hence NULL_).
enum class type : std::uint8_t { NULL_, BOOL, S, N, B, SS, NS, BS, L, M };

constexpr std::string_view type_name(type t) noexcept {
  constexpr std::string_view names[] = {"NULL", "BOOL", "S", "N", "B", "SS", "NS", "BS", "L", "M"};
  return names[static_cast<int>(t)];
}

class value;

}  // namespace ddbx
