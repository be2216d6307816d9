#pragma once
// CreateTable, derived from a table descriptor: key schema, attribute definitions (S/N/B from the
// key members' types), GSIs with their projection, and the billing mode.
//
//   using users_table = ddbx::table<user, &user::username, &user::last_name>;
//   users.create().provisioned(5, 5).send();
//   // {"TableName":"users","KeySchema":[{"AttributeName":"username","KeyType":"HASH"},…],
//   //  "AttributeDefinitions":[…],"BillingMode":"PROVISIONED","ProvisionedThroughput":{…}}
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "ddbx/ops/describe_table.hpp"
#include "ddbx/ops/key.hpp"

namespace ddbx {

enum class index_projection : std::uint8_t { all, keys_only };

namespace detail {
template <auto P>
constexpr std::string_view key_type_of() {
  return key_attribute_type<key_member_t<P>>();
}

inline void append_key_schema(std::string& out, std::string_view hash, std::string_view range) {
  out += "\"KeySchema\":[{\"AttributeName\":";
  append_json_string(out, hash);
  out += ",\"KeyType\":\"HASH\"}";
  if (!range.empty()) {
    out += ",{\"AttributeName\":";
    append_json_string(out, range);
    out += ",\"KeyType\":\"RANGE\"}";
  }
  out += ']';
}
inline void append_throughput(std::string& out, std::uint64_t r, std::uint64_t w) {
  out += "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":";
  out += std::to_string(r);
  out += ",\"WriteCapacityUnits\":";
  out += std::to_string(w);
  out += '}';
}
}  // namespace detail

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] create_table_request {
 public:
  static constexpr std::string_view operation = "CreateTable";

  explicit create_table_request(std::string table_name, sender via = {}) : table_(std::move(table_name)), via_(via) {}

  // BillingMode PROVISIONED with these capacity units (also used for every GSI).
  create_table_request& provisioned(std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    read_ = read_capacity_units;
    write_ = write_capacity_units;
    return *this;
  }
  // BillingMode PAY_PER_REQUEST (the default).
  create_table_request& on_demand() {
    read_ = write_ = 0;
    return *this;
  }
  // What the GSIs hold besides their keys (ALL by default).
  create_table_request& index_projection(ddbx::index_projection p) {
    projection_ = p;
    return *this;
  }

  status append_body(std::string& out) const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    if (provisioned_mode() && (read_ == 0 || write_ == 0))
      return make_error(errc::invalid_request, "capacity units must be at least 1", "ProvisionedThroughput");
    out += "{\"TableName\":\"";
    out += table_;
    out += "\",";
    detail::append_key_schema(out, Table::hash_name, Table::has_range ? Table::range_name : std::string_view{});
    // Attribute definitions: every key attribute of the table and its indexes, once.
    std::vector<std::pair<std::string_view, std::string_view>> defs;
    auto define = [&](std::string_view name, std::string_view type) {
      for (auto& d : defs)
        if (d.first == name) return;
      defs.emplace_back(name, type);
    };
    define(Table::hash_name, detail::key_type_of<Table::hash>());
    if constexpr (Table::has_range) define(Table::range_name, detail::key_type_of<Table::range>());
    std::apply([&]<class... G>(G...) {
      ((define(G::hash_name, detail::key_type_of<G::hash>()),
        G::has_range ? define(G::range_name, range_type_of<G>()) : void()), ...);
    }, typename Table::indexes{});
    out += ",\"AttributeDefinitions\":[";
    for (std::size_t i = 0; i < defs.size(); ++i) {
      if (i) out += ',';
      out += "{\"AttributeName\":";
      detail::append_json_string(out, defs[i].first);
      out += ",\"AttributeType\":\"";
      out += defs[i].second;
      out += "\"}";
    }
    out += ']';
    if (provisioned_mode()) {
      out += ",\"BillingMode\":\"PROVISIONED\",";
      detail::append_throughput(out, read_, write_);
    } else {
      out += ",\"BillingMode\":\"PAY_PER_REQUEST\"";
    }
    if constexpr (local_indexes() > 0) {
      out += ",\"LocalSecondaryIndexes\":[";
      bool first = true;
      std::apply([&]<class... G>(G...) { (append_index<G, true>(out, first), ...); }, typename Table::indexes{});
      out += ']';
    }
    if constexpr (Table::index_count - local_indexes() > 0) {
      out += ",\"GlobalSecondaryIndexes\":[";
      bool first = true;
      std::apply([&]<class... G>(G...) { (append_index<G, false>(out, first), ...); }, typename Table::indexes{});
      out += ']';
    }
    out += '}';
    return {};
  }

  static result<table_description> parse(std::string_view body) {
    return detail::parse_table_description(body, "TableDescription");
  }
  result<table_description> send() const {
    return detail::send_request(*this, via_, parse);
  }

 private:
  bool provisioned_mode() const noexcept { return read_ != 0 || write_ != 0; }

  template <class G>
  static constexpr std::string_view range_type_of() {
    if constexpr (G::has_range) return detail::key_type_of<G::range>();
    else return {};
  }

  static constexpr std::size_t local_indexes() {
    if constexpr (requires { Table::local_index_count; }) return Table::local_index_count;
    else return 0;
  }

  // An index of the kind asked for (local: LocalSecondaryIndexes, which take no throughput).
  template <class G, bool Local>
  void append_index(std::string& out, bool& first) const {
    static_assert(detail::valid_key_type<detail::key_member_t<G::hash>>,
                  "ddbx: a GSI's partition key member must be a std::string, a number or binary");
    if constexpr (detail::is_local_index<G>() != Local) return;
    if (!first) out += ',';
    first = false;
    out += "{\"IndexName\":\"";
    out += G::name;
    out += "\",";
    detail::append_key_schema(out, G::hash_name, G::has_range ? G::range_name : std::string_view{});
    out += projection_ == ddbx::index_projection::all ? ",\"Projection\":{\"ProjectionType\":\"ALL\"}"
                                                      : ",\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}";
    if (!Local && provisioned_mode()) {
      out += ',';
      detail::append_throughput(out, read_, write_);
    }
    out += '}';
  }

  std::string table_;
  std::uint64_t read_ = 0, write_ = 0;
  ddbx::index_projection projection_ = ddbx::index_projection::all;
  sender via_;
};

}  // namespace ddbx
