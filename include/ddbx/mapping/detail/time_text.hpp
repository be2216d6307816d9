#pragma once
// ISO-8601 UTC text for std::chrono::system_clock::time_point, with a fixed nine-digit fraction so
// that text order is time order: "2024-06-01T12:34:56.000000000Z".
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ddbx::detail {

inline constexpr std::size_t time_text_size = 30;

// Writes 30 characters; false when the year is outside 0000..9999.
inline bool format_time(std::chrono::system_clock::time_point tp, char* o) {
  using namespace std::chrono;
  const auto ns = duration_cast<nanoseconds>(tp.time_since_epoch());
  const auto days_part = floor<days>(nanoseconds(ns));
  const year_month_day ymd{sys_days{days_part}};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) return false;
  std::int64_t rest = (ns - days_part).count();  // 0 .. 86399999999999
  const std::int64_t frac = rest % 1000000000;
  std::int64_t secs = rest / 1000000000;
  auto put = [&](std::int64_t v, int width) {
    for (int k = width - 1; k >= 0; --k) { o[k] = static_cast<char>('0' + v % 10); v /= 10; }
    o += width;
  };
  put(y, 4); *o++ = '-';
  put(static_cast<unsigned>(ymd.month()), 2); *o++ = '-';
  put(static_cast<unsigned>(ymd.day()), 2); *o++ = 'T';
  put(secs / 3600, 2); *o++ = ':';
  put(secs / 60 % 60, 2); *o++ = ':';
  put(secs % 60, 2); *o++ = '.';
  put(frac, 9); *o++ = 'Z';
  return true;
}

// Accepts "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z" (also a lower-case t/z); false on anything else.
inline bool parse_time(std::string_view s, std::chrono::system_clock::time_point& out) {
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
  if (!lit('Z', 'z') || i != s.size()) return false;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 59) return false;
  const auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} + nanoseconds{frac};
  out = time_point_cast<system_clock::duration>(t);
  return true;
}

}  // namespace ddbx::detail
