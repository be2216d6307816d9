// For botocore_responses.py: parses DynamoDB response bodies with ddbx's own response parsers and
// prints what ddbx read as canonical JSON, one line per body, for comparison with botocore's parse of
// the same bytes. Reads cases from stdin, each a header line and the body's bytes:
//
//   <Operation> <http status> <body bytes> [argument…]\n<body>\n
//
// Arguments: BatchGetItem/BatchWriteItem the table names to read (ddbx parses one table per call),
// TransactGetItems the number of gets, UpdateTimeToLive the Enabled the request sent (1/0).
// Operation "Error" parses an error answer (any operation's). Output per case:
//   {"ok":true,"view":{…}}  or  {"ok":false,"error":"<ddbx's error text>"}
// AttributeValues are printed as {"S":…}, {"N":"<ddbx's number text>"}, {"B":"<hex>"}, {"SS":[…]},
// {"NS":[…]}, {"BS":[hex…]}, {"BOOL":…}, {"NULL":true}, {"L":[…]}, {"M":{…}}; capacity units with 17
// significant digits (they read back as the same double); times as integer nanoseconds since 1970.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/mapping/stream_record_decode.hpp"
#include "ddbx/ops/error_details.hpp"

using namespace ddbx;

namespace {

struct rec {
  std::string pk;
  std::string sk;
};
using rec_table = table<rec, &rec::pk, &rec::sk>;

void str(std::string& out, std::string_view s) { detail::append_json_string(out, s); }

void hex(std::string& out, const binary& b) {
  static constexpr char digits[] = "0123456789abcdef";
  out += '"';
  for (std::byte c : b.bytes()) {
    out += digits[std::to_integer<unsigned>(c) >> 4];
    out += digits[std::to_integer<unsigned>(c) & 0xF];
  }
  out += '"';
}

void av(std::string& out, const value& v);

void attribute_map(std::string& out, const item& m) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : m) {
    if (!first) out += ',';
    first = false;
    str(out, k);
    out += ':';
    av(out, v);
  }
  out += '}';
}

template <class Range, class Each>
void array(std::string& out, const Range& r, Each&& each) {
  out += '[';
  bool first = true;
  for (const auto& e : r) {
    if (!first) out += ',';
    first = false;
    each(e);
  }
  out += ']';
}

void av(std::string& out, const value& v) {
  switch (v.type()) {
    case type::NULL_: out += "{\"NULL\":true}"; return;
    case type::BOOL: out += *v.as_bool() ? "{\"BOOL\":true}" : "{\"BOOL\":false}"; return;
    case type::S: out += "{\"S\":"; str(out, *v.as_string()); break;
    case type::N: out += "{\"N\":"; str(out, v.as_number()->text()); break;
    case type::B: out += "{\"B\":"; hex(out, *v.as_binary()); break;
    case type::SS: out += "{\"SS\":"; array(out, *v.as_string_set(), [&](const std::string& s) { str(out, s); }); break;
    case type::NS: out += "{\"NS\":"; array(out, *v.as_number_set(), [&](const number& n) { str(out, n.text()); }); break;
    case type::BS: out += "{\"BS\":"; array(out, *v.as_binary_set(), [&](const binary& b) { hex(out, b); }); break;
    case type::L: out += "{\"L\":"; array(out, *v.as_list(), [&](const value& e) { av(out, e); }); break;
    case type::M: out += "{\"M\":"; attribute_map(out, *v.as_map()); break;
  }
  out += '}';
}

void optional_map(std::string& out, const std::optional<item>& m) {
  if (m) attribute_map(out, *m);
  else out += "null";
}

// An item ddbx keeps as JSON text (unprocessed keys, a cancellation reason's item), decoded by ddbx.
bool map_text(std::string& out, std::string_view json, std::string& why) {
  auto m = decode_item<item>(std::string(json));
  if (!m) {
    why = m.error().what_text();
    return false;
  }
  attribute_map(out, *m);
  return true;
}

void number_member(std::string& out, std::string_view name, double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  out += '"';
  out += name;
  out += "\":";
  out += buf;
}

void capacity_fields(std::string& out, double cu, double rcu, double wcu) {
  number_member(out, "CapacityUnits", cu);
  out += ',';
  number_member(out, "ReadCapacityUnits", rcu);
  out += ',';
  number_member(out, "WriteCapacityUnits", wcu);
}

void capacity_map(std::string& out, const std::map<std::string, capacity>& m) {
  out += '{';
  bool first = true;
  for (const auto& [k, c] : m) {
    if (!first) out += ',';
    first = false;
    str(out, k);
    out += ":{";
    capacity_fields(out, c.capacity_units, c.read_capacity_units, c.write_capacity_units);
    out += '}';
  }
  out += '}';
}

void consumed(std::string& out, const consumed_capacity& c) {
  out += "{\"TableName\":";
  str(out, c.table_name);
  out += ',';
  capacity_fields(out, c.capacity_units, c.read_capacity_units, c.write_capacity_units);
  out += ",\"Table\":";
  if (c.table) {
    out += '{';
    capacity_fields(out, c.table->capacity_units, c.table->read_capacity_units, c.table->write_capacity_units);
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"GlobalSecondaryIndexes\":";
  capacity_map(out, c.global_secondary_indexes);
  out += ",\"LocalSecondaryIndexes\":";
  capacity_map(out, c.local_secondary_indexes);
  out += '}';
}

void optional_consumed(std::string& out, const std::optional<consumed_capacity>& c) {
  if (c) consumed(out, *c);
  else out += "null";
}

void consumed_list(std::string& out, const std::vector<consumed_capacity>& all) {
  array(out, all, [&](const consumed_capacity& c) { consumed(out, c); });
}

void key_schema(std::string& out, const std::vector<key_schema_element>& ks) {
  array(out, ks, [&](const key_schema_element& k) {
    out += "{\"AttributeName\":";
    str(out, k.attribute_name);
    out += ",\"KeyType\":";
    str(out, k.key_type);
    out += '}';
  });
}

void throughput(std::string& out, const std::optional<provisioned_throughput>& t) {
  if (!t) {
    out += "null";
    return;
  }
  out += "{\"ReadCapacityUnits\":" + std::to_string(t->read_capacity_units) +
         ",\"WriteCapacityUnits\":" + std::to_string(t->write_capacity_units) + '}';
}

void on_demand(std::string& out, const std::optional<on_demand_throughput>& t) {
  if (!t) {
    out += "null";
    return;
  }
  auto one = [&](const std::optional<std::int64_t>& v) { out += v ? std::to_string(*v) : "null"; };
  out += "{\"MaxReadRequestUnits\":";
  one(t->max_read_request_units);
  out += ",\"MaxWriteRequestUnits\":";
  one(t->max_write_request_units);
  out += '}';
}

void index(std::string& out, const index_description& i) {
  out += "{\"IndexName\":";
  str(out, i.index_name);
  out += ",\"KeySchema\":";
  key_schema(out, i.key_schema);
  out += ",\"ProjectionType\":";
  str(out, i.projection_type);
  out += ",\"NonKeyAttributes\":";
  array(out, i.non_key_attributes, [&](const std::string& s) { str(out, s); });
  out += ",\"IndexStatus\":";
  str(out, i.index_status);
  out += ",\"ItemCount\":" + std::to_string(i.item_count);
  out += ",\"ProvisionedThroughput\":";
  throughput(out, i.throughput);
  out += ",\"OnDemandThroughput\":";
  on_demand(out, i.on_demand);
  out += '}';
}

void description(std::string& out, const table_description& d) {
  out += "{\"TableName\":";
  str(out, d.table_name);
  out += ",\"TableArn\":";
  str(out, d.table_arn);
  out += ",\"TableStatus\":";
  str(out, d.table_status);
  out += ",\"ItemCount\":" + std::to_string(d.item_count);
  out += ",\"TableSizeBytes\":" + std::to_string(d.table_size_bytes);
  out += ",\"CreationDateTime\":" +
         std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(d.creation_date_time.time_since_epoch()).count());
  out += ",\"KeySchema\":";
  key_schema(out, d.key_schema);
  out += ",\"AttributeDefinitions\":";
  array(out, d.attribute_definitions, [&](const attribute_definition& a) {
    out += "{\"AttributeName\":";
    str(out, a.attribute_name);
    out += ",\"AttributeType\":";
    str(out, a.attribute_type);
    out += '}';
  });
  out += ",\"GlobalSecondaryIndexes\":";
  array(out, d.global_secondary_indexes, [&](const index_description& i) { index(out, i); });
  out += ",\"LocalSecondaryIndexes\":";
  array(out, d.local_secondary_indexes, [&](const index_description& i) { index(out, i); });
  out += ",\"ProvisionedThroughput\":";
  throughput(out, d.throughput);
  out += ",\"OnDemandThroughput\":";
  on_demand(out, d.on_demand);
  out += ",\"BillingMode\":";
  str(out, d.billing_mode);
  out += '}';
}

// A sender that answers with the body under test: for parsers that live inside send().
struct canned {
  std::string body;
  sender via() {
    return sender{this, [](void* c, std::string_view, std::string_view, body_check) -> result<std::string> {
                    return static_cast<canned*>(c)->body;
                  }};
  }
};

using view = result<std::string>;

view fail(const error& e) { return e; }

view get_item(const std::string& body) {
  auto r = get_item_request<rec_table>::parse<item>(body);
  if (!r) return fail(r.error());
  std::string out = "{\"Item\":";
  optional_map(out, r->item);
  out += ",\"ConsumedCapacity\":";
  optional_consumed(out, r->consumed_capacity);
  return out + '}';
}

view write(const std::string& body) {
  auto r = detail::parse_write_result<item, decode_options{.lenient_missing = true}>(body);
  if (!r) return fail(r.error());
  std::string out = "{\"Attributes\":";
  optional_map(out, r->attributes);
  out += ",\"ConsumedCapacity\":";
  optional_consumed(out, r->consumed_capacity);
  return out + '}';
}

view query_or_scan(const std::string& body) {
  auto r = detail::parse_query_result<item, decode_options{}>(body, true);
  if (!r) return fail(r.error());
  std::string out = "{\"Items\":";
  array(out, r->items, [&](const item& i) { attribute_map(out, i); });
  out += ",\"Count\":" + std::to_string(r->count) + ",\"ScannedCount\":" + std::to_string(r->scanned_count);
  out += ",\"LastEvaluatedKey\":";
  optional_map(out, r->last_evaluated_key);
  out += ",\"ConsumedCapacity\":";
  optional_consumed(out, r->consumed_capacity);
  return out + '}';
}

view batch_get(const std::string& body, const std::vector<std::string>& tables) {
  std::string out = "{\"Tables\":{";
  std::string capacity;
  // Every table named (at least one call, for ConsumedCapacity, when the answer names none).
  for (std::size_t t = 0; t < std::max<std::size_t>(tables.size(), 1); ++t) {
    auto r = batch_get_item_request<rec_table>::parse<item>(body, t < tables.size() ? tables[t] : "");
    if (!r) return fail(r.error());
    capacity.clear();
    consumed_list(capacity, r->consumed_capacity);
    if (t == tables.size()) break;
    if (t) out += ',';
    str(out, tables[t]);
    out += ":{\"Items\":";
    array(out, r->items, [&](const item& i) { attribute_map(out, i); });
    out += ",\"UnprocessedKeys\":[";
    for (std::size_t k = 0; k < r->unprocessed.size(); ++k) {
      if (k) out += ',';
      std::string why;
      if (!map_text(out, r->unprocessed[k], why)) return fail(make_error(errc::malformed_response, "unprocessed key: " + why));
    }
    out += "]}";
  }
  return out + "},\"ConsumedCapacity\":" + capacity + '}';
}

view batch_write(const std::string& body, const std::vector<std::string>& tables) {
  std::string out = "{\"Tables\":{";
  std::string capacity;
  for (std::size_t t = 0; t < std::max<std::size_t>(tables.size(), 1); ++t) {
    auto r = batch_write_item_request<rec_table>::parse(body, t < tables.size() ? tables[t] : "");
    if (!r) return fail(r.error());
    capacity.clear();
    consumed_list(capacity, r->consumed_capacity);
    if (t == tables.size()) break;
    if (t) out += ',';
    str(out, tables[t]);
    out += ":[";
    for (std::size_t k = 0; k < r->unprocessed.size(); ++k) {
      if (k) out += ',';
      // The entry as ddbx keeps it (to send again): {"PutRequest":{"Item":…}} or {"DeleteRequest":{"Key":…}},
      // its item or key decoded by ddbx; and the key values ddbx found (pk, sk), as a JSON array.
      const auto& e = r->unprocessed[k];
      simdjson::dom::parser p;
      simdjson::dom::element doc;
      if (p.parse(e.json).get(doc)) return fail(make_error(errc::malformed_response, "unprocessed entry is not JSON"));
      const bool put = doc["PutRequest"].error() == simdjson::SUCCESS;
      simdjson::dom::element inner = put ? doc["PutRequest"]["Item"].value_unsafe() : doc["DeleteRequest"]["Key"].value_unsafe();
      out += put ? "{\"PutRequest\":{\"Item\":" : "{\"DeleteRequest\":{\"Key\":";
      std::string why;
      if (!map_text(out, simdjson::minify(inner), why)) return fail(make_error(errc::malformed_response, why));
      out += "},\"key\":[";
      // The key signature is AttributeValues joined by commas: read back as a list by ddbx.
      auto vals = decode_value<value>("{\"L\":[" + e.key + "]}");
      if (!vals || !vals->as_list()) return fail(make_error(errc::malformed_response, "key signature: " + e.key));
      for (std::size_t i = 0; i < vals->as_list()->size(); ++i) {
        if (i) out += ',';
        av(out, (*vals->as_list())[i]);
      }
      out += "]}";
    }
    out += ']';
  }
  return out + "},\"ConsumedCapacity\":" + capacity + '}';
}

template <class... Ts>
view transact_get_n(const std::string& body) {
  auto r = transact_get_request<Ts...>::template parse<>(body);
  if (!r) return fail(r.error());
  std::string out = "{\"Responses\":[";
  bool first = true;
  std::apply([&](const auto&... it) { ((out += first ? "" : ",", first = false, optional_map(out, it)), ...); }, r->items);
  out += "],\"ConsumedCapacity\":";
  consumed_list(out, r->consumed_capacity);
  return out + '}';
}

view transact_get(const std::string& body, std::size_t n) {
  switch (n) {
    case 1: return transact_get_n<item>(body);
    case 2: return transact_get_n<item, item>(body);
    case 3: return transact_get_n<item, item, item>(body);
    case 4: return transact_get_n<item, item, item, item>(body);
    case 5: return transact_get_n<item, item, item, item, item>(body);
    default: return make_error(errc::invalid_request, "response_parse_tool: 1 to 5 gets");
  }
}

view transact_write(const std::string& body) {
  auto r = transact_write_request::parse(body);
  if (!r) return fail(r.error());
  std::string out = "{\"ConsumedCapacity\":";
  consumed_list(out, r->consumed_capacity);
  out += ",\"ItemCollectionMetricsText\":";
  if (r->item_collection_metrics_json.empty()) out += "null";
  else str(out, r->item_collection_metrics_json);
  return out + '}';
}

view table(result<table_description> r) {
  if (!r) return fail(r.error());
  std::string out;
  description(out, *r);
  return out;
}

view list_tables(const std::string& body) {
  auto r = list_tables_request::parse(body);
  if (!r) return fail(r.error());
  std::string out = "{\"TableNames\":";
  array(out, r->table_names, [&](const std::string& s) { str(out, s); });
  out += ",\"LastEvaluatedTableName\":";
  if (r->last_evaluated_table_name) str(out, *r->last_evaluated_table_name);
  else out += "null";
  return out + '}';
}

view ttl(const result<time_to_live_description>& r) {
  if (!r) return fail(r.error());
  std::string out = "{\"TimeToLiveStatus\":";
  str(out, r->status);
  out += ",\"AttributeName\":";
  str(out, r->attribute_name);
  return out + '}';
}

view get_records(const std::string& body) {
  auto r = decode_stream_event<item>(body);
  if (!r) return fail(r.error());
  std::string out = "{\"Records\":";
  array(out, r->records, [&](const stream_record<item>& s) {
    out += "{\"eventID\":";
    str(out, s.event_id);
    out += ",\"eventName\":";
    str(out, to_string(s.event_name));
    out += ",\"eventVersion\":";
    str(out, s.event_version);
    out += ",\"eventSource\":";
    str(out, s.event_source);
    out += ",\"awsRegion\":";
    str(out, s.aws_region);
    out += ",\"userIdentity\":";
    if (s.user_identity) {
      out += "{\"Type\":";
      str(out, s.user_identity->type);
      out += ",\"PrincipalId\":";
      str(out, s.user_identity->principal_id);
      out += '}';
    } else {
      out += "null";
    }
    out += ",\"Keys\":";
    attribute_map(out, s.keys);
    out += ",\"NewImage\":";
    optional_map(out, s.new_image);
    out += ",\"OldImage\":";
    optional_map(out, s.old_image);
    out += ",\"SequenceNumber\":";
    str(out, s.sequence_number);
    out += ",\"SizeBytes\":" + std::to_string(s.size_bytes);
    out += ",\"StreamViewType\":";
    if (s.view_type) str(out, to_string(*s.view_type));
    else out += "null";
    out += ",\"ApproximateCreationDateTime\":";
    if (s.approximate_creation_time)
      out += std::to_string(
          std::chrono::duration_cast<std::chrono::nanoseconds>(s.approximate_creation_time->time_since_epoch()).count());
    else
      out += "null";
    out += '}';
  });
  out += ",\"NextShardIterator\":";
  if (r->next_shard_iterator) str(out, *r->next_shard_iterator);
  else out += "null";
  return out + '}';
}

view service_error(int status, const std::string& body) {
  const error e = parse_service_error(status, body);
  std::string out = "{\"Code\":";
  str(out, e.aws_code);
  out += ",\"Message\":";
  str(out, e.message);
  out += ",\"HTTPStatusCode\":" + std::to_string(e.http_status);
  auto reasons = cancellation_reasons(e);
  if (!reasons) return fail(reasons.error());
  out += ",\"CancellationReasons\":[";
  for (std::size_t i = 0; i < reasons->size(); ++i) {
    const auto& r = (*reasons)[i];
    if (i) out += ',';
    out += "{\"Code\":";
    str(out, r.code);
    out += ",\"Message\":";
    str(out, r.message);
    out += ",\"Item\":";
    auto it = r.item<item>();
    if (!it) return fail(it.error());
    optional_map(out, *it);
    out += '}';
  }
  out += "],\"Item\":";
  auto current = condition_check_item<item>(e);
  if (!current) return fail(current.error());
  optional_map(out, *current);
  auto throttled = throttling_reasons(e);
  if (!throttled) return fail(throttled.error());
  out += ",\"ThrottlingReasons\":";
  array(out, *throttled, [&](const throttling_reason& t) {
    out += "{\"reason\":";
    str(out, t.reason);
    out += ",\"resource\":";
    str(out, t.resource);
    out += '}';
  });
  return out + '}';
}

view parse(const std::string& op, int status, const std::string& body, const std::vector<std::string>& args) {
  if (op == "Error") return service_error(status, body);
  if (op == "GetItem") return get_item(body);
  if (op == "PutItem" || op == "UpdateItem" || op == "DeleteItem") return write(body);
  if (op == "Query" || op == "Scan") return query_or_scan(body);
  if (op == "BatchGetItem") return batch_get(body, args);
  if (op == "BatchWriteItem") return batch_write(body, args);
  if (op == "TransactGetItems") return transact_get(body, args.empty() ? 0 : std::stoul(args[0]));
  if (op == "TransactWriteItems") return transact_write(body);
  if (op == "DescribeTable") return table(describe_table_request::parse(body));
  if (op == "DeleteTable") return table(delete_table_request::parse(body));
  if (op == "CreateTable") return table(create_table_request<rec_table>::parse(body));
  if (op == "UpdateTable") return table(update_table_request<>::parse(body));
  if (op == "ListTables") return list_tables(body);
  if (op == "DescribeTimeToLive") return ttl(describe_time_to_live_request::parse(body));
  if (op == "UpdateTimeToLive") {
    canned c{body};
    return ttl(update_time_to_live_request("rec", "ttl", !args.empty() && args[0] == "1", c.via()).send());
  }
  if (op == "GetRecords") return get_records(body);
  return make_error(errc::invalid_request, "response_parse_tool: unknown operation " + op);
}

}  // namespace

int main() {
  std::string header;
  while (std::getline(std::cin, header)) {
    if (header.empty()) continue;
    std::istringstream h(header);
    std::string op;
    int status = 0;
    std::size_t size = 0;
    h >> op >> status >> size;
    std::vector<std::string> args;
    for (std::string a; h >> a;) args.push_back(a);
    std::string body(size, '\0');
    if (size && !std::cin.read(body.data(), static_cast<std::streamsize>(size))) {
      std::fprintf(stderr, "response_parse_tool: body cut short\n");
      return 2;
    }
    auto v = parse(op, status, body, args);
    std::string line;
    if (v) {
      line = "{\"ok\":true,\"view\":" + *v + '}';
    } else {
      line = "{\"ok\":false,\"error\":";
      str(line, v.error().what_text());
      line += '}';
    }
    std::puts(line.c_str());
  }
  return 0;
}
