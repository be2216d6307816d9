// For stream_records_moto.py: decodes a DynamoDB Streams GetRecords answer with ddbx and prints what
// it read as JSON, images and keys as plain JSON (ddbx::item_json_to_plain of the re-encoded item);
// or converts plain JSON to an item's DynamoDB JSON.
//
//   stream_records_tool records FILE         → {"next":…,"records":[{"name":…,"keys":{…},"new":{…}|null,…}]}
//   stream_records_tool plain-to-item TEXT   → {"a":{"N":"1.5"},…}
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "ddbx/mapping/plain_json_decode.hpp"
#include "ddbx/mapping/stream_record_decode.hpp"

namespace {

int fail(const ddbx::error& e) {
  std::fprintf(stderr, "error: %s\n", e.what_text().c_str());
  return 1;
}

bool plain(const ddbx::item& it, std::string& out) { return ddbx::to_plain_json(it, out).has_value(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const std::string mode = argv[1];
  if (mode == "plain-to-item") {
    auto r = ddbx::plain_to_item_json(std::string_view(argv[2]));
    if (!r) return fail(r.error());
    std::puts(r->c_str());
    return 0;
  }
  std::ifstream in(argv[2], std::ios::binary);
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto ev = ddbx::decode_stream_event<ddbx::item>(json);
  if (!ev) return fail(ev.error());
  std::string out = "{\"next\":";
  out += ev->next_shard_iterator ? "\"" + *ev->next_shard_iterator + "\"" : "null";
  out += ",\"records\":[";
  bool first = true;
  for (const auto& r : ev->records) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":\"" + r.event_id + "\",\"name\":\"" + std::string(ddbx::to_string(r.event_name)) + "\",\"keys\":";
    if (!plain(r.keys, out)) return 1;
    for (auto [label, image] : {std::pair{",\"new\":", &r.new_image}, std::pair{",\"old\":", &r.old_image}}) {
      out += label;
      if (!*image) out += "null";
      else if (!plain(**image, out)) return 1;
    }
    out += ",\"seq\":\"" + r.sequence_number + "\",\"size\":" + std::to_string(r.size_bytes);
    out += ",\"view\":\"" + std::string(r.view_type ? ddbx::to_string(*r.view_type) : "") + "\"";
    out += ",\"region\":\"" + r.aws_region + "\",\"source\":\"" + r.event_source + "\",\"version\":\"" + r.event_version + "\"";
    const auto ms = r.approximate_creation_time
                        ? std::chrono::duration_cast<std::chrono::milliseconds>(r.approximate_creation_time->time_since_epoch()).count()
                        : -1;
    out += ",\"created_ms\":" + std::to_string(ms) + "}";
  }
  out += "]}";
  std::puts(out.c_str());
  return 0;
}
