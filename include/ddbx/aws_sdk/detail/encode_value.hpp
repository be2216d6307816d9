#pragma once
// Building aws-sdk-cpp AttributeValues from any mapped C++ type: the walk behind ddbx/aws_sdk/encode.hpp
// (which has the entry points and says what it does). Internal.
#include "ddbx/aws_sdk/detail/common.hpp"  // first: it says so when the SDK's headers are missing
#include <charconv>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/AWSMemory.h>
#include <aws/core/utils/memory/stl/AWSVector.h>

#include "ddbx/core/limits.hpp"
#include "ddbx/mapping/detail/utf8.hpp"
#include "ddbx/mapping/encode.hpp"

namespace ddbx {

namespace detail::aws_sdk {

struct encoder {
  error err{};
  std::size_t depth = 0;
  bool fail(errc c, std::string message) {
    err.code = c;
    err.message = std::move(message);
    return false;
  }
  bool enter() {
    if (++depth > limits::max_nesting)
      return fail(errc::nesting_too_deep, "more than 31 nested lists or maps (DynamoDB allows 32 levels)");
    return true;
  }
};

template <encode_options O, class T>
bool put_value(encoder& e, const T& v, model::AttributeValue& out, std::size_t& size);

inline bool check_utf8(encoder& e, std::string_view s) {
  if (auto bad = find_invalid_utf8(s); bad != std::string_view::npos)
    return e.fail(errc::invalid_utf8, "invalid UTF-8 at byte " + std::to_string(bad));
  return true;
}

template <class S>
bool put_string(encoder& e, const S& s, model::AttributeValue& out, std::size_t& size) {
  const std::string_view v(s);
  if (!check_utf8(e, v)) return false;
  size += v.size();
  out.SetS(as_aws(s));
  return true;
}

// A number's DynamoDB text: integers by to_chars, floating point as the shortest text that reads
// back (normalised when it has an exponent), ddbx::number as it is.
template <class T>
bool number_text(encoder& e, const T& v, char (&buf)[number_buffer_size], std::string& scratch, std::string_view& text) {
  if constexpr (integer<T>) {
    auto r = std::to_chars(buf, buf + number_buffer_size, v);
    text = std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
  } else if constexpr (floating<T>) {
    if (!std::isfinite(v)) return e.fail(errc::number_not_finite, "NaN and infinity are not DynamoDB numbers");
    auto r = std::to_chars(buf, buf + number_buffer_size, v);
    std::string_view t(buf, static_cast<std::size_t>(r.ptr - buf));
    if (t.find('e') == std::string_view::npos) {
      text = t == "-0" ? std::string_view("0") : t;
      return true;
    }
    scratch.clear();
    if (errc c = normalize_number(t, scratch); c != errc::ok)
      return e.fail(c, std::string(number_error_text(c)) + ": " + std::string(t));
    text = scratch;
  } else {
    static_assert(std::same_as<T, number>);
    if (!v.valid()) return e.fail(v.invalid_code(), v.invalid_reason());
    text = v.text();
  }
  return true;
}

template <class T>
bool put_number(encoder& e, const T& v, model::AttributeValue& out, std::size_t& size) {
  char buf[number_buffer_size];
  std::string scratch;
  std::string_view text;
  if (!number_text(e, v, buf, scratch, text)) return false;
  if constexpr (integer<T> && sizeof(T) <= sizeof(std::uint64_t))  // wider: may be "1E+38"
    size += integer_size(text.data(), text.data() + text.size());
  else size += number_size(text);
  if constexpr (std::same_as<T, number>) out.SetN(as_aws(v.str()));
  else out.SetN(to_aws(text));
  return true;
}

inline Aws::Utils::ByteBuffer byte_buffer(std::string_view b) {
  return Aws::Utils::ByteBuffer(reinterpret_cast<const unsigned char*>(b.data()), b.size());
}

// Sets held in ddbx::value are vectors: two equal elements are an error (numbers are normalised,
// so equal text is equal value).
template <class E>
bool check_no_duplicates(encoder& e, const std::vector<E>& v) {
  if (v.size() < 2) return true;
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string_view key;
    if constexpr (std::same_as<E, std::string>) key = v[i];
    else if constexpr (std::same_as<E, number>) key = v[i].text();
    else key = v[i].view();
    if (!seen.insert(key).second) {
      e.err.path = "[" + std::to_string(i) + "]";
      return e.fail(errc::duplicate_set_element, "duplicate set element");
    }
  }
  return true;
}

template <class Range>
bool put_set(encoder& e, type tag, const Range& r, model::AttributeValue& out, std::size_t& size) {
  if (r.begin() == r.end())
    return e.fail(errc::empty_set, "an empty set cannot be stored (DynamoDB sets are never empty)");
  std::size_t i = 0;
  auto fail_at = [&] { e.err.prepend_index(i); return false; };
  if (tag == type::BS) {
    Aws::Vector<Aws::Utils::ByteBuffer> bs;
    if constexpr (requires { r.size(); }) bs.reserve(r.size());
    for (const auto& x : r) {
      if constexpr (set_binary_element<std::remove_cvref_t<decltype(x)>>) {
        const std::string_view b = binary_view(x);
        size += b.size();
        bs.push_back(byte_buffer(b));
      }
      ++i;
    }
    out.SetBS(bs);
    return true;
  }
  Aws::Vector<Aws::String> texts;
  if constexpr (requires { r.size(); }) texts.reserve(r.size());
  for (const auto& x : r) {
    using E = std::remove_cvref_t<decltype(x)>;
    if constexpr (set_string_element<E>) {
      if (!check_utf8(e, x)) return fail_at();
      size += x.size();
      texts.push_back(as_aws(x));
    } else if constexpr (set_number_element<E>) {
      char buf[number_buffer_size];
      std::string scratch;
      std::string_view text;
      if (!number_text(e, x, buf, scratch, text)) return fail_at();
      size += number_size(text);
      texts.push_back(to_aws(text));
    }
    ++i;
  }
  if (tag == type::SS) out.SetSS(texts);
  else out.SetNS(texts);
  return true;
}

template <encode_options O, class Range>
bool put_list(encoder& e, const Range& r, model::AttributeValue& out, std::size_t& size) {
  if (!e.enter()) return false;
  size += 3;
  std::size_t i = 0;
  for (const auto& x : r) {
    if (is_empty_set_value(x)) {
      e.fail(errc::empty_set, "an empty set cannot be stored inside a list");
      e.err.prepend_index(i);
      return false;
    }
    auto el = Aws::MakeShared<model::AttributeValue>("ddbx");
    if (!put_value<O>(e, x, *el, size)) { e.err.prepend_index(i); return false; }
    out.AddLItem(el);  // appends without copying the list
    ++size;
    ++i;
  }
  if (i == 0) out.SetL({});
  --e.depth;
  return true;
}

// Adds one member to an item (an Aws::Map) or to a nested M (through AddMEntry, which keeps the
// entries in place instead of copying the map).
template <encode_options O, class Target, class T>
bool put_member(encoder& e, std::string_view name, const T& v, Target& target, std::size_t& size) {
  if constexpr (std::is_same_v<Target, aws_attribute_map>) {
    auto [it, inserted] = target.emplace(to_aws(name), model::AttributeValue{});
    if (!inserted) {
      e.fail(errc::duplicate_attribute, "attribute name appears twice");
      e.err.prepend_member(name);
      return false;
    }
    if (!put_value<O>(e, v, it->second, size)) { e.err.prepend_member(name); return false; }
  } else {
    auto el = Aws::MakeShared<model::AttributeValue>("ddbx");
    if (!put_value<O>(e, v, *el, size)) { e.err.prepend_member(name); return false; }
    target.AddMEntry(to_aws(name), el);
  }
  return true;
}

// The members of a string-keyed map; at the top level names must be 1 byte to 64 KB.
template <encode_options O, class Target, class Map>
bool put_map_members(encoder& e, const Map& m, Target& target, std::size_t& size, bool nested) {
  bool any = false;
  for (const auto& [k, x] : m) {
    if (omitted<O, false, false>(x)) continue;
    const std::string_view name(k);
    if (!nested && (name.empty() || name.size() > limits::max_attribute_name)) {
      e.fail(errc::invalid_name, name.empty() ? "an attribute name cannot be empty" : "attribute name longer than 64 KB");
      e.err.prepend_member(name.substr(0, 64));
      return false;
    }
    if (!check_utf8(e, name)) { e.err.message += " in an attribute name"; e.err.prepend_member("<name>"); return false; }
    size += name.size() + (nested ? 1 : 0);
    if (!put_member<O>(e, name, x, target, size)) return false;
    any = true;
  }
  if constexpr (!std::is_same_v<Target, aws_attribute_map>)
    if (!any) target.SetM({});
  return true;
}

template <encode_options O, class Target, class T>
bool put_struct_members(encoder& e, const T& v, Target& target, std::size_t& size, bool nested) {
  if constexpr (first_unencodable_member<T> < field_count<T>) {  // one error naming the member
    report_member<unmappable_member, T, first_unencodable_member<T>>();
    (void)e, (void)v, (void)target, (void)size, (void)nested;
    return false;
  } else {
    bool any = false;
    const bool ok = [&]<std::size_t... I>(std::index_sequence<I...>) {
      auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
        using F = field_info<T, J>;
        if constexpr (F::skip) {
          return true;
        } else {
          const auto& m = boost::pfr::get<J>(v);
          if (omitted<O, F::option.write_null, F::option.omit_empty>(m)) return true;
          size += F::name.size() + (nested ? 1 : 0);
          any = true;
          return put_member<O>(e, F::name, m, target, size);
        }
      };
      return (one(std::integral_constant<std::size_t, I>{}) && ...);
    }(std::make_index_sequence<field_count<T>>{});
    if (!ok) return false;
    if constexpr (!std::is_same_v<Target, aws_attribute_map>)
      if (!any) target.SetM({});
    return true;
  }
}

template <encode_options O>
bool put_dynamic(encoder& e, const value& v, model::AttributeValue& out, std::size_t& size) {
  switch (v.type()) {
    case type::NULL_: out.SetNull(true); size += 1; return true;
    case type::BOOL: out.SetBool(*v.as_bool()); size += 1; return true;
    case type::S: return put_string(e, *v.as_string(), out, size);
    case type::N: return put_number(e, *v.as_number(), out, size);
    case type::B: return put_value<O>(e, *v.as_binary(), out, size);
    case type::SS: return check_no_duplicates(e, *v.as_string_set()) && put_set(e, type::SS, *v.as_string_set(), out, size);
    case type::NS: {
      const auto& ns = *v.as_number_set();
      for (std::size_t i = 0; i < ns.size(); ++i)
        if (!ns[i].valid()) { e.err.path = "[" + std::to_string(i) + "]"; return e.fail(ns[i].invalid_code(), ns[i].invalid_reason()); }
      return check_no_duplicates(e, ns) && put_set(e, type::NS, ns, out, size);
    }
    case type::BS: return check_no_duplicates(e, *v.as_binary_set()) && put_set(e, type::BS, *v.as_binary_set(), out, size);
    case type::L: return put_list<O>(e, *v.as_list(), out, size);
    case type::M: return put_value<O>(e, *v.as_map(), out, size);
  }
  return false;
}

template <encode_options O, class T>
bool put_value(encoder& e, const T& v, model::AttributeValue& out, std::size_t& size) {
  if constexpr (has_encoding_codec<T>) {
    return put_value<O>(e, codec<T>::to_repr(v), out, size);
  } else if constexpr (string_type<T> || std::same_as<T, std::string_view>) {
    return put_string(e, v, out, size);
  } else if constexpr (string_view_like<T>) {
    if (v == nullptr) { out.SetNull(true); size += 1; return true; }
    return put_string(e, std::string_view(v), out, size);
  } else if constexpr (std::is_array_v<T> && std::same_as<std::remove_cv_t<std::remove_extent_t<T>>, char>) {
    return put_string(e, std::string_view(v, strnlen(v, std::extent_v<T>)), out, size);
  } else if constexpr (boolean<T>) {
    out.SetBool(v);
    size += 1;
    return true;
  } else if constexpr (integer<T> || floating<T> || std::same_as<T, number>) {
    return put_number(e, v, out, size);
  } else if constexpr (null_type<T>) {
    out.SetNull(true);
    size += 1;
    return true;
  } else if constexpr (binary_type<T>) {
    const std::string_view b = binary_view(v);
    size += b.size();
    out.SetB(byte_buffer(b));
    return true;
  } else if constexpr (enum_type<T>) {
    return put_number(e, static_cast<std::underlying_type_t<T>>(v), out, size);
  } else if constexpr (optional_type<T>) {
    if (!v) { out.SetNull(true); size += 1; return true; }
    return put_value<O>(e, *v, out, size);
  } else if constexpr (dynamic_value<T>) {
    return put_dynamic<O>(e, v, out, size);
  } else if constexpr (set_type<T>) {
    using E = typename T::key_type;
    if constexpr (set_string_element<E>) return put_set(e, type::SS, v, out, size);
    else if constexpr (set_number_element<E>) return put_set(e, type::NS, v, out, size);
    else if constexpr (set_binary_element<E>) return put_set(e, type::BS, v, out, size);
    else static_assert(unmappable<T>, "ddbx: a set must hold strings (SS), numbers (NS) or binaries (BS)");
  } else if constexpr (map_type<T>) {
    if (!e.enter()) return false;
    size += 3;
    if (!put_map_members<O>(e, v, out, size, true)) return false;
    --e.depth;
    return true;
  } else if constexpr (sequence_type<T>) {
    return put_list<O>(e, v, out, size);
  } else if constexpr (reflected_struct<T>) {
    if (!e.enter()) return false;
    size += 3;
    if (!put_struct_members<O>(e, v, out, size, true)) return false;
    --e.depth;
    return true;
  } else {
    static_assert(unmappable<T>,
                  "ddbx: this type cannot be mapped to an AttributeValue; specialise ddbx::codec<T> "
                  "(see ddbx/mapping/codec.hpp) or use a supported type");
    return false;
  }
}

template <encode_options O, class T>
bool put_item(encoder& e, const T& v, aws_attribute_map& out, std::size_t& size) {
  if constexpr (has_encoding_codec<T>) {
    return put_item<O>(e, codec<T>::to_repr(v), out, size);
  } else if constexpr (!item_type<T>) {
    static_assert(!non_aggregate_class<T>,
                  "ddbx: an item must be an aggregate with public members (no private members, constructors "
                  "or virtual functions), or specialise ddbx::codec<T> with a struct or map repr "
                  "(see ddbx/mapping/codec.hpp)");
    static_assert(non_aggregate_class<T>, "ddbx: an item must be a struct, a ddbx::item or a string-keyed map");
    (void)e, (void)v, (void)out, (void)size;
    return false;
  } else {
    bool ok;
    if constexpr (reflected_struct<T>) ok = put_struct_members<O>(e, v, out, size, false);
    else ok = put_map_members<O>(e, v, out, size, false);
    if (!ok) return false;
    if (O.check_item_size && size > limits::max_item_size)
      return e.fail(errc::item_too_large, "item size " + std::to_string(size) +
                                              " bytes exceeds DynamoDB's 400 KB (409600 bytes)");
    return true;
  }
}

}  // namespace detail::aws_sdk
}  // namespace ddbx
