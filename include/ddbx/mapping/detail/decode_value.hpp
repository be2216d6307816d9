#pragma once
// Reading one AttributeValue `{"T": payload}` into any mapped C++ type: scalars, sets, lists, maps,
// reflected structs, ddbx::value. Internal to ddbx/mapping/decode.hpp, which has the entry points.
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <bitset>
#include <cstring>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "ddbx/mapping/base64.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/decode_options.hpp"
#include "ddbx/mapping/detail/member_check.hpp"
#include "ddbx/mapping/detail/decode_state.hpp"
#include "ddbx/mapping/fields.hpp"

namespace ddbx {

namespace detail {

template <decode_options O, class T>
bool read_payload(decoder_state& d, type tag, od::value& payload, T& out);

// The type key of a field spelled with escapes ({"\u0053":"x"} is {"S":"x"}), or the error for an
// unknown one. Out of line: the common, unescaped key is matched inline by read_value.
[[gnu::noinline, gnu::cold]] inline bool read_unusual_type_tag(decoder_state& d, od::field& field, type& tag) {
  const char* raw = field.key().raw();
  std::string_view k;
  if (raw_key_has_escape(raw)) {
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec);
    if (auto t = type_from_name(k)) { tag = *t; return true; }
  } else {
    k = raw_key_text(raw);
  }
  return d.fail(errc::malformed_json, "unknown AttributeValue type key \"" + std::string(k.substr(0, 32)) + "\"");
}

// Reads one AttributeValue object `{"T": payload}` into `out`.
//
// simdjson's fields and values are used where simdjson built them, never copied: each loop binds
// the iteration's result by reference (value_unsafe() after checking error()), and the payload goes
// on by reference. A copy loads 16 bytes that simdjson has just stored as 8 + 4, which the CPU
// cannot forward from its store buffer: that stall was a quarter of a string's decode time (perf),
// and taking it out made a decode over a kept page 29 % faster.
template <decode_options O, class T>
bool read_value(decoder_state& d, od::object obj, T& out) {
  bool seen = false;
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec);
    od::field& field = field_result.value_unsafe();
    if (seen) return d.fail(errc::multiple_type_keys, "an AttributeValue must have exactly one type key");
    seen = true;
    type tag;
    if (auto t = parse_type_tag(field.key().raw())) tag = *t;
    else if (!read_unusual_type_tag(d, field, tag)) return false;
    if (!read_payload<O>(d, tag, field.value(), out)) return false;
  }
  if (!seen) return d.fail(errc::malformed_json, "an AttributeValue must have exactly one type key");
  return true;
}

template <decode_options O, class T>
bool read_value(decoder_state& d, od::value& v, T& out) {
  od::object obj;
  if (auto ec = v.get_object().get(obj)) return d.fail_json(ec, "an AttributeValue object {\"T\": …}");
  return read_value<O>(d, obj, out);
}

// "a JSON string inside N", for messages about the payload's JSON type.
inline std::string inside(std::string_view json_kind, type tag) {
  return std::string(json_kind) + " inside " + std::string(type_name(tag));
}

[[gnu::noinline, gnu::cold]] inline bool fail_payload(decoder_state& d, simdjson::error_code ec, std::string_view json_kind, type tag) {
  return d.fail_json(ec, inside(json_kind, tag));
}

inline bool read_string_payload(decoder_state& d, od::value& p, std::string_view& s, type tag) {
  if (auto ec = p.get_string().get(s)) return fail_payload(d, ec, "a JSON string", tag);
  return true;
}

// out = s, for a string that does not overlap s. Into the string's own capacity (a string decoded
// over an earlier item's) this is a copy and a length: assign() goes through the general
// _M_replace, which checks for overlap and moves the tail, about 100 instructions a string.
// A string far larger than the text (a long value once, short ones since) gives its memory back,
// so a page decoded over and over holds what its items need, not the most they ever needed.
template <class Str>
void assign_text(Str& out, std::string_view s) {
  if constexpr (std::same_as<Str, std::string>) {
    if (s.size() <= out.capacity()) {
      if (out.capacity() <= 4 * s.size() + 256) {
        out.clear();
        out.append(s.data(), s.size());
      } else {
        out = std::string(s);
      }
      return;
    }
  }
  out.assign(s);
}

inline bool read_binary_text(decoder_state& d, std::string_view s, std::vector<std::byte>& bytes) {
  if (!base64_decode(s, bytes)) return d.fail(errc::invalid_base64, "invalid base64");
  return true;
}

template <class E>
bool read_set_element(decoder_state& d, od::value& v, E& out, type tag) {
  std::string_view s;
  if (!read_string_payload(d, v, s, tag)) return false;
  if constexpr (set_string_element<E>) { out.assign(s); return true; }
  else if constexpr (set_number_element<E>) return parse_number_text(d, s, out);
  else {
    std::vector<std::byte> bytes;
    if (!read_binary_text(d, s, bytes)) return false;
    if constexpr (std::same_as<E, binary>) out = binary(std::move(bytes));
    else out = std::move(bytes);
    return true;
  }
}

// Whether a vector holds two equal elements (sets in ddbx::value are vectors; numbers are
// normalised, so equal text is equal value).
template <class E>
bool has_duplicate(const std::vector<E>& v) {
  if (v.size() < 2) return false;
  std::vector<const E*> p;
  p.reserve(v.size());
  for (const E& x : v) p.push_back(&x);
  std::sort(p.begin(), p.end(), [](const E* a, const E* b) { return *a < *b; });
  for (std::size_t i = 1; i < p.size(); ++i)
    if (*p[i - 1] == *p[i]) return true;
  return false;
}

// A set: never empty (DynamoDB refuses empty sets), never two equal elements — also where the C++
// set would silently keep one of them (two texts of one number, two numbers one double rounds to).
template <class Set>
bool read_set(decoder_state& d, od::value& p, Set& out, type tag) {
  od::array arr;
  if (auto ec = p.get_array().get(arr)) return fail_payload(d, ec, "a JSON array", tag);
  std::size_t i = 0;
  for (auto&& el : arr) {
    if (auto ec = el.error()) return d.fail_json(ec);
    od::value& v = el.value_unsafe();
    typename Set::value_type x{};
    if (!read_set_element(d, v, x, tag)) { d.in_index(i); return false; }
    if constexpr (requires { out.insert(std::move(x)).second; }) {
      if (!out.insert(std::move(x)).second) {
        d.fail(errc::duplicate_set_element, "duplicate element in " + std::string(type_name(tag)));
        d.in_index(i);
        return false;
      }
    } else {
      out.insert(out.end(), std::move(x));
    }
    ++i;
  }
  if (i == 0) return d.fail(errc::empty_set, "an empty " + std::string(type_name(tag)) + " (DynamoDB sets are never empty)");
  if constexpr (requires { out.reserve(i); out[0]; }) {
    if (has_duplicate(out)) return d.fail(errc::duplicate_set_element, "duplicate element in " + std::string(type_name(tag)));
  }
  return true;
}

template <decode_options O, class Seq>
bool read_list(decoder_state& d, od::value& p, Seq& out) {
  if (!d.enter()) return false;
  od::array arr;
  if (auto ec = p.get_array().get(arr)) return fail_payload(d, ec, "a JSON array", type::L);
  std::size_t i = 0;
  if constexpr (std_array<Seq>) {
    for (auto&& el : arr) {
      if (auto ec = el.error()) return d.fail_json(ec);
      od::value& v = el.value_unsafe();
      if (i >= out.size()) return d.fail(errc::size_mismatch, "list has more than " + std::to_string(out.size()) + " elements");
      if (!read_value<O>(d, v, out[i])) { d.in_index(i); return false; }
      ++i;
    }
    if (i != out.size()) return d.fail(errc::size_mismatch, "list has " + std::to_string(i) + " elements, expected " + std::to_string(out.size()));
  } else if constexpr (requires { out.resize(i); { out[i] } -> std::same_as<typename Seq::value_type&>; }) {
    // Elements already there are decoded over (their strings keep their capacity). A fresh vector
    // of small elements starts with room for four: lists in items are mostly short, and growing
    // one element at a time would allocate three times for them.
    for (auto&& el : arr) {
      if (auto ec = el.error()) return d.fail_json(ec);
      od::value& v = el.value_unsafe();
      if constexpr (requires { out.reserve(4); out.capacity(); } && sizeof(typename Seq::value_type) <= 64) {
        if (i == 0 && out.capacity() == 0) out.reserve(4);
      }
      if (i == out.size()) out.emplace_back();
      if (!read_value<O>(d, v, out[i])) { d.in_index(i); return false; }
      ++i;
    }
    out.resize(i);
    // A list decoded over a far longer one gives its memory back (as strings do, assign_text).
    if constexpr (requires { out.capacity(); out.shrink_to_fit(); }) {
      if (out.capacity() > 4 * i + 16) out.shrink_to_fit();
    }
  } else {  // std::list, std::deque-likes without references, std::vector<bool>
    out.clear();
    for (auto&& el : arr) {
      if (auto ec = el.error()) return d.fail_json(ec);
      od::value& v = el.value_unsafe();
      typename Seq::value_type x{};
      if (!read_value<O>(d, v, x)) { d.in_index(i); return false; }
      out.insert(out.end(), std::move(x));
      ++i;
    }
  }
  --d.depth;
  return true;
}

// A map's members; the same name twice is an error (DynamoDB never sends one, and keeping either
// would drop the other silently). `spare` (may be null) holds the nodes of what `out` held before:
// each name takes the node of the same name, else any node, so a map decoded over one alike (a
// page decoded over the last) reuses its nodes, names and value strings instead of allocating.
template <class Map>
[[gnu::noinline]] typename Map::iterator insert_spare_node(Map& out, Map& spare, std::string_view k) {
  typename Map::node_type node;
  if constexpr (requires { spare.find(k); }) {  // a transparent comparison (ddbx::item's)
    if (auto same = spare.find(k); same != spare.end()) node = spare.extract(same);
  }
  if (node.empty()) {
    node = spare.extract(spare.begin());
    node.key().assign(k.data(), k.size());
  }
  return out.insert(out.end(), std::move(node));  // a name twice: not inserted, size unchanged
}

// Member `k` of `out`, inserted at the end (names in order, as ddbx writes them, need no search),
// from a spare node when `spare` has one; `twice` when `out` already holds the name.
template <class Map>
typename Map::iterator insert_member(Map& out, Map* spare, std::string_view k, bool& twice) {
  const std::size_t before = out.size();
  auto it = [&] {
    if constexpr (requires { typename Map::node_type; spare->extract(spare->begin()); }) {
      if (spare && !spare->empty()) return insert_spare_node(out, *spare, k);
    }
    if constexpr (requires { out.try_emplace(out.end(), std::string(k)); }) return out.try_emplace(out.end(), std::string(k));
    else return out.emplace_hint(out.end(), std::string(k), typename Map::mapped_type{});
  }();
  twice = out.size() == before;
  return it;
}

inline bool fail_name_twice(decoder_state& d, std::string_view k) {
  d.fail(errc::duplicate_attribute, "attribute name appears twice");
  d.in_member(k);
  return false;
}

template <decode_options O, class Map>
bool read_map_members(decoder_state& d, od::object obj, Map& out, Map* spare = nullptr) {
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec);
    od::field& field = field_result.value_unsafe();
    std::string_view k;
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec);
    bool twice;
    auto it = insert_member(out, spare, k, twice);
    if (twice) return fail_name_twice(d, k);
    if (!read_value<O>(d, field.value(), it->second)) { d.in_member(k); return false; }
  }
  return true;
}

// Up to how many members read_map_members_in_place decodes a map over the one it held.
inline constexpr std::size_t max_in_place_members = 32;

// read_map_members over a map of at most max_in_place_members that already holds members (a page
// decoded over the last): each name the map holds is decoded over its own node where it is, a new
// name is inserted, and the names not sent are erased at the end, so no node is taken out and put
// back. The nodes decoded are remembered to find a name sent twice; past max_in_place_members
// names, the rest goes as read_map_members with the nodes not yet decoded as spares.
template <decode_options O, class Map>
bool read_map_members_in_place(decoder_state& d, od::object obj, Map& out) {
  const void* decoded[max_in_place_members];
  std::size_t n = 0;
  auto was_decoded = [&](const void* node) {
    for (std::size_t i = 0; i < n; ++i)
      if (decoded[i] == node) return true;
    return false;
  };
  Map spare;
  bool in_place = true;
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec);
    od::field& field = field_result.value_unsafe();
    std::string_view k;
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec);
    if (in_place && n == max_in_place_members) {  // too many to remember: the rest as read_map_members
      for (auto it = out.begin(); it != out.end();) {
        if (was_decoded(&*it)) { ++it; continue; }
        auto node = out.extract(it++);
        spare.insert(std::move(node));
      }
      in_place = false;
    }
    typename Map::iterator it;
    bool twice = false;
    if (in_place) {
      it = out.find(k);
      if (it == out.end()) it = out.try_emplace(std::string(k)).first;
      else twice = was_decoded(&*it);
      decoded[n++] = &*it;
    } else {
      it = insert_member(out, &spare, k, twice);
    }
    if (twice) return fail_name_twice(d, k);
    if (!read_value<O>(d, field.value(), it->second)) { d.in_member(k); return false; }
  }
  if (in_place && n != out.size())
    for (auto it = out.begin(); it != out.end();) it = was_decoded(&*it) ? std::next(it) : out.erase(it);
  return true;
}

// ddbx::value::map keeps its members in one sorted block (boost::container::flat_map).
//
// A map decoded fresh: the maps of a page are mostly alike, so for each nesting level the decoder
// learns the names its maps had (sorted, at most 64: value_map_memory::learned_names). The next map of
// that level gets a block with a place for each of them; each name sent is compared with the name
// that came after the previous one last time (a guess), else found by binary search, and decoded
// straight into its place. The places of names not sent are closed up at the end; names not
// learned are appended, sorted in, and learned. A map read with no names learned (the first of a
// level, past 64 names, or while maps bring more new names than learned ones, as maps used as
// dictionaries do) is read in arrival order into the decoder's buffer for the level, its indexes
// sorted by name (an insertion sort; binary insertion past 64 names, where a name twice is found),
// and moved once into a block of its exact size. Decoded over a map that held at most 64 members (a
// page decoded over the last), each name sent is looked up among the old ones and decoded over its
// value where it is; names not sent are dropped, and new names are appended and sorted in.
inline constexpr std::size_t max_in_place_flat_members = 64;
// How many maps of a level are read without learned names after one whose names were mostly new,
// or which sent fewer than half the names learned; the last of them learns its names.
inline constexpr std::uint8_t maps_without_learned_names = 31;

// Whether a name learned (or kept) is the key just read: a guess checked. Names of up to 16 bytes,
// most of them, are compared in two overlapping words each, without a call.
inline bool same_name(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8 && n <= 16) {
    std::uint64_t x0, x1, y0, y1;
    std::memcpy(&x0, x, 8), std::memcpy(&x1, x + n - 8, 8), std::memcpy(&y0, y, 8), std::memcpy(&y1, y + n - 8, 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n >= 4 && n < 8) {
    std::uint32_t x0, x1, y0, y1;
    std::memcpy(&x0, x, 4), std::memcpy(&x1, x + n - 4, 4), std::memcpy(&y0, y, 4), std::memcpy(&y1, y + n - 4, 4);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n < 4) return n == 0 || (x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1]);
  return std::memcmp(x, y, n) == 0;
}

// Where key k is among the first n names of a sorted range (`name(element)` gives one): first the
// guess, the name that came after the previous one last time, checked; else a binary search, whose
// find becomes the guess. n when k is not there.
template <class It, class Name>
[[gnu::always_inline]] inline std::size_t find_guessed_name(It first, std::size_t n, std::string_view k,
                                                            std::uint8_t& guess, Name name) {
  if (guess < n && same_name(name(first[guess]), k)) return guess;
  const auto at = static_cast<std::size_t>(
      std::lower_bound(first, first + static_cast<std::ptrdiff_t>(n), k,
                       [&](const auto& x, std::string_view key) { return std::string_view(name(x)) < key; }) -
      first);
  if (at < n && name(first[at]) == k) {
    guess = static_cast<std::uint8_t>(at);
    return at;
  }
  return n;
}

// A ddbx::value map looks for a name sent twice after reading its members (or where a lookup
// finds it taken), not as each arrives; yet the error it reports is the one a reader going through
// the document meets first, as for every other map: a name twice before an error wins over it, and
// of several names twice, the member whose name came before at the earliest place is the one named.
// Reports that member among the n that arrived last in `v` (in arrival order from `offset`), in
// place of any error recorded (whose path is dropped); false when there is none.
[[gnu::noinline]] inline bool report_first_repeat(decoder_state& d, const value::map::sequence_type& v, std::size_t n,
                                                  std::size_t offset) {
  if (n < 2) return false;
  auto name = [&](std::size_t i) { return std::string_view(v[offset + i].first); };
  std::vector<std::uint32_t> by_name(n);
  for (std::size_t i = 0; i < n; ++i) by_name[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) { return name(a) < name(b); });
  std::size_t first = n;
  for (std::size_t j = 1; j < n; ++j)
    if (by_name[j] < first && name(by_name[j]) == name(by_name[j - 1])) first = by_name[j];
  if (first == n) return false;
  d.trail.clear();
  d.err.path.clear();
  d.failed_name = std::string(name(first));  // the path points to it (the member may go)
  fail_name_twice(d, d.failed_name);
  return true;
}

// The members that arrived in `v` (in arrival order) moved into `out` in name order: an insertion
// sort of indexes in arrival order, binary past 64 names, so the first name twice is the one found.
[[gnu::noinline]] inline bool adopt_sorted_members(decoder_state& d, value::map::sequence_type& v, value::map& out) {
  const std::size_t n = v.size();
  std::uint32_t order_inline[64];
  std::vector<std::uint32_t> order_heap;
  std::uint32_t* order = order_inline;
  if (n > std::size(order_inline)) {
    order_heap.resize(n);
    order = order_heap.data();
  }
  auto name = [&](std::size_t i) { return std::string_view(v[i].first); };
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view k = name(i);
    std::size_t j = i;
    if (n > 64) j = static_cast<std::size_t>(std::upper_bound(order, order + i, k, [&](std::string_view a, std::uint32_t b) { return a < name(b); }) - order);
    else while (j > 0 && k < name(order[j - 1])) --j;
    if (j > 0 && k == name(order[j - 1])) {
      d.failed_name = std::string(k);  // the path points to it (the member may go)
      return fail_name_twice(d, d.failed_name);
    }
    std::copy_backward(order + j, order + i, order + i + 1);
    order[j] = static_cast<std::uint32_t>(i);
  }
  value::map::sequence_type sorted;
  sorted.reserve(n);
  for (std::size_t i = 0; i < n; ++i) sorted.push_back(std::move(v[order[i]]));
  out.adopt_sequence(boost::container::ordered_unique_range, std::move(sorted));
  return true;
}

// Learns the names of `v` (sorted, no name twice): with those learned when `merge` and all fit in
// 64, else in their place (none past 64). Built aside and swapped in, so that the names learned
// stay sorted whatever throws (std::bad_alloc): the decoder keeps them for its next calls.
[[gnu::noinline]] inline void learn_names(value_map_memory::learned_names& l, const value::map::sequence_type& v, bool merge) {
  std::vector<std::string>& names = l.names;
  std::vector<std::string> learned;
  if (merge) {
    std::size_t both = 0;  // names in both
    for (std::size_t i = 0, j = 0; i < names.size() && j < v.size();) {
      const int c = names[i].compare(v[j].first);
      both += c == 0;
      i += c <= 0;
      j += c >= 0;
    }
    if (names.size() + v.size() - both <= max_in_place_flat_members) {
      learned.reserve(names.size() + v.size() - both);
      std::size_t i = 0, j = 0;
      while (i < names.size() || j < v.size()) {
        if (j == v.size() || (i < names.size() && names[i] < v[j].first)) {
          learned.push_back(names[i++]);
        } else {
          if (i < names.size() && names[i] == v[j].first) ++i;
          learned.push_back(v[j++].first);
        }
      }
      names.swap(learned);
      return;
    }
  }
  if (v.size() > max_in_place_flat_members) { names.clear(); return; }
  learned.reserve(v.size());
  for (const auto& member : v) learned.push_back(member.first);
  names.swap(learned);
}

// The old members (the first `old`) whose bit in `sent` is clear taken out, the rest closed up.
inline void drop_unsent(value::map::sequence_type& v, std::size_t old, std::uint64_t sent) {
  const std::uint64_t all_old = old == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << old) - 1;
  if (sent == all_old) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i < old && !(sent >> i & 1)) continue;
    if (kept != i) v[kept] = std::move(v[i]);
    ++kept;
  }
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(kept), v.end());
}

// Members appended after the old ones, sorted in with them.
[[gnu::noinline]] inline void sort_members_by_name(value::map::sequence_type& v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

// A fresh map with no names learned for its level: read into the level's buffer, then sorted.
template <decode_options O>
bool read_value_map_members_unlearned(decoder_state& d, od::object obj, value_map_memory::learned_names& learned,
                                      value::map& out) {
  value::map::sequence_type& block = d.map_memory().members[d.depth];
  block.clear();  // its capacity kept (up to 256 members)
  auto failed = [&] { report_first_repeat(d, block, block.size(), 0); return false; };
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec), failed();
    od::field& field = field_result.value_unsafe();
    std::string_view k;
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec), failed();
    block.emplace_back(std::string(k), value{});
    if (!read_value<O>(d, field.value(), block.back().second)) return d.in_member(k), failed();
  }
  if (!adopt_sorted_members(d, block, out)) return false;
  if (block.capacity() > 256) value::map::sequence_type().swap(block);  // a decoder keeps no big buffer
  if (learned.rest) --learned.rest;
  if (!learned.rest) learn_names(learned, out.sequence(), false);
  return true;
}

// A fresh map of a level whose names were learned: each member decoded in its name's place.
template <decode_options O>
bool read_value_map_members_learned(decoder_state& d, od::object obj, value_map_memory::learned_names& learned,
                                    value::map& out) {
  const std::vector<std::string>& names = learned.names;
  const std::size_t known = names.size();
  value::map::sequence_type block(known);  // a place for each name learned
  std::uint64_t sent = 0;                  // bit i: names[i] was sent
  std::size_t prev = max_in_place_flat_members;  // the slot before the first name
  // A learned name sent twice is found as it comes; names not learned (appended in arrival order)
  // are checked when something fails and at the end: a repeat among them came before.
  auto failed = [&] { report_first_repeat(d, block, block.size() - known, known); return false; };
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec), failed();
    od::field& field = field_result.value_unsafe();
    std::string_view k;
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec), failed();
    // maps repeat their order; a name not learned (known) is appended below
    std::size_t at = find_guessed_name(names.begin(), known, k, learned.next[prev],
                                       [](const std::string& x) -> const std::string& { return x; });
    if (at < known) {
      if (sent >> at & 1) {
        if (!report_first_repeat(d, block, block.size() - known, known)) fail_name_twice(d, k);
        return false;
      }
      sent |= std::uint64_t(1) << at;
      prev = at;
      std::string& key = block[at].first;  // empty: made again from k (cheaper than assign)
      std::destroy_at(&key);
      std::construct_at(&key, k);
    } else {
      at = block.size();
      block.emplace_back(std::string(k), value{});
    }
    if (!read_value<O>(d, field.value(), block[at].second)) return d.in_member(k), failed();
  }
  const std::size_t added = block.size() - known;
  if (added && report_first_repeat(d, block, added, known)) return false;
  drop_unsent(block, known, sent);
  const auto learned_sent = static_cast<std::size_t>(std::popcount(sent));
  if (added > learned_sent || 2 * learned_sent < known)  // not alike enough: the next maps read without
    learned.rest = maps_without_learned_names;
  if (2 * block.size() < block.capacity()) block.shrink_to_fit();  // spare room at most the map's size
  if (added) {
    sort_members_by_name(block);
    if (!learned.rest) learn_names(learned, block, true);
  }
  out.adopt_sequence(boost::container::ordered_unique_range, std::move(block));
  return true;
}

template <decode_options O>
bool read_value_map_members_fresh(decoder_state& d, od::object obj, value::map& out) {
  value_map_memory& memory = d.map_memory();
  if (memory.names.empty()) {  // never reallocated after
    memory.members.resize(limits::max_nesting + 2);
    memory.names.resize(limits::max_nesting + 2);
  }
  value_map_memory::learned_names& learned = memory.names[d.depth];
  if (learned.names.empty() || learned.rest) return read_value_map_members_unlearned<O>(d, obj, learned, out);
  return read_value_map_members_learned<O>(d, obj, learned, out);
}

template <decode_options O>
bool read_value_map_members_over(decoder_state& d, od::object obj, value::map& out) {
  if (out.empty() || out.size() > max_in_place_flat_members) {
    out.clear();
    return read_value_map_members_fresh<O>(d, obj, out);
  }
  value::map::sequence_type members = out.extract_sequence();  // `out` is empty until adopt_sequence
  const std::size_t old = members.size();
  std::uint64_t decoded = 0;  // bit i: old member i was sent
  bool added = false;
  value_map_memory& memory = d.map_memory();
  if (memory.next.empty()) memory.next.resize(limits::max_nesting + 2);  // never reallocated after
  std::uint8_t* const next = memory.next[d.depth].data();
  std::size_t prev = max_in_place_flat_members;  // the slot before the first member
  // An old name sent twice is found as it comes; new ones (appended in arrival order) are checked
  // when something fails and at the end: a repeat among them came before.
  auto failed = [&] { report_first_repeat(d, members, members.size() - old, old); return false; };
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec), failed();
    od::field& field = field_result.value_unsafe();
    std::string_view k;
    if (auto ec = field.unescaped_key().get(k)) return d.fail_json(ec), failed();
    // pages repeat their order; a name not among the old ones (old) is appended below
    std::size_t at = find_guessed_name(members.begin(), old, k, next[prev],
                                       [](const auto& m) -> const std::string& { return m.first; });
    if (at < old) {
      if (decoded >> at & 1) {
        if (!report_first_repeat(d, members, members.size() - old, old)) fail_name_twice(d, k);
        return false;
      }
      decoded |= std::uint64_t(1) << at;
      prev = at;
    } else {
      at = members.size();
      members.emplace_back(std::string(k), value{});
      added = true;
    }
    if (!read_value<O>(d, field.value(), members[at].second)) return d.in_member(k), failed();
  }
  if (added && report_first_repeat(d, members, members.size() - old, old)) return false;
  drop_unsent(members, old, decoded);
  if (added) sort_members_by_name(members);
  out.adopt_sequence(boost::container::ordered_unique_range, std::move(members));
  return true;
}

// read_map_members into `out`, replacing what it held; its nodes are reused (see above) when its
// values are ddbx::value or strings. Not structs: a reused struct would keep its skipped members
// (field options' skip) from another name's value. ddbx::value::map has its own (above).
template <decode_options O, class Map>
bool read_map_members_over(decoder_state& d, od::object obj, Map& out) {
  using V = typename Map::mapped_type;
  if constexpr (std::same_as<Map, value::map>) {
    return read_value_map_members_over<O>(d, obj, out);
  } else {
    if constexpr ((dynamic_value<V> || string_type<V>) && requires { typename Map::node_type; out.extract(out.begin()); }) {
      if constexpr (requires(std::string_view k) { out.find(k); }) {  // a transparent comparison
        if (!out.empty() && out.size() <= max_in_place_members) return read_map_members_in_place<O>(d, obj, out);
      }
      if (!out.empty()) {
        Map spare = std::move(out);
        out.clear();  // a moved-from map is valid, its content unspecified
        if constexpr (requires { out.reserve(spare.size()); }) out.reserve(spare.size());  // an unordered map's buckets
        return read_map_members<O>(d, obj, out, &spare);
      }
    }
    out.clear();
    return read_map_members<O>(d, obj, out);
  }
}

// An absent member's value: an empty optional or container, else a value-initialised one. Not
// `m = M{}` for all: GCC 12 with -O1 -fsanitize=address warned (-Wmaybe-uninitialized, falsely)
// in user code when moving an empty optional<vector> into place.
template <class M>
void make_empty(M& m) {
  if constexpr (optional_type<M>) m.reset();
  else if constexpr ((string_type<M> || sequence_type<M> || map_type<M> || set_type<M>) && requires { m.clear(); })
    m.clear();  // std::array has no clear(): value-initialised below
  else m = M{};
}

// Members that may be absent from an item without an error.
template <class M, bool OmitEmpty>
constexpr bool may_be_absent = optional_type<M> || set_type<M> || OmitEmpty;

// Member I's escaped name and closing quote, `name"`, as its own array.
template <class T, std::size_t I>
inline constexpr auto quoted_member_name = [] {
  constexpr std::string_view key = field_info<T, I>::key.view();  // `,"name":`
  std::array<char, key.size() - 3> q{};
  for (std::size_t i = 0; i < q.size(); ++i) q[i] = key[2 + i];
  return q;
}();

// Each member's escaped name and closing quote, `name"`, in the form a raw key is compared with:
// a name of up to 15 bytes as 16 bytes and a mask over the name and its quote, so that a compare is
// two masked words (no call, no loop; 16 bytes from a key's start stay inside simdjson's padding);
// a longer one through raw_key_equals. A skipped member (size 0) matches nothing.
template <class T>
struct member_keys {
  struct entry {
    std::array<std::uint64_t, 2> text{};
    std::array<std::uint64_t, 2> mask{};
    const char* name = nullptr;
    std::size_t size = 0;  // of `name"`: 0 for a skipped member, masked words up to 16
  };
  template <std::size_t I>
  static constexpr entry make() {
    entry e;
    if constexpr (!field_info<T, I>::skip) {
      constexpr auto& q = quoted_member_name<T, I>;
      e.name = q.data();
      e.size = q.size();
      if constexpr (q.size() <= 16) {
        std::array<char, 16> text{};
        std::array<unsigned char, 16> mask{};
        for (std::size_t i = 0; i < q.size(); ++i) {
          text[i] = q[i];
          mask[i] = 0xFF;
        }
        // bit_cast keeps the bytes' order whatever the machine's: a word loaded from the key by
        // memcpy lines up with them
        e.text = std::bit_cast<std::array<std::uint64_t, 2>>(text);
        e.mask = std::bit_cast<std::array<std::uint64_t, 2>>(mask);
      }
    }
    return e;
  }
  static constexpr auto value = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<entry, sizeof...(I)>{make<I>()...};
  }(std::make_index_sequence<field_count<T>>{});
};

// Whether the raw key at `raw` is member k's name (k < field_count<T>).
template <class T>
bool raw_key_is_member(std::size_t k, const char* raw) noexcept {
  const auto& e = member_keys<T>::value[k];
  if (e.size - 1 < 16) {  // sizes 1 to 16 (a skipped member's 0 wraps around)
    std::uint64_t w[2];
    std::memcpy(w, raw, sizeof w);
    return (((w[0] ^ e.text[0]) & e.mask[0]) | ((w[1] ^ e.text[1]) & e.mask[1])) == 0;
  }
  return e.size != 0 && raw_key_equals(raw, std::string_view(e.name, e.size));
}

// Finding the member a raw key names, without a search: the key's length and three of its bytes
// (first, middle, last) packed into one word, multiplied by a constant and its top bits taken,
// pick one member, whose escaped name is then compared. The constant is found at compile time for
// each struct so that no two members share a slot (a few dozen tries at most); a struct with two
// names alike in all four (not one seen in practice) keeps the scan over all members.
constexpr std::uint32_t key_word(const char* k, std::size_t n) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(k[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(k[n / 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(k[n - 1])) << 16 |
         static_cast<std::uint32_t>(n & 0xFF) << 24;
}
constexpr std::size_t key_slot(std::uint32_t word, std::uint32_t multiplier, unsigned bits) noexcept {
  return static_cast<std::size_t>((word * multiplier) >> (32 - bits));
}

template <class T>
struct member_hash {
  static constexpr std::size_t members = field_count<T>;
  static constexpr std::uint16_t no_member = 0xFFFF;
  static constexpr unsigned bits = [] {
    unsigned b = 3;
    while ((std::size_t{1} << b) < 4 * members) ++b;
    return b;
  }();
  static constexpr std::size_t size = std::size_t{1} << bits;
  struct table {
    bool perfect = false;
    std::uint32_t multiplier = 0;
    std::array<std::uint16_t, size> slot{};
  };
  template <std::size_t I>
  static constexpr std::uint32_t word() {
    constexpr auto& q = quoted_member_name<T, I>;  // `name"`
    return key_word(q.data(), q.size() - 1);
  }
  static constexpr table make() {
    constexpr std::array<std::uint32_t, members> words = []<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<std::uint32_t, members>{word<I>()...};
    }(std::make_index_sequence<members>{});
    constexpr std::array<bool, members> skipped = []<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<bool, members>{field_info<T, I>::skip...};
    }(std::make_index_sequence<members>{});
    table t;
    std::uint32_t multiplier = 0x9E3779B1u;  // odd constants from a fixed sequence
    for (int attempt = 0; attempt < 64; ++attempt, multiplier = multiplier * 0x01000193u + 0x2545F491u) {
      multiplier |= 1u;
      std::array<bool, size> used{};
      bool clash = false;
      for (std::size_t i = 0; i < members && !clash; ++i) {
        if (skipped[i]) continue;
        const std::size_t slot = key_slot(words[i], multiplier, bits);
        clash = used[slot];
        used[slot] = true;
      }
      if (clash) continue;
      for (auto& s : t.slot) s = no_member;
      for (std::size_t i = 0; i < members; ++i)
        if (!skipped[i]) t.slot[key_slot(words[i], multiplier, bits)] = static_cast<std::uint16_t>(i);
      t.perfect = true;
      t.multiplier = multiplier;
      return t;
    }
    return t;
  }
  static constexpr table value = make();
};

// Reads the value of member k (a switch over the members, each read inline).
template <decode_options O, class T, std::size_t... I>
bool read_member_at(std::size_t k, decoder_state& d, od::field& field, T& out, std::index_sequence<I...>) {
  bool ok = false;
  auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
    using F = field_info<T, J>;
    if constexpr (!F::skip) {
      ok = read_value<O>(d, field.value(), boost::pfr::get<J>(out));
      if (!ok) d.in_member(F::name);
    }
  };
  (void)((k == I ? (one(std::integral_constant<std::size_t, I>{}), true) : false) || ...);
  return ok;
}

// The order T's attributes came in: for the start of an item and after each member, the member
// that came next in the last item decoded (by any thread). The items of a page, and of the pages
// after it, usually list their attributes in one order, DynamoDB's own, seldom the struct's, so
// the member predicted from the last items is checked first and the key is hashed only when the
// prediction fails. Slot s is "after member s - 1" (slot 0: the start); it holds the member + 1,
// or 0 for the struct's own order (member s), so the zero-initialised table predicts that.
// `missed`: how many items in a row (counted to 2) had two predictions or more fail. After two
// (items in orders of their own, not one item in a new order, which the next then follows) items
// are hashed without predictions, and one in 32 still predicts and learns, to see whether the
// order has settled. Only a guess: the key is compared before it is used, and threads
// that decode other orders only miss more (relaxed atomics, written only when a prediction
// failed or the state changed: a steady order is only read).
template <class T>
struct member_order {
  static constexpr std::size_t N = field_count<T>;
  using cell = std::conditional_t<(N < 255), std::uint8_t, std::uint16_t>;
  static inline std::atomic<cell> next[N + 1] = {};
  static inline std::atomic<std::uint8_t> missed = 0;

  static bool unsteady() noexcept { return missed.load(std::memory_order_relaxed) >= 2; }
  // After an item that predicted: `misses` of its predictions failed.
  static void settle(int misses) noexcept {
    const std::uint8_t before = missed.load(std::memory_order_relaxed);
    const std::uint8_t now = misses < 2 ? 0 : before < 2 ? before + 1 : 2;
    if (now != before) missed.store(now, std::memory_order_relaxed);
  }

  static std::size_t after(std::size_t slot) noexcept {
    const std::size_t v = next[slot].load(std::memory_order_relaxed);
    return v ? v - 1 : slot;
  }
  static void learn(std::size_t slot, std::size_t k) noexcept {
    next[slot].store(static_cast<cell>(k + 1), std::memory_order_relaxed);
  }
};

// The member a raw key (not spelled with escapes) names, or field_count<T>; `hint` (the member
// predicted, or N or more for none) is tried first.
template <class T>
std::size_t member_of_raw_key(const char* raw, std::size_t hint) noexcept {
  constexpr std::size_t N = field_count<T>;
  if (hint < N && raw_key_is_member<T>(hint, raw)) return hint;
  constexpr auto& h = member_hash<T>::value;
  if constexpr (h.perfect) {
    std::size_t n = 0;
    // The key ends within the document. A byte loop, not a 16-byte SIMD search: its exit depends
    // on the key's length, which lets the branch predictor guess the member read next (measured:
    // the SIMD search made shuffled attributes 15 % slower)
    while (raw[n] != '"' && raw[n] != '\\') ++n;
    if (n == 0 || raw[n] == '\\') return N;
    const std::size_t k = h.slot[key_slot(key_word(raw, n), h.multiplier, member_hash<T>::bits)];
    if (k != member_hash<T>::no_member && raw_key_is_member<T>(k, raw)) return k;
    return N;
  } else {
    for (std::size_t k = 0; k < N; ++k)
      if (k != hint && raw_key_is_member<T>(k, raw)) return k;
    return N;
  }
}

inline bool duplicate_member(decoder_state& d, std::string_view name) {
  d.fail(errc::duplicate_attribute, "attribute name appears twice");
  d.in_member(name);
  return false;
}

// Whether read_payload takes T without reaching its final static_assert (codecs without
// from_repr and plain enums pass here: their own static_asserts say more); a struct's own members
// are checked where it is read, so that the diagnostic names them.
template <class T>
consteval bool decodable() {
  if constexpr (has_decoding_codec<T>) return decodable<typename codec<T>::repr>();
  else if constexpr (has_codec<T> || string_type<T> || integer<T> || floating<T> || std::same_as<T, number> ||
                     boolean<T> || null_type<T> || binary_type<T> || enum_type<T> || dynamic_value<T> ||
                     set_type<T> || reflected_struct<T>)
    return true;
  else if constexpr (optional_type<T>) return decodable<typename T::value_type>();
  else if constexpr (map_type<T>) return decodable<typename T::mapped_type>();
  else if constexpr (sequence_type<T>) return decodable<typename T::value_type>();
  else return false;
}

// The first member T reads whose type is not decodable; field_count<T> if there is none.
template <class T>
inline constexpr std::size_t first_undecodable_member = []<std::size_t... I>(std::index_sequence<I...>) {
  constexpr bool ok[] = {(field_info<T, I>::skip || decodable<typename field_info<T, I>::type>())..., true};
  return first_false(ok);
}(std::make_index_sequence<field_count<T>>{});

// read_struct_members once every member's type is known to be decodable.
template <decode_options O, class T>
bool read_struct_members_checked(decoder_state& d, od::object obj, T& out) {
  constexpr std::size_t N = field_count<T>;
  using order = member_order<T>;
  std::bitset<N> seen;
  std::size_t slot = 0;  // member read last + 1; 0: none yet
  const bool predicting = !order::unsteady() || (++d.structs_read & 31) == 0;
  std::size_t predicted = predicting ? order::after(0) : N;
  int misses = predicting ? 0 : 2;
  for (auto&& field_result : obj) {
    if (auto ec = field_result.error()) return d.fail_json(ec);
    od::field& field = field_result.value_unsafe();
    const char* raw = field.key().raw();
    // After two failed predictions the rest of the item goes straight to the hash, but the
    // order is still learned.
    if (const std::size_t k = member_of_raw_key<T>(raw, misses < 2 ? predicted : N); k < N) {
      if (seen.test(k)) return duplicate_member(d, raw_key_text(raw));
      seen.set(k);
      if (!read_member_at<O>(k, d, field, out, std::make_index_sequence<N>{})) return false;
      if (predicting) {
        if (k != predicted) {
          order::learn(slot, k);
          ++misses;
        }
        slot = k + 1;
        predicted = order::after(slot);
      }
      continue;
    }
    bool matched = false;
    if (raw_key_has_escape(raw)) {
      // A key spelled with escapes ("\u0061ge") still names a member: compare it unescaped.
      std::string_view name;
      if (auto ec = field.unescaped_key().get(name)) return d.fail_json(ec);
      bool ok = [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
          using F = field_info<T, J>;
          if constexpr (F::skip) return true;
          else {
            if (matched || name != F::name) return true;
            matched = true;
            if (seen.test(J)) return duplicate_member(d, name);
            seen.set(J);
            if (!read_value<O>(d, field.value(), boost::pfr::get<J>(out))) { d.in_member(F::name); return false; }
            return true;
          }
        };
        return (one(std::integral_constant<std::size_t, I>{}) && ...);
      }(std::make_index_sequence<N>{});
      if (!ok) return false;
      if (matched) continue;
      if (O.strict_unknown) {
        d.fail(errc::unknown_member, "attribute not in the struct");
        d.in_member(name);
        return false;
      }
    } else if (O.strict_unknown) {
      d.fail(errc::unknown_member, "attribute not in the struct");
      d.in_member(raw_key_text(raw));
      return false;
    }
    // Not wanted, but still read: invalid JSON here fails the item like anywhere else.
    if (!skip_value(d, field.value(), 2 * d.depth + 1)) { d.in_member(raw_key_text(raw)); return false; }
  }
  if (predicting) order::settle(misses);
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
            make_empty(boost::pfr::get<J>(out));
            return true;
          } else {
            d.fail(errc::missing_member, "missing required attribute");
            d.in_member(F::name);
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

// Whether T has a member that is never written or read (field options' skip).
template <class T>
inline constexpr bool has_skipped_member = []<std::size_t... I>(std::index_sequence<I...>) {
  return (field_info<T, I>::skip || ...);
}(std::make_index_sequence<field_count<T>>{});

// T's skipped members as a new T has them: a struct decoded over an earlier item (a page decoded
// over a kept one, a list element, an engaged optional) would otherwise keep that item's. A member
// that cannot be assigned (a mutex, a const) is left as it is.
template <class T>
void reset_skipped_members(T& out) {
  T fresh{};
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
      using M = std::remove_cvref_t<decltype(boost::pfr::get<J>(out))>;
      if constexpr (field_info<T, J>::skip && std::is_move_assignable_v<M>)
        boost::pfr::get<J>(out) = std::move(boost::pfr::get<J>(fresh));
    };
    (one(std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<field_count<T>>{});
}

template <decode_options O, class T>
bool read_struct_members(decoder_state& d, od::object obj, T& out) {
  if constexpr (first_undecodable_member<T> < field_count<T>) {  // one error naming the member, no cascade
    report_member<undecodable_member, T, first_undecodable_member<T>>();
    (void)d, (void)obj, (void)out;
    return false;
  } else {
    if (!read_struct_members_checked<O>(d, obj, out)) return false;
    if constexpr (has_skipped_member<T>) reset_skipped_members(out);
    return true;
  }
}

// A new alternative A of `v`, made from `args`. A value that holds null (every value of a fresh
// decode) gets it made in place of the null: there is nothing to destroy (null's destructor does
// nothing, so it need not run), and std::variant's emplace would first reset through a visit, an
// indirect call for each attribute.
// What may throw (a string's allocation) is made first, so that `v` still holds null if it does.
template <class A, class... Args>
A& make_alternative(value& v, Args&&... args) {
  static_assert(std::is_same_v<std::variant_alternative_t<0, value::storage>, std::nullptr_t>);
  value::storage& storage = v.data();
  if (storage.index() != 0) return storage.template emplace<A>(std::forward<Args>(args)...);
  if constexpr (std::is_nothrow_constructible_v<A, Args&&...>) {
    return *std::get_if<A>(std::construct_at(&storage, std::in_place_type<A>, std::forward<Args>(args)...));
  } else {
    static_assert(std::is_nothrow_move_constructible_v<A>);
    A made(std::forward<Args>(args)...);
    return *std::get_if<A>(std::construct_at(&storage, std::in_place_type<A>, std::move(made)));
  }
}

// The alternative A of `v`: the one it holds, else a new empty one.
template <class A>
A& alternative(value& v) {
  if (A* held = std::get_if<A>(&v.data())) return *held;
  return make_alternative<A>(v);
}

template <decode_options O>
bool read_dynamic(decoder_state& d, type tag, od::value& p, value& out) {
  switch (tag) {
    case type::NULL_: { std::nullptr_t n = nullptr; if (!read_payload<O>(d, tag, p, n)) return false; out = nullptr; return true; }
    case type::BOOL: { bool b = false; if (!read_payload<O>(d, tag, p, b)) return false; out = b; return true; }
    // Read in place (no move of what was read into the variant); on an error `out` holds what
    // was read so far, and the whole decode fails.
    // A value of the same type already there (a page decoded over the last) is read over, so its
    // string, list or map keeps its memory.
    case type::S: return read_payload<O>(d, tag, p, alternative<std::string>(out));
    case type::N: return read_payload<O>(d, tag, p, alternative<number>(out));
    case type::B: return read_payload<O>(d, tag, p, make_alternative<binary>(out));
    case type::SS: return read_set(d, p, make_alternative<value::string_set_t>(out).elements, tag);
    case type::NS: return read_set(d, p, make_alternative<value::number_set_t>(out).elements, tag);
    case type::BS: return read_set(d, p, make_alternative<value::binary_set_t>(out).elements, tag);
    case type::L: return read_list<O>(d, p, alternative<value::list>(out));
    case type::M: return read_payload<O>(d, tag, p, alternative<value::map>(out));
  }
  return false;
}

// Whether enum E has a fixed underlying type, so that every value of that type is one of E's.
template <class E>
concept fixed_enum = requires { E{std::underlying_type_t<E>{}}; };

// {"NULL":true}, checked, read as the target's default value (decode_options::null_as_default).
template <class T>
bool read_null_as_default(decoder_state& d, od::value& p, T& out) {
  bool b = false;
  if (auto ec = p.get_bool().get(b)) return d.fail_json(ec, "JSON true inside NULL");
  if (!b) return d.fail(errc::invalid_null, "NULL must be true");
  out = T{};
  return true;
}

// out = codec<T>::from_repr(r); a codec may read the options (the time codec's RFC 3339 forms).
template <decode_options O, class T>
bool from_codec_repr(decoder_state& d, typename codec<T>::repr&& r, T& out) {
  result<T> v = [&] {
    if constexpr (requires { codec<T>::from_repr(std::move(r), O); }) return codec<T>::from_repr(std::move(r), O);
    else return codec<T>::from_repr(std::move(r));
  }();
  if (!v) { d.err = std::move(v).error(); return false; }
  out = std::move(*v);
  return true;
}

template <decode_options O, class T>
bool read_payload(decoder_state& d, type tag, od::value& p, T& out) {
  if constexpr (O.null_as_default && !optional_type<T> && !null_type<T> && !dynamic_value<T>) {
    if (tag == type::NULL_) return read_null_as_default(d, p, out);
  }
  if constexpr (has_decoding_codec<T>) {
    typename codec<T>::repr r{};
    if (!read_payload<O>(d, tag, p, r)) return false;
    return from_codec_repr<O>(d, std::move(r), out);
  } else if constexpr (has_codec<T>) {
    static_assert(unmappable<T>, "ddbx: to decode T, ddbx::codec<T> needs `static ddbx::result<T> from_repr(repr&&)`");
  } else if constexpr (string_type<T>) {
    if (tag != type::S) return d.expected(type::S, tag);
    std::string_view s;
    if (!read_string_payload(d, p, s, tag)) return false;
    assign_text(out, s);
    return true;
  } else if constexpr (integer<T> || floating<T> || std::same_as<T, number>) {
    if (tag != type::N) return d.expected(type::N, tag);
    std::string_view s;
    if (!read_string_payload(d, p, s, tag)) return false;
    return parse_number_text(d, s, out);
  } else if constexpr (boolean<T>) {
    if (tag != type::BOOL) return d.expected(type::BOOL, tag);
    if (auto ec = p.get_bool().get(out)) return d.fail_json(ec, "JSON true or false inside BOOL");
    return true;
  } else if constexpr (null_type<T>) {
    if (tag != type::NULL_) return d.expected(type::NULL_, tag);
    bool b = false;
    if (auto ec = p.get_bool().get(b)) return d.fail_json(ec, "JSON true inside NULL");
    if (!b) return d.fail(errc::invalid_null, "NULL must be true");
    out = T{};
    return true;
  } else if constexpr (binary_type<T>) {
    if (tag != type::B) return d.expected(type::B, tag);
    std::string_view s;
    if (!read_string_payload(d, p, s, tag)) return false;
    std::vector<std::byte> bytes;
    if (!read_binary_text(d, s, bytes)) return false;
    if constexpr (std::same_as<T, binary>) out = binary(std::move(bytes));
    else out = std::move(bytes);
    return true;
  } else if constexpr (enum_type<T>) {
    static_assert(fixed_enum<T>,
                  "ddbx: to decode an enum it needs a fixed underlying type (`enum class E` or `enum E : int`); "
                  "a plain enum cannot hold every number a table may return");
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
    return read_set(d, p, out, tag);
  } else if constexpr (map_type<T>) {
    if (tag != type::M) return d.expected(type::M, tag);
    if (!d.enter()) return false;
    od::object obj;
    if (auto ec = p.get_object().get(obj)) return fail_payload(d, ec, "a JSON object", tag);
    if (!read_map_members_over<O>(d, obj, out)) return false;
    --d.depth;
    return true;
  } else if constexpr (sequence_type<T>) {
    if constexpr (O.sets_as_lists && !std_array<T>) {
      using E = typename T::value_type;
      if constexpr (set_string_element<E> || set_number_element<E> || set_binary_element<E>) {
        constexpr type as_set = set_string_element<E> ? type::SS : set_number_element<E> ? type::NS : type::BS;
        if (tag == as_set) {
          out.clear();
          return read_set(d, p, out, tag);
        }
      }
    }
    if (tag != type::L) return d.expected(type::L, tag);
    return read_list<O>(d, p, out);
  } else if constexpr (reflected_struct<T>) {
    if (tag != type::M) return d.expected(type::M, tag);
    if (!d.enter()) return false;
    od::object obj;
    if (auto ec = p.get_object().get(obj)) return fail_payload(d, ec, "a JSON object", tag);
    if (!read_struct_members<O>(d, obj, out)) return false;
    --d.depth;
    return true;
  } else {
    static_assert(unmappable<T>,
                  "ddbx: this type cannot be decoded from an AttributeValue; specialise ddbx::codec<T> "
                  "(see ddbx/mapping/codec.hpp) or use a supported type (std::string_view and const char* "
                  "are encode-only)");
    return false;
  }
}

// An item: the top-level attribute map (not itself a nesting level).
template <decode_options O, class T>
bool read_item(decoder_state& d, od::object obj, T& out) {
  if constexpr (has_decoding_codec<T>) {  // a class read as its repr (a struct or a map)
    typename codec<T>::repr r{};
    if (!read_item<O>(d, obj, r)) return false;
    return from_codec_repr<O>(d, std::move(r), out);
  } else if constexpr (!reflected_struct<T> && !map_type<T>) {  // one error, no cascade
    static_assert(!non_aggregate_class<T>,
                  "ddbx: an item must be an aggregate with public members (no private members, constructors "
                  "or virtual functions), or specialise ddbx::codec<T> with a struct or map repr "
                  "(see ddbx/mapping/codec.hpp)");
    static_assert(!has_codec<T>, "ddbx: to decode T, ddbx::codec<T> needs `static ddbx::result<T> from_repr(repr&&)`");
    static_assert(non_aggregate_class<T> || has_codec<T>,
                  "ddbx: an item decodes into a struct, a ddbx::item or a string-keyed map");
    (void)d, (void)obj, (void)out;
    return false;
  } else if constexpr (reflected_struct<T>) {
    return read_struct_members<O>(d, obj, out);
  } else {
    return read_map_members_over<O>(d, obj, out);
  }
}

}  // namespace detail
}  // namespace ddbx
