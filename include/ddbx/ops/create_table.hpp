#pragma once
// CreateTable, derived from a table descriptor: key schema, attribute definitions (S/N/B from the
// key members' types), GSIs and LSIs with their projections (ALL, KEYS_ONLY, INCLUDE from the
// descriptor) and throughput, and the billing mode.
//
//   using users_table = ddbx::table<user, &user::username, &user::last_name>;
//   users.create().provisioned(5, 5).send();
//   // {"TableName":"users","KeySchema":[{"AttributeName":"username","KeyType":"HASH"},…],
//   //  "AttributeDefinitions":[…],"BillingMode":"PROVISIONED","ProvisionedThroughput":{…}}
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
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
// An index's key may be an std::optional (a sparse index): its value type says S, N or B.
template <auto P>
constexpr std::string_view index_key_type_of() {
  return index_key_attribute_type<key_member_t<P>>();
}
template <class G>
constexpr std::string_view index_range_type_of() {
  if constexpr (G::has_range) return index_key_type_of<G::range>();
  else return {};
}
template <class G>
constexpr bool check_index_key_types() {
  static_assert(valid_index_key_type<key_member_t<G::hash>>,
                "ddbx: an index's partition key member must be a std::string, a number or binary, or an "
                "std::optional of one (or stored as one: an enum, a time_point, a codec<T> with such a repr)");
  static_assert(!G::has_range || valid_index_key_type<key_member_t<G::range>>,
                "ddbx: an index's sort key member must be a std::string, a number or binary, or an "
                "std::optional of one (or stored as one: an enum, a time_point, a codec<T> with such a repr)");
  return true;
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
// `"Projection":{…}` of index G: its descriptor's, or `fallback` where the descriptor leaves it unset.
template <class G>
void append_projection(std::string& out, index_projection fallback) {
  out += "\"Projection\":{\"ProjectionType\":";
  if constexpr (G::projection == projection_kind::include) {
    out += "\"INCLUDE\",\"NonKeyAttributes\":[";
    for (std::size_t i = 0; i < G::non_key_attributes.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, G::non_key_attributes[i]);
    }
    out += "]}";
  } else if (G::projection == projection_kind::keys_only ||
             (G::projection == projection_kind::unset && fallback == index_projection::keys_only)) {
    out += "\"KEYS_ONLY\"}";
  } else {
    out += "\"ALL\"}";
  }
}
// `"IndexName":"…","KeySchema":[…],"Projection":{…}` of index G (names are checked by the descriptor's type).
template <class G>
void append_index_definition(std::string& out, index_projection fallback) {
  static_assert(check_index_key_types<G>());
  out += "\"IndexName\":";
  append_json_string(out, G::name);
  out += ',';
  append_key_schema(out, G::hash_name, G::has_range ? G::range_name : std::string_view{});
  out += ',';
  append_projection<G>(out, fallback);
}
// Attribute definitions, each name once.
struct attribute_definitions {
  std::vector<std::pair<std::string_view, std::string_view>> defs;
  void define(std::string_view name, std::string_view type) {
    for (auto& d : defs)
      if (d.first == name) return;
    defs.emplace_back(name, type);
  }
  template <class G>
  void define_index() {
    define(G::hash_name, index_key_type_of<G::hash>());
    if constexpr (G::has_range) define(G::range_name, index_range_type_of<G>());
  }
  void append(std::string& out) const {
    out += "\"AttributeDefinitions\":[";
    for (std::size_t i = 0; i < defs.size(); ++i) {
      if (i) out += ',';
      out += "{\"AttributeName\":";
      append_json_string(out, defs[i].first);
      out += ",\"AttributeType\":\"";
      out += defs[i].second;
      out += "\"}";
    }
    out += ']';
  }
};
}  // namespace detail

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] create_table_request {
 public:
  static constexpr std::string_view operation = "CreateTable";

  explicit create_table_request(std::string table_name, sender via = {}) : table_(std::move(table_name)), via_(via) {}

  // BillingMode PROVISIONED with these capacity units (also for every GSI without provisioned<…> in its descriptor).
  create_table_request& provisioned(std::uint64_t read_capacity_units, std::uint64_t write_capacity_units) {
    provisioned_ = true;
    read_ = read_capacity_units;
    write_ = write_capacity_units;
    return *this;
  }
  // BillingMode PAY_PER_REQUEST (the default).
  create_table_request& on_demand() {
    provisioned_ = false;
    read_ = write_ = 0;
    return *this;
  }
  // What the indexes whose descriptor does not say (no include<…>, keys_only or all) hold besides their keys: ALL by default.
  create_table_request& index_projection(ddbx::index_projection p) {
    projection_ = p;
    return *this;
  }

  status append_body(std::string& out) const {
    if (auto s = detail::check_table_name(table_); !s) return s;
    if (provisioned_mode() && (read_ == 0 || write_ == 0))
      return make_error(errc::invalid_request, "capacity units must be at least 1", "ProvisionedThroughput");
    if (!provisioned_mode())
      if (auto s = check_no_index_throughput(); !s) return s;
    out += "{\"TableName\":\"";
    out += table_;
    out += "\",";
    detail::append_key_schema(out, Table::hash_name, Table::has_range ? Table::range_name : std::string_view{});
    // Attribute definitions: every key attribute of the table and its indexes, once.
    detail::attribute_definitions defs;
    defs.define(Table::hash_name, detail::key_type_of<Table::hash>());
    if constexpr (Table::has_range) defs.define(Table::range_name, detail::key_type_of<Table::range>());
    std::apply([&]<class... G>(G...) { (defs.define_index<G>(), ...); }, typename Table::indexes{});
    out += ',';
    defs.append(out);
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
  static_assert(sizeof(primary_key<Table>) > 0);  // the table's key members: its checks
  bool provisioned_mode() const noexcept { return provisioned_; }  // provisioned(0, 0) too: refused, not on demand

  static constexpr std::size_t local_indexes() {
    if constexpr (requires { Table::local_index_count; }) return Table::local_index_count;
    else return 0;
  }

  // A PAY_PER_REQUEST table's GSIs take no throughput: a descriptor's provisioned<…> needs .provisioned(…).
  static status check_no_index_throughput() {
    status s;
    std::size_t i = 0;
    std::apply([&]<class... G>(G...) {
      auto one = [&]<class I>() {
        if constexpr (!detail::is_local_index<I>()) {
          if (s && I::has_throughput)
            s = make_error(errc::invalid_request,
                           "index " + std::string(I::name) + " has provisioned<…> in its descriptor; a PAY_PER_REQUEST "
                           "table's indexes take no throughput (make the table with .provisioned(read, write))",
                           "GlobalSecondaryIndexes[" + std::to_string(i) + "].ProvisionedThroughput");
          ++i;
        }
      };
      (void)one;  // a table without indexes
      (one.template operator()<G>(), ...);
    }, typename Table::indexes{});
    return s;
  }

  // An index of the kind asked for (local: LocalSecondaryIndexes, which take no throughput). A GSI
  // takes its descriptor's throughput, else the table's.
  template <class G, bool Local>
  void append_index(std::string& out, bool& first) const {
    if constexpr (detail::is_local_index<G>() != Local) return;
    if (!first) out += ',';
    first = false;
    out += '{';
    detail::append_index_definition<G>(out, projection_);
    if constexpr (!Local) {
      if (provisioned_mode()) {
        out += ',';
        if constexpr (G::has_throughput) detail::append_throughput(out, G::throughput::read, G::throughput::write);
        else detail::append_throughput(out, read_, write_);
      }
    }
    out += '}';
  }

  std::string table_;
  std::uint64_t read_ = 0, write_ = 0;
  bool provisioned_ = false;
  ddbx::index_projection projection_ = ddbx::index_projection::all;
  sender via_;
};

}  // namespace ddbx
