#pragma once
// Decoding AttributeValue JSON with simdjson On-Demand, straight into structs, std types,
// ddbx::value and ddbx::item — no DOM is built. Every failure names the attribute path.
// This is the only mapping header that includes <simdjson.h>.
//
//   auto u = ddbx::decode_item<User>(R"({"username":{"S":"janedoe"},"age":{"N":"25"}})");
//   if (!u) std::puts(u.error().what_text().c_str());     // "age: expected N, got S"
//   auto page = ddbx::decode_page<User>(query_response);  // page.items, page.last_evaluated_key
#include <array>
#include <bitset>
#include <charconv>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ddbx/mapping/base64.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/fields.hpp"

namespace ddbx {

struct decode_options {
  bool lenient_missing = false;  // a missing non-optional member stays default-constructed (for projections)
  bool strict_unknown = false;   // an attribute the struct does not have is an error
};

// One Query/Scan response page.
template <class T>
struct page {
  std::vector<T> items;
  std::size_t count = 0;
  std::size_t scanned_count = 0;
  std::optional<item> last_evaluated_key;  // absent on the last page
  std::string consumed_capacity_json;      // the ConsumedCapacity member as JSON, when there is one
};

namespace detail {

namespace od = simdjson::ondemand;

struct decoder_state {
  error err{};
  bool fail(errc c, std::string message) {
    err.code = c;
    err.message = std::move(message);
    return false;
  }
  bool fail_json(simdjson::error_code c) {
    return fail(errc::malformed_json, std::string("malformed JSON: ") + simdjson::error_message(c));
  }
  bool expected(type want, type got) {
    return fail(errc::type_mismatch,
                "expected " + std::string(type_name(want)) + ", got " + std::string(type_name(got)));
  }
};

// The type tag of `{"T": …}` from its raw key (padding makes the look-ahead safe).
inline std::optional<type> parse_type_tag(const char* k) noexcept {
  auto is = [&](const char* s, std::size_t n) { return std::memcmp(k, s, n) == 0; };
  switch (k[0]) {
    case 'S': if (k[1] == '"') return type::S; if (is("SS\"", 3)) return type::SS; break;
    case 'N': if (k[1] == '"') return type::N; if (is("NS\"", 3)) return type::NS; if (is("NULL\"", 5)) return type::NULL_; break;
    case 'B': if (k[1] == '"') return type::B; if (is("BS\"", 3)) return type::BS; if (is("BOOL\"", 5)) return type::BOOL; break;
    case 'M': if (k[1] == '"') return type::M; break;
    case 'L': if (k[1] == '"') return type::L; break;
    default: break;
  }
  return std::nullopt;
}

template <decode_options O, class T>
bool read_payload(decoder_state& d, type tag, od::value payload, T& out);

// Reads one AttributeValue object `{"T": payload}` into `out`.
template <decode_options O, class T>
bool read_value(decoder_state& d, od::object obj, T& out) {
  bool seen = false;
  for (auto field_result : obj) {
    od::field field;
    if (auto ec = std::move(field_result).get(field)) return d.fail_json(ec);
    if (seen) return d.fail(errc::multiple_type_keys, "an AttributeValue must have exactly one type key");
    seen = true;
    auto tag = parse_type_tag(field.key().raw());
    if (!tag) return d.fail(errc::malformed_json, "unknown AttributeValue type key");
    if (!read_payload<O>(d, *tag, field.value(), out)) return false;
  }
  if (!seen) return d.fail(errc::malformed_json, "an AttributeValue must have exactly one type key");
  return true;
}

template <decode_options O, class T>
bool read_value(decoder_state& d, od::value v, T& out) {
  od::object obj;
  if (auto ec = v.get_object().get(obj)) return d.fail_json(ec);
  return read_value<O>(d, obj, out);
}

inline bool read_string_payload(decoder_state& d, od::value& p, std::string_view& s) {
  if (auto ec = p.get_string().get(s)) return d.fail_json(ec);
  return true;
}

// A number's text, checked against DynamoDB's grammar only where needed by the target.
template <class T>
bool parse_number_text(decoder_state& d, std::string_view s, T& out) {
  if constexpr (integer<T>) {
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty()) return true;
    auto n = number::parse(s);  // "1E2", "42.0", "-0" and friends, or a real error
    if (!n) return d.fail(n.error().code, n.error().message);
    auto i = n->template to<T>();
    if (!i) return d.fail(i.error().code, i.error().message);
    out = *i;
    return true;
  } else if constexpr (floating<T>) {
    for (char c : s)
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
        return d.fail(errc::invalid_number, "not a number: \"" + std::string(s.substr(0, 64)) + "\"");
    const char* b = s.data();
    if (!s.empty() && s.front() == '+') ++b;
    auto r = std::from_chars(b, s.data() + s.size(), out);
    if (r.ec == std::errc::result_out_of_range) {
      auto n = number::parse(s);  // tiny values underflow to zero; DynamoDB's range fits a double
      if (!n) return d.fail(n.error().code, n.error().message);
      out = static_cast<T>(n->to_double());
      return true;
    }
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size())
      return d.fail(errc::invalid_number, "not a number: \"" + std::string(s.substr(0, 64)) + "\"");
    return true;
  } else {
    static_assert(std::same_as<T, number>);
    auto n = number::parse(s);
    if (!n) return d.fail(n.error().code, n.error().message);
    out = std::move(*n);
    return true;
  }
}

template <class E>
bool read_set_element(decoder_state& d, od::value v, E& out) {
  std::string_view s;
  if (!read_string_payload(d, v, s)) return false;
  if constexpr (set_string_element<E>) { out.assign(s); return true; }
  else if constexpr (set_number_element<E>) return parse_number_text(d, s, out);
  else {
    std::vector<std::byte> bytes;
    if (!base64_decode(s, bytes)) return d.fail(errc::invalid_base64, "invalid base64");
    if constexpr (std::same_as<E, binary>) out = binary(std::move(bytes));
    else out = std::move(bytes);
    return true;
  }
}

template <class Set>
bool read_set(decoder_state& d, od::value p, Set& out) {
  od::array arr;
  if (auto ec = p.get_array().get(arr)) return d.fail_json(ec);
  std::size_t i = 0;
  for (auto el : arr) {
    od::value v;
    if (auto ec = std::move(el).get(v)) return d.fail_json(ec);
    typename Set::value_type x{};
    if (!read_set_element(d, v, x)) { d.err.prepend_index(i); return false; }
    out.insert(out.end(), std::move(x));
    ++i;
  }
  return true;
}

template <decode_options O, class Seq>
bool read_list(decoder_state& d, od::value p, Seq& out) {
  od::array arr;
  if (auto ec = p.get_array().get(arr)) return d.fail_json(ec);
  std::size_t i = 0;
  if constexpr (std_array<Seq>) {
    for (auto el : arr) {
      od::value v;
      if (auto ec = std::move(el).get(v)) return d.fail_json(ec);
      if (i >= out.size()) return d.fail(errc::size_mismatch, "list has more than " + std::to_string(out.size()) + " elements");
      if (!read_value<O>(d, v, out[i])) { d.err.prepend_index(i); return false; }
      ++i;
    }
    if (i != out.size()) return d.fail(errc::size_mismatch, "list has " + std::to_string(i) + " elements, expected " + std::to_string(out.size()));
  } else if constexpr (requires { out.resize(i); out[i]; }) {
    // Elements already there are decoded over (their strings keep their capacity).
    for (auto el : arr) {
      od::value v;
      if (auto ec = std::move(el).get(v)) return d.fail_json(ec);
      if (i == out.size()) out.emplace_back();
      if (!read_value<O>(d, v, out[i])) { d.err.prepend_index(i); return false; }
      ++i;
    }
    out.resize(i);
  } else {
    out.clear();
    for (auto el : arr) {
      od::value v;
      if (auto ec = std::move(el).get(v)) return d.fail_json(ec);
      typename Seq::value_type x{};
      if (!read_value<O>(d, v, x)) { d.err.prepend_index(i); return false; }
      out.insert(out.end(), std::move(x));
      ++i;
    }
  }
  return true;
}

template <decode_options O, class Map>
bool read_map_members(decoder_state& d, od::object obj, Map& out) {
  for (auto field_result : obj) {
    od::field field;
    if (auto ec = std::move(field_result).get(field)) return d.fail_json(ec);
    std::string_view k;
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec);
    std::string key(k);
    typename Map::mapped_type x{};
    if (!read_value<O>(d, field.value(), x)) { d.err.prepend_member(key); return false; }
    out.insert_or_assign(std::move(key), std::move(x));
  }
  return true;
}

// Members that may be absent from an item without an error.
template <class M, bool OmitEmpty>
constexpr bool may_be_absent = optional_type<M> || set_type<M> || OmitEmpty;

// Matches a raw (escaped) key against member I's escaped name.
template <class T, std::size_t I>
bool raw_key_is(const char* raw) noexcept {
  constexpr std::string_view key = field_info<T, I>::key.view();   // `,"name":`
  constexpr std::string_view esc = key.substr(2, key.size() - 4);
  return std::memcmp(raw, esc.data(), esc.size()) == 0 && raw[esc.size()] == '"';
}

// Per-member entry points, so a key can be matched and read through a table.
template <decode_options O, class T>
struct member_table {
  using matcher = bool (*)(const char* raw) noexcept;
  using reader = bool (*)(decoder_state&, od::field&, T&);
  struct entry { matcher match; reader read; };

  template <std::size_t I>
  static bool read_member(decoder_state& d, od::field& field, T& out) {
    using F = field_info<T, I>;
    if (!read_value<O>(d, field.value(), boost::pfr::get<I>(out))) { d.err.prepend_member(F::name); return false; }
    return true;
  }
  static bool never(const char*) noexcept { return false; }

  template <std::size_t... I>
  static constexpr std::array<entry, sizeof...(I)> make(std::index_sequence<I...>) {
    return {entry{field_info<T, I>::skip ? &never : &raw_key_is<T, I>, &read_member<I>}...};
  }
  static constexpr auto entries = make(std::make_index_sequence<field_count<T>>{});
};

template <decode_options O, class T>
bool read_struct_members(decoder_state& d, od::object obj, T& out) {
  constexpr std::size_t N = field_count<T>;
  std::bitset<N> seen;
  std::size_t hint = 0;
  for (auto field_result : obj) {
    od::field field;
    if (auto ec = std::move(field_result).get(field)) return d.fail_json(ec);
    const char* raw = field.key().raw();
    // Items usually list attributes in one order: try the member after the last one first.
    constexpr auto& table = member_table<O, T>::entries;
    bool matched = false;
    std::size_t k = hint < N ? hint : 0;
    for (std::size_t tries = 0; tries < N; ++tries, k = (k + 1 == N ? 0 : k + 1)) {
      if (!table[k].match(raw)) continue;
      matched = true;
      seen.set(k);
      if (!table[k].read(d, field, out)) return false;
      hint = k + 1;
      break;
    }
    if (!matched) {
      // A key spelled with escapes ("\u0061ge") still names a member: compare it unescaped.
      const char* q = raw;
      bool escaped = false;
      while (*q != '"') { if (*q == '\\') { escaped = true; break; } ++q; }
      if (escaped) {
        std::string_view k;
        if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec);
        bool ok2 = [&]<std::size_t... I>(std::index_sequence<I...>) {
          auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
            using F = field_info<T, J>;
            if constexpr (F::skip) return true;
            else {
              if (matched || k != F::name) return true;
              matched = true;
              seen.set(J);
              if (!read_value<O>(d, field.value(), boost::pfr::get<J>(out))) { d.err.prepend_member(F::name); return false; }
              return true;
            }
          };
          return (one(std::integral_constant<std::size_t, I>{}) && ...);
        }(std::make_index_sequence<N>{});
        if (!ok2) return false;
        if (!matched && O.strict_unknown) {
          d.fail(errc::unknown_member, "attribute not in the struct");
          d.err.prepend_member(k);
          return false;
        }
      } else if (O.strict_unknown) {
        d.fail(errc::unknown_member, "attribute not in the struct");
        d.err.prepend_member(std::string_view(raw, static_cast<std::size_t>(q - raw)));
        return false;
      }
    }
  }
  if (seen.all()) return true;
  {
    // Absent members: empty (optionals, sets, omit_empty members, anything when lenient) — the
    // target may hold an earlier item's values — or an error.
    bool ok = [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
        using F = field_info<T, J>;
        if constexpr (F::skip) return true;
        else {
          if (seen.test(J)) return true;
          if constexpr (O.lenient_missing || may_be_absent<typename F::type, F::option.omit_empty>) {
            boost::pfr::get<J>(out) = typename F::type{};
            return true;
          } else {
            d.fail(errc::missing_member, "missing required attribute");
            d.err.prepend_member(F::name);
            return false;
          }
        }
      };
      return (one(std::integral_constant<std::size_t, I>{}) && ...);
    }(std::make_index_sequence<N>{});
    if (!ok) return false;
  }
  return true;
}

template <decode_options O>
bool read_dynamic(decoder_state& d, type tag, od::value p, value& out) {
  switch (tag) {
    case type::NULL_: { std::nullptr_t n = nullptr; if (!read_payload<O>(d, tag, p, n)) return false; out = nullptr; return true; }
    case type::BOOL: { bool b = false; if (!read_payload<O>(d, tag, p, b)) return false; out = b; return true; }
    case type::S: { std::string s; if (!read_payload<O>(d, tag, p, s)) return false; out = std::move(s); return true; }
    case type::N: { number n; if (!read_payload<O>(d, tag, p, n)) return false; out = std::move(n); return true; }
    case type::B: { binary b; if (!read_payload<O>(d, tag, p, b)) return false; out = std::move(b); return true; }
    case type::SS: { value::string_set_t s; if (!read_set(d, p, s.elements)) return false; out = std::move(s); return true; }
    case type::NS: { value::number_set_t s; if (!read_set(d, p, s.elements)) return false; out = std::move(s); return true; }
    case type::BS: { value::binary_set_t s; if (!read_set(d, p, s.elements)) return false; out = std::move(s); return true; }
    case type::L: { value::list l; if (!read_list<O>(d, p, l)) return false; out = std::move(l); return true; }
    case type::M: { value::map m; if (!read_payload<O>(d, tag, p, m)) return false; out = std::move(m); return true; }
  }
  return false;
}

template <decode_options O, class T>
bool read_payload(decoder_state& d, type tag, od::value p, T& out) {
  if constexpr (has_decoding_codec<T>) {
    typename codec<T>::repr r{};
    if (!read_payload<O>(d, tag, p, r)) return false;
    result<T> v = codec<T>::from_repr(std::move(r));
    if (!v) { d.err = std::move(v).error(); return false; }
    out = std::move(*v);
    return true;
  } else if constexpr (has_codec<T>) {
    static_assert(unmappable<T>, "ddbx: to decode T, ddbx::codec<T> needs `static ddbx::result<T> from_repr(repr&&)`");
  } else if constexpr (string_type<T>) {
    if (tag != type::S) return d.expected(type::S, tag);
    std::string_view s;
    if (!read_string_payload(d, p, s)) return false;
    out.assign(s);
    return true;
  } else if constexpr (integer<T> || floating<T> || std::same_as<T, number>) {
    if (tag != type::N) return d.expected(type::N, tag);
    std::string_view s;
    if (!read_string_payload(d, p, s)) return false;
    return parse_number_text(d, s, out);
  } else if constexpr (boolean<T>) {
    if (tag != type::BOOL) return d.expected(type::BOOL, tag);
    if (auto ec = p.get_bool().get(out)) return d.fail_json(ec);
    return true;
  } else if constexpr (null_type<T>) {
    if (tag != type::NULL_) return d.expected(type::NULL_, tag);
    bool b = false;
    if (auto ec = p.get_bool().get(b)) return d.fail_json(ec);
    if (!b) return d.fail(errc::invalid_null, "NULL must be true");
    out = T{};
    return true;
  } else if constexpr (binary_type<T>) {
    if (tag != type::B) return d.expected(type::B, tag);
    std::string_view s;
    if (!read_string_payload(d, p, s)) return false;
    std::vector<std::byte> bytes;
    if (!base64_decode(s, bytes)) return d.fail(errc::invalid_base64, "invalid base64");
    if constexpr (std::same_as<T, binary>) out = binary(std::move(bytes));
    else out = std::move(bytes);
    return true;
  } else if constexpr (enum_type<T>) {
    std::underlying_type_t<T> u{};
    if (!read_payload<O>(d, tag, p, u)) return false;
    out = static_cast<T>(u);
    return true;
  } else if constexpr (optional_type<T>) {
    if (tag == type::NULL_) {
      std::nullptr_t n;
      if (!read_payload<O>(d, tag, p, n)) return false;
      out.reset();
      return true;
    }
    if (!out) out.emplace();
    return read_payload<O>(d, tag, p, *out);
  } else if constexpr (dynamic_value<T>) {
    return read_dynamic<O>(d, tag, p, out);
  } else if constexpr (set_type<T>) {
    using E = typename T::key_type;
    constexpr type want = set_string_element<E> ? type::SS : set_number_element<E> ? type::NS : type::BS;
    static_assert(set_string_element<E> || set_number_element<E> || set_binary_element<E>,
                  "ddbx: a set must hold strings (SS), numbers (NS) or binaries (BS)");
    if (tag != want) return d.expected(want, tag);
    out.clear();
    return read_set(d, p, out);
  } else if constexpr (map_type<T>) {
    if (tag != type::M) return d.expected(type::M, tag);
    od::object obj;
    if (auto ec = p.get_object().get(obj)) return d.fail_json(ec);
    out.clear();
    return read_map_members<O>(d, obj, out);
  } else if constexpr (sequence_type<T>) {
    if (tag != type::L) return d.expected(type::L, tag);
    return read_list<O>(d, p, out);
  } else if constexpr (reflected_struct<T>) {
    if (tag != type::M) return d.expected(type::M, tag);
    od::object obj;
    if (auto ec = p.get_object().get(obj)) return d.fail_json(ec);
    return read_struct_members<O>(d, obj, out);
  } else {
    static_assert(unmappable<T>,
                  "ddbx: this type cannot be decoded from an AttributeValue; specialise ddbx::codec<T> "
                  "(see ddbx/mapping/codec.hpp) or use a supported type (std::string_view and const char* "
                  "are encode-only)");
    return false;
  }
}

template <decode_options O, class T>
bool read_item(decoder_state& d, od::object obj, T& out) {
  static_assert(reflected_struct<T> || map_type<T>, "ddbx: an item decodes into a struct, a ddbx::item or a string-keyed map");
  if constexpr (reflected_struct<T>) return read_struct_members<O>(d, obj, out);
  else {
    out.clear();
    return read_map_members<O>(d, obj, out);
  }
}

}  // namespace detail

// Holds a simdjson parser (and a padded copy buffer) for reuse; one per thread.
// The free functions below use a thread-local one.
class decoder {
 public:
  // Decodes an item's attribute map `{"name":{"S":…},…}`.
  template <class T, decode_options O = decode_options{}>
  result<T> item(simdjson::padded_string_view json) {
    return run<T>(json, [](detail::decoder_state& d, simdjson::ondemand::document& doc, T& out) {
      simdjson::ondemand::object obj;
      if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec);
      return detail::read_item<O>(d, obj, out);
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<T> item(std::string_view json) { return item<T, O>(pad(json)); }

  // Decodes one AttributeValue `{"S":…}` into T.
  template <class T, decode_options O = decode_options{}>
  result<T> value(simdjson::padded_string_view json) {
    return run<T>(json, [](detail::decoder_state& d, simdjson::ondemand::document& doc, T& out) {
      simdjson::ondemand::object obj;
      if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec);
      return detail::read_value<O>(d, obj, out);
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<T> value(std::string_view json) { return value<T, O>(pad(json)); }

  // Decodes a JSON array of items `[{…},{…}]`.
  template <class T, decode_options O = decode_options{}>
  result<std::vector<T>> items(simdjson::padded_string_view json) {
    return run<std::vector<T>>(json, [](detail::decoder_state& d, simdjson::ondemand::document& doc, std::vector<T>& out) {
      simdjson::ondemand::array arr;
      if (auto ec = doc.get_array().get(arr)) return d.fail_json(ec);
      return read_items<O>(d, arr, out);
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<std::vector<T>> items(std::string_view json) { return items<T, O>(pad(json)); }

  // Decodes a Query or Scan response: Items, Count, ScannedCount, LastEvaluatedKey.
  template <class T, decode_options O = decode_options{}>
  result<page<T>> query_page(simdjson::padded_string_view json) {
    return run<page<T>>(json, [](detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& out) {
      return read_page<O>(d, doc, out);
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<page<T>> query_page(std::string_view json) { return query_page<T, O>(pad(json)); }

  // Decodes a Query or Scan response over an existing page: items already there are decoded
  // over, so a loop that reuses one page allocates almost nothing once warm.
  template <class T, decode_options O = decode_options{}>
  status query_page(simdjson::padded_string_view json, page<T>& out) {
    out.count = out.scanned_count = 0;
    out.last_evaluated_key.reset();
    out.consumed_capacity_json.clear();
    return run_into(json, out, [](detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& p) {
      return read_page<O>(d, doc, p);
    });
  }

  template <class T, decode_options O = decode_options{}>
  status query_page(std::string_view json, page<T>& out) { return query_page<T, O>(pad(json), out); }

  // Decodes a GetItem response `{"Item":{…}}`; an empty optional when there is no such item.
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> get_item_response(simdjson::padded_string_view json) {
    return item_member<T, O>(json, "Item");
  }
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> get_item_response(std::string_view json) { return get_item_response<T, O>(pad(json)); }

  // Decodes the item under `member` of a response object (GetItem's Item, a write's Attributes);
  // an empty optional when the member is absent. Other members are skipped.
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> item_member(simdjson::padded_string_view json, std::string_view member) {
    return run<std::optional<T>>(json, [member](detail::decoder_state& d, simdjson::ondemand::document& doc, std::optional<T>& out) {
      simdjson::ondemand::object obj;
      if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec);
      for (auto fr : obj) {
        simdjson::ondemand::field f;
        if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
        std::string_view k;
        if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
        if (k != member) continue;
        simdjson::ondemand::object it;
        if (auto ec = f.value().get_object().get(it)) return d.fail_json(ec);
        out.emplace();
        if (!detail::read_item<O>(d, it, *out)) { d.err.prepend_member(member); return false; }
      }
      return true;
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> item_member(std::string_view json, std::string_view member) {
    return item_member<T, O>(pad(json), member);
  }

 private:
  template <decode_options O, class T>
  static bool read_page(detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& out) {
    simdjson::ondemand::object obj;
    if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec);
    bool items_seen = false;
    for (auto fr : obj) {
      simdjson::ondemand::field f;
      if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
      std::string_view k;
      if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
      if (k == "Items") {
        items_seen = true;
        simdjson::ondemand::array arr;
        if (auto ec = f.value().get_array().get(arr)) return d.fail_json(ec);
        if (!read_items<O>(d, arr, out.items)) { d.err.prepend_member("Items"); return false; }
      } else if (k == "Count" || k == "ScannedCount") {
        std::uint64_t n = 0;
        if (auto ec = f.value().get_uint64().get(n)) return d.fail_json(ec);
        (k == "Count" ? out.count : out.scanned_count) = static_cast<std::size_t>(n);
      } else if (k == "ConsumedCapacity") {
        simdjson::ondemand::object cc;
        std::string_view raw;
        if (auto ec = f.value().get_object().get(cc)) return d.fail_json(ec);
        if (auto ec = cc.raw_json().get(raw)) return d.fail_json(ec);
        out.consumed_capacity_json.assign(raw.data(), raw.size());
      } else if (k == "LastEvaluatedKey") {
        simdjson::ondemand::object key;
        if (auto ec = f.value().get_object().get(key)) return d.fail_json(ec);
        ddbx::item lek;
        if (!detail::read_map_members<decode_options{}>(d, key, lek)) { d.err.prepend_member("LastEvaluatedKey"); return false; }
        out.last_evaluated_key = std::move(lek);
      }
    }
    if (!items_seen) out.items.clear();  // Select COUNT: no Items
    return true;
  }

  template <decode_options O, class T>
  static bool read_items(detail::decoder_state& d, simdjson::ondemand::array arr, std::vector<T>& out) {
    std::size_t i = 0;
    for (auto el : arr) {
      simdjson::ondemand::object obj;
      if (auto ec = std::move(el).get_object().get(obj)) { d.fail_json(ec); d.err.prepend_index(i); return false; }
      if (i == out.size()) out.emplace_back();  // decoded in place, over an earlier item if there is one
      if (!detail::read_item<O>(d, obj, out[i])) { out.resize(i); d.err.prepend_index(i); return false; }
      ++i;
    }
    out.resize(i);
    return true;
  }

  // Copies input whose spare capacity is unknown into a reused padded buffer.
  simdjson::padded_string_view pad(std::string_view json) {
    if (buffer_.size() < json.size() + simdjson::SIMDJSON_PADDING) buffer_.resize(json.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(buffer_.data(), json.data(), json.size());
    return simdjson::padded_string_view(buffer_.data(), json.size(), buffer_.size());
  }

  // Parses `json`, lets `body` decode the document into `out`, and refuses trailing content.
  template <class R, class F>
  status run_into(simdjson::padded_string_view json, R& out, F&& body) {
    detail::decoder_state d;
    simdjson::ondemand::document doc;
    if (auto ec = parser_.iterate(json).get(doc)) { d.fail_json(ec); return std::move(d.err); }
    if (!body(d, doc, out)) return std::move(d.err);
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
      d.fail(errc::malformed_json, "malformed JSON: trailing content");
      return std::move(d.err);
    }
    return {};
  }

  template <class R, class F>
  result<R> run(simdjson::padded_string_view json, F&& body) {
    R out{};
    if (auto s = run_into(json, out, std::forward<F>(body)); !s) return std::move(s).error();
    return out;
  }

  simdjson::ondemand::parser parser_;
  std::string buffer_;
};

namespace detail {
inline decoder& thread_decoder() {
  static thread_local decoder d;
  return d;
}
// A std::string with SIMDJSON_PADDING spare capacity is read in place; otherwise it is copied.
template <class Json>
simdjson::padded_string_view as_padded(const Json& json, bool& in_place) {
  if constexpr (std::same_as<Json, std::string>) {
    in_place = json.capacity() - json.size() >= simdjson::SIMDJSON_PADDING;
    return simdjson::padded_string_view(json.data(), json.size(), json.capacity());
  } else if constexpr (std::same_as<Json, simdjson::padded_string>) {
    in_place = true;
    return simdjson::padded_string_view(json);
  } else {
    in_place = std::same_as<Json, simdjson::padded_string_view>;
    if constexpr (std::same_as<Json, simdjson::padded_string_view>) return json;
    else return {};
  }
}
}  // namespace detail

#define DDBX_DETAIL_DECODE_FN(NAME, METHOD, RESULT)                                                \
  template <class T, decode_options O = decode_options{}, class Json>                             \
  RESULT NAME(const Json& json) {                                                                  \
    bool in_place = false;                                                                         \
    auto padded = detail::as_padded(json, in_place);                                              \
    if (in_place) return detail::thread_decoder().template METHOD<T, O>(padded);                  \
    return detail::thread_decoder().template METHOD<T, O>(std::string_view(json));                \
  }

// decode_item<T>(json): an item's attribute map → T (a struct, ddbx::item or string-keyed map).
DDBX_DETAIL_DECODE_FN(decode_item, item, result<T>)
// decode_value<T>(json): one AttributeValue → T.
DDBX_DETAIL_DECODE_FN(decode_value, value, result<T>)
// decode_items<T>(json): a JSON array of items → std::vector<T>.
DDBX_DETAIL_DECODE_FN(decode_items, items, result<std::vector<T>>)
// decode_page<T>(json): a Query/Scan response → ddbx::page<T>.
DDBX_DETAIL_DECODE_FN(decode_page, query_page, result<page<T>>)
// decode_get_item<T>(json): a GetItem response → std::optional<T>.
DDBX_DETAIL_DECODE_FN(decode_get_item, get_item_response, result<std::optional<T>>)
#undef DDBX_DETAIL_DECODE_FN

}  // namespace ddbx
