#pragma once
// Decoding AttributeValue JSON with simdjson On-Demand, straight into structs, std types,
// ddbx::value and ddbx::item — no DOM is built. Every failure names the attribute path.
// This is the only mapping header that includes <simdjson.h>.
//
//   auto u = ddbx::decode_item<User>(R"({"username":{"S":"janedoe"},"age":{"N":"25"}})");
//   if (!u) std::puts(u.error().what_text().c_str());     // "age: expected N, got S"
//   auto page = ddbx::decode_page<User>(query_response);  // page.items, page.last_evaluated_key
#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "ddbx/mapping/detail/decode_value.hpp"
#include "ddbx/mapping/detail/item_windows.hpp"
#include "ddbx/mapping/page.hpp"

namespace ddbx {

// Holds a simdjson parser (and a padded copy buffer) for reuse; one per thread. It also learns the
// names of the ddbx::value maps it decodes, so that the maps of the next page or item, usually alike,
// are decoded straight into place (a guess, always checked).
// The free functions below use a thread-local one. Every method takes a simdjson::padded_string
// or padded_string_view (read in place) or text as a std::string_view (copied when it must be).
//
// A page (or array of items) longer than the decoder's window is parsed a window of items at a
// time, so that simdjson's buffers (about 5.7 bytes per byte parsed at once) follow the window,
// not the page: decoding a 30 MB page then needs about a megabyte beyond its text and its result.
// The answer, and every error, is the same as when the page is parsed whole.
class decoder {
 public:
  // Windows of about 128 KiB: simdjson's buffers for one stay within a core's cache.
  static constexpr std::size_t default_window_bytes = std::size_t{128} * 1024;

  decoder() = default;
  // A decoder whose windows are about `window_bytes` long; SIZE_MAX parses every page whole.
  explicit decoder(std::size_t window_bytes) : window_bytes_(window_bytes) {}

  // The longest text the parser is sized for (its buffers take about 5.7 bytes per byte of it):
  // the longest page or window parsed so far.
  std::size_t parser_capacity() const noexcept { return parser_.capacity(); }

  // Decodes an item's attribute map `{"name":{"S":…},…}`.
  template <class T, decode_options O = decode_options{}>
  result<T> item(simdjson::padded_string_view json) {
    return run<T>(json, [](detail::decoder_state& d, simdjson::ondemand::document& doc, T& out) {
      simdjson::ondemand::object obj;
      if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec, "an item: a JSON object of attributes");
      return detail::read_item<O>(d, obj, out);
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<T> item(std::string_view json) { return item<T, O>(pad(json)); }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  result<T> item(const P& json) { return item<T, O>(simdjson::padded_string_view(json)); }

  // Decodes one AttributeValue `{"S":…}` into T.
  template <class T, decode_options O = decode_options{}>
  result<T> value(simdjson::padded_string_view json) {
    return run<T>(json, [](detail::decoder_state& d, simdjson::ondemand::document& doc, T& out) {
      simdjson::ondemand::object obj;
      if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec, "an AttributeValue object {\"T\": …}");
      return detail::read_value<O>(d, obj, out);
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<T> value(std::string_view json) { return value<T, O>(pad(json)); }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  result<T> value(const P& json) { return value<T, O>(simdjson::padded_string_view(json)); }

  // Decodes a JSON array of items `[{…},{…}]`.
  template <class T, decode_options O = decode_options{}>
  result<std::vector<T>> items(simdjson::padded_string_view json) {
    return items<T, O>(std::string_view(json.data(), json.length()), json);
  }
  template <class T, decode_options O = decode_options{}>
  result<std::vector<T>> items(std::string_view json) { return items<T, O>(json, std::nullopt); }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  result<std::vector<T>> items(const P& json) { return items<T, O>(simdjson::padded_string_view(json)); }

  // Decodes a Query or Scan response: Items, Count, ScannedCount, LastEvaluatedKey.
  template <class T, decode_options O = decode_options{}>
  result<page<T>> query_page(simdjson::padded_string_view json) {
    return query_page<T, O>(std::string_view(json.data(), json.length()), json);
  }
  template <class T, decode_options O = decode_options{}>
  result<page<T>> query_page(std::string_view json) { return query_page<T, O>(json, std::nullopt); }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  result<page<T>> query_page(const P& json) { return query_page<T, O>(simdjson::padded_string_view(json)); }

  // Decodes a Query or Scan response over an existing page: items already there are decoded
  // over, so a loop that reuses one page allocates almost nothing once warm. After an error the
  // page is empty (no items, counts 0), never half of one page and half of another.
  template <class T, decode_options O = decode_options{}>
  status query_page(simdjson::padded_string_view json, page<T>& out) {
    return query_page<T, O>(std::string_view(json.data(), json.length()), json, out);
  }
  template <class T, decode_options O = decode_options{}>
  status query_page(std::string_view json, page<T>& out) { return query_page<T, O>(json, std::nullopt, out); }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  status query_page(const P& json, page<T>& out) {
    return query_page<T, O>(simdjson::padded_string_view(json), out);
  }

  // Decodes a GetItem response `{"Item":{…}}`; an empty optional when there is no such item.
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> get_item_response(simdjson::padded_string_view json) {
    return item_member<T, O>(json, "Item");
  }
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> get_item_response(std::string_view json) { return get_item_response<T, O>(pad(json)); }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  result<std::optional<T>> get_item_response(const P& json) {
    return get_item_response<T, O>(simdjson::padded_string_view(json));
  }

  // Decodes the item under `member` of a response object (GetItem's Item, a write's Attributes);
  // an empty optional when the member is absent or null. Other members are checked and skipped.
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> item_member(simdjson::padded_string_view json, std::string_view member) {
    return run<std::optional<T>>(json, [member](detail::decoder_state& d, simdjson::ondemand::document& doc, std::optional<T>& out) {
      simdjson::ondemand::object obj;
      if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec);
      bool seen = false;
      for (auto fr : obj) {
        simdjson::ondemand::field f;
        if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
        std::string_view k;
        if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
        if (k != member) {
          if (!detail::skip_value(d, f.value())) { d.in_member(k); return false; }
          continue;
        }
        if (seen) { d.fail(errc::duplicate_attribute, "member appears twice"); d.in_member(member); return false; }
        seen = true;
        simdjson::ondemand::value v = f.value();
        if (detail::null_member(v)) continue;
        simdjson::ondemand::object it;
        if (auto ec = v.get_object().get(it)) { d.fail_json(ec, "a JSON object"); d.in_member(member); return false; }
        out.emplace();
        if (!detail::read_item<O>(d, it, *out)) { d.in_member(member); return false; }
      }
      return true;
    });
  }
  template <class T, decode_options O = decode_options{}>
  result<std::optional<T>> item_member(std::string_view json, std::string_view member) {
    return item_member<T, O>(pad(json), member);
  }
  template <class T, decode_options O = decode_options{}, std::same_as<simdjson::padded_string> P>
  result<std::optional<T>> item_member(const P& json, std::string_view member) {
    return item_member<T, O>(simdjson::padded_string_view(json), member);
  }

 private:
  // The text, and the same text with its padding when the caller gave that (else it is copied
  // when it has to be parsed whole).
  using maybe_padded = std::optional<simdjson::padded_string_view>;

  template <class T, decode_options O>
  result<std::vector<T>> items(std::string_view text, maybe_padded padded) {
    if (windows_allowed(text, padded)) {
      std::vector<T> out;
      if (items_in_windows<O>(text, out)) return out;
    }  // not a long array, or not one that parses: whole, for the exact answer
    return run<std::vector<T>>(padded ? *padded : pad(text),
                               [](detail::decoder_state& d, simdjson::ondemand::document& doc, std::vector<T>& out) {
                                 simdjson::ondemand::array arr;
                                 if (auto ec = doc.get_array().get(arr)) return d.fail_json(ec, "a JSON array of items");
                                 return read_items<O>(d, arr, out);
                               });
  }

  template <class T, decode_options O>
  result<page<T>> query_page(std::string_view text, maybe_padded padded) {
    if (windows_allowed(text, padded)) {
      page<T> out;
      if (page_in_windows<O>(text, out)) return out;
    }
    return run<page<T>>(padded ? *padded : pad(text), [](detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& out) {
      return read_page<O>(d, doc, out);
    });
  }

  // A reused page's members other than its items, as a page without them has them.
  template <class T>
  static void clear_page_members(page<T>& out) {
    out.count = out.scanned_count = 0;
    out.last_evaluated_key.reset();
    out.consumed_capacity_json.clear();
  }

  template <class T, decode_options O>
  status query_page(std::string_view text, maybe_padded padded, page<T>& out) {
    clear_page_members(out);
    if (windows_allowed(text, padded) && page_in_windows<O>(text, out)) return {};
    clear_page_members(out);  // what a window attempt may have set
    status s = run_into(padded ? *padded : pad(text), out, [](detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& p) {
      return read_page<O>(d, doc, p);
    });
    if (!s) {  // no half-decoded page, whichever way it was read (windows decode items before a later error)
      out.items.clear();
      clear_page_members(out);
    }
    return s;
  }

  // Whether a long text may be read in windows: not when the whole parse would refuse it before
  // reading anything — a caller's padded view without simdjson's padding, or a text above the
  // parser's largest document — so that the answer is the whole parse's.
  bool windows_allowed(std::string_view text, const maybe_padded& padded) const noexcept {
    if (padded && padded->padding() < simdjson::SIMDJSON_PADDING) return false;
    return text.size() <= parser_.max_capacity();
  }

  // A page longer than the window: its items a window at a time, then the rest of the page with
  // `[]` in their place. False when the page is short, its Items are not found where the page's
  // own are, or anything does not parse; nothing is then decided, and the page is parsed whole.
  template <decode_options O, class T>
  bool page_in_windows(std::string_view text, page<T>& out) {
    if (text.size() <= window_bytes_) return false;
    const std::size_t open = detail::item_windows::items_array(text);
    if (open == detail::item_windows::npos) return false;
    std::size_t close = 0;
    if (!items_in_windows<O>(text, open, out.items, close)) return false;
    const std::string_view before = text.substr(0, open + 1);  // up to and with `[`
    const std::string_view after = text.substr(close);         // from `]`
    const std::size_t length = before.size() + after.size();
    prepare_window(length);
    std::memcpy(window_.data(), before.data(), before.size());
    std::memcpy(window_.data() + before.size(), after.data(), after.size());
    const char* items_at = window_.data() + open;
    return run_into(simdjson::padded_string_view(window_.data(), length, window_.size()), out,
                    [items_at](detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& p) {
                      return read_page<O>(d, doc, p, items_at);
                    })
        .has_value();
  }

  // A whole text that is one array of items longer than the window.
  template <decode_options O, class T>
  bool items_in_windows(std::string_view text, std::vector<T>& out) {
    if (text.size() <= window_bytes_) return false;
    const std::size_t open = detail::item_windows::skip_space(text, 0);
    if (open >= text.size() || text[open] != '[') return false;
    std::size_t close = 0;
    return items_in_windows<O>(text, open, out, close) && detail::item_windows::skip_space(text, close + 1) == text.size();
  }

  // The items of the array that opens at text[open], decoded over `out` a window at a time;
  // `close` is where the array's `]` is. False when a window cannot be found or does not parse.
  template <decode_options O, class T>
  bool items_in_windows(std::string_view text, std::size_t open, std::vector<T>& out, std::size_t& close) {
    namespace w = detail::item_windows;
    const bool fresh = out.capacity() < 16;
    std::size_t count = 0;
    std::size_t begin = w::skip_space(text, open + 1);
    if (begin < text.size() && text[begin] == ']') {
      out.clear();
      close = begin;
      return true;
    }
    for (;;) {
      // The last guessed item end within the window, or (an item longer than the window) the
      // first after it. A guess that does not parse gives way to the one before it (after it).
      const std::size_t limit = std::min(begin + window_bytes_, text.size());  // window_bytes_ < text.size()
      bool backwards = true;
      std::size_t end = w::item_end_before(text, begin, limit);
      if (end == w::npos) {
        backwards = false;
        end = w::item_end_after(text, limit);
      }
      std::size_t n = 0;
      for (int tries = 0;; ++tries) {
        if (end == w::npos || tries == max_window_tries) return false;
        if (decode_window<O>(text.substr(begin, end + 1 - begin), out, count, n)) break;
        if (backwards) {
          end = w::item_end_before(text, begin, end);
          if (end == w::npos) {  // no guess within the window holds: the item goes on past it
            backwards = false;
            end = w::item_end_after(text, limit);
          }
        } else {
          end = w::item_end_after(text, end + 1);
        }
      }
      if (fresh && count == 0 && n > 0) {
        // Sized once, from the first window's items (a sample of many, so 1/8 more rather than the
        // half more of a one-item guess) and the bytes left; never more than those bytes could hold.
        const std::size_t left = text.size() - (end + 1);
        const std::size_t guess = left / ((end + 1 - begin) / n + 1) + 1;
        out.reserve(n + std::min(guess + guess / 8, left / 14 + 1));
      }
      count += n;
      const std::size_t next = w::skip_space(text, end + 1);  // `,` or `]`: item_end_at saw it
      if (text[next] == ']') {
        close = next;
        break;
      }
      begin = next + 1;
    }
    out.resize(count);
    return true;
  }

  // Parses `[` + window + `]` and decodes its items over out[first], out[first + 1], …; n is how
  // many. False, leaving no error, when it does not parse or an item does not decode.
  template <decode_options O, class T>
  bool decode_window(std::string_view window, std::vector<T>& out, std::size_t first, std::size_t& n) {
    const std::size_t length = window.size() + 2;
    prepare_window(length);
    window_[0] = '[';
    std::memcpy(window_.data() + 1, window.data(), window.size());
    window_[length - 1] = ']';
    detail::decoder_state d;
    d.maps = &maps_;
    simdjson::ondemand::document doc;
    if (parser_.iterate(simdjson::padded_string_view(window_.data(), length, window_.size())).get(doc)) return false;
    simdjson::ondemand::array arr;
    if (doc.get_array().get(arr)) return false;
    n = 0;
    for (auto element : arr) {
      simdjson::ondemand::object obj;
      if (std::move(element).get_object().get(obj)) return false;
      if (first + n == out.size()) out.emplace_back();
      if (!detail::read_item<O>(d, obj, out[first + n])) return false;
      ++n;
    }
    return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
  }

  // window_ long enough for `length` bytes and simdjson's padding, the padding cleared.
  void prepare_window(std::size_t length) {
    if (window_.size() < length + simdjson::SIMDJSON_PADDING) window_.resize(length + simdjson::SIMDJSON_PADDING);
    std::memset(window_.data() + length, 0, simdjson::SIMDJSON_PADDING);
  }

  // With items_at, the page is the rest of a page whose items were decoded a window at a time:
  // its Items must be there (an empty array) and nowhere else, or it fails (and is parsed whole).
  template <decode_options O, class T>
  static bool read_page(detail::decoder_state& d, simdjson::ondemand::document& doc, page<T>& out,
                        const char* items_at = nullptr) {
    simdjson::ondemand::object obj;
    if (auto ec = doc.get_object().get(obj)) return d.fail_json(ec);
    bool items_seen = false;
    for (auto fr : obj) {
      simdjson::ondemand::field f;
      if (auto ec = std::move(fr).get(f)) return d.fail_json(ec);
      std::string_view k;
      if (auto ec = f.unescaped_key().get(k)) return d.fail_json(ec);
      if (k == "Items") {
        simdjson::ondemand::value v = f.value();
        if (items_at) {
          if (items_seen || v.raw_json_token().data() != items_at) return d.fail(errc::malformed_json, "Items moved");
          items_seen = true;
          if (!detail::skip_value(d, v)) return false;
          continue;
        }
        if (detail::null_member(v)) continue;  // as absent (null members: detail::null_member)
        items_seen = true;
        simdjson::ondemand::array arr;
        if (auto ec = v.get_array().get(arr)) { d.fail_json(ec, "a JSON array"); d.in_member("Items"); return false; }
        if (!read_items<O>(d, arr, out.items)) { d.in_member("Items"); return false; }
      } else if (k == "Count" || k == "ScannedCount") {
        std::uint64_t n = 0;
        if (auto ec = f.value().get_uint64().get(n)) { d.fail_json(ec, "a count"); d.in_member(k); return false; }
        (k == "Count" ? out.count : out.scanned_count) = static_cast<std::size_t>(n);
      } else if (k == "ConsumedCapacity") {
        // Kept as text for the response layer; checked here so a page never holds invalid JSON.
        simdjson::ondemand::value cc = f.value();
        if (detail::null_member(cc)) continue;
        const char* begin = cc.raw_json_token().data();
        if (!detail::skip_value(d, cc)) { d.in_member(k); return false; }
        const char* end = nullptr;
        if (auto ec = doc.current_location().get(end)) return d.fail_json(ec);
        std::string_view raw(begin, static_cast<std::size_t>(end - begin));
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
          raw.remove_suffix(1);
        out.consumed_capacity_json.assign(raw.data(), raw.size());
      } else if (k == "LastEvaluatedKey") {
        simdjson::ondemand::value v = f.value();
        if (detail::null_member(v)) continue;
        simdjson::ondemand::object key;
        if (auto ec = v.get_object().get(key)) { d.fail_json(ec, "a JSON object"); d.in_member(k); return false; }
        ddbx::item lek;
        if (!detail::read_map_members<decode_options{}>(d, key, lek)) { d.in_member("LastEvaluatedKey"); return false; }
        out.last_evaluated_key = std::move(lek);
      } else if (!detail::skip_value(d, f.value())) {
        d.in_member(k);
        return false;
      }
    }
    if (items_at && !items_seen) return d.fail(errc::malformed_json, "Items moved");
    if (!items_seen) out.items.clear();  // Select COUNT: no Items
    return true;
  }

  template <decode_options O, class T>
  static bool read_items(detail::decoder_state& d, simdjson::ondemand::array arr, std::vector<T>& out) {
    // A fresh vector is sized once, after its first item, from that item's length and the bytes
    // left in the input (counting the elements would walk every token of the page; regrowing moves
    // every item several times). The guess never exceeds what the remaining bytes could hold.
    const bool fresh = out.capacity() < 16;
    const char* first_begin = nullptr;
    std::size_t i = 0;
    for (auto el : arr) {
      simdjson::ondemand::value v;
      simdjson::ondemand::object obj;
      if (auto ec = std::move(el).get(v)) { d.fail_json(ec); d.in_index(i); return false; }
      if (fresh && i < 2 && d.input_end) {
        const char* begin = v.raw_json_token().data();
        if (i == 0) first_begin = begin;
        else if (begin > first_begin && begin < d.input_end)
          out.reserve(1 + detail::estimated_items(static_cast<std::size_t>(begin - first_begin),
                                                  static_cast<std::size_t>(d.input_end - begin)));
      }
      if (auto ec = v.get_object().get(obj)) { d.fail_json(ec, "an item: a JSON object"); d.in_index(i); return false; }
      if (i == out.size()) out.emplace_back();  // decoded in place, over an earlier item if there is one
      if (!detail::read_item<O>(d, obj, out[i])) { out.resize(i); d.in_index(i); return false; }
      ++i;
    }
    out.resize(i);
    return true;
  }

  // Copies input whose spare capacity is unknown into a reused padded buffer.
  simdjson::padded_string_view pad(std::string_view json) { return detail::padded_copy(buffer_, json); }

  // Parses `json`, lets `body` decode the document into `out`, and refuses trailing content.
  template <class R, class F>
  status run_into(simdjson::padded_string_view json, R& out, F&& body) {
    struct call {
      R& out;
      F& body;
    } target{out, body};
    return run_document(json, &target, [](void* p, detail::decoder_state& d, simdjson::ondemand::document& doc) -> bool {
      auto& t = *static_cast<call*>(p);
      return t.body(d, doc, t.out);
    });
  }

  // run_into's part that does not depend on what is decoded, compiled once for all of them.
  status run_document(simdjson::padded_string_view json, void* context,
                      bool (*body)(void* context, detail::decoder_state&, simdjson::ondemand::document&)) {
    detail::decoder_state d;
    d.maps = &maps_;
    std::string_view text(json.data(), json.length());
    if (text.starts_with("\xEF\xBB\xBF")) {  // RFC 8259 §8.1: no byte-order mark before JSON
      d.fail(errc::malformed_json, "malformed JSON: starts with a UTF-8 byte-order mark (BOM)");
      return std::move(d.err);
    }
    d.input_end = json.data() + json.length();
    simdjson::ondemand::document doc;
    if (auto ec = parser_.iterate(json).get(doc)) { d.fail_json(ec); return std::move(d.err); }
    if (!body(context, d, doc)) return d.take_error();
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

  static constexpr int max_window_tries = 8;

  simdjson::ondemand::parser parser_;
  std::string buffer_;  // a copy of input that came without padding
  std::string window_;  // the window being parsed, or the rest of a page around its items
  std::size_t window_bytes_ = default_window_bytes;
  // The names ddbx::value maps had, learned for the next page or item (and buffers to read them in).
  detail::value_map_memory maps_;
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
