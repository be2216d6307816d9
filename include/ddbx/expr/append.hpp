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
#include <cstring>
#include <string>
#include <string_view>

#include "ddbx/detail/fixed_string.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/mapping/detail/sink.hpp"

namespace ddbx {

namespace detail {
template <class C>
status append_condition_built(std::string& body, const C& c, std::string_view member);

template <class C>
constexpr bool fast_path_applies() {
  if constexpr (C::is_static) return static_text_value<C>.fits && static_text_value<C>.value_count <= 32;
  else return false;
}

// Everything before the first value, as one constant: `,"FilterExpression":"#0 < :0"`, the names
// member, and `,"ExpressionAttributeValues":{":0":` when there are values.
template <fixed_string Member, class C>
consteval static_text make_static_head() {
  constexpr const static_text& st = static_text_value<C>;
  static_text t;
  t.put(",\"");
  t.put(Member.view());
  t.put("\":\"");
  t.put(st.view());
  t.put("\"");
  if constexpr (st.name_count > 0) {
    t.put(",\"ExpressionAttributeNames\":");
    t.put(static_names_json<C>.view());
  }
  if constexpr (st.value_count > 0) t.put(",\"ExpressionAttributeValues\":{\":0\":");
  return t;
}
template <fixed_string Member, class C>
inline constexpr static_text static_head = make_static_head<Member, C>();

// `,":1":` … `,":31":`, each in 8 bytes (the text, then padding), for the values after the first.
struct value_key_table {
  char text[32][8]{};
  unsigned char size[32]{};
  constexpr value_key_table() {
    for (unsigned i = 1; i < 32; ++i) {
      unsigned k = 0;
      text[i][k++] = ',';
      text[i][k++] = '"';
      text[i][k++] = ':';
      if (i >= 10) text[i][k++] = static_cast<char>('0' + i / 10);
      text[i][k++] = static_cast<char>('0' + i % 10);
      text[i][k++] = '"';
      text[i][k++] = ':';
      size[i] = static_cast<unsigned char>(k);
    }
  }
};
inline constexpr value_key_table value_keys{};

// The wire type every value of T is encoded as, or any_kind where it depends on the value (an
// optional may be NULL, a ddbx::value or a codec's type anything): values of two different known
// kinds never encode alike.
inline constexpr unsigned char any_kind = 0xff;
template <class T>
inline constexpr unsigned char value_kind = [] {
  if constexpr (optional_type<T> || has_codec<T> || dynamic_value<T>) return any_kind;
  else if constexpr (constexpr auto t = wire_type_of<T>(); t.has_value()) return static_cast<unsigned char>(*t);
  else return any_kind;
}();

template <fixed_string Member, class C>
status append_condition(std::string& body, const C& c) {
  if constexpr (fast_path_applies<C>()) {
    constexpr const static_text& st = static_text_value<C>;
    static_assert(st.size <= limits::max_expression, "ddbx: this expression is longer than DynamoDB's 4 KB");
    static_assert(st.operators <= limits::max_expression_operators, "ddbx: this expression has more than 300 operators");
    constexpr const static_text& head = static_head<Member, C>;
    // One cursor over the body for the constant head and every value; on failure the body is
    // left as it was.
    sink out(body, head.size + 2 + 48 * st.value_count);
    std::memcpy(out.cursor(), head.text, head.size);
    out.advance_to(out.cursor() + head.size);
    if constexpr (st.value_count > 0) {
      encoder e{out};
      std::size_t begin[32], end[32], n = 0;
      unsigned char kind[32];
      bool ok = true;
      c.for_each_value([&](const auto& v) {
        if (!ok) return;
        if (n) {
          out.ensure(8);
          std::memcpy(out.cursor(), value_keys.text[n], 8);
          out.advance_to(out.cursor() + value_keys.size[n]);
        }
        kind[n] = value_kind<std::remove_cvref_t<decltype(v)>>;
        begin[n] = out.written();
        std::size_t size = 0;
        ok = (!is_empty_set_value(v) ||
              e.fail(errc::empty_set, "an empty set cannot be stored (DynamoDB sets are never empty)")) &&
             write_value<encode_options{}>(e, v, size);
        end[n++] = out.written();
      });
      if (!ok) {
        out.rollback();
        return std::move(e.err);
      }
      // Equal values must share one placeholder: that changes the text, so build it instead.
      // Values of two different known wire types are never compared (nor read back just after
      // being written, which stalls the store buffer).
      const char* base = out.cursor() - out.written();
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
          if ((kind[i] == kind[j] || kind[i] == any_kind || kind[j] == any_kind) && end[i] - begin[i] == end[j] - begin[j] &&
              std::memcmp(base + begin[i], base + begin[j], end[i] - begin[i]) == 0) {
            out.rollback();
            return append_condition_built(body, c, Member.view());
          }
      out += '}';
    }
    out.finish();
    return {};
  } else {
    return append_condition_built(body, c, Member.view());
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
  return detail::append_condition<"FilterExpression">(body, c);
}
// Appends `,"ConditionExpression":…` and its names and values to a request body.
template <condition C>
status append_condition(std::string& body, const C& c) {
  return detail::append_condition<"ConditionExpression">(body, c);
}

}  // namespace ddbx
