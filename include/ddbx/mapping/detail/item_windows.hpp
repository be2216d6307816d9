#pragma once
// Where a long array of items may be cut into windows that are parsed one at a time, so that the
// parser's memory follows the window and not the page (simdjson's index takes about 5.7 bytes per
// byte of text). Internal to ddbx/mapping/decode.hpp; no simdjson here.
//
// Nothing here decides anything on its own: a cut found here is only a guess, and a window is
// kept only when simdjson parses `[` + window + `]` as a valid array. That proves the guess, since
// JSON is read the same way from the same state: the window starts where an item starts, so if
// its text is complete items separated by commas in the window, it is in the page too. A wrong
// guess (a `},{"` inside a string, say) makes a window that does not parse, and another is tried.
#include <cstddef>
#include <string_view>

namespace ddbx::detail::item_windows {

inline constexpr std::size_t npos = std::string_view::npos;

constexpr bool json_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

constexpr std::size_t skip_space(std::string_view t, std::size_t i) noexcept {
  while (i < t.size() && json_space(t[i])) ++i;
  return i;
}

// Whether a key is one of DynamoDB's type names (S, N, B, SS, NS, BS, M, L, NULL, BOOL): the key
// after `},{"` in a list of values (`{"S":"a"},{"S":"b"}`), rarely the first attribute of an item.
constexpr bool type_name(std::string_view k) noexcept {
  return k == "S" || k == "N" || k == "B" || k == "SS" || k == "NS" || k == "BS" || k == "M" || k == "L" ||
         k == "NULL" || k == "BOOL";
}

// Whether t[c] == '}' looks like the end of an item of the array:
// - followed by `,` `{` `"key"` where the key is not a type name (the next item begins), or
// - followed by `]` that ends the text, or is followed by `,` (another member of the page), or by
//   `}` that ends the text (a list inside an item ends `]}` and more text follows).
constexpr bool item_end_at(std::string_view t, std::size_t c) noexcept {
  if (t[c] != '}') return false;
  std::size_t i = skip_space(t, c + 1);
  if (i >= t.size()) return false;
  if (t[i] == ',') {
    i = skip_space(t, i + 1);
    if (i >= t.size() || t[i] != '{') return false;
    i = skip_space(t, i + 1);
    if (i >= t.size() || t[i] != '"') return false;
    const std::size_t key = i + 1;
    const std::size_t close = t.find('"', key);
    if (close == npos) return false;
    return !type_name(t.substr(key, close - key));
  }
  if (t[i] != ']') return false;
  i = skip_space(t, i + 1);
  if (i == t.size() || t[i] == ',') return true;
  return t[i] == '}' && skip_space(t, i + 1) == t.size();
}

// The last guessed item end in [from, before), or npos.
constexpr std::size_t item_end_before(std::string_view t, std::size_t from, std::size_t before) noexcept {
  if (before > t.size()) before = t.size();
  for (std::size_t c = before; c > from;) {
    --c;
    c = t.rfind('}', c);
    if (c == npos || c < from) return npos;
    if (item_end_at(t, c)) return c;
  }
  return npos;
}

// The first guessed item end at or after `from`, or npos.
constexpr std::size_t item_end_after(std::string_view t, std::size_t from) noexcept {
  for (std::size_t c = from; c < t.size(); ++c) {
    c = t.find('}', c);
    if (c == npos) return npos;
    if (item_end_at(t, c)) return c;
  }
  return npos;
}

// The position of the `[` that opens the page's Items array, found as the text `"Items"` `:` `[`
// then `{` or `]`, whose first quote has no backslash before it (so it is not inside a string: a
// quote inside a string is escaped), or npos. It may still be a member of something nested; the
// caller checks that the page's own Items is there.
constexpr std::size_t items_array(std::string_view t) noexcept {
  constexpr std::string_view key = "\"Items\"";
  for (std::size_t k = t.find(key); k != npos; k = t.find(key, k + 1)) {
    if (k > 0 && t[k - 1] == '\\') continue;
    std::size_t i = skip_space(t, k + key.size());
    if (i >= t.size() || t[i] != ':') continue;
    i = skip_space(t, i + 1);
    if (i >= t.size() || t[i] != '[') continue;
    const std::size_t first = skip_space(t, i + 1);
    if (first < t.size() && (t[first] == '{' || t[first] == ']')) return i;
  }
  return npos;
}

}  // namespace ddbx::detail::item_windows
