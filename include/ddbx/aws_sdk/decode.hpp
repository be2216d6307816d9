#pragma once
// aws-sdk-cpp's Aws::DynamoDB::Model::AttributeValue → anything ddbx maps (structs, std types,
// ddbx::value, ddbx::item, codecs), read directly from the SDK's objects with the rules of
// ddbx::decode_item: numbers in DynamoDB's grammar, integers exact, sets never empty nor holding
// an element twice, 32 levels at most, a missing required member an error, and every error naming
// the attribute path. decode_options work as for JSON (lenient_missing, strict_unknown,
// null_as_default, sets_as_lists, rfc3339_times).
//
//   #include <ddbx/aws_sdk/decode.hpp>
//   auto out = client.GetItem(get);
//   auto u = ddbx::from_attribute_map<user>(out.GetResult().GetItem());   // result<user>
//   if (!u) log(u.error().what_text());                                  // "address.zipcode: expected N, got S"
//   auto age = ddbx::from_attribute_value<int>(av);                     // result<int>
#include "ddbx/aws_sdk/detail/decode_value.hpp"

namespace ddbx {

// An item (GetItemResult::GetItem(), one of QueryResult::GetItems(), …) → T: a struct, a
// ddbx::item or a string-keyed map.
template <class T, decode_options O = decode_options{}>
result<T> from_attribute_map(const aws_attribute_map& attributes) {
  detail::aws_sdk::decoder d;
  T out{};
  if (!detail::aws_sdk::get_item<O>(d, attributes, out)) return d.take_error();
  return out;
}

// Decodes over an existing T (a loop reusing one object keeps its strings' capacity).
template <class T, decode_options O = decode_options{}>
status from_attribute_map(const aws_attribute_map& attributes, T& out) {
  detail::aws_sdk::decoder d;
  if (!detail::aws_sdk::get_item<O>(d, attributes, out)) return d.take_error();
  return {};
}

// One AttributeValue → T.
template <class T, decode_options O = decode_options{}>
result<T> from_attribute_value(const Aws::DynamoDB::Model::AttributeValue& v) {
  detail::aws_sdk::decoder d;
  T out{};
  if (!detail::aws_sdk::get_value<O>(d, v, out)) return d.take_error();
  return out;
}

}  // namespace ddbx
