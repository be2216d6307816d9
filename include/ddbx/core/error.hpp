#pragma once
// ddbx::error — what went wrong, where (the attribute path) and why.
//
//   ddbx::error e{ddbx::errc::type_mismatch, "address.zipcode", "expected N, got S"};
//   e.what_text()  // "address.zipcode: expected N, got S"

#include <cstdint>
#include <string>
#include <string_view>
#if defined(__cpp_exceptions)
#include <stdexcept>
#endif

namespace ddbx {

enum class errc : std::uint8_t {
  ok = 0,
  // encoding and values
  invalid_utf8,
  invalid_number,          // text is not a number
  number_not_finite,       // NaN or infinity
  number_out_of_range,     // magnitude above 9.99…E+125 or below 1E-130
  number_too_precise,      // more than 38 significant digits
  integer_out_of_range,    // a number does not fit the integer type
  not_an_integer,          // a number with a fraction decoded into an integer type
  nesting_too_deep,        // more than 31 nested lists/maps
  item_too_large,          // item size above 400 KB
  duplicate_set_element,
  empty_set,               // an empty set where it cannot be omitted (inside a list, top level)
  invalid_name,            // attribute name empty or too long
  invalid_time,            // a time point outside 0000..9999 or a malformed ISO-8601 text
  invalid_base64,
  // decoding
  malformed_json,
  type_mismatch,           // {"S":…} where N is expected
  multiple_type_keys,      // {"S":"a","N":"1"}
  invalid_null,            // {"NULL":false}
  missing_member,          // a required member absent from the item
  unknown_member,          // an attribute the struct does not have (strict_unknown)
  duplicate_attribute,     // one attribute name twice in a map or item
  size_mismatch,           // a list decoded into std::array of another length
  custom,                  // raised by a user codec
  // expressions
  invalid_path,            // a path text that does not parse ("a..b", "a[x]")
  expression_too_long,     // over 4 KB, or values over 2 MB
  too_many_operators,      // over 300 operators and functions
  too_many_operands,       // IN with more than 100 operands
  invalid_expression,      // a = a, inverted BETWEEN bounds, overlapping update paths, …
  // requests and responses
  invalid_request,         // refused before sending: empty key, bad table name, COUNT with a projection, …
  service_error,           // DynamoDB answered with an error (aws_code says which)
  transport_failed,        // the request did not get an answer (connection, timeout)
  crc32_mismatch,          // the body does not match its x-amz-crc32 header
  malformed_response,      // an answer that is not the documented shape
  invalid_token,           // a pagination token that does not decode
  waiter_timed_out,        // a waiter gave up after its attempts
  version_conflict,        // a versioned write found another version of the item (optimistic locking)
};

constexpr std::string_view to_string(errc c) noexcept {
  switch (c) {
    case errc::ok: return "ok";
    case errc::invalid_utf8: return "invalid_utf8";
    case errc::invalid_number: return "invalid_number";
    case errc::number_not_finite: return "number_not_finite";
    case errc::number_out_of_range: return "number_out_of_range";
    case errc::number_too_precise: return "number_too_precise";
    case errc::integer_out_of_range: return "integer_out_of_range";
    case errc::not_an_integer: return "not_an_integer";
    case errc::nesting_too_deep: return "nesting_too_deep";
    case errc::item_too_large: return "item_too_large";
    case errc::duplicate_set_element: return "duplicate_set_element";
    case errc::empty_set: return "empty_set";
    case errc::invalid_name: return "invalid_name";
    case errc::invalid_time: return "invalid_time";
    case errc::invalid_base64: return "invalid_base64";
    case errc::malformed_json: return "malformed_json";
    case errc::type_mismatch: return "type_mismatch";
    case errc::multiple_type_keys: return "multiple_type_keys";
    case errc::invalid_null: return "invalid_null";
    case errc::missing_member: return "missing_member";
    case errc::unknown_member: return "unknown_member";
    case errc::duplicate_attribute: return "duplicate_attribute";
    case errc::size_mismatch: return "size_mismatch";
    case errc::custom: return "custom";
    case errc::invalid_path: return "invalid_path";
    case errc::expression_too_long: return "expression_too_long";
    case errc::too_many_operators: return "too_many_operators";
    case errc::too_many_operands: return "too_many_operands";
    case errc::invalid_expression: return "invalid_expression";
    case errc::invalid_request: return "invalid_request";
    case errc::service_error: return "service_error";
    case errc::transport_failed: return "transport_failed";
    case errc::crc32_mismatch: return "crc32_mismatch";
    case errc::malformed_response: return "malformed_response";
    case errc::invalid_token: return "invalid_token";
    case errc::waiter_timed_out: return "waiter_timed_out";
    case errc::version_conflict: return "version_conflict";
  }
  return "unknown";
}

namespace detail {
// `text` with C0 controls, DEL and C1 controls (U+0080..U+009F) escaped, so a log line or a
// terminal shows them instead of obeying them: "\n", "\x1b", "\xc2\x9b". Other bytes are kept.
inline void append_escaped_controls(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789abcdef";
  auto escape = [&](unsigned char c) {
    out += '\\';
    switch (c) {
      case '\n': out += 'n'; return;
      case '\r': out += 'r'; return;
      case '\t': out += 't'; return;
      default: out += 'x'; out += hex[c >> 4]; out += hex[c & 15];
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const unsigned next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
    if (c == 0xc2 && next >= 0x80 && next < 0xa0) {  // U+0080..U+009F in UTF-8
      escape(c);
      escape(static_cast<unsigned char>(text[++i]));
    } else if (c < 0x20 || c == 0x7f) {
      escape(c);
    } else {
      out += text[i];
    }
  }
}
}  // namespace detail

struct error {
  errc code = errc::ok;
  std::string path;     // "address.zipcode", "tags[3]", "" for the whole item
  std::string message;  // short, lower case: "expected N, got S"
  // Set for errors from the service or the transport:
  std::string aws_code;   // "ConditionalCheckFailedException" (the text after the last '#' of __type)
  int http_status = 0;    // 400, 500, … (0 when there was no answer)
  bool retryable = false; // the standard retry policy would try again
  int attempts = 0;       // how often the client sent the request (0: refused before sending)
  std::string request_id; // the answer's x-amzn-RequestId, for AWS support
  // An earlier attempt got no definite answer (connection lost, timeout, 5xx, damaged body), so it
  // may have taken effect: a ConditionalCheckFailed may then be the request's own earlier write.
  bool maybe_applied_earlier = false;
  // The service's error answer as sent, when it says more than its code and message:
  // CancellationReasons (TransactWriteItems/TransactGetItems), Item (ReturnValuesOnConditionCheckFailure),
  // ThrottlingReasons. Read it with the functions of ddbx/ops/error_details.hpp.
  std::string details;

  // "address.zipcode: expected N, got S", "ConditionalCheckFailedException: The conditional request failed".
  // Control characters (the server's text may hold any) are shown escaped: "a\nb", "\x1b[2J".
  std::string what_text() const {
    std::string t;
    if (!aws_code.empty()) { detail::append_escaped_controls(t, aws_code); t += ": "; }
    if (!path.empty()) { detail::append_escaped_controls(t, path); t += ": "; }
    detail::append_escaped_controls(t, message);
    return t;
  }

  // Called while unwinding out of a member / element, so the path is only built on failure.
  void prepend_member(std::string_view name) {
    std::string seg(name);
    if (!path.empty() && path.front() != '[') seg += '.';
    seg += path;
    path.swap(seg);
  }
  void prepend_index(std::size_t i) {
    std::string seg = "[";
    seg += std::to_string(i);
    seg += ']';
    if (!path.empty() && path.front() != '[') seg += '.';
    seg += path;
    path.swap(seg);
  }
};

#if defined(__cpp_exceptions)
// Thrown by the throwing facade (result<T>::value()).
class exception : public std::runtime_error {
 public:
  explicit exception(ddbx::error e) : std::runtime_error(e.what_text()), error_(std::move(e)) {}
  const ddbx::error& error() const noexcept { return error_; }
 private:
  ddbx::error error_;
};
#endif

}  // namespace ddbx
