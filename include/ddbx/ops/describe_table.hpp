#pragma once
// DescribeTable and DeleteTable, and the typed table description both return — the attributes
// boto3's Table resource shows (item_count, creation_date_time, key_schema, …).
//
//   auto d = users.describe().value();
//   std::cout << d.item_count << " items, created " << d.creation_date_time.time_since_epoch().count();
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/ops/common.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

struct key_schema_element {
  std::string attribute_name;
  std::string key_type;  // "HASH" or "RANGE"
  friend bool operator==(const key_schema_element&, const key_schema_element&) = default;
};
struct attribute_definition {
  std::string attribute_name;
  std::string attribute_type;  // "S", "N" or "B"
  friend bool operator==(const attribute_definition&, const attribute_definition&) = default;
};
struct provisioned_throughput {
  std::uint64_t read_capacity_units = 0;
  std::uint64_t write_capacity_units = 0;
};
// OnDemandThroughput: the most request units per second of an on-demand table or index; -1 (or
// absent) is no maximum.
struct on_demand_throughput {
  std::optional<std::int64_t> max_read_request_units = std::nullopt;
  std::optional<std::int64_t> max_write_request_units = std::nullopt;
  friend bool operator==(const on_demand_throughput&, const on_demand_throughput&) = default;
};
struct index_description {
  std::string index_name;
  std::vector<key_schema_element> key_schema;
  std::string projection_type;  // "ALL", "KEYS_ONLY", "INCLUDE"
  std::vector<std::string> non_key_attributes;
  std::string index_status;
  std::uint64_t item_count = 0;
  std::optional<provisioned_throughput> throughput;
  std::optional<on_demand_throughput> on_demand;
};
struct table_description {
  std::string table_name;
  std::string table_arn;
  std::string table_status;  // "CREATING", "ACTIVE", "DELETING", "UPDATING"
  std::uint64_t item_count = 0;
  std::uint64_t table_size_bytes = 0;
  std::chrono::system_clock::time_point creation_date_time{};
  std::vector<key_schema_element> key_schema;
  std::vector<attribute_definition> attribute_definitions;
  std::vector<index_description> global_secondary_indexes;
  std::vector<index_description> local_secondary_indexes;
  std::optional<provisioned_throughput> throughput;
  std::optional<on_demand_throughput> on_demand;
  std::string billing_mode;  // "PROVISIONED" or "PAY_PER_REQUEST" when the service says
};

namespace detail {

// Members are optional in the API, so absent ones stay empty; present ones must have their
// documented type and range, and a KeySchemaElement / AttributeDefinition needs both of its members.
// Errors name the member inside the description ("GlobalSecondaryIndexes[0].ItemCount").
inline status read_key_schema(simdjson::dom::object o, std::vector<key_schema_element>& out) {
  std::optional<simdjson::dom::array> a;
  if (auto s = read_member(o, "KeySchema", a); !s) return s;
  if (!a) return {};
  std::size_t i = 0;
  for (auto e : *a) {
    simdjson::dom::object k;
    auto& ks = out.emplace_back();
    status s = as_object(e, k);
    if (s) s = read_string(k, "AttributeName", ks.attribute_name, true);
    if (s) s = read_string(k, "KeyType", ks.key_type, true);
    if (!s) return inside(std::move(s), "KeySchema", i);
    ++i;
  }
  return {};
}
inline status read_throughput(simdjson::dom::object o, std::optional<provisioned_throughput>& out) {
  std::optional<simdjson::dom::object> t;
  if (auto s = read_member(o, "ProvisionedThroughput", t); !s || !t) return s;
  status s = read_count(*t, "ReadCapacityUnits", out.emplace().read_capacity_units);
  if (s) s = read_count(*t, "WriteCapacityUnits", out->write_capacity_units);
  if (!s) return inside(std::move(s), "ProvisionedThroughput");
  return {};
}
inline status read_on_demand(simdjson::dom::object o, std::optional<on_demand_throughput>& out) {
  std::optional<simdjson::dom::object> t;
  if (auto s = read_member(o, "OnDemandThroughput", t); !s || !t) return s;
  status s = read_member(*t, "MaxReadRequestUnits", out.emplace().max_read_request_units);
  if (s) s = read_member(*t, "MaxWriteRequestUnits", out->max_write_request_units);
  if (!s) return inside(std::move(s), "OnDemandThroughput");
  return {};
}
// CreationDateTime: epoch seconds as a JSON number with a fraction, refused when the clock's
// ticks cannot hold it (converting such a double to an integer is undefined).
inline status read_creation_time(simdjson::dom::object o, std::chrono::system_clock::time_point& out) {
  using duration = std::chrono::system_clock::duration;
  std::optional<double> secs;
  if (auto s = read_member(o, "CreationDateTime", secs); !s || !secs) return s;
  const double ticks = std::chrono::duration<double, duration::period>(std::chrono::duration<double>(*secs)).count();
  // max() as a double rounds up to 2^63, which is itself out of range: hence `<`.
  if (!(ticks >= static_cast<double>(duration::min().count()) && ticks < static_cast<double>(duration::max().count())))
    return malformed_at("CreationDateTime", "out of the range of system_clock");
  out = std::chrono::system_clock::time_point(duration(static_cast<duration::rep>(ticks)));
  return {};
}
inline status read_index(simdjson::dom::element e, index_description& i) {
  simdjson::dom::object g;
  if (auto s = as_object(e, g); !s) return s;
  if (auto s = read_string(g, "IndexName", i.index_name); !s) return s;
  if (auto s = read_key_schema(g, i.key_schema); !s) return s;
  std::optional<simdjson::dom::object> p;
  if (auto s = read_member(g, "Projection", p); !s) return s;
  if (p) {
    if (auto s = read_string(*p, "ProjectionType", i.projection_type); !s) return inside(std::move(s), "Projection");
    std::optional<simdjson::dom::array> nk;
    if (auto s = read_member(*p, "NonKeyAttributes", nk); !s) return inside(std::move(s), "Projection");
    if (nk) {
      std::size_t k = 0;
      for (auto n : *nk) {
        std::string_view name;
        if (n.get(name)) return inside(malformed("expected a string"), "Projection.NonKeyAttributes", k);
        i.non_key_attributes.emplace_back(name);
        ++k;
      }
    }
  }
  if (auto s = read_string(g, "IndexStatus", i.index_status); !s) return s;
  if (auto s = read_count(g, "ItemCount", i.item_count); !s) return s;
  if (auto s = read_on_demand(g, i.on_demand); !s) return s;
  return read_throughput(g, i.throughput);
}

inline status read_table_description(simdjson::dom::object t, table_description& d) {
  if (auto s = read_string(t, "TableName", d.table_name); !s) return s;
  if (auto s = read_string(t, "TableArn", d.table_arn); !s) return s;
  if (auto s = read_string(t, "TableStatus", d.table_status); !s) return s;
  if (auto s = read_count(t, "ItemCount", d.item_count); !s) return s;
  if (auto s = read_count(t, "TableSizeBytes", d.table_size_bytes); !s) return s;
  if (auto s = read_creation_time(t, d.creation_date_time); !s) return s;
  if (auto s = read_key_schema(t, d.key_schema); !s) return s;
  std::optional<simdjson::dom::array> a;
  if (auto s = read_member(t, "AttributeDefinitions", a); !s) return s;
  std::size_t k = 0;
  if (a)
    for (auto e : *a) {
      simdjson::dom::object ad;
      auto& def = d.attribute_definitions.emplace_back();
      status s = as_object(e, ad);
      if (s) s = read_string(ad, "AttributeName", def.attribute_name, true);
      if (s) s = read_string(ad, "AttributeType", def.attribute_type, true);
      if (!s) return inside(std::move(s), "AttributeDefinitions", k);
      ++k;
    }
  std::optional<simdjson::dom::array> gsis;
  if (auto s = read_member(t, "GlobalSecondaryIndexes", gsis); !s) return s;
  k = 0;
  if (gsis)
    for (auto e : *gsis) {
      if (auto s = read_index(e, d.global_secondary_indexes.emplace_back()); !s)
        return inside(std::move(s), "GlobalSecondaryIndexes", k);
      ++k;
    }
  std::optional<simdjson::dom::array> lsis;
  if (auto s = read_member(t, "LocalSecondaryIndexes", lsis); !s) return s;
  k = 0;
  if (lsis)
    for (auto e : *lsis) {
      if (auto s = read_index(e, d.local_secondary_indexes.emplace_back()); !s)
        return inside(std::move(s), "LocalSecondaryIndexes", k);
      ++k;
    }
  if (auto s = read_throughput(t, d.throughput); !s) return s;
  if (auto s = read_on_demand(t, d.on_demand); !s) return s;
  std::optional<simdjson::dom::object> billing;
  if (auto s = read_member(t, "BillingModeSummary", billing); !s || !billing) return s;
  if (auto s = read_string(*billing, "BillingMode", d.billing_mode); !s) return inside(std::move(s), "BillingModeSummary");
  return {};
}

inline result<table_description> parse_table_description(std::string_view body, std::string_view member) {
  auto doc = parse_response(body);
  if (!doc) return std::move(doc).error();
  simdjson::dom::object t;
  if ((*doc)[member].get(t)) return malformed("response has no " + std::string(member));
  table_description d;
  if (auto s = read_table_description(t, d); !s) return inside(std::move(s), member);
  return d;
}

// DescribeTable and DeleteTable: a body of just the table name, an answer holding a table description.
template <class Derived>
struct table_name_request {
  std::string table_name;
  sender via{};
  table_name_request(std::string name, sender v = {}) : table_name(std::move(name)), via(v) {}
  status append_body(std::string& out) const {
    if (auto s = check_table_name(table_name); !s) return s;
    out += "{\"TableName\":\"";
    out += table_name;
    out += "\"}";
    return {};
  }
  static result<table_description> parse(std::string_view body) { return parse_table_description(body, Derived::member); }
  result<table_description> send() const { return send_request(static_cast<const Derived&>(*this), via, parse); }
};

}  // namespace detail

// DescribeTable {"TableName":"users"} → the Table member.
struct [[nodiscard("a request does nothing until .send() is called")]] describe_table_request : detail::table_name_request<describe_table_request> {
  static constexpr std::string_view operation = "DescribeTable";
  static constexpr std::string_view member = "Table";
  using table_name_request::table_name_request;
};

// DeleteTable {"TableName":"users"} → the TableDescription member (status DELETING).
struct [[nodiscard("a request does nothing until .send() is called")]] delete_table_request : detail::table_name_request<delete_table_request> {
  static constexpr std::string_view operation = "DeleteTable";
  static constexpr std::string_view member = "TableDescription";
  using table_name_request::table_name_request;
};

}  // namespace ddbx
