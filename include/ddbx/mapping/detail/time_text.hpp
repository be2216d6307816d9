#pragma once
// ISO-8601 UTC text for std::chrono::system_clock::time_point, with a fixed nine-digit fraction so
// that text order is time order: "2024-06-01T12:34:56.000000000Z".
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ddbx::detail {

inline constexpr std::size_t time_text_size = 30;

// Writes 30 characters; false when the year is outside 0000..9999 (nothing is written then).
template <class Duration>
bool format_time(std::chrono::sys_time<Duration> tp, char* o) {
  using namespace std::chrono;
  // Whole seconds toward zero, then one second back for a negative rest: nothing here can
  // overflow, not even at Duration::min() (floor<seconds> followed by a subtraction could).
  const Duration d = tp.time_since_epoch();
  seconds secs = duration_cast<seconds>(d);
  Duration below = d - duration_cast<Duration>(secs);
  if (below < Duration::zero()) {
    below += duration_cast<Duration>(seconds{1});
    secs -= seconds{1};
  }
  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z
  if (secs < seconds{-62167219200} || secs > seconds{253402300799}) return false;
  const auto days_part = floor<days>(secs);
  const year_month_day ymd{sys_days{days_part}};
  const std::int64_t rest = (secs - days_part).count();  // 0 .. 86399
  const std::int64_t frac = floor<nanoseconds>(below).count();
  auto put = [&](std::int64_t v, int width) {
    for (int k = width - 1; k >= 0; --k) { o[k] = static_cast<char>('0' + v % 10); v /= 10; }
    o += width;
  };
  put(static_cast<int>(ymd.year()), 4); *o++ = '-';
  put(static_cast<unsigned>(ymd.month()), 2); *o++ = '-';
  put(static_cast<unsigned>(ymd.day()), 2); *o++ = 'T';
  put(rest / 3600, 2); *o++ = ':';
  put(rest / 60 % 60, 2); *o++ = ':';
  put(rest % 60, 2); *o++ = '.';
  put(frac, 9); *o++ = 'Z';
  return true;
}

// Accepts "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z" (also a lower-case t/z) naming a time that Duration
// ticks can hold (system_clock's nanoseconds: 1677-09-21T00:12:43.145224192Z ..
// 2262-04-11T23:47:16.854775807Z); a fraction finer than a tick is floored. With `any_offset`, also
// RFC 3339's "+HH:MM"/"-HH:MM" in place of Z (the time is converted to UTC). False on anything else.
template <class Duration>
bool parse_time(std::string_view s, std::chrono::sys_time<Duration>& out, bool any_offset = false) {
  using namespace std::chrono;
  std::size_t i = 0;
  auto num = [&](int width, int& v) {
    if (i + static_cast<std::size_t>(width) > s.size()) return false;
    v = 0;
    for (int k = 0; k < width; ++k, ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  auto lit = [&](char a, char b = 0) {
    if (i < s.size() && (s[i] == a || (b && s[i] == b))) { ++i; return true; }
    return false;
  };
  int y, mo, d, h, mi, se;
  if (!(num(4, y) && lit('-') && num(2, mo) && lit('-') && num(2, d) && lit('T', 't') && num(2, h) && lit(':') &&
        num(2, mi) && lit(':') && num(2, se)))
    return false;
  std::int64_t frac = 0;
  if (lit('.')) {
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 9) { frac = frac * 10 + (s[i++] - '0'); ++digits; }
    if (digits == 0) return false;
    for (; digits < 9; ++digits) frac *= 10;
  }
  seconds offset{0};  // local time minus UTC
  if (!lit('Z', 'z')) {
    if (!any_offset || i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
    const bool west = s[i++] == '-';
    int oh, om;
    if (!(num(2, oh) && lit(':') && num(2, om)) || oh > 23 || om > 59) return false;
    offset = hours{oh} + minutes{om};
    if (west) offset = -offset;
  }
  if (i != s.size()) return false;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return false;
  // Seconds of years 0000..9999 fit 64 bits; Duration's ticks may not: range-check in whole
  // seconds, then the fraction against the partial second at either end.
  const seconds secs = sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} + seconds{se} - offset;
  const Duration f = floor<Duration>(nanoseconds{frac});
  const seconds last = floor<seconds>(Duration::max());  // whole in Duration, as is `first`
  const seconds first = ceil<seconds>(Duration::min());
  if (secs > last || secs + seconds{1} < first) return false;
  if (secs == last && f > Duration::max() - duration_cast<Duration>(last)) return false;
  if (secs < first) {  // the second before `first`: only its part from Duration::min() on
    const Duration back = duration_cast<Duration>(seconds{1}) - f;  // (0, 1 s]
    if (back > duration_cast<Duration>(first) - Duration::min()) return false;
    out = sys_time<Duration>{duration_cast<Duration>(first) - back};
    return true;
  }
  out = sys_time<Duration>{duration_cast<Duration>(secs) + f};
  return true;
}

}  // namespace ddbx::detail
