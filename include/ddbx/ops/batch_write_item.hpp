#pragma once
// BatchWriteItem for one table: up to 25 puts and deletes, no key twice. What the service could
// not do comes back as UnprocessedItems, ready to be sent again (ddbx::batch_writer does that).
//
//   ddbx::batch_write_item_request<users_table> r{"users"};
//   r.put(john); r.del({"janedoe", "Doe"});
//   // {"RequestItems":{"users":[{"PutRequest":{"Item":{…}}},{"DeleteRequest":{"Key":{…}}}]}}
#include <string>
#include <vector>

#include "ddbx/core/limits.hpp"
#include "ddbx/ops/detail/key_signature.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

// One PutRequest or DeleteRequest, encoded, with its key values (to find duplicates).
struct write_request_entry {
  std::string json;  // {"PutRequest":{"Item":{…}}} or {"DeleteRequest":{"Key":{…}}}
  std::string key;   // the key attribute values, encoded: {"S":"johndoe"},{"S":"Doe"}
  friend bool operator==(const write_request_entry&, const write_request_entry&) = default;
};

struct batch_write_result {
  std::vector<write_request_entry> unprocessed;  // UnprocessedItems of the table
  std::vector<ddbx::consumed_capacity> consumed_capacity;
};

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] batch_write_item_request {
 public:
  using item_type = typename Table::item_type;
  static constexpr std::string_view operation = "BatchWriteItem";

  explicit batch_write_item_request(std::string table_name, sender via = {}) : table_(std::move(table_name)), via_(via) {}

  // Encodes a PutRequest; an item DynamoDB would refuse is refused here and nothing is added.
  static result<write_request_entry> put_entry(const item_type& record) {
    if (auto s = check_item_key<Table>(record); !s) return std::move(s).error();
    write_request_entry e;
    e.json = "{\"PutRequest\":{\"Item\":";
    if (auto s = encode_item(record, e.json); !s) return std::move(s).error();
    e.json += "}}";
    if constexpr (Table::has_range) e.key = detail::key_signature<Table>(record.*Table::hash, record.*Table::range);
    else e.key = detail::key_signature<Table>(record.*Table::hash, {});
    return e;
  }
  static result<write_request_entry> delete_entry(const primary_key<Table>& key) {
    write_request_entry e;
    e.json = "{\"DeleteRequest\":{\"Key\":";
    if (auto s = append_key(e.json, key); !s) return std::move(s).error();
    e.json += "}}";
    e.key = detail::key_signature<Table>(key.hash, key.range);
    return e;
  }

  status put(const item_type& record) { return add(put_entry(record)); }
  status del(const primary_key<Table>& key) { return add(delete_entry(key)); }
  status add(result<write_request_entry> e) {
    if (!e) return std::move(e).error();
    requests.push_back(std::move(*e));
    return {};
  }
  void add(write_request_entry e) { requests.push_back(std::move(e)); }
  batch_write_item_request& return_consumed_capacity(ddbx::return_consumed_capacity r) {
    capacity_ = r;
    return *this;
  }

  status append_body(std::string& out) const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    if (auto s = detail::check_batch(requests, limits::max_batch_write, operation, "request", "RequestItems." + table_,
                                     [](const write_request_entry& e) -> const std::string& { return e.key; });
        !s)
      return s;
    out += "{\"RequestItems\":{\"";
    out += table_;
    out += "\":[";
    for (std::size_t i = 0; i < requests.size(); ++i) {
      if (i) out += ',';
      out += requests[i].json;
    }
    out += "]}";
    detail::capacity_member(out, capacity_);
    out += '}';
    return {};
  }

  result<batch_write_result> send() const {
    return detail::send_request(*this, via_, [&](std::string_view b) { return parse(b, table_); });
  }

  // Reads UnprocessedItems of `table_name` back into entries (keys re-encoded canonically). A
  // malformed shape is an error naming where: nothing the service left undone is dropped.
  static result<batch_write_result> parse(std::string_view body, std::string_view table_name) {
    return parse(body, table_name, [](simdjson::dom::object key) { return detail::read_key_signature<Table>(key); });
  }
  // The same, reading each key's signature with `signature` (keys named at run time).
  template <class Signature>
  static result<batch_write_result> parse(std::string_view body, std::string_view table_name, Signature&& signature) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    batch_write_result out;
    std::optional<simdjson::dom::object> unprocessed;
    if (auto s = detail::read_member(doc->get_object().value_unsafe(), "UnprocessedItems", unprocessed); !s)
      return std::move(s).error();
    std::optional<simdjson::dom::array> reqs;
    if (unprocessed) {
      if (auto s = detail::read_member(*unprocessed, table_name, reqs); !s)
        return detail::inside(std::move(s), "UnprocessedItems");
    }
    std::size_t i = 0;
    if (reqs)
      for (auto r : *reqs) {
        auto e = read_unprocessed(r, signature);
        if (!e) return detail::inside(detail::inside(std::move(e).error(), table_name, i), "UnprocessedItems");
        out.unprocessed.push_back(std::move(*e));
        ++i;
      }
    if (auto s = detail::read_consumed_capacities(*doc, out.consumed_capacity); !s) return std::move(s).error();
    return out;
  }

  std::vector<write_request_entry> requests;

  // One entry of UnprocessedItems: {"PutRequest":{"Item":{…}}} or {"DeleteRequest":{"Key":{…}}},
  // with the key attributes of Table (also read by multi_batch_write_request).
  static result<write_request_entry> read_unprocessed(simdjson::dom::element r) {
    return read_unprocessed(r, [](simdjson::dom::object key) { return detail::read_key_signature<Table>(key); });
  }
  template <class Signature>
  static result<write_request_entry> read_unprocessed(simdjson::dom::element r, Signature&& signature) {
    simdjson::dom::object key;
    std::string_view where = "PutRequest.Item";
    if (r["PutRequest"]["Item"].get(key)) {
      where = "DeleteRequest.Key";
      if (r["DeleteRequest"]["Key"].get(key))
        return detail::malformed("expected a PutRequest with an Item or a DeleteRequest with a Key");
    }
    write_request_entry e;
    e.json = simdjson::minify(r);
    auto k = signature(key);
    if (!k) return detail::inside(std::move(k).error(), where);
    e.key = std::move(*k);
    return e;
  }

 private:
  std::string table_;
  ddbx::return_consumed_capacity capacity_ = ddbx::return_consumed_capacity::none;
  sender via_;
};

}  // namespace ddbx
