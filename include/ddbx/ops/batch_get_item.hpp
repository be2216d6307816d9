#pragma once
// BatchGetItem for one table: up to 100 keys, results unordered, leftovers in UnprocessedKeys
// (ddbx::batch_get sends those again).
//
//   ddbx::batch_get_item_request<users_table> r{"users"};
//   r.key({"johndoe", "Doe"}); r.key({"janedoering", "Doering"});
//   // {"RequestItems":{"users":{"Keys":[{…},{…}]}}}
#include <string>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/detail/write_request.hpp"

namespace ddbx {

template <class U>
struct batch_get_result {
  std::vector<U> items;                    // in no particular order
  std::vector<std::string> unprocessed;    // keys (JSON) the service did not read this time
  std::vector<ddbx::consumed_capacity> consumed_capacity;
};

template <class Table>
class batch_get_item_request {
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

  template <class U = item_type, decode_options O = decode_options{}>
  static result<batch_get_result<U>> parse(std::string_view body, std::string_view table_name) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    batch_get_result<U> out;
    simdjson::dom::array items;
    if (!(*doc)["Responses"][table_name].get(items)) {
      auto decoded = decode_items<U, O>(std::string(simdjson::minify(items)));
      if (!decoded) {
        error e = std::move(decoded).error();
        e.prepend_member("Responses." + std::string(table_name));
        return e;
      }
      out.items = std::move(*decoded);
    }
    simdjson::dom::array left;
    if (!(*doc)["UnprocessedKeys"][table_name]["Keys"].get(left))
      for (auto k : left) out.unprocessed.push_back(simdjson::minify(k));
    simdjson::dom::array cc;
    if (!(*doc)["ConsumedCapacity"].get(cc))
      for (auto c : cc) out.consumed_capacity.push_back(detail::read_consumed_capacity(c));
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
