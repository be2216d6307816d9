#pragma once
// UpdateTable: a table's billing mode, provisioned throughput, on-demand maximums, and its global
// secondary indexes (create one from its gsi<…> descriptor, delete one, change their throughput).
// Checked before sending: something to change, PROVISIONED with throughput and PAY_PER_REQUEST
// without, capacity units of at least 1, at most one index created or deleted per call.
//
//   users.update_table().provisioned(10, 5).send();
//   // {"TableName":"users","BillingMode":"PROVISIONED",
//   //  "ProvisionedThroughput":{"ReadCapacityUnits":10,"WriteCapacityUnits":5}}
//   users.update_table().create_index<by_city>().send();   // from the descriptor: keys, types, projection
//   // {"TableName":"users","AttributeDefinitions":[{"AttributeName":"city","AttributeType":"S"}],
//   //  "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_city","KeySchema":[…],"Projection":{…}}}]}
//   users.update_table().delete_index<by_city>().send();
//
// The answer is the table's description (TableStatus UPDATING while DynamoDB applies it; a new
// index's IndexStatus is CREATING while it is backfilled).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ddbx/ops/create_table.hpp"
#include "ddbx/ops/describe_table.hpp"

namespace ddbx {

enum class billing_mode : std::uint8_t { provisioned, pay_per_request };

namespace detail {
struct index_update {
  enum class kind : std::uint8_t { create, update, remove } what;
  std::string name;
  std::string definition;  // Create: "IndexName…","KeySchema":[…],"Projection":{…}
  std::optional<provisioned_throughput> throughput;
  std::optional<on_demand_throughput> on_demand;
  std::string_view action() const { return what == kind::create ? "Create" : what == kind::update ? "Update" : "Delete"; }
};

inline status check_units(const provisioned_throughput& t, const std::string& where) {
  if (t.read_capacity_units == 0)
    return make_error(errc::invalid_request, "capacity units must be at least 1", where + ".ReadCapacityUnits");
  if (t.write_capacity_units == 0)
    return make_error(errc::invalid_request, "capacity units must be at least 1", where + ".WriteCapacityUnits");
  return {};
}
inline status check_units(const on_demand_throughput& t, const std::string& where) {
  if (!t.max_read_request_units && !t.max_write_request_units)
    return make_error(errc::invalid_request, "give MaxReadRequestUnits, MaxWriteRequestUnits or both", where);
  for (auto [v, member] : {std::pair{t.max_read_request_units, ".MaxReadRequestUnits"},
                           std::pair{t.max_write_request_units, ".MaxWriteRequestUnits"}})
    if (v && *v != -1 && *v < 1)
      return make_error(errc::invalid_request, "request units are at least 1, or -1 for no maximum", where + member);
  return {};
}
inline void append_on_demand(std::string& out, const on_demand_throughput& t) {
  out += "\"OnDemandThroughput\":{";
  if (t.max_read_request_units) {
    out += "\"MaxReadRequestUnits\":";
    out += std::to_string(*t.max_read_request_units);
  }
  if (t.max_write_request_units) {
    if (t.max_read_request_units) out += ',';
    out += "\"MaxWriteRequestUnits\":";
    out += std::to_string(*t.max_write_request_units);
  }
  out += '}';
}

// Named in the diagnostic of an index UpdateTable cannot change.
template <class Index>
constexpr bool creatable_index() {
  static_assert(!Index::local,
                "ddbx: UpdateTable creates, deletes and updates global secondary indexes; a local one is made and "
                "deleted with its table");
  return true;
}
}  // namespace detail

// Table: the table descriptor (create_index<G> checks G against its item type), or void for a
// request by name only (create_index<G> then checks G against the class of its key members).
template <class Table = void>
class [[nodiscard("a request does nothing until .send() is called")]] update_table_request {
 public:
  static constexpr std::string_view operation = "UpdateTable";

  explicit update_table_request(std::string table_name, sender via = {}) : table_(std::move(table_name)), via_(via) {}

  // BillingMode: PROVISIONED needs the table's throughput (.throughput(…)); PAY_PER_REQUEST takes none.
  update_table_request& billing_mode(ddbx::billing_mode m) {
    billing_ = m;
    return *this;
  }
  // ProvisionedThroughput of the table, its billing mode unchanged (PROVISIONED).
  update_table_request& throughput(std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    throughput_ = provisioned_throughput{read_capacity_units, write_capacity_units};
    return *this;
  }
  // BillingMode PROVISIONED with this ProvisionedThroughput.
  update_table_request& provisioned(std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    return billing_mode(ddbx::billing_mode::provisioned).throughput(read_capacity_units, write_capacity_units);
  }
  // BillingMode PAY_PER_REQUEST.
  update_table_request& on_demand() { return billing_mode(ddbx::billing_mode::pay_per_request); }
  // OnDemandThroughput: the most read/write request units per second of an on-demand table (-1: none).
  //   .on_demand_maximums({.max_read_request_units = 100, .max_write_request_units = -1})
  update_table_request& on_demand_maximums(const on_demand_throughput& m) {
    on_demand_ = m;
    return *this;
  }

  // Creates index Index (a gsi<…>): key schema, attribute types and projection from its descriptor;
  // ProvisionedThroughput from its provisioned<…> if it has one (a PROVISIONED table needs it).
  template <class Index>
  update_table_request& create_index() {
    static_assert(check_index<Index>());
    detail::index_update u{detail::index_update::kind::create, std::string(Index::name), {}, {}, {}};
    detail::append_index_definition<Index>(u.definition, index_projection::all);
    if constexpr (Index::has_throughput) u.throughput = provisioned_throughput{Index::throughput::read, Index::throughput::write};
    defs_.define_index<Index>();
    updates_.push_back(std::move(u));
    return *this;
  }
  // Creates index Index with this ProvisionedThroughput.
  template <class Index>
  update_table_request& create_index(std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    create_index<Index>();
    updates_.back().throughput = provisioned_throughput{read_capacity_units, write_capacity_units};
    return *this;
  }
  update_table_request& delete_index(std::string index_name) {
    updates_.push_back({detail::index_update::kind::remove, std::move(index_name), {}, {}, {}});
    return *this;
  }
  template <class Index>
  update_table_request& delete_index() {
    static_assert(detail::creatable_index<Index>());
    return delete_index(std::string(Index::name));
  }
  // A GSI's ProvisionedThroughput, or its OnDemandThroughput.
  update_table_request& update_index(std::string index_name, std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    updates_.push_back({detail::index_update::kind::update, std::move(index_name), {},
                        provisioned_throughput{read_capacity_units, write_capacity_units}, {}});
    return *this;
  }
  update_table_request& update_index(std::string index_name, const on_demand_throughput& m) {
    updates_.push_back({detail::index_update::kind::update, std::move(index_name), {}, {}, m});
    return *this;
  }
  template <class Index>
  update_table_request& update_index(std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    static_assert(detail::creatable_index<Index>());
    return update_index(std::string(Index::name), read_capacity_units, write_capacity_units);
  }
  template <class Index>
  update_table_request& update_index(const on_demand_throughput& m) {
    static_assert(detail::creatable_index<Index>());
    return update_index(std::string(Index::name), m);
  }

  status append_body(std::string& out) const {
    if (auto s = check(); !s) return s;
    out += "{\"TableName\":\"";
    out += table_;
    out += '"';
    if (!defs_.defs.empty()) {
      out += ',';
      defs_.append(out);
    }
    if (billing_)
      detail::string_member(out, "BillingMode", *billing_ == ddbx::billing_mode::provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
    if (throughput_) {
      out += ',';
      detail::append_throughput(out, throughput_->read_capacity_units, throughput_->write_capacity_units);
    }
    if (on_demand_) {
      out += ',';
      detail::append_on_demand(out, *on_demand_);
    }
    if (!updates_.empty()) {
      out += ",\"GlobalSecondaryIndexUpdates\":[";
      for (std::size_t i = 0; i < updates_.size(); ++i) {
        const auto& u = updates_[i];
        if (i) out += ',';
        out += "{\"";
        out += u.action();
        out += "\":{";
        if (u.what == detail::index_update::kind::create) {
          out += u.definition;
        } else {
          out += "\"IndexName\":";
          detail::append_json_string(out, u.name);
        }
        if (u.throughput) {
          out += ',';
          detail::append_throughput(out, u.throughput->read_capacity_units, u.throughput->write_capacity_units);
        }
        if (u.on_demand) {
          out += ',';
          detail::append_on_demand(out, *u.on_demand);
        }
        out += "}}";
      }
      out += ']';
    }
    out += '}';
    return {};
  }

  static result<table_description> parse(std::string_view body) {
    return detail::parse_table_description(body, "TableDescription");
  }
  result<table_description> send() const { return detail::send_request(*this, via_, parse); }

 private:
  template <class Index>
  static constexpr bool check_index() {
    static_assert(detail::creatable_index<Index>());
    if constexpr (std::is_void_v<Table>) {
      using owner = typename detail::member_class<std::remove_cv_t<decltype(Index::hash)>>::type;
      static_assert(detail::index_keys_belong_to_item<owner, Index>::ok);
      static_assert(detail::index_projection_is_valid<owner, detail::no_key{}, detail::no_key{}, Index>::ok);
    } else {
      using owner = typename Table::item_type;
      static_assert(detail::index_keys_belong_to_item<owner, Index>::ok);
      static_assert(detail::index_projection_is_valid<owner, Table::hash, Table::range, Index>::ok);
    }
    return true;
  }

  // What DynamoDB would refuse, before anything is written.
  status check() const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    if (!billing_ && !throughput_ && !on_demand_ && updates_.empty())
      return make_error(errc::invalid_request,
                        "nothing to update: give a billing mode, throughput, on-demand maximums or an index change");
    if (throughput_)
      if (auto s = detail::check_units(*throughput_, "ProvisionedThroughput"); !s) return s;
    if (on_demand_)
      if (auto s = detail::check_units(*on_demand_, "OnDemandThroughput"); !s) return s;
    if (billing_ == ddbx::billing_mode::provisioned && !throughput_)
      return make_error(errc::invalid_request, "BillingMode PROVISIONED needs the table's throughput: .provisioned(read, write)",
                        "ProvisionedThroughput");
    if (billing_ == ddbx::billing_mode::pay_per_request && throughput_)
      return make_error(errc::invalid_request, "a PAY_PER_REQUEST table takes no ProvisionedThroughput", "ProvisionedThroughput");
    if (throughput_ && on_demand_)
      return make_error(errc::invalid_request, "a table takes ProvisionedThroughput (PROVISIONED) or OnDemandThroughput "
                        "(PAY_PER_REQUEST), not both", "OnDemandThroughput");
    if (billing_ == ddbx::billing_mode::provisioned && on_demand_)
      return make_error(errc::invalid_request, "OnDemandThroughput applies to PAY_PER_REQUEST tables, not PROVISIONED ones",
                        "OnDemandThroughput");
    std::size_t creates_or_deletes = 0;
    for (std::size_t i = 0; i < updates_.size(); ++i) {
      const auto& u = updates_[i];
      const std::string where = "GlobalSecondaryIndexUpdates[" + std::to_string(i) + "]." + std::string(u.action());
      if (auto s = detail::check_table_name(u.name, where + ".IndexName"); !s) return s;
      for (std::size_t j = 0; j < i; ++j)
        if (updates_[j].name == u.name)
          return make_error(errc::invalid_request,
                            "index " + u.name + " is already changed by GlobalSecondaryIndexUpdates[" + std::to_string(j) +
                                "]; one UpdateTable changes an index once",
                            where + ".IndexName");
      if (u.throughput)
        if (auto s = detail::check_units(*u.throughput, where + ".ProvisionedThroughput"); !s) return s;
      if (u.on_demand)
        if (auto s = detail::check_units(*u.on_demand, where + ".OnDemandThroughput"); !s) return s;
      if (billing_ == ddbx::billing_mode::pay_per_request && u.throughput)
        return make_error(errc::invalid_request,
                          "index " + u.name + ": the indexes of a PAY_PER_REQUEST table take no ProvisionedThroughput",
                          where + ".ProvisionedThroughput");
      if (billing_ == ddbx::billing_mode::provisioned && u.on_demand)
        return make_error(errc::invalid_request,
                          "index " + u.name + ": OnDemandThroughput applies to PAY_PER_REQUEST tables, not PROVISIONED ones",
                          where + ".OnDemandThroughput");
      if (u.what != detail::index_update::kind::update && ++creates_or_deletes > 1)
        return make_error(errc::invalid_request, "one UpdateTable creates or deletes at most one global secondary index", where);
    }
    // DynamoDB's UpdateTable: "You can only perform one of the following operations at once: modify
    // the provisioned throughput settings of the table, remove a GSI, create a GSI".
    if (creates_or_deletes > 0 && throughput_)
      return make_error(errc::invalid_request,
                        "an UpdateTable that creates or deletes an index cannot also change the table's ProvisionedThroughput",
                        "ProvisionedThroughput");
    return {};
  }

  std::string table_;
  std::optional<ddbx::billing_mode> billing_;
  std::optional<provisioned_throughput> throughput_;
  std::optional<on_demand_throughput> on_demand_;
  std::vector<detail::index_update> updates_;
  detail::attribute_definitions defs_;
  sender via_;
};

}  // namespace ddbx
