#pragma once
// TransactGetItems: up to 100 gets over one or several tables, read as of one moment. Each get()
// adds its item type to the request's type, so the answer is a tuple of optionals in the order of
// the gets, each decoded into its own struct (or a projection's smaller struct):
//
//   auto [u, o] = db.transact_get()
//                     .get(users, {"janedoe", "Doe"})
//                     .get<order_total>(orders, {"ann", "o-3"}, project<&order::order_id, &order::total_cents>)
//                     .send().value().items;      // std::optional<user>, std::optional<order_total>
//   // {"TransactItems":[{"Get":{"TableName":"users","Key":{…}}},{"Get":{…,"ProjectionExpression":"#0, #1",…}}]}
//
// A TransactionCanceledException (a conflicting transaction) carries one reason per get:
// ddbx::cancellation_reasons(error). Tables are given by handle (table_ref), or by name with the
// descriptor as template argument: get<Table>("users", key).
#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/common.hpp"
#include "ddbx/ops/detail/key_signature.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"
#include "ddbx/ops/transact_write_items.hpp"  // table_handle

namespace ddbx {

template <class... Ts>
struct transact_get_result {
  std::tuple<std::optional<Ts>...> items;  // empty where no item has the key
  std::vector<ddbx::consumed_capacity> consumed_capacity;
};

namespace detail {
struct transact_get_entry {
  std::string json;     // {"Get":{…}}
  std::string item_id;  // table and key
  status outcome;
};
}  // namespace detail

template <class... Ts>
class [[nodiscard("a request does nothing until .send() is called")]] transact_get_request {
 public:
  static constexpr std::string_view operation = "TransactGetItems";

  explicit transact_get_request(sender via = {}) : via_(via) {}

  // Adds a get of the item with `key`, decoded into View (the table's item type by default); a
  // projection (project<…>) reads only some attributes, so View is then usually a smaller struct.
  template <class Table, class View = typename Table::item_type>
  transact_get_request<Ts..., View> get(std::string table, const primary_key<Table>& key) && {
    return std::move(*this).template add<Table, View>(std::move(table), key, static_cast<const none*>(nullptr));
  }
  template <class Table, class View = typename Table::item_type, class P>
  transact_get_request<Ts..., View> get(std::string table, const primary_key<Table>& key, const P& projection) && {
    return std::move(*this).template add<Table, View>(std::move(table), key, &projection);
  }
  template <class View = void, table_handle H>
  auto get(const H& t, const primary_key<typename H::table_type>& key) && {
    using V = std::conditional_t<std::is_void_v<View>, typename H::table_type::item_type, View>;
    return std::move(*this).template get<typename H::table_type, V>(std::string(t.name()), key);
  }
  template <class View = void, table_handle H, class P>
  auto get(const H& t, const primary_key<typename H::table_type>& key, const P& projection) && {
    using V = std::conditional_t<std::is_void_v<View>, typename H::table_type::item_type, View>;
    return std::move(*this).template get<typename H::table_type, V>(std::string(t.name()), key, projection);
  }

  transact_get_request&& return_consumed_capacity(ddbx::return_consumed_capacity r) && {
    capacity_ = r;
    return std::move(*this);
  }
  static constexpr std::size_t size() noexcept { return sizeof...(Ts); }

  status append_body(std::string& out) const {
    static_assert(sizeof...(Ts) <= limits::max_transact_items, "ddbx: TransactGetItems takes at most 100 gets");
    if (entries_.empty()) return make_error(errc::invalid_request, "nothing to send", "TransactItems");
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (!entries_[i].outcome) {
        error e = entries_[i].outcome.error();
        e.prepend_member("Get");
        e.prepend_index(i);
        e.prepend_member("TransactItems");
        return e;
      }
      for (std::size_t j = 0; j < i; ++j)
        if (entries_[j].item_id == entries_[i].item_id)
          return make_error(errc::invalid_request,
                            "the same item as get " + std::to_string(j) + "; one transaction cannot read an item twice",
                            "TransactItems[" + std::to_string(i) + "].Get");
    }
    out += "{\"TransactItems\":[";
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (i) out += ',';
      out += entries_[i].json;
    }
    out += ']';
    detail::capacity_member(out, capacity_);
    out += '}';
    return {};
  }

  template <decode_options O = decode_options{}>
  result<transact_get_result<Ts...>> send() const {
    return detail::send_request(*this, via_, [](std::string_view b) { return parse<O>(b); });
  }

  // Responses: one entry per get, in order, `{"Item":{…}}` or `{}` when there is no such item.
  template <decode_options O = decode_options{}>
  static result<transact_get_result<Ts...>> parse(std::string_view body) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    transact_get_result<Ts...> out;
    std::optional<simdjson::dom::array> responses;
    if (auto s = detail::read_member(doc->get_object().value_unsafe(), "Responses", responses); !s)
      return std::move(s).error();
    std::vector<std::optional<std::string>> items;
    if (responses)
      for (auto r : *responses) {
        simdjson::dom::object ro;
        if (auto s = detail::as_object(r, ro); !s) return detail::inside(std::move(s), "Responses", items.size());
        std::optional<simdjson::dom::object> found;
        if (auto s = detail::read_member(ro, "Item", found); !s) return detail::inside(std::move(s), "Responses", items.size());
        items.push_back(found ? std::optional<std::string>(simdjson::minify(*found)) : std::nullopt);
      }
    if (items.size() != sizeof...(Ts))
      return detail::malformed("Responses has " + std::to_string(items.size()) + " entries for " +
                               std::to_string(sizeof...(Ts)) + " gets");
    if (auto s = detail::read_consumed_capacities(*doc, out.consumed_capacity); !s) return std::move(s).error();
    status st;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (void)((st = decode_into<O>(items[I], std::get<I>(out.items), I)) && ...);
    }(std::index_sequence_for<Ts...>{});
    if (!st) return std::move(st).error();
    return out;
  }

 private:
  template <class...>
  friend class transact_get_request;
  struct none {};

  template <class Table, class View, class P>
  transact_get_request<Ts..., View> add(std::string table, const primary_key<Table>& key, const P* projection) && {
    detail::transact_get_entry e;
    e.item_id = table + '\n' + detail::key_signature<Table>(key);
    e.outcome = detail::check_table_name(table);
    if (e.outcome) {
      e.json = "{\"Get\":{\"TableName\":\"" + table + "\",\"Key\":";
      if (auto s = append_key(e.json, key); !s) e.outcome = detail::inside(std::move(s).error(), "Key");
    }
    if (e.outcome) {
      builder b;
      if constexpr (!std::is_same_v<P, none>) b.with_projection(*projection);
      e.outcome = detail::append_expressions(e.json, b);
      e.json += "}}";
    }
    transact_get_request<Ts..., View> next(via_);
    next.entries_ = std::move(entries_);
    next.entries_.push_back(std::move(e));
    next.capacity_ = capacity_;
    return next;
  }

  template <decode_options O, class T>
  static status decode_into(const std::optional<std::string>& json, std::optional<T>& out, std::size_t i) {
    if (!json) return {};
    auto t = decode_item<T, O>(*json);
    if (!t) return detail::inside(detail::inside(std::move(t).error(), "Item"), "Responses", i);
    out = std::move(*t);
    return {};
  }

  std::vector<detail::transact_get_entry> entries_;
  sender via_;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
};

}  // namespace ddbx
