#pragma once
// Anything ddbx maps (structs, std types, ddbx::value, ddbx::item, codecs) → aws-sdk-cpp's
// Aws::DynamoDB::Model::AttributeValue, built directly (no JSON text on the way), with the checks
// and error paths of ddbx::encode_item: numbers keep their exact text (SetN gets ddbx's
// normalised text, never a double), C++ sets become SS/NS/BS and sequences L, empty optionals
// and sets are left out of items, invalid UTF-8, NaN, empty sets in lists, over-deep nesting and
// items above 400 KB are errors naming the attribute path.
//
//   #include <ddbx/aws_sdk/encode.hpp>
//   Aws::DynamoDB::Model::PutItemRequest put;
//   put.SetTableName("users");
//   put.SetItem(ddbx::to_attribute_map(jane).value());         // Aws::Map<Aws::String, AttributeValue>
//   auto age = ddbx::to_attribute_value(26);                   // result<AttributeValue>: N "26"
//   auto r = ddbx::to_attribute_map(bad);                      // r.error().what_text(): "address.road: invalid UTF-8 at byte 3"
#include "ddbx/aws_sdk/detail/encode_value.hpp"

namespace ddbx {

// The item's attributes as aws-sdk-cpp's map, for PutItemRequest::SetItem, a Key, an
// ExclusiveStartKey, a batch's PutRequest, …
template <encode_options O = encode_options{}, class T>
result<aws_attribute_map> to_attribute_map(const T& v) {
  detail::aws_sdk::encoder e;
  aws_attribute_map out;
  std::size_t size = 0;
  if (!detail::aws_sdk::put_item<O>(e, v, out, size)) return std::move(e.err);
  return out;
}

// Adds the item's attributes to `out` (entries already there stay; the same name twice is an
// error). On failure `out` may hold some of the item's attributes.
template <encode_options O = encode_options{}, class T>
status to_attribute_map(const T& v, aws_attribute_map& out) {
  detail::aws_sdk::encoder e;
  std::size_t size = 0;
  if (!detail::aws_sdk::put_item<O>(e, v, out, size)) return std::move(e.err);
  return {};
}

// One value as an AttributeValue (`26` → N "26", `std::set<std::string>` → SS, a struct → M).
template <encode_options O = encode_options{}, class T>
result<Aws::DynamoDB::Model::AttributeValue> to_attribute_value(const T& v) {
  detail::aws_sdk::encoder e;
  Aws::DynamoDB::Model::AttributeValue out;
  std::size_t size = 0;
  if (detail::is_empty_set_value(v))
    return make_error(errc::empty_set, "an empty set cannot be stored (DynamoDB sets are never empty)");
  if (!detail::aws_sdk::put_value<O>(e, v, out, size)) return std::move(e.err);
  return out;
}

}  // namespace ddbx
