#pragma once
// Reading responses: the service's error body, ConsumedCapacity, and items nested in a response
// (Item, Attributes, Responses). Small response shapes are read with simdjson's DOM; items go
// through the On-Demand decoder of ddbx/mapping/decode.hpp. Like decode.hpp, this includes simdjson.
#include <array>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/ops/common.hpp"

namespace ddbx {

// The standard retry policy's verdict on a service error (HTTP status + the code after '#').
inline bool is_retryable(std::string_view aws_code, int http_status) noexcept {
  constexpr std::array<std::string_view, 7> codes = {
      "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
      "TransactionInProgressException", "RequestTimeout", "RequestTimeoutException", "InternalServerError"};
  for (auto c : codes)
    if (c == aws_code) return true;
  return http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

// An error answer `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"…"}`
// (some types spell it "Message") as a ddbx::error with the code, the status and the retry verdict.
inline error parse_service_error(int http_status, std::string_view body) {
  error e;
  e.code = errc::service_error;
  e.http_status = http_status;
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  if (!p.parse(body.data(), body.size()).get(doc) && doc.is_object()) {
    std::string_view type, message;
    if (!doc["__type"].get(type)) {
      auto hash = type.rfind('#');
      e.aws_code = std::string(hash == std::string_view::npos ? type : type.substr(hash + 1));
    }
    if (!doc["message"].get(message) || !doc["Message"].get(message)) e.message = std::string(message);
  }
  if (e.aws_code.empty()) e.aws_code = "HTTP" + std::to_string(http_status);
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(http_status);
  e.retryable = is_retryable(e.aws_code, http_status);
  return e;
}

namespace detail {

inline error malformed(std::string what) { return make_error(errc::malformed_response, std::move(what)); }

// Renders a request's body, sends it, and parses the answer with `parse`.
template <class Request, class Parse>
auto send_request(const Request& request, const sender& via, Parse&& parse) -> decltype(parse(std::string_view{})) {
  std::string body;
  if (auto s = request.append_body(body); !s) return std::move(s).error();
  auto r = via(Request::operation, body);
  if (!r) return std::move(r).error();
  return parse(std::string_view(*r));
}

// A parsed response object; one parser per thread.
inline result<simdjson::dom::element> parse_response(std::string_view body) {
  static thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto ec = parser.parse(body.data(), body.size()).get(doc))
    return malformed(std::string("response is not JSON: ") + simdjson::error_message(ec));
  if (!doc.is_object()) return malformed("response is not a JSON object");
  return doc;
}

inline double number_or_zero(simdjson::dom::element e, std::string_view key) {
  double d = 0;
  simdjson::dom::element v;
  if (!e[key].get(v)) {
    if (v.is_double()) d = v.get_double().value_unsafe();
    else if (v.is_int64()) d = static_cast<double>(v.get_int64().value_unsafe());
    else if (v.is_uint64()) d = static_cast<double>(v.get_uint64().value_unsafe());
  }
  return d;
}

inline capacity read_capacity(simdjson::dom::element e) {
  return {number_or_zero(e, "CapacityUnits"), number_or_zero(e, "ReadCapacityUnits"),
          number_or_zero(e, "WriteCapacityUnits")};
}

inline consumed_capacity read_consumed_capacity(simdjson::dom::element e) {
  consumed_capacity c;
  std::string_view name;
  if (!e["TableName"].get(name)) c.table_name = std::string(name);
  c.capacity_units = number_or_zero(e, "CapacityUnits");
  c.read_capacity_units = number_or_zero(e, "ReadCapacityUnits");
  c.write_capacity_units = number_or_zero(e, "WriteCapacityUnits");
  simdjson::dom::element t;
  if (!e["Table"].get(t)) c.table = read_capacity(t);
  simdjson::dom::object o;
  for (auto [key, into] : {std::pair{"GlobalSecondaryIndexes", &c.global_secondary_indexes},
                           std::pair{"LocalSecondaryIndexes", &c.local_secondary_indexes}})
    if (!e[key].get(o))
      for (auto f : o) (*into)[std::string(f.key)] = read_capacity(f.value);
  return c;
}

// ConsumedCapacity of a single-table response (an object) or of a batch response (an array).
inline std::optional<consumed_capacity> consumed_capacity_of(simdjson::dom::element doc) {
  simdjson::dom::element cc;
  if (doc["ConsumedCapacity"].get(cc)) return std::nullopt;
  if (cc.is_object()) return read_consumed_capacity(cc);
  simdjson::dom::array all;
  if (!cc.get(all))
    for (auto e : all) return read_consumed_capacity(e);
  return std::nullopt;
}

// Decodes the item held under `key` of the response (Item, Attributes) in one On-Demand pass;
// empty when absent.
template <class T, decode_options O>
result<std::optional<T>> item_member(std::string_view body, std::string_view key) {
  return thread_decoder().template item_member<T, O>(body, key);
}

// ConsumedCapacity of a response, read only when the body has one (it is asked for per request).
inline result<std::optional<consumed_capacity>> consumed_capacity_in(std::string_view body) {
  if (body.find("\"ConsumedCapacity\"") == std::string_view::npos) return std::optional<consumed_capacity>{};
  auto doc = parse_response(body);
  if (!doc) return std::move(doc).error();
  return consumed_capacity_of(*doc);
}

}  // namespace detail
}  // namespace ddbx
