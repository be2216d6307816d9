#pragma once
// What the aws-sdk-cpp interop headers share: the SDK check, string conversions without a copy
// where Aws::String is std::string, and the SDK's ValueType as a ddbx::type. Internal.
//
// The interop is opt-in: ddbx/ddbx.hpp never includes ddbx/aws_sdk/; include ddbx/aws_sdk.hpp or
// one of ddbx/aws_sdk/*.hpp, and link aws-sdk-cpp's dynamodb and core libraries.
#if !defined(__has_include) || !__has_include(<aws/dynamodb/model/AttributeValue.h>)
#error "ddbx: ddbx/aws_sdk/ needs aws-sdk-cpp's DynamoDB headers (aws/dynamodb/model/AttributeValue.h); see docs/aws-sdk.md"
#endif

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/dynamodb/model/AttributeValue.h>

#include "ddbx/core/error.hpp"
#include "ddbx/core/value.hpp"

namespace ddbx {

// An item as aws-sdk-cpp holds it (GetItemResult::GetItem(), PutItemRequest::SetItem(), …).
using aws_attribute_map = Aws::Map<Aws::String, Aws::DynamoDB::Model::AttributeValue>;

namespace detail::aws_sdk {

namespace model = Aws::DynamoDB::Model;

// Aws::String is std::string unless the SDK was built with its own memory management.
inline constexpr bool same_strings = std::is_same_v<Aws::String, std::string>;

inline Aws::String to_aws(std::string_view s) { return Aws::String(s.data(), s.size()); }

// `s` as an Aws::String: itself when the types are one, else a copy.
template <class S>
decltype(auto) as_aws(const S& s) {
  if constexpr (std::is_same_v<S, Aws::String>) return (s);
  else return to_aws(std::string_view(s));
}

inline std::string_view view(const Aws::String& s) noexcept { return {s.data(), s.size()}; }

inline type type_of(model::ValueType t) noexcept {
  switch (t) {
    case model::ValueType::STRING: return type::S;
    case model::ValueType::NUMBER: return type::N;
    case model::ValueType::BYTEBUFFER: return type::B;
    case model::ValueType::STRING_SET: return type::SS;
    case model::ValueType::NUMBER_SET: return type::NS;
    case model::ValueType::BYTEBUFFER_SET: return type::BS;
    case model::ValueType::ATTRIBUTE_MAP: return type::M;
    case model::ValueType::ATTRIBUTE_LIST: return type::L;
    case model::ValueType::BOOL: return type::BOOL;
    case model::ValueType::NULLVALUE: return type::NULL_;
  }
  return type::NULL_;
}

// Whether `v` holds a value that can be read. A default-constructed AttributeValue holds none,
// and its GetType() dereferences a null pointer; the SDK's operator== says "equal to an empty one"
// for it and for values that hold their type's default (S "", BOOL false, an empty M), which
// Jsonize() tells apart, except an empty N and an empty SS/NS/BS: the SDK writes those as nothing
// too, so they count as unset (all of them are refused).
inline bool is_set(const model::AttributeValue& v) {
  static const model::AttributeValue unset;
  if (!(v == unset)) return true;
  return !v.Jsonize().View().GetAllObjects().empty();
}

}  // namespace detail::aws_sdk
}  // namespace ddbx
