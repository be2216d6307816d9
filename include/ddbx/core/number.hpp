#pragma once
// ddbx::number — an exact DynamoDB number: up to 38 significant digits, magnitude 1E-130 to
// 9.99…E+125 or zero, kept as text normalised the way the server does (`00042`→`42`,
// `1.50`→`1.5`, `1.5E2`→`150`, `-0`→`0`).
//
//   auto n = ddbx::number::parse("1.50E2");   // result<number>; n->text() == "150"
//   ddbx::number big{std::int64_t{-42}};      // exact from any integer
//   auto i = n->to<int>();                    // result<int>, checked
#include <charconv>
#include <compare>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

#include "ddbx/core/limits.hpp"
#include "ddbx/detail/float_math.hpp"
#include "ddbx/core/result.hpp"

namespace ddbx {

namespace detail {

// The pieces of a number text: [+-] int digits [. frac digits] [eE [+-] exponent digits].
struct number_syntax {
  bool negative = false;
  std::size_t int_begin = 0, int_end = 0, frac_begin = 0, frac_end = 0;
  long exp = 0;  // clamped near ±100000: far beyond any range check
};

// Splits `in` by DynamoDB's number grammar; false when it is not a number.
inline bool scan_number(std::string_view in, number_syntax& x) noexcept {
  std::size_t i = 0;
  const std::size_t n = in.size();
  if (i < n && (in[i] == '-' || in[i] == '+')) { x.negative = in[i] == '-'; ++i; }
  x.int_begin = i;
  while (i < n && in[i] >= '0' && in[i] <= '9') ++i;
  x.int_end = x.frac_begin = x.frac_end = i;
  if (i < n && in[i] == '.') {
    x.frac_begin = ++i;
    while (i < n && in[i] >= '0' && in[i] <= '9') ++i;
    x.frac_end = i;
  }
  if (x.int_end == x.int_begin && x.frac_end == x.frac_begin) return false;
  if (i < n && (in[i] == 'e' || in[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (in[i] == '-' || in[i] == '+')) { eneg = in[i] == '-'; ++i; }
    const std::size_t exp_begin = i;
    while (i < n && in[i] >= '0' && in[i] <= '9') {
      if (x.exp < 100000) x.exp = x.exp * 10 + (in[i] - '0');
      ++i;
    }
    if (i == exp_begin) return false;
    if (eneg) x.exp = -x.exp;
  }
  return i == n;
}

// Appends the normalised form of `in` to `out`; returns errc::ok or why it is not a DynamoDB number.
inline errc normalize_number(std::string_view in, std::string& out) {
  number_syntax x;
  if (!scan_number(in, x)) return errc::invalid_number;
  const bool neg = x.negative;
  const std::size_t int_begin = x.int_begin, int_end = x.int_end, frac_begin = x.frac_begin, frac_end = x.frac_end;
  const long exp = x.exp;

  // digits = int digits followed by frac digits; the decimal point sits after `point` of them.
  char digits[2 * 64];
  std::size_t len = 0;
  long point = static_cast<long>(int_end - int_begin) + exp;
  bool leading = true;
  auto all_zero = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
      if (in[k] != '0') return false;
    return true;
  };
  auto take = [&](char c) -> bool {
    if (leading && c == '0') { --point; return true; }
    leading = false;
    if (len == sizeof digits) return false;
    digits[len++] = c;
    return true;
  };
  for (std::size_t k = int_begin; k < int_end; ++k) {
    if (!take(in[k])) {
      // too many digits to hold: only fine if the rest are trailing zeros
      if (all_zero(k, int_end) && all_zero(frac_begin, frac_end))
        break;
      return errc::number_too_precise;
    }
  }
  // Every fraction digit is looked at, even when the buffer filled up on the integer part: a
  // non-zero digit past it is precision that cannot be kept ("1" + 127 zeros + ".5").
  for (std::size_t k = frac_begin; k < frac_end; ++k) {
    if (!take(in[k])) {
      if (all_zero(k, frac_end))
        break;
      return errc::number_too_precise;
    }
  }
  while (len > 0 && digits[len - 1] == '0') --len;
  if (len == 0) { out += '0'; return errc::ok; }
  if (len > limits::max_number_digits) return errc::number_too_precise;
  const long adjusted = point - 1;
  if (adjusted > limits::max_number_exponent || adjusted < limits::min_number_exponent)
    return errc::number_out_of_range;
  if (neg) out += '-';
  const long l = static_cast<long>(len);
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out.append(digits, len);
  } else if (point >= l && point > static_cast<long>(limits::max_number_digits)) {
    // An integer wider than 38 digits keeps its exponent: readers with 38-digit decimals
    // (boto3's DYNAMODB_CONTEXT traps Rounded) cannot take 126 written-out digits.
    out += digits[0];
    if (len > 1) { out += '.'; out.append(digits + 1, len - 1); }
    out += "E+";
    out += std::to_string(point - 1);
  } else if (point >= l) {
    out.append(digits, len);
    out.append(static_cast<std::size_t>(point - l), '0');
  } else {
    out.append(digits, static_cast<std::size_t>(point));
    out += '.';
    out.append(digits + point, static_cast<std::size_t>(l - point));
  }
  return errc::ok;
}

// Whether `t` is already the normalised text of its number, within DynamoDB's precision and range:
// [-](0|[1-9][0-9]*)[.[0-9]*[1-9]], not "-0", at most 38 characters (so at most 38 digits, and an
// exponent between -38 and 37). The usual answer's numbers are, and are then taken as they are.
inline bool is_normal_number_text(std::string_view t) noexcept {
  if (t.empty() || t.size() > limits::max_number_digits) return false;
  const char* p = t.data();
  const char* const end = p + t.size();
  if (*p == '-' && ++p == end) return false;
  if (*p == '0') {
    ++p;
    if (p == end) return t.size() == 1;  // "0", not "-0"
    if (*p != '.') return false;          // "012"
  } else {
    while (p != end && static_cast<unsigned char>(*p - '0') < 10) ++p;
    if (p == t.data() + (t.front() == '-')) return false;  // no digit before the point
    if (p == end) return true;
    if (*p != '.') return false;
  }
  ++p;  // past the point: digits, the last not zero
  if (p == end) return false;
  while (p != end && static_cast<unsigned char>(*p - '0') < 10) ++p;
  return p == end && end[-1] != '0';
}

// Checks `in` against DynamoDB's number grammar, precision and range without writing anything:
// the same answer as normalize_number, for readers that convert the text themselves.
inline errc check_number(std::string_view in) noexcept {
  number_syntax x;
  if (!scan_number(in, x)) return errc::invalid_number;
  const std::size_t int_begin = x.int_begin, int_end = x.int_end, frac_begin = x.frac_begin, frac_end = x.frac_end;
  const long exp = x.exp;
  // Significant digits run from the first to the last non-zero digit of int + frac digits.
  const std::size_t total = (int_end - int_begin) + (frac_end - frac_begin);
  auto digit = [&](std::size_t k) { return k < int_end - int_begin ? in[int_begin + k] : in[frac_begin + (k - (int_end - int_begin))]; };
  std::size_t first = 0;
  while (first < total && digit(first) == '0') ++first;
  if (first == total) return errc::ok;  // zero
  std::size_t last = total;
  while (digit(last - 1) == '0') --last;
  if (last - first > limits::max_number_digits) return errc::number_too_precise;
  const long adjusted = static_cast<long>(int_end - int_begin) - static_cast<long>(first) - 1 + exp;
  if (adjusted > limits::max_number_exponent || adjusted < limits::min_number_exponent) return errc::number_out_of_range;
  return errc::ok;
}

inline std::string_view number_error_text(errc c) {
  switch (c) {
    case errc::number_too_precise: return "more than 38 significant digits in a number";
    case errc::number_out_of_range: return "number out of range (1E-130 to 9.99E+125)";
    case errc::number_not_finite: return "NaN and infinity are not DynamoDB numbers";
    default: return "not a number";
  }
}

// DynamoDB's size of a number in bytes, from a normalised (or any exponent-free) text:
// 1 + ceil(int_digits/2) + ceil(frac_digits/2) + (negative ? 1 : 0), counting significant digits.
// One pass over the text (an encoder sizes every number it writes).
inline std::size_t number_size(std::string_view t) noexcept {
  const char* p = t.data();
  const char* const end = p + t.size();
  bool neg = false;
  if (p != end && (*p == '-' || *p == '+')) neg = *p++ == '-';
  auto digit = [](char c) { return static_cast<unsigned char>(c - '0') < 10; };
  const char* q = p;
  while (q != end && digit(*q)) ++q;
  // The usual text in one pass: no leading zero, and an integer or digits after a point whose last
  // is not a zero ("16949", "-490.1").
  if (q != p && *p != '0') {
    if (q == end) {
      const char* e = end;
      while (e[-1] == '0') --e;  // stops at *p at the latest
      return 1 + (static_cast<std::size_t>(e - p) + 1) / 2 + (neg ? 1 : 0);
    }
    if (*q == '.' && end[-1] != '0' && end - q > 1) {
      const char* r = q + 1;
      while (r != end && digit(*r)) ++r;
      if (r == end)
        return 1 + (static_cast<std::size_t>(q - p) + 1) / 2 + static_cast<std::size_t>(end - q) / 2 + (neg ? 1 : 0);
    }
  }
  const char* point = q;  // the point, or where the integer digits end
  const char* frac_end = end;
  if (q != end && *q == '.')
    for (++q; q != end && digit(*q);) ++q;
  if (q != end && *q == 'E') {  // a wide integer "d.ddd…E+x": every digit is whole
    std::size_t n = 0;
    for (const char* c = p; c != q; ++c) n += digit(*c);
    return 1 + (n + 1) / 2 + (neg ? 1 : 0);
  }
  const char* ib = p;
  const char* ie = point;
  const char* fb = point == end ? end : point + 1;
  while (ib != ie && *ib == '0') ++ib;
  while (frac_end != fb && frac_end[-1] == '0') --frac_end;
  if (frac_end == fb) while (ie != ib && ie[-1] == '0') --ie;
  if (ib == ie) while (fb != frac_end && *fb == '0') ++fb;
  const auto ni = static_cast<std::size_t>(ie - ib), nf = static_cast<std::size_t>(frac_end - fb);
  if (ni == 0 && nf == 0) return 1;
  return 1 + (ni + 1) / 2 + (nf + 1) / 2 + (neg ? 1 : 0);
}

// At least number_size of any number text of n characters: 1 + ceil(a / 2) + ceil(b / 2) (+ 1 for
// a minus) with a + b significant digits, of which there are at most n - 1 with a minus or a point.
// An encoder that only checks the 400 KB limit adds this for a ddbx::number and sizes the item
// exactly only when the sum passes the limit (write_item): sizing each number is 8 % of the time
// of encoding a ddbx::item.
constexpr std::size_t number_size_bound(std::size_t n) noexcept { return 2 + (n + 1) / 2; }

// Sign, adjusted exponent and significant digits (as text pieces) of a normalised number.
struct number_parts {
  bool negative = false;
  long adjusted = 0;
  std::string_view head, tail;  // significant digits = head + tail, no leading/trailing zeros
  bool zero() const { return head.empty() && tail.empty(); }
  char digit(std::size_t i) const { return i < head.size() ? head[i] : i - head.size() < tail.size() ? tail[i - head.size()] : '\0'; }
  std::size_t size() const { return head.size() + tail.size(); }
};

inline number_parts split_number(std::string_view t) noexcept {
  number_parts p;
  if (!t.empty() && t.front() == '-') { p.negative = true; t.remove_prefix(1); }
  if (std::size_t e = t.find('E'); e != std::string_view::npos) {
    long x = 0;
    for (char c : t.substr(e + 2)) x = x * 10 + (c - '0');
    p.adjusted = x;
    std::string_view m = t.substr(0, e);
    p.head = m.substr(0, 1);
    if (m.size() > 2) p.tail = m.substr(2);
    return p;
  }
  std::size_t dot = t.find('.');
  std::string_view ip = t.substr(0, dot), fp = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  if (ip != "0") {
    p.adjusted = static_cast<long>(ip.size()) - 1;
    if (fp.empty()) while (!ip.empty() && ip.back() == '0') ip.remove_suffix(1);
    p.head = ip;
    p.tail = fp;
  } else {
    std::size_t z = 0;
    while (z < fp.size() && fp[z] == '0') ++z;
    p.adjusted = -static_cast<long>(z) - 1;
    p.tail = fp.substr(z);
  }
  return p;
}

// Three-way comparison of two normalised number texts, by value.
inline std::strong_ordering compare_numbers(std::string_view a, std::string_view b) noexcept {
  const number_parts x = split_number(a), y = split_number(b);
  auto magnitude = [](const number_parts& p, const number_parts& q) -> std::strong_ordering {
    if (p.zero() || q.zero()) return !p.zero() <=> !q.zero();
    if (p.adjusted != q.adjusted) return p.adjusted <=> q.adjusted;
    for (std::size_t i = 0, n = p.size() > q.size() ? p.size() : q.size(); i < n; ++i)
      if (p.digit(i) != q.digit(i)) return p.digit(i) <=> q.digit(i);
    return std::strong_ordering::equal;
  };
  const bool xn = x.negative && !x.zero(), yn = y.negative && !y.zero();
  if (xn != yn) return xn ? std::strong_ordering::less : std::strong_ordering::greater;
  return xn ? magnitude(y, x) : magnitude(x, y);
}

}  // namespace detail

namespace detail {
// Whether a std::string holds a short text in itself (so "0" never allocates): every standard
// library's string but libstdc++'s old copy-on-write one (_GLIBCXX_USE_CXX11_ABI=0).
#if defined(_GLIBCXX_USE_CXX11_ABI) && !_GLIBCXX_USE_CXX11_ABI
inline constexpr bool short_text_in_place = false;
#else
inline constexpr bool short_text_in_place = true;
#endif
}  // namespace detail

class number {
 public:
  number() noexcept(detail::short_text_in_place) : text_("0") {}
  template <std::integral I>
    requires(!std::same_as<I, bool>)
  number(I v) {  // NOLINT: exact, so implicit is safe
    char buf[48];  // 128 bits: a sign and 39 digits
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    text_.assign(buf, r.ptr);
    // Up to 64 bits is always DynamoDB text of at most 38 digits. A wider one is normalised (past
    // 38 digits an exponent, as parse() writes), or, with more than 38 significant digits,
    // invalid(), as a NaN given to ddbx::value is: every encoder refuses it with the reason.
    if constexpr (sizeof(I) > 8) {
      std::string normal;
      if (detail::normalize_number(text_, normal) == errc::ok) text_ = std::move(normal);
      else text_.insert(0, 1, '!');
    }
  }

  // Parses and normalises any DynamoDB number text ("-0012.50e1" → "-125").
  static result<number> parse(std::string_view text) {
    number n{std::string()};
    if (errc c = n.assign(text); c != errc::ok)
      return make_error(c, std::string(detail::number_error_text(c)) + ": \"" + std::string(text.substr(0, 64)) + "\"");
    return n;
  }
  // parse() into this number, reusing its storage (a page decoded over the last); on an error the
  // number is unchanged and the error's code returned.
  errc assign(std::string_view text) {
    if (detail::is_normal_number_text(text)) {  // "42", "-7.25": already what normalising gives
      const auto own = reinterpret_cast<std::uintptr_t>(text_.data()), from = reinterpret_cast<std::uintptr_t>(text.data());
      if (own <= from && from <= own + text_.size()) {
        text_.assign(text.data(), text.size());  // a part of its own text
      } else {
        text_.clear();  // then a copy into the string's room (at most 38 bytes): assign() goes through
        text_.append(text.data(), text.size());  // the general _M_replace, about 100 instructions
      }
      return errc::ok;
    }
    std::string normal;
    if (errc c = detail::normalize_number(text, normal); c != errc::ok) return c;
    text_ = std::move(normal);
    return errc::ok;
  }
  // Shortest text that reads back as `d`; NaN, infinities and values out of DynamoDB's range are errors.
  // A float is read as the float it is ("0.1f" → "0.1"), not widened first.
  template <std::floating_point F>
    requires(sizeof(F) <= sizeof(double))
  static result<number> from_floating(F d) {
    if (!detail::is_finite(d)) return make_error(errc::number_not_finite, std::string(detail::number_error_text(errc::number_not_finite)));
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    auto n = parse(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    if (!n && n.error().code == errc::number_out_of_range) {  // 9.9999999999999992e125's shortest text is
      r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific, 16);  // 1e+126: 17 digits are not
      return parse(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    }
    return n;
  }
  // (A template only so that a translation unit that never calls it does not compile
  // from_floating<double>: some 13 M compiler instructions in every TU of the expression headers.)
  template <class = void>
  static result<number> from_double(double d) { return from_floating(d); }

  // The number a float or double stands for, or an invalid() one that every encoder refuses
  // (for ddbx::value, whose constructors cannot fail).
  template <std::floating_point F>
    requires(sizeof(F) <= sizeof(double))
  static number from_floating_or_invalid(F d) {
    auto r = from_floating(d);
    if (r) return std::move(*r);
    number n;
    n.text_ = "!";
    char buf[32];
    auto t = std::to_chars(buf, buf + sizeof buf, d);
    n.text_.append(buf, t.ptr);
    return n;
  }
  // Why an invalid() number is not one: "NaN and infinity are not DynamoDB numbers: nan".
  std::string invalid_reason() const {
    return std::string(detail::number_error_text(invalid_code())) + ": " + text_.substr(1);
  }
  errc invalid_code() const noexcept {
    if (valid()) return errc::ok;
    const std::string_view t = std::string_view(text_).substr(1);
    return t.find_first_of("ni") != std::string_view::npos ? errc::number_not_finite : detail::check_number(t);
  }

  // Not a DynamoDB number: holds what it was made from (NaN, 1e300) until an encoder refuses it.
  // Only ddbx::value's floating-point constructor makes one, since a constructor cannot fail.
  bool valid() const noexcept { return text_.front() != '!'; }

  std::string_view text() const noexcept { return text_; }
  const std::string& str() const noexcept { return text_; }
  bool is_integer() const noexcept { return text_.find('.') == std::string::npos || text_.find('E') != std::string::npos; }
  bool is_negative() const noexcept { return text_.front() == '-'; }

  // Checked conversion: a fraction is not_an_integer, a value beyond I is integer_out_of_range.
  template <std::integral I>
  result<I> to() const {
    if (!valid()) return make_error(invalid_code(), invalid_reason());
    if (!is_integer()) return make_error(errc::not_an_integer, "number " + text_ + " has a fraction");
    std::string_view t = text_;
    char wide[48];  // an integer past 38 digits is "-d.ddd…E+x": written out for a 128-bit type
    if (const std::size_t e = t.find('E'); e != std::string_view::npos) {
      long x = 0;  // "E+38" or more: normalised text writes no smaller exponent
      for (char c : t.substr(e + 1))
        if (c >= '0' && c <= '9') x = x * 10 + (c - '0');
      std::size_t n = 0;
      for (char c : t.substr(0, e))
        if (c != '.') wide[n++] = c;
      const std::size_t digits = n - (t.front() == '-');
      if (sizeof(I) <= 8 || x + 1 > 39 || static_cast<std::size_t>(x + 1) < digits)
        return make_error(errc::integer_out_of_range, "number " + text_ + " does not fit the integer type");
      for (std::size_t z = digits; z < static_cast<std::size_t>(x + 1); ++z) wide[n++] = '0';
      t = std::string_view(wide, n);
    }
    I v{};
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc{} || r.ptr != t.data() + t.size())
      return make_error(errc::integer_out_of_range, "number " + text_ + " does not fit the integer type");
    return v;
  }
  // Nearest double (DynamoDB's range always fits).
  double to_double() const noexcept {
    double d = 0;
    const std::size_t from = valid() ? 0 : 1;  // an invalid() number gives back its double
    std::from_chars(text_.data() + from, text_.data() + text_.size(), d);
    return d;
  }

  friend bool operator==(const number& a, const number& b) noexcept { return a.text_ == b.text_; }
  friend std::strong_ordering operator<=>(const number& a, const number& b) noexcept {
    return detail::compare_numbers(a.text_, b.text_);
  }

 private:
  explicit number(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace ddbx

template <>
struct std::hash<ddbx::number> {
  std::size_t operator()(const ddbx::number& n) const noexcept { return std::hash<std::string_view>{}(n.text()); }
};
