#pragma once
// A handle on a table whose items are ddbx::item and whose key attributes are named at run time,
// for generic tools (a table copier, an admin console, a REST bridge), like boto3's Table resource
// over dicts. The requests are the typed table's, and what a descriptor checks at compile time is
// checked here before anything is sent, each error naming the attribute: an item without its key
// attributes, a key with other attributes or a key value that is not S/N/B (or is empty, or too
// long), an update of a key attribute, a query's filter on a key, a sort key condition on a table
// without one.
//
//   auto users = db.item_table("users", {"username", "last_name"});   // or db.describe_item_table("users")
//   users.put_item({{"username", "jane"}, {"last_name", "Doe"}, {"age", 25}}).send().value();
//   auto jane = users.get_item({{"username", "jane"}, {"last_name", "Doe"}}).send().value().item;  // std::optional<item>
//   users.update_item({{"username", "jane"}, {"last_name", "Doe"}}, ddbx::set(ddbx::path("age"), 26)).send();
//   users.query("jane", ddbx::sort_key >= "D").filter(ddbx::path("age") < 30).send();
//   users.query_index("by_city", "Paris").send();        // index key names from describe_item_table, or given
//   { auto batch = users.batch_writer(); batch.put_item(it).value(); }   // as ddbx::batch_writer
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddbx/client/detail/batch_write_queue.hpp"
#include "ddbx/client/retry.hpp"
#include "ddbx/client/waiters.hpp"
#include "ddbx/ops/batch_write_item.hpp"
#include "ddbx/ops/delete_item.hpp"
#include "ddbx/ops/describe_table.hpp"
#include "ddbx/ops/get_item.hpp"
#include "ddbx/ops/item_key.hpp"
#include "ddbx/ops/item_query.hpp"
#include "ddbx/ops/put_item.hpp"
#include "ddbx/ops/scan.hpp"
#include "ddbx/ops/update_item.hpp"

namespace ddbx {

// The key names of a table and of its indexes (GSIs and LSIs by name).
struct item_table_schema {
  item_key_names key;
  std::vector<std::pair<std::string, item_key_names>> indexes;

  item_table_schema(item_key_names k, std::vector<std::pair<std::string, item_key_names>> i = {})
      : key(std::move(k)), indexes(std::move(i)) {}

  // From DescribeTable's KeySchema and each index's.
  static item_table_schema of(const table_description& d) {
    auto names = [](const std::vector<key_schema_element>& ks) {
      item_key_names k;
      for (const auto& e : ks) (e.key_type == "RANGE" ? k.sort_key : k.partition_key) = e.attribute_name;
      return k;
    };
    item_table_schema s{names(d.key_schema)};
    for (const auto* list : {&d.global_secondary_indexes, &d.local_secondary_indexes})
      for (const auto& i : *list) s.indexes.emplace_back(i.index_name, names(i.key_schema));
    return s;
  }
  const item_key_names* index(std::string_view name) const noexcept {
    for (const auto& [n, k] : indexes)
      if (n == name) return &k;
    return nullptr;
  }
};

// ddbx::batch_writer for ddbx::item: the same buffer, key rule, UnprocessedItems checks and backoff
// (detail/batch_write_queue.hpp); items are checked against the key names when they are added.
class item_batch_writer : public detail::batch_write_queue<item_batch_writer, write_request_entry> {
  using queue = detail::batch_write_queue<item_batch_writer, write_request_entry>;
  friend queue;

 public:
  item_batch_writer(std::string table_name, item_key_names keys, sender via, batch_writer_options o = {},
                    sleep_function sleep = default_sleep())
      : queue(std::move(o), std::move(sleep)), table_(std::move(table_name)), keys_(std::move(keys)), via_(via) {}
  item_batch_writer(item_batch_writer&&) noexcept = default;
  ~item_batch_writer() { this->flush_at_destruction_for_table(table_); }

  status put_item(const item& record) {
    if (auto s = check_item_key(keys_, record); !s) return s;
    write_request_entry e;
    e.json = "{\"PutRequest\":{\"Item\":";
    if (auto s = encode_item(record, e.json); !s) return s;
    e.json += "}}";
    e.key = signature(record);
    return this->add(std::move(e));
  }
  // The key attributes and nothing else.
  status delete_item(item key) {
    auto k = item_key(keys_, std::move(key));
    if (!k) return std::move(k).error();
    write_request_entry e;
    e.json = "{\"DeleteRequest\":{\"Key\":";
    if (auto s = append_key(e.json, *k); !s) return s;
    e.json += "}}";
    e.key = signature(k->attributes);
    return this->add(std::move(e));
  }

 private:
  // The key values encoded in key order, as read_key_signature reads them back.
  std::string signature(const item& it) const {
    std::string out;
    (void)encode_value(it.at(keys_.partition_key), out);
    if (keys_.has_sort_key()) {
      out += ',';
      (void)encode_value(it.at(keys_.sort_key), out);
    }
    return out;
  }
  result<batch_write_result> send_requests(const std::deque<write_request_entry>& buffer, std::size_t n) {
    batch_write_item_request<untyped_table> req(table_, via_);
    req.requests.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
    return detail::send_request(req, via_, [&](std::string_view body) {
      return batch_write_item_request<untyped_table>::parse(body, table_, [&](simdjson::dom::object key) {
        return detail::read_key_signature(key, keys_.partition_key, keys_.sort_key);
      });
    });
  }
  void took(batch_write_result&) const noexcept {}
  const std::string& table_name(std::size_t) const noexcept { return table_; }
  error gave_up(std::string message) const { return make_error(errc::service_error, std::move(message), table_); }

  std::string table_;
  item_key_names keys_;
  sender via_;
};

class item_table_ref {
 public:
  using item_type = item;

  item_table_ref(std::string name, item_table_schema schema, ddbx::sender via, retry_policy retry = {},
                 sleep_function sleep = default_sleep())
      : name_(std::move(name)), schema_(std::move(schema)), via_(via), retry_(retry), sleep_(std::move(sleep)) {}

  const std::string& name() const noexcept { return name_; }
  const item_table_schema& schema() const noexcept { return schema_; }
  const item_key_names& key_names() const noexcept { return schema_.key; }
  ddbx::sender sender() const noexcept { return via_; }

  result<table_description> describe() const { return describe_table_request{name_, via_}.send(); }
  result<table_description> delete_table() const { return delete_table_request{name_, via_}.send(); }
  status wait_until_exists(const waiter_options& o = {}) const { return wait_until_table_exists(via_, name_, o, sleep_); }
  status wait_until_not_exists(const waiter_options& o = {}) const {
    return wait_until_table_not_exists(via_, name_, o, sleep_);
  }

  // The item must have the key attributes (S, N or B, not empty).
  put_item_request<untyped_table> put_item(const item& record) const {
    return put_item_request<untyped_table>(name_, record, schema_.key, via_);
  }
  // `key`: the key attributes and nothing else.
  get_item_request<untyped_table> get_item(item key) const { return keyed<get_item_request<untyped_table>>(std::move(key)); }
  // An update naming a key attribute is refused.
  template <class U>
  update_item_request<untyped_table> update_item(item key, const U& update) const {
    return keyed<update_item_request<untyped_table>>(std::move(key), update, schema_.key);
  }
  delete_item_request<untyped_table> delete_item(item key) const {
    return keyed<delete_item_request<untyped_table>>(std::move(key));
  }

  // The items with this partition key value (and sort key condition).
  item_query_request query(value partition, std::optional<sort_key_condition> sort = {}) const {
    return item_query_request(name_, {}, schema_.key, std::move(partition), std::move(sort), via_);
  }
  // The same on an index, with the key names the schema has for it.
  item_query_request query_index(const std::string& index, value partition, std::optional<sort_key_condition> sort = {}) const {
    const item_key_names* keys = schema_.index(index);
    item_query_request r(name_, index, keys ? *keys : item_key_names{}, std::move(partition), std::move(sort), via_);
    if (!keys)
      detail::refuse(r, make_error(errc::invalid_request,
                                   "no index of this name in the table's schema (give its key names, or use describe_item_table)",
                                   "IndexName"));
    return r;
  }
  scan_request<untyped_table> scan() const { return scan_request<untyped_table>(name_, {}, via_); }
  scan_request<untyped_table> scan_index(std::string_view index) const { return scan_request<untyped_table>(name_, index, via_); }

  item_batch_writer batch_writer(batch_writer_options o = {}) const {
    if (!o.unprocessed_retry) o.unprocessed_retry = retry_;
    return item_batch_writer(name_, schema_.key, via_, std::move(o), sleep_);
  }

 private:
  // Request(name, key, args…, transport) for the item with this key, or refused with the key's error.
  template <class Request, class... A>
  Request keyed(item key, const A&... args) const {
    auto k = item_key(schema_.key, std::move(key));
    Request r(name_, k ? std::move(*k) : primary_key<untyped_table>{}, args..., via_);
    if (!k) detail::refuse(r, std::move(k).error());
    return r;
  }

  std::string name_;
  item_table_schema schema_;
  ddbx::sender via_;
  retry_policy retry_;
  sleep_function sleep_;
};

}  // namespace ddbx
