#pragma once
// The fast path for a request with one condition: appends the expression and its names and
// values as JSON members straight into the request body. For a condition whose shape is known
// at compile time the expression text and the names JSON are compile-time constants and only the
// values are encoded here, into the caller's buffer (no allocation once it has capacity).
// Anything else (equal values, run-time paths, IN, BETWEEN) goes through ddbx::builder.
//
//   std::string body = R"({"TableName":"users")";
//   ddbx::append_filter(body, ddbx::attr<&User::age> < 27);
//   // ,"FilterExpression":"#0 < :0","ExpressionAttributeNames":{"#0":"age"},"ExpressionAttributeValues":{":0":{"N":"27"}}
#include <string>
#include <string_view>

#include "ddbx/expr/builder.hpp"

namespace ddbx {

namespace detail {
// `,"ExpressionAttributeNames":{"#0":"age",…}` at compile time.
template <class C>
consteval static_text make_static_names_member() {
  constexpr const static_text& st = static_text_value<C>;
  static_text t;
  t.put(",\"ExpressionAttributeNames\":{");
  for (std::size_t i = 0; i < st.name_count; ++i) {
    if (i) t.put(",");
    t.put("\"#");
    t.put_index(i);
    t.put("\":\"");
    for (char ch : st.names[i]) {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') { t.put("\\"); t.put(std::string_view(&ch, 1)); }
      else if (c < 0x20) {
        constexpr char hex[] = "0123456789abcdef";
        const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        t.put(std::string_view(esc, 6));
      } else t.put(std::string_view(&ch, 1));
    }
    t.put("\"");
  }
  t.put("}");
  return t;
}
template <class C>
inline constexpr static_text static_names_member = make_static_names_member<C>();

template <class C>
status append_condition_built(std::string& body, const C& c, std::string_view member);

template <class C>
constexpr bool fast_path_applies() {
  if constexpr (C::is_static) return static_text_value<C>.fits && static_text_value<C>.value_count <= 32;
  else return false;
}

template <class C>
status append_condition(std::string& body, const C& c, std::string_view member) {
  if constexpr (fast_path_applies<C>()) {
    constexpr const static_text& st = static_text_value<C>;
    static_assert(st.size <= limits::max_expression, "ddbx: this expression is longer than DynamoDB's 4 KB");
    static_assert(st.operators <= limits::max_expression_operators, "ddbx: this expression has more than 300 operators");
    const std::size_t mark = body.size();
    body.reserve(mark + member.size() + st.size + static_names_member<C>.size + 64 * st.value_count + 320);  // + the encoder's 256-byte slack
    body += ",\"";
    body += member;
    body += "\":\"";
    body.append(st.view());
    body += '"';
    if constexpr (st.name_count > 0) body.append(static_names_member<C>.view());
    if constexpr (st.value_count > 0) {
      body += ",\"ExpressionAttributeValues\":{";
      std::size_t begin[32], end[32], n = 0;
      status failed;
      c.for_each_value([&](const auto& v) {
        if (!failed) return;
        if (n) body += ',';
        body += "\":";
        body += std::to_string(n);
        body += "\":";
        begin[n] = body.size();
        if (auto s = encode_value(v, body); !s) failed = std::move(s).error();
        end[n++] = body.size();
      });
      if (!failed) { body.resize(mark); return failed; }
      // Equal values must share one placeholder: that changes the text, so build it instead.
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
          if (end[i] - begin[i] == end[j] - begin[j] &&
              body.compare(begin[i], end[i] - begin[i], body, begin[j], end[j] - begin[j]) == 0) {
            body.resize(mark);
            return append_condition_built(body, c, member);
          }
      body += '}';
    }
    return {};
  } else {
    return append_condition_built(body, c, member);
  }
}

template <class C>
status append_condition_built(std::string& body, const C& c, std::string_view member) {
  builder b;
  if (member == "FilterExpression") b.with_filter(c);
  else b.with_condition(c);
  auto ex = b.build();
  if (!ex) return std::move(ex).error();
  ex->append_members(body);
  return {};
}
}  // namespace detail

// Appends `,"FilterExpression":…` and its names and values to a request body.
template <condition C>
status append_filter(std::string& body, const C& c) {
  return detail::append_condition(body, c, "FilterExpression");
}
// Appends `,"ConditionExpression":…` and its names and values to a request body.
template <condition C>
status append_condition(std::string& body, const C& c) {
  return detail::append_condition(body, c, "ConditionExpression");
}

}  // namespace ddbx
