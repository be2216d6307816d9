#pragma once
// BatchWriteItem over several tables: up to 25 puts and deletes in all, no key twice in a table.
// The tables are descriptors, given with their names in the same order; put() sends an item to the
// table whose item type it is (checked at compile time), del<Table>() a key to that table. What
// the service could not do comes back as UnprocessedItems, per table (ddbx::multi_batch_writer
// sends it again).
//
//   ddbx::multi_batch_write_request<users_table, orders_table> r{{"users", "orders"}};
//   r.put(jane); r.put(order{"ann", "o-1", 30}); r.del<orders_table>({"ann", "o-2"});
//   // {"RequestItems":{"users":[{"PutRequest":…}],"orders":[{"PutRequest":…},{"DeleteRequest":…}]}}
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/ops/batch_write_item.hpp"
#include "ddbx/ops/detail/batch_tables.hpp"

namespace ddbx {

// One request of a batch over several tables: its table (the position in the batch) and the request.
struct table_write_request {
  std::size_t table = 0;
  write_request_entry entry;
  friend bool operator==(const table_write_request&, const table_write_request&) = default;
};

struct multi_batch_write_result {
  std::vector<table_write_request> unprocessed;  // UnprocessedItems, table by table
  std::vector<ddbx::consumed_capacity> consumed_capacity;
};

template <class... Tables>
class [[nodiscard("a request does nothing until .send() is called")]] multi_batch_write_request {
  static_assert(sizeof...(Tables) > 0, "ddbx: a batch needs at least one table");
  template <std::size_t I>
  using nth = std::tuple_element_t<I, std::tuple<Tables...>>;

 public:
  static constexpr std::string_view operation = "BatchWriteItem";
  using names_type = std::array<std::string, sizeof...(Tables)>;

  explicit multi_batch_write_request(names_type names, sender via = {}) : names_(std::move(names)), via_(via) {}

  // A PutRequest for the table whose item type Item is; put_entry<Table> names the table. An item
  // DynamoDB would refuse is refused here.
  template <class Item>
  static result<table_write_request> put_entry(const Item& record) {
    constexpr std::size_t i = detail::batch_table_of_item<Item, Tables...>();
    return entry_at<i>(batch_write_item_request<nth<i>>::put_entry(record));
  }
  template <class Table>
  static result<table_write_request> put_entry(const typename Table::item_type& record) {
    constexpr std::size_t i = detail::batch_table_of_descriptor<Table, Tables...>();
    return entry_at<i>(batch_write_item_request<Table>::put_entry(record));
  }
  template <class Table>
  static result<table_write_request> delete_entry(const primary_key<Table>& key) {
    constexpr std::size_t i = detail::batch_table_of_descriptor<Table, Tables...>();
    return entry_at<i>(batch_write_item_request<Table>::delete_entry(key));
  }

  template <class Item>
  status put(const Item& record) {
    return add(put_entry(record));
  }
  template <class Table>
  status put(const typename Table::item_type& record) {
    return add(put_entry<Table>(record));
  }
  template <class Table>
  status del(const primary_key<Table>& key) {
    return add(delete_entry(key));
  }
  status add(result<table_write_request> e) {
    if (!e) return std::move(e).error();
    requests.push_back(std::move(*e));
    return {};
  }
  multi_batch_write_request& return_consumed_capacity(ddbx::return_consumed_capacity r) {
    capacity_ = r;
    return *this;
  }
  const names_type& table_names() const noexcept { return names_; }

  // {"RequestItems":{"users":[…],"orders":[…]}}: the tables in the batch's order, each with its
  // requests in the order added; a table without requests is left out. Refused (nothing written):
  // no request or more than 25, a key twice in a table, a bad or repeated table name.
  status append_body(std::string& out) const {
    if (auto s = detail::check_batch_tables(names_); !s) return s;
    if (requests.empty()) return make_error(errc::invalid_request, "nothing to send", "RequestItems");
    if (requests.size() > limits::max_batch_write)
      return make_error(errc::invalid_request,
                        std::to_string(requests.size()) + " requests; BatchWriteItem takes at most " +
                            std::to_string(limits::max_batch_write) + " (over all its tables)",
                        "RequestItems");
    std::array<std::size_t, sizeof...(Tables)> seen{};  // requests per table so far
    std::vector<std::size_t> place(requests.size());     // each request's index in its table's list
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto& r = requests[i];
      if (r.table >= names_.size())
        return make_error(errc::invalid_request, "table " + std::to_string(r.table) + " of a batch over " +
                                                     std::to_string(names_.size()) + " tables", "RequestItems");
      place[i] = seen[r.table]++;
      for (std::size_t j = 0; j < i; ++j)
        if (requests[j].table == r.table && requests[j].entry.key == r.entry.key)
          return make_error(errc::invalid_request,
                            "the same key " + r.entry.key + " as request " + std::to_string(place[j]) +
                                "; one BatchWriteItem cannot hold a key twice",
                            "RequestItems." + names_[r.table] + "[" + std::to_string(place[i]) + "]");
    }
    out += "{\"RequestItems\":{";
    bool first_table = true;
    for (std::size_t t = 0; t < names_.size(); ++t) {
      if (seen[t] == 0) continue;
      if (!first_table) out += ',';
      first_table = false;
      out += '"';
      out += names_[t];
      out += "\":[";
      bool first = true;
      for (const auto& r : requests) {
        if (r.table != t) continue;
        if (!first) out += ',';
        first = false;
        out += r.entry.json;
      }
      out += ']';
    }
    out += '}';
    detail::capacity_member(out, capacity_);
    out += '}';
    return {};
  }

  result<multi_batch_write_result> send() const {
    return detail::send_request(*this, via_, [&](std::string_view b) { return parse(b, names_); });
  }

  // UnprocessedItems, table by table, read back into requests (keys re-encoded canonically). A
  // malformed shape, or a table that is not one of `names`, is an error naming where: nothing the
  // service left undone is dropped.
  static result<multi_batch_write_result> parse(std::string_view body, const names_type& names) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    multi_batch_write_result out;
    std::optional<simdjson::dom::object> unprocessed;
    if (auto s = detail::read_member(doc->get_object().value_unsafe(), "UnprocessedItems", unprocessed); !s)
      return std::move(s).error();
    if (unprocessed) {
      for (auto field : *unprocessed) {
        bool ours = false;
        for (const auto& n : names) ours = ours || n == field.key;
        if (!ours)
          return detail::inside(detail::malformed_at(field.key, "a table that is not one of the batch's"), "UnprocessedItems");
      }
      static constexpr result<write_request_entry> (*read[])(simdjson::dom::element) = {
          &batch_write_item_request<Tables>::read_unprocessed...};
      for (std::size_t t = 0; t < names.size(); ++t) {
        std::optional<simdjson::dom::array> reqs;
        if (auto s = detail::read_member(*unprocessed, names[t], reqs); !s)
          return detail::inside(std::move(s), "UnprocessedItems");
        if (!reqs) continue;
        std::size_t i = 0;
        for (auto r : *reqs) {
          auto e = read[t](r);
          if (!e) return detail::inside(detail::inside(std::move(e).error(), names[t], i), "UnprocessedItems");
          out.unprocessed.push_back({t, std::move(*e)});
          ++i;
        }
      }
    }
    if (auto s = detail::read_consumed_capacities(*doc, out.consumed_capacity); !s) return std::move(s).error();
    return out;
  }

  std::vector<table_write_request> requests;

 private:
  template <std::size_t I>
  static result<table_write_request> entry_at(result<write_request_entry> e) {
    if (!e) return std::move(e).error();
    return table_write_request{I, std::move(*e)};
  }

  names_type names_;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
  sender via_;
};

}  // namespace ddbx
