#pragma once
// TransactWriteItems: up to 100 Put / Update / Delete / ConditionCheck actions on one or several
// tables, all applied or none. Each action is typed by its table's descriptor; everything DynamoDB
// would refuse is refused before sending, naming the action: more than 100 actions, items over 4 MB
// together, two actions on one item, bad keys and items, ReturnValuesOnConditionCheckFailure other
// than ALL_OLD; a ConditionCheck without a condition does not compile.
//
//   db.transact_write()
//       .put_item(orders, o, attribute_not_exists(attr<&order::id>), return_values::all_old)
//       .update_item(accounts, {"ann"}, set(attr<&account::balance>, attr<&account::balance> - 25),
//                    attr<&account::balance> >= 25)
//       .condition_check(customers, {"ann"}, attribute_exists(attr<&customer::id>))
//       .send();
//   // {"TransactItems":[{"Put":{"TableName":"orders","Item":{…},"ConditionExpression":…}},…],
//   //  "ClientRequestToken":"5f0c…"}
//
// Idempotent retries: the request gets a fresh ClientRequestToken when it is made, and the same
// body (so the same token) goes out on every retry of the client, so a transaction whose answer was
// lost is not applied twice (DynamoDB keeps a token 10 minutes). Sending the same request object
// again reuses its token too; set your own with client_request_token(). A TransactionCanceledException
// carries one reason per action: ddbx::cancellation_reasons(error) (ddbx/ops/error_details.hpp).
// Tables are given by name (or ARN) with the descriptor as template argument, or by table handle
// (anything with a table_type and name(), such as table_ref).
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/ops/common.hpp"
#include "ddbx/ops/detail/key_signature.hpp"
#include "ddbx/ops/detail/request_base.hpp"  // append_expressions
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

// A table handle: its descriptor and its name (table_ref is one).
template <class H>
concept table_handle = requires(const H& h) {
  typename H::table_type;
  { h.name() } -> std::convertible_to<std::string_view>;
};

struct transact_write_result {
  std::vector<ddbx::consumed_capacity> consumed_capacity;  // one per table, when asked for
  std::string item_collection_metrics_json;                // ItemCollectionMetrics as sent, when asked for
};

namespace detail {

// A version 4 UUID, the form the AWS SDKs give ClientRequestToken.
inline std::string new_client_request_token() {
  thread_local std::mt19937_64 rng{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()};
  const std::uint64_t hi = (rng() & ~0xF000ull) | 0x4000ull;                        // version 4
  const std::uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 10
  static constexpr char hex[] = "0123456789abcdef";
  std::string t;
  t.reserve(36);
  for (int i = 15; i >= 0; --i) {
    t += hex[(hi >> (4 * i)) & 0xF];
    if (i == 8 || i == 4) t += '-';
  }
  t += '-';
  for (int i = 15; i >= 0; --i) {
    t += hex[(lo >> (4 * i)) & 0xF];
    if (i == 12) t += '-';
  }
  return t;
}

}  // namespace detail

class [[nodiscard("a request does nothing until .send() is called")]] transact_write_request {
 public:
  static constexpr std::string_view operation = "TransactWriteItems";

  explicit transact_write_request(sender via = {}) : via_(via), token_(detail::new_client_request_token()) {}

  // Put: writes a whole item, if `condition` holds (when given).
  template <class Table>
  transact_write_request& put_item(std::string table, const typename Table::item_type& record) {
    return put_with<Table>(std::move(table), record, static_cast<const none*>(nullptr), return_values::none);
  }
  template <class Table, ::ddbx::condition C>
  transact_write_request& put_item(std::string table, const typename Table::item_type& record, const C& condition,
                                   return_values on_condition_failure = return_values::none) {
    return put_with<Table>(std::move(table), record, &condition, on_condition_failure);
  }
  // Update: changes attributes of the item with `key`.
  template <class Table, class U>
  transact_write_request& update_item(std::string table, const primary_key<Table>& key, const U& update) {
    return keyed<Table>("Update", std::move(table), key, &update, static_cast<const none*>(nullptr), return_values::none);
  }
  template <class Table, class U, ::ddbx::condition C>
  transact_write_request& update_item(std::string table, const primary_key<Table>& key, const U& update,
                                      const C& condition, return_values on_condition_failure = return_values::none) {
    return keyed<Table>("Update", std::move(table), key, &update, &condition, on_condition_failure);
  }
  // Delete: removes the item with `key`.
  template <class Table>
  transact_write_request& delete_item(std::string table, const primary_key<Table>& key) {
    return keyed<Table>("Delete", std::move(table), key, static_cast<const none*>(nullptr),
                        static_cast<const none*>(nullptr), return_values::none);
  }
  template <class Table, ::ddbx::condition C>
  transact_write_request& delete_item(std::string table, const primary_key<Table>& key, const C& condition,
                                      return_values on_condition_failure = return_values::none) {
    return keyed<Table>("Delete", std::move(table), key, static_cast<const none*>(nullptr), &condition,
                        on_condition_failure);
  }
  // ConditionCheck: the transaction happens only if `condition` holds on the item with `key`.
  template <class Table, ::ddbx::condition C>
  transact_write_request& condition_check(std::string table, const primary_key<Table>& key, const C& condition,
                                          return_values on_condition_failure = return_values::none) {
    return keyed<Table>("ConditionCheck", std::move(table), key, static_cast<const none*>(nullptr), &condition,
                        on_condition_failure);
  }

  // The same, with a table handle (table_ref) in place of the name and descriptor.
  template <table_handle H, class... A>
  transact_write_request& put_item(const H& t, const typename H::table_type::item_type& record, const A&... more) {
    return put_item<typename H::table_type>(std::string(t.name()), record, more...);
  }
  template <table_handle H, class... A>
  transact_write_request& update_item(const H& t, const primary_key<typename H::table_type>& key, const A&... more) {
    return update_item<typename H::table_type>(std::string(t.name()), key, more...);
  }
  template <table_handle H, class... A>
  transact_write_request& delete_item(const H& t, const primary_key<typename H::table_type>& key, const A&... more) {
    return delete_item<typename H::table_type>(std::string(t.name()), key, more...);
  }
  template <table_handle H, class... A>
  transact_write_request& condition_check(const H& t, const primary_key<typename H::table_type>& key, const A&... more) {
    return condition_check<typename H::table_type>(std::string(t.name()), key, more...);
  }

  // ClientRequestToken: 1 to 36 characters (default: a fresh UUID per request object).
  transact_write_request& client_request_token(std::string token) {
    token_ = std::move(token);
    return *this;
  }
  const std::string& client_request_token() const noexcept { return token_; }
  transact_write_request& return_consumed_capacity(ddbx::return_consumed_capacity r) {
    capacity_ = r;
    return *this;
  }
  // ReturnItemCollectionMetrics SIZE (for tables with local secondary indexes).
  transact_write_request& return_item_collection_metrics(bool on = true) {
    metrics_ = on;
    return *this;
  }
  std::size_t size() const noexcept { return actions_.size(); }

  status append_body(std::string& out) const {
    if (actions_.empty()) return make_error(errc::invalid_request, "nothing to send", "TransactItems");
    if (actions_.size() > limits::max_transact_items)
      return make_error(errc::invalid_request,
                        std::to_string(actions_.size()) + " actions; TransactWriteItems takes at most " +
                            std::to_string(limits::max_transact_items),
                        "TransactItems");
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < actions_.size(); ++i) {
      const action& a = actions_[i];
      if (!a.outcome) {
        error e = a.outcome.error();
        e.prepend_member(a.kind);
        e.prepend_index(i);
        e.prepend_member("TransactItems");
        return e;
      }
      for (std::size_t j = 0; j < i; ++j)
        if (actions_[j].item_id == a.item_id)
          return make_error(errc::invalid_request,
                            "the same item as action " + std::to_string(j) +
                                "; one transaction cannot act on an item twice",
                            "TransactItems[" + std::to_string(i) + "]." + a.kind);
      bytes += a.item_bytes;
    }
    if (bytes > limits::max_transact_bytes)
      return make_error(errc::invalid_request,
                        "the items put come to " + std::to_string(bytes) +
                            " bytes; a transaction holds at most 4 MB (4194304 bytes)",
                        "TransactItems");
    if (token_.empty() || token_.size() > 36)
      return make_error(errc::invalid_request, "must be 1 to 36 characters", "ClientRequestToken");
    out += "{\"TransactItems\":[";
    for (std::size_t i = 0; i < actions_.size(); ++i) {
      if (i) out += ',';
      out += actions_[i].json;
    }
    out += "],\"ClientRequestToken\":";
    detail::append_json_string(out, token_);
    detail::capacity_member(out, capacity_);
    if (metrics_) detail::string_member(out, "ReturnItemCollectionMetrics", "SIZE");
    out += '}';
    return {};
  }

  result<transact_write_result> send() const { return detail::send_request(*this, via_, parse); }

  static result<transact_write_result> parse(std::string_view body) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    transact_write_result out;
    if (auto s = detail::read_consumed_capacities(*doc, out.consumed_capacity); !s) return std::move(s).error();
    std::optional<simdjson::dom::object> metrics;
    if (auto s = detail::read_member(doc->get_object().value_unsafe(), "ItemCollectionMetrics", metrics); !s)
      return std::move(s).error();
    if (metrics) out.item_collection_metrics_json = simdjson::minify(*metrics);
    return out;
  }

 private:
  struct none {};  // an action without an update or a condition
  struct action {
    std::string kind;     // "Put", "Update", "Delete", "ConditionCheck"
    std::string json;     // {"Put":{…}}
    std::string item_id;  // table and key, to find two actions on one item
    std::size_t item_bytes = 0;
    status outcome;       // a refused action: reported (with its place) when the request is rendered
  };

  // `{"Kind":{"TableName":"…"` for an action, or the error of a bad name.
  static status open_action(std::string& json, std::string_view kind, const std::string& table) {
    if (auto s = detail::check_table_name(table); !s) return s;
    json += "{\"";
    json += kind;
    json += "\":{\"TableName\":\"";
    json += table;
    json += '"';
    return {};
  }
  // The action's expressions (one placeholder namespace per action) and its
  // ReturnValuesOnConditionCheckFailure, then the closing of the action.
  static status close_action(std::string& json, const builder& b, return_values on_condition_failure) {
    if (on_condition_failure != return_values::none && on_condition_failure != return_values::all_old)
      return make_error(errc::invalid_request, std::string(to_string(on_condition_failure)) + " is not taken: NONE or ALL_OLD",
                        "ReturnValuesOnConditionCheckFailure");
    if (auto s = detail::append_expressions(json, b); !s) return s;
    if (on_condition_failure != return_values::none)
      detail::string_member(json, "ReturnValuesOnConditionCheckFailure", to_string(on_condition_failure));
    json += "}}";
    return {};
  }

  template <class Table, class C>
  transact_write_request& put_with(std::string table, const typename Table::item_type& record, const C* condition,
                                   return_values on_condition_failure) {
    action a;
    a.kind = "Put";
    a.item_id = table + '\n' + detail::key_signature<Table>(primary_key<Table>::of(record));
    a.outcome = check_item_key<Table>(record);
    if (a.outcome) a.outcome = open_action(a.json, a.kind, table);
    if (a.outcome) {
      a.json += ",\"Item\":";
      if (auto s = encode_item(record, a.json); !s) a.outcome = detail::inside(std::move(s).error(), "Item");
    }
    if (a.outcome) {
      auto size = item_size(record);
      a.item_bytes = size ? *size : 0;
      builder b;
      if constexpr (!std::is_same_v<C, none>) b.with_condition(*condition);
      a.outcome = close_action(a.json, b, on_condition_failure);
    }
    actions_.push_back(std::move(a));
    return *this;
  }

  template <class Table, class U, class C>
  transact_write_request& keyed(std::string_view kind, std::string table, const primary_key<Table>& key, const U* update,
                                const C* condition, return_values on_condition_failure) {
    action a;
    a.kind = std::string(kind);
    a.item_id = table + '\n' + detail::key_signature<Table>(key);
    a.outcome = open_action(a.json, kind, table);
    if (a.outcome) {
      a.json += ",\"Key\":";
      if (auto s = append_key(a.json, key); !s) a.outcome = detail::inside(std::move(s).error(), "Key");
    }
    if (a.outcome) {
      builder b;
      if constexpr (!std::is_same_v<U, none>) b.template with_update<Table>(*update);
      if constexpr (!std::is_same_v<C, none>) b.with_condition(*condition);
      a.outcome = close_action(a.json, b, on_condition_failure);
    }
    actions_.push_back(std::move(a));
    return *this;
  }

  std::vector<action> actions_;
  sender via_;
  std::string token_;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
  bool metrics_ = false;
};

}  // namespace ddbx
