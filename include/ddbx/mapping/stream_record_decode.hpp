#pragma once
// Decoding DynamoDB Streams records from JSON text, with simdjson (the types alone, without it:
// ddbx/mapping/stream_record.hpp): a Lambda event `{"Records":[…]}`, a DynamoDB Streams GetRecords
// answer `{"Records":[…],"NextShardIterator":"…"}`, or one record (also Kinesis Data Streams for
// DynamoDB's), with NewImage and OldImage decoded into your struct and Keys into an item or a key
// struct. Errors name the record and the member: `Records[3].dynamodb.NewImage.age: expected N, got S`.
//
//   auto ev = ddbx::decode_stream_event<user>(lambda_event_json);   // result<stream_event<user>>
//   for (const auto& r : ev.value().records)
//     if (r.event_name == ddbx::stream_operation::insert) greet(*r.new_image);
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/stream_record.hpp"

namespace ddbx {
namespace detail {

// A string member, or null (as empty).
inline bool read_stream_text(decoder_state& d, od::value v, std::string& out) {
  bool null = false;
  if (!v.is_null().get(null) && null) { out.clear(); return true; }
  std::string_view s;
  if (auto ec = v.get_string().get(s)) return d.fail_json(ec, "a JSON string");
  out.assign(s);
  return true;
}

template <class E, std::size_t N>
bool read_stream_enum(decoder_state& d, od::value v, E& out, const std::string_view (&names)[N], std::string_view what) {
  std::string_view s;
  if (auto ec = v.get_string().get(s)) return d.fail_json(ec, "a JSON string");
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) { out = static_cast<E>(i); return true; }
  std::string m = "unknown " + std::string(what) + " \"";
  append_escaped_controls(m, s.substr(0, 32));
  return d.fail(errc::malformed_response, m + "\"");
}

// An epoch time in `unit_ns` nanoseconds per unit, from its JSON number text, exactly.
inline bool stream_time(decoder_state& d, std::string_view raw, std::int64_t unit_ns,
                        std::optional<std::chrono::system_clock::time_point>& out) {
  auto bad = [&] { return d.fail(errc::malformed_response, "not an epoch time: " + std::string(raw.substr(0, 40))); };
  auto n = number::parse(raw);
  if (!n || n->is_negative() || n->text().find('E') != std::string_view::npos) return bad();
  const std::string_view t = n->text();
  const std::size_t dot = t.find('.');
  std::int64_t whole = 0;
  auto r = std::from_chars(t.data(), t.data() + (dot == std::string_view::npos ? t.size() : dot), whole);
  if (r.ec != std::errc{} || whole > std::numeric_limits<std::int64_t>::max() / unit_ns) return bad();
  std::int64_t frac = 0;
  if (dot != std::string_view::npos) {
    std::int64_t scale = unit_ns;
    for (std::size_t i = dot + 1; i < t.size() && scale >= 10; ++i) {
      scale /= 10;
      frac += (t[i] - '0') * scale;
    }
  }
  if (whole * unit_ns > std::numeric_limits<std::int64_t>::max() - frac) return bad();  // past 2262 in nanoseconds
  out = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(whole * unit_ns + frac)));
  return true;
}

template <decode_options O, class T, class Key>
bool read_stream_body(decoder_state& d, od::object obj, stream_record<T, Key>& out) {
  std::string_view time_raw, precision;
  unsigned seen = 0;
  for (auto fr : obj) {
    od::field f;
    if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
    std::string_view k;
    if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
    constexpr std::string_view known[] = {"Keys", "NewImage", "OldImage", "SequenceNumber", "SizeBytes",
                                          "StreamViewType", "ApproximateCreationDateTime",
                                          "ApproximateCreationDateTimePrecision"};
    std::size_t which = std::size(known);
    for (std::size_t i = 0; i < std::size(known); ++i)
      if (k == known[i]) which = i;
    if (which < std::size(known)) {
      if (seen & (1u << which)) { d.fail(errc::duplicate_attribute, "member appears twice"); d.in_member(k); return false; }
      seen |= 1u << which;
    }
    bool ok = true;
    od::value v = f.value();
    auto image = [&](auto& target) {
      od::object it;
      if (auto ec = v.get_object().get(it)) return d.fail_json(ec, "an item: a JSON object of attributes");
      return read_item<O>(d, it, target);
    };
    switch (which) {
      case 0: ok = image(out.keys); break;
      case 1: ok = null_member(v) || image(out.new_image.emplace()); break;  // null: as absent
      case 2: ok = null_member(v) || image(out.old_image.emplace()); break;
      case 3: ok = read_stream_text(d, v, out.sequence_number); break;
      case 4: {
        std::uint64_t n = 0;
        if (auto ec = v.get_uint64().get(n)) ok = d.fail_json(ec, "a count");
        else out.size_bytes = n;
        break;
      }
      case 5: {
        constexpr std::string_view names[] = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"};
        ok = read_stream_enum(d, v, out.view_type.emplace(), names, "StreamViewType");
        break;
      }
      case 6: {
        std::string_view raw = v.raw_json_token();
        od::json_type t;
        if (auto ec = v.type().get(t)) { ok = d.fail_json(ec); break; }
        if (t != od::json_type::number) { ok = d.fail(errc::malformed_json, "expected a JSON number (epoch seconds)"); break; }
        if (!is_json_number(raw)) { ok = d.fail(errc::malformed_json, "malformed JSON: not a number"); break; }
        while (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r') raw.remove_suffix(1);
        time_raw = raw;
        break;
      }
      case 7:
        if (auto ec = v.get_string().get(precision)) ok = d.fail_json(ec, "a JSON string");
        break;
      default: ok = skip_value(d, v); break;
    }
    if (!ok) { d.in_member(k); return false; }
  }
  if (!time_raw.empty()) {
    std::int64_t unit = 1'000'000'000;
    if (precision == "MILLISECOND") unit = 1'000'000;
    else if (precision == "MICROSECOND") unit = 1'000;
    else if (!precision.empty() && precision != "SECOND") {
      d.fail(errc::malformed_response, "unknown ApproximateCreationDateTimePrecision");
      d.in_member("ApproximateCreationDateTimePrecision");
      return false;
    }
    if (!stream_time(d, time_raw, unit, out.approximate_creation_time)) {
      d.in_member("ApproximateCreationDateTime");
      return false;
    }
  }
  return true;
}

inline bool read_stream_identity(decoder_state& d, od::value v, std::optional<stream_identity>& out) {
  bool null = false;
  if (!v.is_null().get(null) && null) { out.reset(); return true; }
  od::object obj;
  if (auto ec = v.get_object().get(obj)) return d.fail_json(ec, "a JSON object");
  stream_identity& id = out.emplace();
  for (auto fr : obj) {
    od::field f;
    if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
    std::string_view k;
    if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
    bool ok;
    if (k == "type" || k == "Type") ok = read_stream_text(d, f.value(), id.type);  // Lambda, GetRecords
    else if (k == "principalId" || k == "PrincipalId") ok = read_stream_text(d, f.value(), id.principal_id);
    else ok = skip_value(d, f.value());
    if (!ok) { d.in_member(k); return false; }
  }
  return true;
}

template <decode_options O, class T, class Key>
bool read_stream_record(decoder_state& d, od::object obj, stream_record<T, Key>& out) {
  bool have_name = false, have_body = false;
  for (auto fr : obj) {
    od::field f;
    if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
    std::string_view k;
    if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
    od::value v = f.value();
    bool ok;
    if (k == "eventName") {
      constexpr std::string_view names[] = {"INSERT", "MODIFY", "REMOVE"};
      ok = !have_name || d.fail(errc::duplicate_attribute, "member appears twice");
      ok = ok && read_stream_enum(d, v, out.event_name, names, "eventName");
      have_name = true;
    } else if (k == "dynamodb") {
      od::object body;
      if (have_body) ok = d.fail(errc::duplicate_attribute, "member appears twice");
      else if (auto ec = v.get_object().get(body)) ok = d.fail_json(ec, "a JSON object");
      else ok = read_stream_body<O>(d, body, out);
      have_body = true;
    } else if (k == "eventID") ok = read_stream_text(d, v, out.event_id);
    else if (k == "eventVersion") ok = read_stream_text(d, v, out.event_version);
    else if (k == "eventSource") ok = read_stream_text(d, v, out.event_source);
    else if (k == "awsRegion") ok = read_stream_text(d, v, out.aws_region);
    else if (k == "eventSourceARN") ok = read_stream_text(d, v, out.event_source_arn);
    else if (k == "tableName") ok = read_stream_text(d, v, out.table_name);
    else if (k == "userIdentity") ok = read_stream_identity(d, v, out.user_identity);
    else ok = skip_value(d, v);
    if (!ok) { d.in_member(k); return false; }
  }
  if (!have_name) { d.fail(errc::missing_member, "a stream record needs eventName"); d.in_member("eventName"); return false; }
  if (!have_body) { d.fail(errc::missing_member, "a stream record needs its dynamodb member"); d.in_member("dynamodb"); return false; }
  return true;
}

template <decode_options O, class T, class Key>
bool read_stream_event(decoder_state& d, od::object obj, stream_event<T, Key>& out) {
  bool have_records = false;
  for (auto fr : obj) {
    od::field f;
    if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
    std::string_view k;
    if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
    if (k == "Records") {
      if (have_records) { d.fail(errc::duplicate_attribute, "member appears twice"); d.in_member(k); return false; }
      have_records = true;
      od::array arr;
      if (auto ec = f.value().get_array().get(arr)) { d.fail_json(ec, "a JSON array"); d.in_member(k); return false; }
      std::size_t i = 0;
      for (auto er : arr) {
        od::object rec;
        if (auto ec = std::move(er).get_object().get(rec)) { d.fail_json(ec, "a stream record: a JSON object"); }
        else if (read_stream_record<O>(d, rec, out.records.emplace_back())) { ++i; continue; }
        d.in_index(i);
        d.in_member("Records");
        return false;
      }
    } else if (k == "NextShardIterator") {
      bool null = false;
      if (!f.value().is_null().get(null) && null) { out.next_shard_iterator.reset(); continue; }
      if (!read_stream_text(d, f.value(), out.next_shard_iterator.emplace())) { d.in_member(k); return false; }
    } else if (!skip_value(d, f.value())) {
      d.in_member(k);
      return false;
    }
  }
  if (!have_records) { d.fail(errc::missing_member, "a stream event needs Records"); d.in_member("Records"); return false; }
  return true;
}

}  // namespace detail

// Holds a simdjson parser and a padded copy buffer for reuse; one per thread. The free functions
// below use a thread-local one.
class stream_decoder {
 public:
  // A Lambda event or a GetRecords answer.
  template <class T, class Key = item, decode_options O = decode_options{}>
  result<stream_event<T, Key>> event(simdjson::padded_string_view json) {
    return run<stream_event<T, Key>>(json, [](detail::decoder_state& d, simdjson::ondemand::object& obj, stream_event<T, Key>& out) {
      return detail::read_stream_event<O>(d, obj, out);
    });
  }
  // One record `{"eventID":…,"eventName":…,"dynamodb":{…}}`.
  template <class T, class Key = item, decode_options O = decode_options{}>
  result<stream_record<T, Key>> record(simdjson::padded_string_view json) {
    return run<stream_record<T, Key>>(json, [](detail::decoder_state& d, simdjson::ondemand::object& obj, stream_record<T, Key>& out) {
      return detail::read_stream_record<O>(d, obj, out);
    });
  }

  // Input of unknown spare capacity, copied once into a reused padded buffer.
  simdjson::padded_string_view pad(std::string_view json) { return detail::padded_copy(buffer_, json); }

 private:
  template <class R, class F>
  result<R> run(simdjson::padded_string_view json, F&& body) {
    detail::decoder_state d;
    R out{};
    if (std::string_view(json.data(), json.length()).starts_with("\xEF\xBB\xBF")) {
      d.fail(errc::malformed_json, "malformed JSON: starts with a UTF-8 byte-order mark (BOM)");
      return std::move(d.err);
    }
    simdjson::ondemand::document doc;
    if (auto ec = parser_.iterate(json).get(doc)) { d.fail_json(ec); return std::move(d.err); }
    simdjson::ondemand::object obj;
    if (auto ec = doc.get_object().get(obj)) { d.fail_json(ec, "a JSON object"); return std::move(d.err); }
    if (!body(d, obj, out)) return d.take_error();
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
      d.fail(errc::malformed_json, "malformed JSON: trailing content");
      return std::move(d.err);
    }
    return out;
  }

  simdjson::ondemand::parser parser_;
  std::string buffer_;
};

namespace detail {
inline stream_decoder& thread_stream_decoder() {
  static thread_local stream_decoder d;
  return d;
}
}  // namespace detail

// A Lambda event `{"Records":[…]}` or a GetRecords answer → stream_event<T, Key>: images into T,
// Keys into Key (an item by default, or a struct of the key attributes).
template <class T, class Key = item, decode_options O = decode_options{}, class Json>
result<stream_event<T, Key>> decode_stream_event(const Json& json) {
  bool in_place = false;
  auto padded = detail::as_padded(json, in_place);
  auto& dec = detail::thread_stream_decoder();
  return dec.template event<T, Key, O>(in_place ? padded : dec.pad(std::string_view(json)));
}

// One stream record → stream_record<T, Key>.
template <class T, class Key = item, decode_options O = decode_options{}, class Json>
result<stream_record<T, Key>> decode_stream_record(const Json& json) {
  bool in_place = false;
  auto padded = detail::as_padded(json, in_place);
  auto& dec = detail::thread_stream_decoder();
  return dec.template record<T, Key, O>(in_place ? padded : dec.pad(std::string_view(json)));
}

}  // namespace ddbx
