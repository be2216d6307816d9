#pragma once
// Reading aws-sdk-cpp AttributeValues into any mapped C++ type: the walk behind ddbx/aws_sdk/decode.hpp
// (which has the entry points and says what it does). Internal.
#include "ddbx/aws_sdk/detail/common.hpp"  // first: it says so when the SDK's headers are missing
#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <aws/core/utils/memory/stl/AWSVector.h>

#include "ddbx/core/limits.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/decode_options.hpp"
#include "ddbx/mapping/detail/member_check.hpp"
#include "ddbx/mapping/fields.hpp"

namespace ddbx {

namespace detail::aws_sdk {

struct decoder {
  error err{};
  std::size_t depth = 0;
  bool fail(errc c, std::string message) {
    err.code = c;
    err.message = std::move(message);
    return false;
  }
  bool expected(type want, type got) {
    return fail(errc::type_mismatch, "expected " + std::string(type_name(want)) + ", got " + std::string(type_name(got)));
  }
  bool enter() {
    if (++depth > limits::max_nesting)
      return fail(errc::nesting_too_deep, "more than 31 nested lists or maps (DynamoDB allows 32 levels)");
    return true;
  }
  // The path, innermost segment first, recorded while unwinding and joined once by take_error()
  // the way ddbx's JSON decoder joins it (so both name an attribute alike, "" and "[3]" included).
  struct segment {
    std::string name;  // owned: the SDK hands out copies of maps, gone once their level returns
    std::size_t index = 0;
    bool is_index = false;
  };
  std::vector<segment> trail;
  bool in_member(std::string_view name) { trail.push_back({std::string(name), 0, false}); return false; }
  bool in_index(std::size_t i) { trail.push_back({{}, i, true}); return false; }
  error take_error() {
    if (trail.empty()) return std::move(err);
    std::string path;
    for (auto it = trail.rbegin(); it != trail.rend(); ++it) {
      if (it->is_index) {
        path += '[';
        path += std::to_string(it->index);
        path += ']';
      } else {
        if (!path.empty()) path += '.';
        path += it->name;
      }
    }
    if (!err.path.empty()) {
      if (err.path.front() != '[') path += '.';
      path += err.path;
    }
    err.path = std::move(path);
    trail.clear();
    return std::move(err);
  }
};

template <decode_options O, class T>
bool get_value(decoder& d, const model::AttributeValue& v, T& out);
template <decode_options O, class T>
bool get_payload(decoder& d, type tag, const model::AttributeValue& v, T& out);

// The type `v` holds; an AttributeValue that holds nothing (default-constructed) is an error.
inline bool tag_of(decoder& d, const model::AttributeValue& v, type& tag) {
  if (!is_set(v))
    return d.fail(errc::malformed_response, "an AttributeValue that holds no value (unset, an empty N or an empty set)");
  tag = type_of(v.GetType());
  return true;
}

// The element a list or map entry points to; a null pointer is an error.
inline const model::AttributeValue* deref(decoder& d, const std::shared_ptr<model::AttributeValue>& p) {
  if (!p) d.fail(errc::malformed_response, "a null AttributeValue pointer");
  return p.get();
}
inline const model::AttributeValue* deref(decoder&, const model::AttributeValue& v) { return &v; }

// A number's text into an integer, float, double or ddbx::number, by ddbx's rules: DynamoDB's
// grammar, 38 digits and range, then the target's own range (nothing rounded to fit an integer).
template <class T>
bool parse_number(decoder& d, std::string_view s, T& out) {
  if constexpr (std::same_as<T, number>) {
    auto n = number::parse(s);
    if (!n) return d.fail(n.error().code, n.error().message);
    out = std::move(*n);
    return true;
  } else if constexpr (std::is_floating_point_v<T>) {
    if (errc c = check_number(s); c != errc::ok)
      return d.fail(c, std::string(number_error_text(c)) + ": \"" + std::string(s.substr(0, 64)) + "\"");
    const char* b = s.data() + (s.front() == '+');
    auto r = std::from_chars(b, s.data() + s.size(), out);
    if (r.ec == std::errc::result_out_of_range)
      return d.fail(errc::number_out_of_range, "number \"" + std::string(s.substr(0, 64)) + "\" is beyond the range of " +
                                                   (sizeof(T) == sizeof(float) ? "float" : "double"));
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size())
      return d.fail(errc::invalid_number, std::string(number_error_text(errc::invalid_number)) + ": \"" +
                                              std::string(s.substr(0, 64)) + "\"");
    return true;
  } else {
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty()) return true;
    auto n = number::parse(s);  // "1E2", "42.0", "+7", or a real error
    if (!n) return d.fail(n.error().code, n.error().message);
    auto i = n->template to<T>();
    if (!i) return d.fail(i.error().code, i.error().message);
    out = *i;
    return true;
  }
}

inline void to_bytes(const Aws::Utils::ByteBuffer& b, std::vector<std::byte>& out) {
  const auto* p = reinterpret_cast<const std::byte*>(b.GetUnderlyingData());
  out.assign(p, p + b.GetLength());
}

template <class E>
bool set_element(decoder& d, const Aws::String& s, E& out) {
  if constexpr (set_string_element<E>) { out.assign(s.data(), s.size()); return true; }
  else return parse_number(d, view(s), out);
}
template <class E>
bool set_element(decoder&, const Aws::Utils::ByteBuffer& b, E& out) {
  std::vector<std::byte> bytes;
  to_bytes(b, bytes);
  if constexpr (std::same_as<E, binary>) out = binary(std::move(bytes));
  else out = std::move(bytes);
  return true;
}

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

// The elements of an SS, NS or BS (as the SDK gives them) into a C++ set or sequence.
template <class Set, class Elements>
bool read_set(decoder& d, const Elements& elements, Set& out, type tag) {
  if (elements.empty()) return d.fail(errc::empty_set, "an empty " + std::string(type_name(tag)) + " (DynamoDB sets are never empty)");
  std::size_t i = 0;
  for (const auto& el : elements) {
    typename Set::value_type x{};
    if (!set_element(d, el, x)) return d.in_index(i);
    if constexpr (requires { out.insert(std::move(x)).second; }) {
      if (!out.insert(std::move(x)).second) {
        d.fail(errc::duplicate_set_element, "duplicate element in " + std::string(type_name(tag)));
        return d.in_index(i);
      }
    } else {
      out.insert(out.end(), std::move(x));
    }
    ++i;
  }
  if constexpr (requires { out.reserve(i); out[0]; }) {
    if (has_duplicate(out)) return d.fail(errc::duplicate_set_element, "duplicate element in " + std::string(type_name(tag)));
  }
  return true;
}

// The caller has checked that `tag` is the set type of Set's elements.
template <class Set>
bool read_set_of(decoder& d, const model::AttributeValue& v, type tag, Set& out) {
  using E = typename Set::value_type;
  if constexpr (set_binary_element<E>) return read_set(d, v.GetBS(), out, tag);
  else if constexpr (set_number_element<E>) return read_set(d, v.GetNS(), out, tag);
  else return read_set(d, v.GetSS(), out, tag);
}

template <decode_options O, class Seq>
bool read_list(decoder& d, const model::AttributeValue& v, Seq& out) {
  if (!d.enter()) return false;
  const auto list = v.GetL();
  std::size_t i = 0;
  if constexpr (std_array<Seq>) {
    if (list.size() != out.size())
      return d.fail(errc::size_mismatch, "list has " + std::to_string(list.size()) + " elements, expected " + std::to_string(out.size()));
    for (const auto& p : list) {
      const model::AttributeValue* el = deref(d, p);
      if (!el || !get_value<O>(d, *el, out[i])) return d.in_index(i);
      ++i;
    }
  } else if constexpr (requires { out.resize(i); { out[i] } -> std::same_as<typename Seq::value_type&>; }) {
    out.resize(list.size());
    for (const auto& p : list) {
      const model::AttributeValue* el = deref(d, p);
      if (!el || !get_value<O>(d, *el, out[i])) { out.resize(i); return d.in_index(i); }
      ++i;
    }
  } else {
    out.clear();
    for (const auto& p : list) {
      typename Seq::value_type x{};
      const model::AttributeValue* el = deref(d, p);
      if (!el || !get_value<O>(d, *el, x)) return d.in_index(i);
      out.insert(out.end(), std::move(x));
      ++i;
    }
  }
  --d.depth;
  return true;
}

// A string-keyed map's entries (an item, or an M's GetM()).
template <decode_options O, class Map, class Entries>
bool read_map_members(decoder& d, const Entries& entries, Map& out) {
  out.clear();
  for (const auto& [k, p] : entries) {
    const model::AttributeValue* el = deref(d, p);
    if (!el) return d.in_member(view(k));
    std::string key(k.data(), k.size());
    auto [it, inserted] = [&] {
      if constexpr (requires { out.try_emplace(std::move(key)); }) return out.try_emplace(std::move(key));
      else return out.emplace(std::move(key), typename Map::mapped_type{});
    }();
    if (!inserted) {  // only when two SDK keys are one std::string (never with std::map)
      d.fail(errc::duplicate_attribute, "attribute name appears twice");
      return d.in_member(view(k));
    }
    if (!get_value<O>(d, *el, it->second)) return d.in_member(view(k));
  }
  return true;
}

template <class M, bool OmitEmpty>
constexpr bool may_be_absent = optional_type<M> || set_type<M> || OmitEmpty;

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

template <class T>
inline constexpr std::size_t first_undecodable_member = []<std::size_t... I>(std::index_sequence<I...>) {
  constexpr bool ok[] = {(field_info<T, I>::skip || decodable<typename field_info<T, I>::type>())..., true};
  return first_false(ok);
}(std::make_index_sequence<field_count<T>>{});

// Per-member readers, so that an attribute's member is found by its name at run time.
template <decode_options O, class T>
struct member_table {
  static constexpr std::size_t size = field_count<T>;
  using reader = bool (*)(decoder&, const model::AttributeValue&, T&);
  template <std::size_t I>
  static bool read(decoder& d, const model::AttributeValue& v, T& out) {
    if (!get_value<O>(d, v, boost::pfr::get<I>(out))) return d.in_member(field_info<T, I>::name);
    return true;
  }
  template <std::size_t... I>
  static constexpr std::array<std::string_view, sizeof...(I)> make_names(std::index_sequence<I...>) {
    return {field_info<T, I>::name...};
  }
  template <std::size_t... I>
  static constexpr std::array<bool, sizeof...(I)> make_skips(std::index_sequence<I...>) {
    return {field_info<T, I>::skip...};
  }
  template <std::size_t... I>
  static constexpr std::array<reader, sizeof...(I)> make_readers(std::index_sequence<I...>) {
    return {&read<I>...};
  }
  static constexpr auto names = make_names(std::make_index_sequence<size>{});
  static constexpr auto skips = make_skips(std::make_index_sequence<size>{});
  static constexpr auto readers = make_readers(std::make_index_sequence<size>{});

  // The member an attribute name belongs to, or `size`; `hint` first (items usually list
  // attributes in one order).
  static std::size_t find(std::string_view key, std::size_t hint) noexcept {
    std::size_t j = hint < size ? hint : 0;
    for (std::size_t tries = 0; tries < size; ++tries, j = j + 1 == size ? 0 : j + 1)
      if (!skips[j] && names[j] == key) return j;
    return size;
  }
};

// A struct's members from an item or an M's entries, in the entries' order (so the first error is
// the one the JSON decoder reports for the same item), then the members that were absent.
template <decode_options O, class T, class Entries>
bool read_struct_members(decoder& d, const Entries& entries, T& out) {
  if constexpr (first_undecodable_member<T> < field_count<T>) {  // one error naming the member
    report_member<undecodable_member, T, first_undecodable_member<T>>();
    (void)d, (void)entries, (void)out;
    return false;
  } else {
    using table = member_table<O, T>;
    constexpr std::size_t N = table::size;
    std::array<bool, N> seen{};
    std::size_t hint = 0;
    for (const auto& [k, p] : entries) {
      const std::string_view key = view(k);
      const std::size_t j = table::find(key, hint);
      if (j == N) {
        if (O.strict_unknown) {
          d.fail(errc::unknown_member, "attribute not in the struct");
          return d.in_member(key);
        }
        continue;
      }
      seen[j] = true;
      hint = j + 1;
      const model::AttributeValue* el = deref(d, p);
      if (!el) return d.in_member(key);
      if (!table::readers[j](d, *el, out)) return false;
    }
    // Absent members: empty (optionals, sets, omit_empty members, anything when lenient) or an error.
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
        using F = field_info<T, J>;
        if constexpr (F::skip) {
          return true;
        } else {
          if (seen[J]) return true;
          if constexpr (O.lenient_missing || may_be_absent<typename F::type, F::option.omit_empty>) {
            boost::pfr::get<J>(out) = typename F::type{};
            return true;
          } else {
            d.fail(errc::missing_member, "missing required attribute");
            return d.in_member(F::name);
          }
        }
      };
      return (one(std::integral_constant<std::size_t, I>{}) && ...);
    }(std::make_index_sequence<N>{});
  }
}

template <decode_options O>
bool read_dynamic(decoder& d, type tag, const model::AttributeValue& v, value& out) {
  switch (tag) {
    case type::NULL_: { std::nullptr_t n = nullptr; if (!get_payload<O>(d, tag, v, n)) return false; out = nullptr; return true; }
    case type::BOOL: out = v.GetBool(); return true;
    case type::S: { std::string s; if (!get_payload<O>(d, tag, v, s)) return false; out = std::move(s); return true; }
    case type::N: { number n; if (!get_payload<O>(d, tag, v, n)) return false; out = std::move(n); return true; }
    case type::B: { binary b; if (!get_payload<O>(d, tag, v, b)) return false; out = std::move(b); return true; }
    case type::SS: { value::string_set_t s; if (!read_set_of(d, v, tag, s.elements)) return false; out = std::move(s); return true; }
    case type::NS: { value::number_set_t s; if (!read_set_of(d, v, tag, s.elements)) return false; out = std::move(s); return true; }
    case type::BS: { value::binary_set_t s; if (!read_set_of(d, v, tag, s.elements)) return false; out = std::move(s); return true; }
    case type::L: { value::list l; if (!read_list<O>(d, v, l)) return false; out = std::move(l); return true; }
    case type::M: { value::map m; if (!get_payload<O>(d, tag, v, m)) return false; out = std::move(m); return true; }
  }
  return false;
}

template <class E>
concept fixed_enum = requires { E{std::underlying_type_t<E>{}}; };

template <decode_options O, class T>
bool from_codec_repr(decoder& d, typename codec<T>::repr&& r, T& out) {
  result<T> v = [&] {
    if constexpr (requires { codec<T>::from_repr(std::move(r), O); }) return codec<T>::from_repr(std::move(r), O);
    else return codec<T>::from_repr(std::move(r));
  }();
  if (!v) { d.err = std::move(v).error(); return false; }
  out = std::move(*v);
  return true;
}

template <decode_options O, class T>
bool get_payload(decoder& d, type tag, const model::AttributeValue& v, T& out) {
  if constexpr (O.null_as_default && !optional_type<T> && !null_type<T> && !dynamic_value<T>) {
    if (tag == type::NULL_) {
      if (!v.GetNull()) return d.fail(errc::invalid_null, "NULL must be true");
      out = T{};
      return true;
    }
  }
  if constexpr (has_decoding_codec<T>) {
    typename codec<T>::repr r{};
    if (!get_payload<O>(d, tag, v, r)) return false;
    return from_codec_repr<O>(d, std::move(r), out);
  } else if constexpr (has_codec<T>) {
    static_assert(unmappable<T>, "ddbx: to decode T, ddbx::codec<T> needs `static ddbx::result<T> from_repr(repr&&)`");
  } else if constexpr (string_type<T>) {
    if (tag != type::S) return d.expected(type::S, tag);
    if constexpr (same_strings) out = v.GetS();
    else { const Aws::String s = v.GetS(); out.assign(s.data(), s.size()); }
    return true;
  } else if constexpr (integer<T> || floating<T> || std::same_as<T, number>) {
    if (tag != type::N) return d.expected(type::N, tag);
    const Aws::String s = v.GetN();
    return parse_number(d, view(s), out);
  } else if constexpr (boolean<T>) {
    if (tag != type::BOOL) return d.expected(type::BOOL, tag);
    out = v.GetBool();
    return true;
  } else if constexpr (null_type<T>) {
    if (tag != type::NULL_) return d.expected(type::NULL_, tag);
    if (!v.GetNull()) return d.fail(errc::invalid_null, "NULL must be true");
    out = T{};
    return true;
  } else if constexpr (binary_type<T>) {
    if (tag != type::B) return d.expected(type::B, tag);
    std::vector<std::byte> bytes;
    to_bytes(v.GetB(), bytes);
    if constexpr (std::same_as<T, binary>) out = binary(std::move(bytes));
    else out = std::move(bytes);
    return true;
  } else if constexpr (enum_type<T>) {
    static_assert(fixed_enum<T>,
                  "ddbx: to decode an enum it needs a fixed underlying type (`enum class E` or `enum E : int`); "
                  "a plain enum cannot hold every number a table may return");
    std::underlying_type_t<T> u{};
    if (!get_payload<O>(d, tag, v, u)) return false;
    out = static_cast<T>(u);
    return true;
  } else if constexpr (optional_type<T>) {
    if (tag == type::NULL_) {
      if (!v.GetNull()) return d.fail(errc::invalid_null, "NULL must be true");
      out.reset();
      return true;
    }
    if (!out) out.emplace();
    return get_payload<O>(d, tag, v, *out);
  } else if constexpr (dynamic_value<T>) {
    return read_dynamic<O>(d, tag, v, out);
  } else if constexpr (set_type<T>) {
    using E = typename T::key_type;
    static_assert(set_string_element<E> || set_number_element<E> || set_binary_element<E>,
                  "ddbx: a set must hold strings (SS), numbers (NS) or binaries (BS)");
    constexpr type want = set_string_element<E> ? type::SS : set_number_element<E> ? type::NS : type::BS;
    if (tag != want) return d.expected(want, tag);
    out.clear();
    return read_set_of(d, v, tag, out);
  } else if constexpr (map_type<T>) {
    if (tag != type::M) return d.expected(type::M, tag);
    if (!d.enter()) return false;
    if (!read_map_members<O>(d, v.GetM(), out)) return false;
    --d.depth;
    return true;
  } else if constexpr (sequence_type<T>) {
    if constexpr (O.sets_as_lists && !std_array<T>) {
      using E = typename T::value_type;
      if constexpr (set_string_element<E> || set_number_element<E> || set_binary_element<E>) {
        constexpr type as_set = set_string_element<E> ? type::SS : set_number_element<E> ? type::NS : type::BS;
        if (tag == as_set) {
          out.clear();
          return read_set_of(d, v, tag, out);
        }
      }
    }
    if (tag != type::L) return d.expected(type::L, tag);
    return read_list<O>(d, v, out);
  } else if constexpr (reflected_struct<T>) {
    if (tag != type::M) return d.expected(type::M, tag);
    if (!d.enter()) return false;
    if (!read_struct_members<O>(d, v.GetM(), out)) return false;
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

template <decode_options O, class T>
bool get_value(decoder& d, const model::AttributeValue& v, T& out) {
  type tag;
  if (!tag_of(d, v, tag)) return false;
  return get_payload<O>(d, tag, v, out);
}

template <decode_options O, class T>
bool get_item(decoder& d, const aws_attribute_map& m, T& out) {
  if constexpr (has_decoding_codec<T>) {
    typename codec<T>::repr r{};
    if (!get_item<O>(d, m, r)) return false;
    return from_codec_repr<O>(d, std::move(r), out);
  } else if constexpr (!reflected_struct<T> && !map_type<T>) {
    static_assert(!non_aggregate_class<T>,
                  "ddbx: an item must be an aggregate with public members (no private members, constructors "
                  "or virtual functions), or specialise ddbx::codec<T> with a struct or map repr "
                  "(see ddbx/mapping/codec.hpp)");
    static_assert(!has_codec<T>, "ddbx: to decode T, ddbx::codec<T> needs `static ddbx::result<T> from_repr(repr&&)`");
    static_assert(non_aggregate_class<T> || has_codec<T>,
                  "ddbx: an item decodes into a struct, a ddbx::item or a string-keyed map");
    (void)d, (void)m, (void)out;
    return false;
  } else if constexpr (reflected_struct<T>) {
    return read_struct_members<O>(d, m, out);
  } else {
    return read_map_members<O>(d, m, out);
  }
}

}  // namespace detail::aws_sdk
}  // namespace ddbx
