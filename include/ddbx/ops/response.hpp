#pragma once
// Reading responses: the service's error body, ConsumedCapacity, and items nested in a response
// (Item, Attributes, Responses). Small response shapes are read with simdjson's DOM; items go
// through the On-Demand decoder of ddbx/mapping/decode.hpp. Like decode.hpp, this includes simdjson.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <simdjson.h>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/ops/common.hpp"

namespace ddbx {

// The standard retry policy's verdict on a service error (HTTP status + the code after '#').
inline bool is_retryable(std::string_view aws_code, int http_status) noexcept {
  // botocore's: its standard mode's throttling and transient codes, and its DynamoDB policy's
  // TransactionInProgressException and ReplicatedWriteConflictException (409). Also
  // TransactionConflictException: a single write that met a transaction on its item, which
  // DynamoDB's error table marks "OK to retry". A TransactionCanceledException is not retried
  // (each action's reason is in error::details; see ops/error_details.hpp).
  constexpr std::array<std::string_view, 9> codes = {
      "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
      "TransactionInProgressException", "ReplicatedWriteConflictException", "TransactionConflictException",
      "RequestTimeout", "RequestTimeoutException", "InternalServerError"};
  for (auto c : codes)
    if (c == aws_code) return true;
  return http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

// An error answer `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"…"}`
// (some types spell it "Message") as a ddbx::error with the code, the status and the retry verdict.
// Read as botocore reads it (tests/integration/botocore_responses.py compares the two).
inline error parse_service_error(int http_status, std::string_view body) {
  error e;
  e.code = errc::service_error;
  e.http_status = http_status;
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  // An empty view may have no data (simdjson would copy from a null pointer).
  if (!body.empty() && !p.parse(body.data(), body.size()).get(doc) && doc.is_object()) {
    std::string_view type, message;
    if (!doc["__type"].get(type)) {
      // awsJson1_0 (and botocore): a ":<url>" suffix is dropped, then the "<namespace>#" prefix.
      type = type.substr(0, type.find(':'));
      auto hash = type.rfind('#');
      e.aws_code = std::string(hash == std::string_view::npos ? type : type.substr(hash + 1));
    }
    if (!doc["message"].get(message) || !doc["Message"].get(message)) e.message = std::string(message);
    // ThrottlingException spells its reasons throttlingReasons (DynamoDB's service model), the others ThrottlingReasons.
    for (std::string_view more : {"CancellationReasons", "Item", "ThrottlingReasons", "throttlingReasons"})
      if (doc[more].error() == simdjson::SUCCESS) {
        e.details = std::string(body);
        break;
      }
  }
  if (e.aws_code.empty()) e.aws_code = "HTTP" + std::to_string(http_status);
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(http_status);
  e.retryable = is_retryable(e.aws_code, http_status);
  return e;
}

namespace detail {

inline error malformed(std::string what) { return make_error(errc::malformed_response, std::move(what)); }

// Whether a 200 answer's body is damaged (empty, cut short, not JSON) rather than JSON of a shape
// the caller refuses: the client retries the former (see body_check). Only asked after a parse
// failed, so a good answer is parsed once.
inline bool is_damaged_body(std::string_view body) {
  if (body.empty()) return true;
  static thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  return parser.parse(body.data(), body.size()).get(doc) != simdjson::SUCCESS;
}

// The part of send_request that depends on neither the request nor the answer's type, so a program
// compiles it once however many operations it sends: renders the body through `render`, sends it,
// and has `parse` read the answer inside the client's retry loop (a 200 whose body is damaged is
// retried; any other verdict on it is final, and the answer is parsed once). A sender that did not
// run the check has the answer parsed here.
inline status send_parsed(const sender& via, std::string_view operation, void* request,
                          status (*render)(void* request, std::string& body),
                          status (*parse)(void* request, std::string_view body)) {
  std::string body;
  if (auto s = render(request, body); !s) return s;
  struct state {
    void* request;
    status (*parse)(void*, std::string_view);
    std::optional<status> verdict;
  } st{request, parse, std::nullopt};
  const body_check check{&st, [](void* c, std::string_view b) -> status {
                           auto& s = *static_cast<state*>(c);
                           status v = s.parse(s.request, b);
                           if (!v && is_damaged_body(b)) return v;
                           s.verdict.emplace(std::move(v));
                           return {};
                         }};
  auto r = via(operation, body, check);
  if (!r) return std::move(r).error();
  if (st.verdict) return std::move(*st.verdict);
  return parse(request, *r);
}

// Renders a request's body, sends it, and parses the answer with `parse` (see send_parsed).
template <class Request, class Parse>
auto send_request(const Request& request, const sender& via, Parse&& parse) -> decltype(parse(std::string_view{})) {
  using parsed_type = decltype(parse(std::string_view{}));
  struct state {
    const Request& request;
    Parse& parse;
    std::optional<parsed_type> parsed;
  } st{request, parse, std::nullopt};
  status sent = send_parsed(
      via, Request::operation, &st,
      [](void* c, std::string& body) -> status { return static_cast<state*>(c)->request.append_body(body); },
      [](void* c, std::string_view b) -> status {
        auto& s = *static_cast<state*>(c);
        s.parsed.emplace(s.parse(b));
        if (*s.parsed) return {};
        status e = std::move(*s.parsed).error();
        s.parsed.reset();
        return e;
      });
  if (!sent) return std::move(sent).error();
  return std::move(*st.parsed);
}

// A parsed response object; one parser per thread.
inline result<simdjson::dom::element> parse_response(std::string_view body) {
  static thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (body.empty()) return malformed("response is empty");  // its data may be null, which simdjson would copy from
  if (auto ec = parser.parse(body.data(), body.size()).get(doc))
    return malformed(std::string("response is not JSON: ") + simdjson::error_message(ec));
  if (!doc.is_object()) return malformed("response is not a JSON object");
  return doc;
}

// Reading the small members of a response: the JSON type a member must have (when present,
// absent or null being "not said"), and its range; an error names the member, and callers
// prepend where it sits ("Table.ItemCount", "ConsumedCapacity.Table.CapacityUnits").
inline error malformed_at(std::string_view key, std::string what) {
  error e = malformed(std::move(what));
  e.path = std::string(key);
  return e;
}

// An error from inside member `name` (element `index` of it) with that place put in front of its path.
inline error inside(error e, std::string_view name) {
  e.prepend_member(name);
  return e;
}
inline error inside(error e, std::string_view name, std::size_t index) {
  e.prepend_index(index);
  e.prepend_member(name);
  return e;
}
inline error inside(status s, std::string_view name) { return inside(std::move(s).error(), name); }
inline error inside(status s, std::string_view name, std::size_t index) { return inside(std::move(s).error(), name, index); }

template <class T>
constexpr const char* json_kind() {
  if constexpr (std::is_same_v<T, std::string_view>) return "a string";
  else if constexpr (std::is_same_v<T, std::uint64_t>) return "a non-negative integer";
  else if constexpr (std::is_same_v<T, std::int64_t>) return "an integer";
  else if constexpr (std::is_same_v<T, double>) return "a number";
  else if constexpr (std::is_same_v<T, simdjson::dom::array>) return "an array";
  else if constexpr (std::is_same_v<T, simdjson::dom::object>) return "an object";
  else return "a value";
}

// Member `key` of `o` as a T (string_view, uint64_t, double, dom::array, dom::object, dom::element): empty when
// absent or null, an error when of another type (for uint64_t: negative, fractional or too large).
template <class T>
status read_member(simdjson::dom::object o, std::string_view key, std::optional<T>& out) {
  simdjson::dom::element v;
  if (o[key].get(v) || v.is_null()) return {};
  T x{};
  if (v.get(x)) return malformed_at(key, std::string("expected ") + json_kind<T>());
  out = x;
  return {};
}
inline status read_string(simdjson::dom::object o, std::string_view key, std::string& out, bool required = false) {
  std::optional<std::string_view> s;
  if (auto r = read_member(o, key, s); !r) return r;
  if (s) out = std::string(*s);
  else if (required) return malformed_at(key, "missing");
  return {};
}
inline status read_count(simdjson::dom::object o, std::string_view key, std::uint64_t& out) {
  std::optional<std::uint64_t> n;
  if (auto r = read_member(o, key, n); !r) return r;
  if (n) out = *n;
  return {};
}
// Capacity units: a JSON number, not below zero.
inline status read_units(simdjson::dom::object o, std::string_view key, double& out) {
  std::optional<double> d;
  if (auto r = read_member(o, key, d); !r) return r;
  if (d && !(*d >= 0)) return malformed_at(key, "expected a non-negative number");
  if (d) out = *d;
  return {};
}
// An element that must be an object (of an array or a map of them).
inline status as_object(simdjson::dom::element e, simdjson::dom::object& o) {
  if (e.get(o)) return malformed("expected an object");
  return {};
}

inline status read_capacity(simdjson::dom::element e, capacity& c) {
  simdjson::dom::object o;
  if (auto s = as_object(e, o); !s) return s;
  if (auto s = read_units(o, "CapacityUnits", c.capacity_units); !s) return s;
  if (auto s = read_units(o, "ReadCapacityUnits", c.read_capacity_units); !s) return s;
  return read_units(o, "WriteCapacityUnits", c.write_capacity_units);
}

// One ConsumedCapacity object; errors name the member inside it ("Table.CapacityUnits").
inline status read_consumed_capacity(simdjson::dom::element e, consumed_capacity& c) {
  simdjson::dom::object o;
  if (auto s = as_object(e, o); !s) return s;
  if (auto s = read_string(o, "TableName", c.table_name); !s) return s;
  if (auto s = read_units(o, "CapacityUnits", c.capacity_units); !s) return s;
  if (auto s = read_units(o, "ReadCapacityUnits", c.read_capacity_units); !s) return s;
  if (auto s = read_units(o, "WriteCapacityUnits", c.write_capacity_units); !s) return s;
  std::optional<simdjson::dom::element> t;
  if (auto s = read_member(o, "Table", t); !s) return s;
  if (t) {
    if (auto s = read_capacity(*t, c.table.emplace()); !s) return inside(std::move(s), "Table");
  }
  for (auto [key, into] : {std::pair{"GlobalSecondaryIndexes", &c.global_secondary_indexes},
                           std::pair{"LocalSecondaryIndexes", &c.local_secondary_indexes}}) {
    std::optional<simdjson::dom::object> m;
    if (auto s = read_member(o, key, m); !s) return s;
    if (!m) continue;
    for (auto f : *m)
      if (auto s = read_capacity(f.value, (*into)[std::string(f.key)]); !s) return inside(inside(std::move(s), f.key), key);
  }
  return {};
}

// The ConsumedCapacity array of a batch response (empty when absent), errors naming the entry.
inline status read_consumed_capacities(simdjson::dom::element doc, std::vector<consumed_capacity>& out) {
  simdjson::dom::object o;
  if (auto s = as_object(doc, o); !s) return s;
  std::optional<simdjson::dom::array> all;
  if (auto s = read_member(o, "ConsumedCapacity", all); !s) return s;
  if (!all) return {};
  std::size_t i = 0;
  for (auto e : *all) {
    if (auto s = read_consumed_capacity(e, out.emplace_back()); !s) return inside(std::move(s), "ConsumedCapacity", i);
    ++i;
  }
  return {};
}

// ConsumedCapacity of a single-table response: an object, or absent.
inline result<std::optional<consumed_capacity>> consumed_capacity_of(simdjson::dom::element doc) {
  simdjson::dom::object o;
  if (auto s = as_object(doc, o); !s) return std::move(s).error();
  std::optional<simdjson::dom::element> cc;
  if (auto s = read_member(o, "ConsumedCapacity", cc); !s) return std::move(s).error();
  if (!cc) return std::optional<consumed_capacity>{};
  consumed_capacity c;
  if (auto s = read_consumed_capacity(*cc, c); !s) return inside(std::move(s), "ConsumedCapacity");
  return std::optional<consumed_capacity>(std::move(c));
}

// Decodes the item held under `key` of the response (Item, Attributes) in one On-Demand pass;
// empty when absent.
template <class T, decode_options O>
result<std::optional<T>> item_member(std::string_view body, std::string_view key) {
  return thread_decoder().template item_member<T, O>(body, key);
}

// ConsumedCapacity of a response, read only when the body has one (it is asked for per request).
// A member name may be spelled with \u escapes ("\u0043onsumedCapacity" is the same JSON), so a body
// holding any is parsed too.
inline result<std::optional<consumed_capacity>> consumed_capacity_in(std::string_view body) {
  if (body.find("\"ConsumedCapacity\"") == std::string_view::npos && body.find("\\u") == std::string_view::npos)
    return std::optional<consumed_capacity>{};
  auto doc = parse_response(body);
  if (!doc) return std::move(doc).error();
  return consumed_capacity_of(*doc);
}

// The signature of a key object the service sent; an error names the missing or bad attribute.
inline result<std::string> read_key_signature(simdjson::dom::object key, std::string_view hash_name, std::string_view range_name) {
  std::string out;
  for (std::string_view name : {hash_name, range_name}) {
    if (name.empty()) continue;
    simdjson::dom::element v;
    if (key[name].get(v)) return malformed_at(name, "missing key attribute");
    auto val = decode_value<value>(std::string(simdjson::minify(v)));
    if (!val) return inside(std::move(val).error(), name);
    if (!out.empty()) out += ',';
    (void)encode_value(*val, out);
  }
  return out;
}
template <class Table>
result<std::string> read_key_signature(simdjson::dom::object key) {
  return read_key_signature(key, Table::hash_name, Table::range_name);
}

}  // namespace detail
}  // namespace ddbx
