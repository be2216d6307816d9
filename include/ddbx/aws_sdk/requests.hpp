#pragma once
// ddbx expressions onto aws-sdk-cpp requests, and typed items out of its results.
//
// apply_expression(request, ex) sets the parts of a ddbx::expression (key condition, filter,
// condition, update, projection) and its ExpressionAttributeNames/Values on a QueryRequest,
// ScanRequest, GetItemRequest, PutItemRequest, UpdateItemRequest or DeleteItemRequest (any request
// with the setters). A part the request does not take (a filter on PutItem) is an
// errc::invalid_request error naming it, and the request is left as it was. Names and values the
// request already holds are kept; a placeholder already there with another meaning is an error.
//
//   Aws::DynamoDB::Model::QueryRequest q;
//   q.SetTableName("users");
//   ddbx::apply_expression(q, ddbx::builder{}
//                                 .with_key_condition<users_table>(ddbx::key<&user::username> == "johndoe")
//                                 .with_filter(ddbx::attr<&user::age> < 27)).value();
//   // KeyConditionExpression "#0 = :0", FilterExpression "#1 < :1",
//   // names {#0: username, #1: age}, values {:0: S "johndoe", :1: N "27"}
//   auto users = ddbx::items_of<user>(client.Query(q).GetResult());     // result<std::vector<user>>
//   auto jane = ddbx::item_of<user>(client.GetItem(g).GetResult());     // result<std::optional<user>>
//
// Values travel inside ddbx::expression as AttributeValue JSON (ddbx renders them once for any
// transport, and has checked them); they are read back here with the SDK's own JSON reader and
// AttributeValue(JsonView), numbers as their exact text. simdjson is not needed on this path.
#include "ddbx/aws_sdk/detail/common.hpp"  // first: it says so when the SDK's headers are missing
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <aws/core/utils/json/JsonSerializer.h>

#include "ddbx/aws_sdk/decode.hpp"
#include "ddbx/aws_sdk/encode.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/mapping/page.hpp"

namespace ddbx {

namespace detail::aws_sdk {

// A JSON object as ddbx renders ExpressionAttributeNames ({"#0":"username",…}) or
// ExpressionAttributeValues ({":0":{"S":"johndoe"},…}), member by member through `add`.
template <class Add>
status read_object(std::string_view json, std::string_view member, Add add) {
  Aws::Utils::Json::JsonValue doc(to_aws(json));
  const auto view = doc.View();
  if (!doc.WasParseSuccessful() || !view.IsObject())
    return make_error(errc::invalid_expression, std::string(member) + " is not a JSON object");
  for (const auto& [k, v] : view.GetAllObjects())
    if (!add(k, v)) return make_error(errc::invalid_expression, std::string(member) + " has a member of another type",
                        std::string(k.data(), k.size()));
  return {};
}

inline status parse_names(std::string_view json, Aws::Map<Aws::String, Aws::String>& out) {
  return read_object(json, "ExpressionAttributeNames", [&](const Aws::String& k, Aws::Utils::Json::JsonView v) {
    if (!v.IsString()) return false;
    out.emplace(k, v.AsString());
    return true;
  });
}

inline status parse_values(std::string_view json, aws_attribute_map& out) {
  return read_object(json, "ExpressionAttributeValues", [&](const Aws::String& k, Aws::Utils::Json::JsonView v) {
    if (!v.IsObject()) return false;
    out.emplace(k, Aws::DynamoDB::Model::AttributeValue(v));
    return true;
  });
}

// Adds `add` to `into`; a key already there with another value is an error.
template <class Map>
status merge(Map& into, Map&& add, std::string_view member) {
  for (auto& [k, v] : add) {
    auto [it, inserted] = into.emplace(k, v);
    if (!inserted && !(it->second == v))
      return make_error(errc::invalid_request, "the request's " + std::string(member) + " already has " +
                                                   std::string(k.data(), k.size()) + " with another meaning");
  }
  return {};
}

template <class Request>
std::string request_name(const Request& r) {
  if constexpr (requires { r.GetServiceRequestName(); }) return r.GetServiceRequestName();
  else return "this request";
}

}  // namespace detail::aws_sdk

// Sets the expression's parts, names and values on an aws-sdk-cpp request.
template <class Request>
status apply_expression(Request& r, const expression& ex) {
  using Aws::String;
  namespace sdk = detail::aws_sdk;
  auto refuse = [&](std::string_view member) {
    return make_error(errc::invalid_request, sdk::request_name(r) + " takes no " + std::string(member));
  };
  // Everything is checked and converted before the request is touched.
  if (!ex.key_condition().empty() && !requires { r.SetKeyConditionExpression(String()); })
    return refuse("KeyConditionExpression");
  if (!ex.filter().empty() && !requires { r.SetFilterExpression(String()); }) return refuse("FilterExpression");
  if (!ex.condition().empty() && !requires { r.SetConditionExpression(String()); }) return refuse("ConditionExpression");
  if (!ex.update().empty() && !requires { r.SetUpdateExpression(String()); }) return refuse("UpdateExpression");
  if (!ex.projection().empty() && !requires { r.SetProjectionExpression(String()); })
    return refuse("ProjectionExpression");

  Aws::Map<String, String> names;
  if (!ex.names().empty()) {
    if constexpr (requires { r.SetExpressionAttributeNames(names); }) {
      names = r.GetExpressionAttributeNames();
      Aws::Map<String, String> ours;
      if (auto s = sdk::parse_names(ex.names(), ours); !s) return s;
      if (auto s = sdk::merge(names, std::move(ours), "ExpressionAttributeNames"); !s) return s;
    } else {
      return refuse("ExpressionAttributeNames");
    }
  }
  aws_attribute_map values;
  if (!ex.values().empty()) {
    if constexpr (requires { r.SetExpressionAttributeValues(values); }) {
      values = r.GetExpressionAttributeValues();
      aws_attribute_map ours;
      if (auto s = sdk::parse_values(ex.values(), ours); !s) return s;
      if (auto s = sdk::merge(values, std::move(ours), "ExpressionAttributeValues"); !s) return s;
    } else {
      return refuse("ExpressionAttributeValues");
    }
  }

  if constexpr (requires { r.SetKeyConditionExpression(String()); })
    if (!ex.key_condition().empty()) r.SetKeyConditionExpression(sdk::to_aws(ex.key_condition()));
  if constexpr (requires { r.SetFilterExpression(String()); })
    if (!ex.filter().empty()) r.SetFilterExpression(sdk::to_aws(ex.filter()));
  if constexpr (requires { r.SetConditionExpression(String()); })
    if (!ex.condition().empty()) r.SetConditionExpression(sdk::to_aws(ex.condition()));
  if constexpr (requires { r.SetUpdateExpression(String()); })
    if (!ex.update().empty()) r.SetUpdateExpression(sdk::to_aws(ex.update()));
  if constexpr (requires { r.SetProjectionExpression(String()); })
    if (!ex.projection().empty()) r.SetProjectionExpression(sdk::to_aws(ex.projection()));
  if constexpr (requires { r.SetExpressionAttributeNames(std::move(names)); })
    if (!ex.names().empty()) r.SetExpressionAttributeNames(std::move(names));
  if constexpr (requires { r.SetExpressionAttributeValues(std::move(values)); })
    if (!ex.values().empty()) r.SetExpressionAttributeValues(std::move(values));
  return {};
}

// The same for a built expression that may have failed (its error is returned, naming the part).
template <class Request>
status apply_expression(Request& r, const result<expression>& ex) {
  if (!ex) return ex.error();
  return apply_expression(r, *ex);
}

// The same for a builder: builds it, then applies the expression.
template <class Request>
status apply_expression(Request& r, builder b) {
  return apply_expression(r, b.build());
}

// The items of a QueryResult or ScanResult, decoded into T; an error's path starts with
// "Items[i]".
template <class T, decode_options O = decode_options{}, class Result>
  requires requires(const Result& r) { r.GetItems(); }
result<std::vector<T>> items_of(const Result& r) {
  const auto& items = r.GetItems();
  std::vector<T> out(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    detail::aws_sdk::decoder d;
    if (!detail::aws_sdk::get_item<O>(d, items[i], out[i])) {
      d.in_index(i);
      d.in_member("Items");
      return d.take_error();
    }
  }
  return out;
}

// A QueryResult or ScanResult as a ddbx::page: items, Count, ScannedCount, LastEvaluatedKey.
template <class T, decode_options O = decode_options{}, class Result>
  requires requires(const Result& r) { r.GetItems(); r.GetLastEvaluatedKey(); r.GetScannedCount(); }
result<page<T>> page_of(const Result& r) {
  page<T> p;
  auto items = items_of<T, O>(r);
  if (!items) return std::move(items).error();
  p.items = std::move(*items);
  p.count = static_cast<std::size_t>(r.GetCount());
  p.scanned_count = static_cast<std::size_t>(r.GetScannedCount());
  if (!r.GetLastEvaluatedKey().empty()) {
    auto key = from_attribute_map<item>(r.GetLastEvaluatedKey());
    if (!key) {
      error e = std::move(key).error();
      e.prepend_member("LastEvaluatedKey");
      return e;
    }
    p.last_evaluated_key = std::move(*key);
  }
  return p;
}

// GetItemResult's Item, or the Attributes a PutItem, UpdateItem or DeleteItem returned
// (ReturnValues), decoded into T; empty when there is none.
template <class T, decode_options O = decode_options{}, class Result>
  requires requires(const Result& r) { r.GetItem(); } || requires(const Result& r) { r.GetAttributes(); }
result<std::optional<T>> item_of(const Result& r) {
  constexpr bool is_get = requires { r.GetItem(); };
  const aws_attribute_map& m = [&]() -> const aws_attribute_map& {
    if constexpr (is_get) return r.GetItem();
    else return r.GetAttributes();
  }();
  if (m.empty()) return std::optional<T>{};
  std::optional<T> out(std::in_place);
  detail::aws_sdk::decoder d;
  if (!detail::aws_sdk::get_item<O>(d, m, *out)) {
    d.in_member(is_get ? "Item" : "Attributes");
    return d.take_error();
  }
  return out;
}

}  // namespace ddbx
