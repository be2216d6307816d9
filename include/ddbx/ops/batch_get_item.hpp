#pragma once
// BatchGetItem for one table: up to 100 keys, results unordered, leftovers in UnprocessedKeys
// (ddbx::batch_get sends those again).
//
//   ddbx::batch_get_item_request<users_table> r{"users"};
//   r.key({"johndoe", "Doe"}); r.key({"janedoering", "Doering"});
//   // {"RequestItems":{"users":{"Keys":[{…},{…}]}}}
#include <optional>
#include <string>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/detail/write_request.hpp"

namespace ddbx {

namespace detail {
// One table's entry of UnprocessedKeys (KeysAndAttributes): its keys, minified, appended to `out`;
// an error names where inside it ("Keys[1]").
inline status read_unprocessed_keys(simdjson::dom::object keys_and_attributes, std::vector<std::string>& out) {
  std::optional<simdjson::dom::array> left;
  if (auto s = read_member(keys_and_attributes, "Keys", left); !s) return s;
  if (!left) return malformed_at("Keys", "missing");  // required in KeysAndAttributes
  std::size_t i = 0;
  for (auto k : *left) {
    simdjson::dom::object key;  // re-sent as it is: it must be a key, an object
    if (auto s = as_object(k, key); !s) return inside(std::move(s), "Keys", i);
    out.push_back(simdjson::minify(k));
    ++i;
  }
  return {};
}
}  // namespace detail

template <class U>
struct batch_get_result {
  std::vector<U> items;                    // in no particular order
  std::vector<std::string> unprocessed;    // keys (JSON) the service did not read this time
  std::vector<ddbx::consumed_capacity> consumed_capacity;
};

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] batch_get_item_request {
 public:
  using item_type = typename Table::item_type;
  static constexpr std::string_view operation = "BatchGetItem";

  explicit batch_get_item_request(std::string table_name, sender via = {}) : table_(std::move(table_name)), via_(via) {}

  status key(const primary_key<Table>& k) {
    std::string json;
    if (auto s = append_key(json, k); !s) return s;
    keys.push_back(std::move(json));
    return {};
  }
  batch_get_item_request& consistent_read(bool on = true) {
    consistent_ = on;
    return *this;
  }
  template <class P>
  batch_get_item_request& project(const P& p) {
    expr_.with_projection(p);
    return *this;
  }
  batch_get_item_request& return_consumed_capacity(ddbx::return_consumed_capacity r) {
    capacity_ = r;
    return *this;
  }

  status append_body(std::string& out) const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    if (auto s = detail::check_batch(keys, limits::max_batch_get, operation, "key", "RequestItems." + table_ + ".Keys",
                                     [](const std::string& k) -> const std::string& { return k; });
        !s)
      return s;
    out += "{\"RequestItems\":{\"";
    out += table_;
    out += "\":{\"Keys\":[";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i) out += ',';
      out += keys[i];
    }
    out += ']';
    if (consistent_) detail::bool_member(out, "ConsistentRead", true);
    if (auto s = detail::append_expressions(out, expr_); !s) return s;
    out += "}}";
    detail::capacity_member(out, capacity_);
    out += '}';
    return {};
  }

  template <class U = item_type, decode_options O = decode_options{}>
  result<batch_get_result<U>> send() const {
    return detail::send_request(*this, via_, [&](std::string_view b) { return parse<U, O>(b, table_); });
  }

  // Responses and UnprocessedKeys of `table_name`; a malformed shape is an error naming where,
  // so no item and no key left for later is dropped.
  template <class U = item_type, decode_options O = decode_options{}>
  static result<batch_get_result<U>> parse(std::string_view body, std::string_view table_name) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    const simdjson::dom::object top = doc->get_object().value_unsafe();
    batch_get_result<U> out;
    std::optional<simdjson::dom::object> responses;
    std::optional<simdjson::dom::array> items;
    if (auto s = detail::read_member(top, "Responses", responses); !s) return std::move(s).error();
    if (responses) {
      if (auto s = detail::read_member(*responses, table_name, items); !s)
        return detail::inside(std::move(s), "Responses");
    }
    if (items) {
      auto decoded = decode_items<U, O>(std::string(simdjson::minify(*items)));
      if (!decoded) return detail::inside(detail::inside(std::move(decoded).error(), table_name), "Responses");
      out.items = std::move(*decoded);
    }
    std::optional<simdjson::dom::object> unprocessed, ours;
    if (auto s = detail::read_member(top, "UnprocessedKeys", unprocessed); !s) return std::move(s).error();
    if (unprocessed) {
      if (auto s = detail::read_member(*unprocessed, table_name, ours); !s)
        return detail::inside(std::move(s), "UnprocessedKeys");
    }
    if (ours)
      if (auto s = detail::read_unprocessed_keys(*ours, out.unprocessed); !s)
        return detail::inside(detail::inside(std::move(s), table_name), "UnprocessedKeys");
    if (auto s = detail::read_consumed_capacities(*doc, out.consumed_capacity); !s) return std::move(s).error();
    return out;
  }

  std::vector<std::string> keys;  // encoded keys, {"username":{"S":…},…}

 private:
  std::string table_;
  builder expr_;
  bool consistent_ = false;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
  sender via_;
};

}  // namespace ddbx
