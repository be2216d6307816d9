#pragma once
// DescribeTable and DeleteTable, and the typed table description both return — the attributes
// boto3's Table resource shows (item_count, creation_date_time, key_schema, …).
//
//   auto d = users.describe().value();
//   std::cout << d.item_count << " items, created " << d.creation_date_time.time_since_epoch().count();
#include <chrono>
#include <cstdint>
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
struct index_description {
  std::string index_name;
  std::vector<key_schema_element> key_schema;
  std::string projection_type;  // "ALL", "KEYS_ONLY", "INCLUDE"
  std::vector<std::string> non_key_attributes;
  std::string index_status;
  std::uint64_t item_count = 0;
  std::optional<provisioned_throughput> throughput;
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
  std::optional<provisioned_throughput> throughput;
  std::string billing_mode;  // "PROVISIONED" or "PAY_PER_REQUEST" when the service says
};

namespace detail {

inline std::string string_or_empty(simdjson::dom::element e, std::string_view key) {
  std::string_view s;
  return e[key].get(s) ? std::string() : std::string(s);
}
inline std::uint64_t uint_or_zero(simdjson::dom::element e, std::string_view key) {
  return static_cast<std::uint64_t>(number_or_zero(e, key));
}
inline std::vector<key_schema_element> read_key_schema(simdjson::dom::element e) {
  std::vector<key_schema_element> out;
  simdjson::dom::array a;
  if (!e["KeySchema"].get(a))
    for (auto k : a) out.push_back({string_or_empty(k, "AttributeName"), string_or_empty(k, "KeyType")});
  return out;
}
inline std::optional<provisioned_throughput> read_throughput(simdjson::dom::element e) {
  simdjson::dom::element t;
  if (e["ProvisionedThroughput"].get(t)) return std::nullopt;
  return provisioned_throughput{uint_or_zero(t, "ReadCapacityUnits"), uint_or_zero(t, "WriteCapacityUnits")};
}

inline result<table_description> parse_table_description(std::string_view body, std::string_view member) {
  auto doc = parse_response(body);
  if (!doc) return std::move(doc).error();
  simdjson::dom::element t;
  if ((*doc)[member].get(t) || !t.is_object()) return malformed("response has no " + std::string(member));
  table_description d;
  d.table_name = string_or_empty(t, "TableName");
  d.table_arn = string_or_empty(t, "TableArn");
  d.table_status = string_or_empty(t, "TableStatus");
  d.item_count = uint_or_zero(t, "ItemCount");
  d.table_size_bytes = uint_or_zero(t, "TableSizeBytes");
  // CreationDateTime: epoch seconds as a JSON number with a fraction.
  const double created = number_or_zero(t, "CreationDateTime");
  d.creation_date_time = std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::duration<double>(created)));
  d.key_schema = read_key_schema(t);
  simdjson::dom::array a;
  if (!t["AttributeDefinitions"].get(a))
    for (auto ad : a) d.attribute_definitions.push_back({string_or_empty(ad, "AttributeName"), string_or_empty(ad, "AttributeType")});
  if (!t["GlobalSecondaryIndexes"].get(a))
    for (auto g : a) {
      index_description i;
      i.index_name = string_or_empty(g, "IndexName");
      i.key_schema = read_key_schema(g);
      simdjson::dom::element p;
      if (!g["Projection"].get(p)) {
        i.projection_type = string_or_empty(p, "ProjectionType");
        simdjson::dom::array nk;
        if (!p["NonKeyAttributes"].get(nk))
          for (auto n : nk) {
            std::string_view s;
            if (!n.get(s)) i.non_key_attributes.emplace_back(s);
          }
      }
      i.index_status = string_or_empty(g, "IndexStatus");
      i.item_count = uint_or_zero(g, "ItemCount");
      i.throughput = read_throughput(g);
      d.global_secondary_indexes.push_back(std::move(i));
    }
  d.throughput = read_throughput(t);
  simdjson::dom::element billing;
  if (!t["BillingModeSummary"].get(billing)) d.billing_mode = string_or_empty(billing, "BillingMode");
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
struct describe_table_request : detail::table_name_request<describe_table_request> {
  static constexpr std::string_view operation = "DescribeTable";
  static constexpr std::string_view member = "Table";
  using table_name_request::table_name_request;
};

// DeleteTable {"TableName":"users"} → the TableDescription member (status DELETING).
struct delete_table_request : detail::table_name_request<delete_table_request> {
  static constexpr std::string_view operation = "DeleteTable";
  static constexpr std::string_view member = "TableDescription";
  using table_name_request::table_name_request;
};

}  // namespace ddbx
