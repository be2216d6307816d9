#pragma once
// BatchGetItem over several tables: up to 100 keys in all, each table with its own projection and
// ConsistentRead. Each get() adds its item type to the request's type, so the items come back as a
// tuple of vectors in the order of the gets, each decoded into its own struct (the table's item
// type, or a projection's smaller struct); leftovers come back per table in UnprocessedKeys
// (ddbx::multi_batch_get, client/multi_batch_get.hpp, reads those again and takes any number of keys).
//
//   auto r = ddbx::multi_batch_get_request<>{}
//                .get<users_table>("users", {{"janedoe", "Doe"}})
//                .get<orders_table, order_total>("orders", {{"ann", "o-1"}}, project<&order::id, &order::total>,
//                                                {.consistent_read = true});
//   // {"RequestItems":{"users":{"Keys":[…]},
//   //                  "orders":{"Keys":[…],"ConsistentRead":true,"ProjectionExpression":"#0, #1",…}}}
//
// Tables are given by name with the descriptor as template argument, or by handle (table_ref):
// get(users, keys). Each table once: RequestItems is a map by table name.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/ops/batch_get_item.hpp"
#include "ddbx/ops/detail/batch_tables.hpp"
#include "ddbx/ops/detail/key_signature.hpp"
#include "ddbx/ops/transact_write_items.hpp"  // table_handle

namespace ddbx {

// What one table of a BatchGetItem over several tables reads besides its keys.
struct batch_get_table_options {
  bool consistent_read = false;
};

// The answer to one BatchGetItem over several tables, per get (in the order of the gets).
template <class... Views>
struct multi_batch_get_page {
  std::tuple<std::vector<Views>...> items;                         // in no particular order
  std::array<std::vector<std::string>, sizeof...(Views)> unprocessed;  // keys (JSON) not read this time
  std::vector<ddbx::consumed_capacity> consumed_capacity;
};

template <class... Views>
class multi_batch_get;

namespace detail {
// One table's part of a BatchGetItem over several tables.
struct batch_get_part {
  std::string table;
  std::vector<std::string> keys;        // encoded, {"username":{"S":…},…}
  std::vector<std::string> signatures;  // their key signatures, in the same order
  std::string members;                  // what follows Keys: ,"ConsistentRead":true,"ProjectionExpression":…
  status outcome;                       // what adding the get refused (then nothing is sent)
  result<std::string> (*read_signature)(simdjson::dom::object) = nullptr;  // of a key the service sent
};

struct no_projection {};

template <class Table, class P>
batch_get_part make_batch_get_part(std::string table, const std::vector<primary_key<Table>>& keys, const P* projection,
                                   batch_get_table_options o) {
  batch_get_part part;
  part.table = std::move(table);
  part.read_signature = &read_key_signature<Table>;
  part.keys.reserve(keys.size());
  part.signatures.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string k;
    if (auto s = append_key(k, keys[i]); !s) {
      part.outcome = inside(std::move(s), "Keys", i);
      return part;
    }
    part.keys.push_back(std::move(k));
    part.signatures.push_back(key_signature<Table>(keys[i]));
  }
  if (o.consistent_read) bool_member(part.members, "ConsistentRead", true);
  builder b;
  if constexpr (!std::is_same_v<P, no_projection>) b.with_projection(*projection);
  if (auto s = append_expressions(part.members, b); !s) part.outcome = std::move(s);
  return part;
}
}  // namespace detail

template <class... Views>
class [[nodiscard("a request does nothing until .send() is called")]] multi_batch_get_request {
 public:
  static constexpr std::string_view operation = "BatchGetItem";

  explicit multi_batch_get_request(sender via = {}) : via_(via) {}

  // Adds a table's keys, decoded into View (the table's item type by default); a projection
  // (project<…>) reads only some attributes, so View is then usually a smaller struct.
  template <class Table, class View = typename Table::item_type>
  multi_batch_get_request<Views..., View> get(std::string table, const std::vector<primary_key<Table>>& keys,
                                              batch_get_table_options o = {}) && {
    return std::move(*this).template with<View>(
        detail::make_batch_get_part<Table>(std::move(table), keys, static_cast<const detail::no_projection*>(nullptr), o));
  }
  template <class Table, class View = typename Table::item_type, class P>
  multi_batch_get_request<Views..., View> get(std::string table, const std::vector<primary_key<Table>>& keys,
                                              const P& projection, batch_get_table_options o = {}) && {
    return std::move(*this).template with<View>(detail::make_batch_get_part<Table>(std::move(table), keys, &projection, o));
  }
  template <class View = void, table_handle H>
  auto get(const H& t, const std::vector<primary_key<typename H::table_type>>& keys, batch_get_table_options o = {}) && {
    using V = std::conditional_t<std::is_void_v<View>, typename H::table_type::item_type, View>;
    return std::move(*this).template get<typename H::table_type, V>(std::string(t.name()), keys, o);
  }
  template <class View = void, table_handle H, class P>
  auto get(const H& t, const std::vector<primary_key<typename H::table_type>>& keys, const P& projection,
           batch_get_table_options o = {}) && {
    using V = std::conditional_t<std::is_void_v<View>, typename H::table_type::item_type, View>;
    return std::move(*this).template get<typename H::table_type, V>(std::string(t.name()), keys, projection, o);
  }

  multi_batch_get_request&& return_consumed_capacity(ddbx::return_consumed_capacity r) && {
    capacity_ = r;
    return std::move(*this);
  }
  static constexpr std::size_t size() noexcept { return sizeof...(Views); }

  // {"RequestItems":{"users":{"Keys":[…]},"orders":{"Keys":[…],…}}}: the tables in the order of
  // the gets; a get without keys is left out. Refused (nothing written): no key or more than 100 in
  // all, a key twice in a table, a bad key, projection or table name, a table twice.
  status append_body(std::string& out) const {
    if (auto s = check_parts(); !s) return s;
    std::size_t total = 0;
    for (const auto& p : parts_) {
      total += p.keys.size();
      if (auto s = detail::check_batch(p.keys, limits::max_batch_get, operation, "key", "RequestItems." + p.table + ".Keys",
                                       [](const std::string& k) -> const std::string& { return k; });
          !s && !p.keys.empty())
        return s;
    }
    if (total == 0) return make_error(errc::invalid_request, "nothing to send", "RequestItems");
    if (total > limits::max_batch_get)
      return make_error(errc::invalid_request,
                        std::to_string(total) + " keys; BatchGetItem takes at most " + std::to_string(limits::max_batch_get) +
                            " (over all its tables)",
                        "RequestItems");
    out += "{\"RequestItems\":{";
    bool first_table = true;
    for (const auto& p : parts_) {
      if (p.keys.empty()) continue;
      if (!first_table) out += ',';
      first_table = false;
      out += '"';
      out += p.table;
      out += "\":{\"Keys\":[";
      for (std::size_t i = 0; i < p.keys.size(); ++i) {
        if (i) out += ',';
        out += p.keys[i];
      }
      out += ']';
      out += p.members;
      out += '}';
    }
    out += '}';
    detail::capacity_member(out, capacity_);
    out += '}';
    return {};
  }

  template <decode_options O = decode_options{}>
  result<multi_batch_get_page<Views...>> send() const {
    return detail::send_request(*this, via_, [&](std::string_view b) { return parse<O>(b); });
  }

  // Responses and UnprocessedKeys, table by table; a malformed shape, or a table that was not
  // asked for, is an error naming where, so no item and no key left for later is dropped.
  template <decode_options O = decode_options{}>
  result<multi_batch_get_page<Views...>> parse(std::string_view body) const {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    const simdjson::dom::object top = doc->get_object().value_unsafe();
    multi_batch_get_page<Views...> out;
    std::optional<simdjson::dom::object> responses, unprocessed;
    if (auto s = detail::read_member(top, "Responses", responses); !s) return std::move(s).error();
    if (auto s = detail::read_member(top, "UnprocessedKeys", unprocessed); !s) return std::move(s).error();
    for (auto [member, where] : {std::pair{responses, "Responses"}, std::pair{unprocessed, "UnprocessedKeys"}}) {
      if (!member) continue;
      for (auto field : *member) {
        bool asked = false;
        for (const auto& p : parts_) asked = asked || (!p.keys.empty() && p.table == field.key);
        if (!asked) return detail::inside(detail::malformed_at(field.key, "a table that was not asked for"), where);
      }
    }
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      const auto& name = parts_[i].table;
      if (parts_[i].keys.empty()) continue;
      std::optional<simdjson::dom::array> items;
      if (responses) {
        if (auto s = detail::read_member(*responses, name, items); !s) return detail::inside(std::move(s), "Responses");
      }
      if (items) {
        status st;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          (void)((i == I ? (st = decode_into<O>(*items, std::get<I>(out.items)), true) : false) || ...);
        }(std::index_sequence_for<Views...>{});
        if (!st) return detail::inside(detail::inside(std::move(st), name), "Responses");
      }
      std::optional<simdjson::dom::object> left;
      if (unprocessed) {
        if (auto s = detail::read_member(*unprocessed, name, left); !s) return detail::inside(std::move(s), "UnprocessedKeys");
      }
      if (left)
        if (auto s = detail::read_unprocessed_keys(*left, out.unprocessed[i]); !s)
          return detail::inside(detail::inside(std::move(s), name), "UnprocessedKeys");
    }
    if (auto s = detail::read_consumed_capacities(*doc, out.consumed_capacity); !s) return std::move(s).error();
    return out;
  }

 private:
  template <class...>
  friend class multi_batch_get_request;
  template <class...>
  friend class multi_batch_get;

  template <class View>
  multi_batch_get_request<Views..., View> with(detail::batch_get_part part) && {
    multi_batch_get_request<Views..., View> next(via_);
    next.parts_ = std::move(parts_);
    next.parts_.push_back(std::move(part));
    next.capacity_ = capacity_;
    return next;
  }

  // What a get refused when added, and the tables' names (each valid, each once).
  status check_parts() const {
    std::vector<std::string_view> names;
    for (const auto& p : parts_) {
      if (!p.outcome) return detail::inside(detail::inside(p.outcome, p.table), "RequestItems");
      names.push_back(p.table);
    }
    return detail::check_batch_tables(names);
  }

  template <decode_options O, class T>
  static status decode_into(simdjson::dom::array items, std::vector<T>& out) {
    auto decoded = decode_items<T, O>(std::string(simdjson::minify(items)));
    if (!decoded) return std::move(decoded).error();
    out = std::move(*decoded);
    return {};
  }

  std::vector<detail::batch_get_part> parts_;
  sender via_;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
};

}  // namespace ddbx
