#pragma once
// What Query and Scan share: filter, projection, Limit, ConsistentRead, Select,
// ReturnConsumedCapacity, ExclusiveStartKey, IndexName, and reading a page.
#include <cstdint>
#include <optional>
#include <string>

#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/detail/write_request.hpp"

namespace ddbx {

// One Query or Scan answer: the page (items, Count, ScannedCount, LastEvaluatedKey) and
// ConsumedCapacity when asked for.
template <class U>
struct query_result : page<U> {
  std::optional<ddbx::consumed_capacity> consumed_capacity;
};

namespace detail {

template <class U, decode_options O>
result<query_result<U>> parse_query_result(std::string_view body, bool want_capacity) {
  query_result<U> q;
  if (auto s = thread_decoder().template query_page<U, O>(body, static_cast<page<U>&>(q)); !s) return std::move(s).error();
  if (want_capacity && !q.consumed_capacity_json.empty()) {
    auto doc = parse_response(q.consumed_capacity_json);
    if (!doc) return std::move(doc).error();
    if (auto s = read_consumed_capacity(*doc, q.consumed_capacity.emplace()); !s) return inside(std::move(s), "ConsumedCapacity");
  }
  return q;
}

template <class Derived, class Table>
class read_request : public request_base<Derived> {
  using base = request_base<Derived>;
  using base::self;

 public:
  using item_type = typename Table::item_type;

  // FilterExpression: applied after the read, before the page comes back.
  template <::ddbx::condition C>
  Derived& filter(const C& c) {
    this->expr_.with_filter(c);
    return self();
  }
  // ProjectionExpression: decode into a view struct with send<View>(), or leniently.
  template <class P>
  Derived& project(const P& p) {
    this->expr_.with_projection(p);
    projected_ = true;
    return self();
  }
  // Limit: the most items to evaluate (before the filter).
  Derived& limit(std::uint32_t n) {
    limit_ = n;
    return self();
  }
  Derived& consistent_read(bool on = true) {
    consistent_ = on;
    return self();
  }
  Derived& select(ddbx::select s) {
    select_ = s;
    return self();
  }
  // ExclusiveStartKey: a page's LastEvaluatedKey; empty starts from the beginning.
  Derived& exclusive_start_key(const std::optional<item>& key) {
    start_key_.reset();
    start_key_status_ = {};  // an earlier key's refusal goes with it
    if (key) {
      std::string json;
      start_key_status_ = encode_item(*key, json);
      start_key_ = std::move(json);
    }
    return self();
  }
  Derived& exclusive_start_key(const primary_key<Table>& key) {
    std::string json;
    start_key_status_ = append_key(json, key);
    start_key_ = std::move(json);
    return self();
  }

  bool wants_consumed_capacity() const noexcept { return this->capacity_ != ddbx::return_consumed_capacity::none; }
  const std::optional<std::uint32_t>& current_limit() const noexcept { return limit_; }

  template <class U = item_type, decode_options O = decode_options{}>
  result<query_result<U>> send() const {
    const bool capacity = wants_consumed_capacity();
    return send_request(self(), this->via_, [&](std::string_view b) { return parse_query_result<U, O>(b, capacity); });
  }

 protected:
  read_request(std::string table_name, std::string_view index, sender via)
      : base(std::move(table_name), via), index_(index) {}

  status append_head(std::string& out) const {
    if (auto s = this->check_table(); !s) return s;
    if (!index_.empty())
      if (auto s = check_table_name(index_, "IndexName"); !s) return s;
    if (limit_ && *limit_ == 0) return make_error(errc::invalid_request, "must be at least 1", "Limit");
    if (consistent_ && global_index_)
      return make_error(errc::invalid_request, "a global secondary index is read eventually consistent only", "ConsistentRead");
    if (select_) {
      auto bad = [](std::string m) { return make_error(errc::invalid_request, std::move(m), "Select"); };
      if (*select_ != ddbx::select::specific_attributes && projected_)
        return bad(std::string(to_string(*select_)) + " cannot be combined with a projection (it is SPECIFIC_ATTRIBUTES)");
      if (*select_ == ddbx::select::specific_attributes && !projected_)
        return bad("SPECIFIC_ATTRIBUTES needs a projection (project(...))");
      if (*select_ == ddbx::select::all_projected_attributes && index_.empty())
        return bad("ALL_PROJECTED_ATTRIBUTES is only for a query or scan of an index");
    }
    if (!start_key_status_) return start_key_status_;
    this->open_body(out);
    if (!index_.empty()) string_member(out, "IndexName", index_);
    return {};
  }
  // A Query's body: its filter may not name a key attribute of what is queried (DynamoDB: "Filter
  // Expression can only contain non-primary key attributes"); `is_key(name)` says which those are.
  template <class IsKey>
  status append_query_body(std::string& out, IsKey&& is_key, const std::optional<bool>& forward) const {
    std::string key_in_filter;
    this->expr_.for_each_filter_path_head([&](std::string_view head) {
      if (key_in_filter.empty() && is_key(head)) key_in_filter = head;
    });
    if (!key_in_filter.empty())
      return make_error(errc::invalid_request,
                        "'" + key_in_filter + "' is a key attribute of what is queried; a Query's filter may not name it (put it in the key condition)",
                        "FilterExpression");
    if (auto s = append_head(out); !s) return s;
    if (auto s = append_tail(out); !s) return s;
    if (forward) bool_member(out, "ScanIndexForward", *forward);
    out += '}';
    return {};
  }
  status append_tail(std::string& out) const {
    if (auto s = append_expressions(out, this->expr_); !s) return s;
    if (limit_) uint_member(out, "Limit", *limit_);
    if (consistent_) bool_member(out, "ConsistentRead", true);
    if (select_) string_member(out, "Select", to_string(*select_));
    capacity_member(out, this->capacity_);
    if (start_key_) {
      out += ",\"ExclusiveStartKey\":";
      out += *start_key_;
    }
    return {};
  }

  std::string index_;
  bool global_index_ = false;  // index_ is a GSI (its descriptor says so): no ConsistentRead
  bool projected_ = false;
  bool consistent_ = false;
  std::optional<std::uint32_t> limit_;
  std::optional<ddbx::select> select_;
  std::optional<std::string> start_key_;
  status start_key_status_;
};

}  // namespace detail
}  // namespace ddbx
