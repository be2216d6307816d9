#pragma once
// What the aws-sdk-cpp interop tests share: an exact structural comparison of two SDK
// AttributeValues (N compared as text, sets in order, bytes as bytes), ddbx's JSON read into an
// SDK AttributeValue by the SDK's own parser, and a printer for failure messages.
#include <string>
#include <string_view>

#include <aws/core/utils/json/JsonSerializer.h>
#include <aws/dynamodb/model/AttributeValue.h>

#include "ddbx/aws_sdk/decode.hpp"
#include "ddbx/aws_sdk/encode.hpp"

namespace sdk_test {

using Aws::DynamoDB::Model::AttributeValue;
using Aws::DynamoDB::Model::ValueType;

inline bool same(const AttributeValue& a, const AttributeValue& b);

inline bool same_ptr(const std::shared_ptr<AttributeValue>& a, const std::shared_ptr<AttributeValue>& b) {
  return a && b && same(*a, *b);
}

inline bool same(const AttributeValue& a, const AttributeValue& b) {
  if (!ddbx::detail::aws_sdk::is_set(a) || !ddbx::detail::aws_sdk::is_set(b)) return false;
  if (a.GetType() != b.GetType()) return false;
  switch (a.GetType()) {
    case ValueType::STRING: return a.GetS() == b.GetS();
    case ValueType::NUMBER: return a.GetN() == b.GetN();
    case ValueType::BYTEBUFFER: return a.GetB() == b.GetB();
    case ValueType::STRING_SET: return a.GetSS() == b.GetSS();
    case ValueType::NUMBER_SET: return a.GetNS() == b.GetNS();
    case ValueType::BYTEBUFFER_SET: return a.GetBS() == b.GetBS();
    case ValueType::BOOL: return a.GetBool() == b.GetBool();
    case ValueType::NULLVALUE: return a.GetNull() == b.GetNull();
    case ValueType::ATTRIBUTE_LIST: {
      const auto x = a.GetL(), y = b.GetL();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!same_ptr(x[i], y[i])) return false;
      return true;
    }
    case ValueType::ATTRIBUTE_MAP: {
      const auto x = a.GetM(), y = b.GetM();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
        if (i->first != j->first || !same_ptr(i->second, j->second)) return false;
      return true;
    }
  }
  return false;
}

inline bool same(const ddbx::aws_attribute_map& a, const ddbx::aws_attribute_map& b) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
    if (i->first != j->first || !same(i->second, j->second)) return false;
  return true;
}

// ddbx's AttributeValue JSON through the SDK's own parser (AttributeValue(JsonView)).
inline AttributeValue sdk_value_from_json(std::string_view json) {
  Aws::Utils::Json::JsonValue j(Aws::String(json.data(), json.size()));
  return AttributeValue(j.View());
}
inline ddbx::aws_attribute_map sdk_item_from_json(std::string_view json) {
  Aws::Utils::Json::JsonValue j(Aws::String(json.data(), json.size()));
  ddbx::aws_attribute_map m;
  for (const auto& [k, v] : j.View().GetAllObjects()) m.emplace(k, AttributeValue(v));
  return m;
}

inline std::string text(const AttributeValue& v) {
  if (!ddbx::detail::aws_sdk::is_set(v)) return "(unset)";
  auto s = v.Jsonize().View().WriteCompact();
  return std::string(s.data(), s.size());
}
inline std::string text(const ddbx::aws_attribute_map& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) out += (out.size() > 1 ? "," : "") + std::string("\"") + std::string(k.data(), k.size()) + "\":" + text(v);
  return out + "}";
}

}  // namespace sdk_test
