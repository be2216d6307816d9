#pragma once
// An append cursor over a caller's std::string: the string's storage is exposed once and
// written through a raw pointer, so small pieces cost a compare and a store rather than an
// out-of-line std::string::append each. finish() trims the string to what was written;
// rollback() restores it to where it started.
//
// The string is lengthened in steps that double what this sink has written, up to 16 KiB a step
// (the string's own capacity still grows geometrically). Under C++23 the new bytes are not zeroed
// (std::string::resize_and_overwrite: they are written before they are read, and finish() trims
// what was not); C++20 has no way around resize's zeroing, so there each step's new bytes are
// zeroed once, just before they are written: a reused body with a large capacity is not
// zero-filled to its capacity on every call, only about as far as it is written.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace ddbx::detail {

// Lengthens `s` to n bytes (n >= its size); the new bytes are for the caller to write.
inline void lengthen_for_writing(std::string& s, std::size_t n) {
#if defined(__cpp_lib_string_resize_and_overwrite)
  s.resize_and_overwrite(n, [](char*, std::size_t k) noexcept { return k; });
#else
  s.resize(n);
#endif
}

class sink {
 public:
  // `room`: the bytes the caller expects to write (more are made room for as they come).
  explicit sink(std::string& s, std::size_t room = initial_room) : s_(s), mark_(s.size()) {
    lengthen_for_writing(s_, mark_ + room);
    p_ = s_.data() + mark_;
    end_ = s_.data() + s_.size();
  }
  sink(const sink&) = delete;
  sink& operator=(const sink&) = delete;

  // Room for n more bytes at cursor().
  void ensure(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
  }
  char* cursor() noexcept { return p_; }
  void advance_to(char* p) noexcept { p_ = p; }

  [[gnu::always_inline]] void append(const char* d, std::size_t n) {
    ensure(n);
    std::memcpy(p_, d, n);
    p_ += n;
  }
  void append(std::string_view v) { append(v.data(), v.size()); }
  template <std::size_t N>
  void literal(const char (&d)[N]) {
    append(d, N - 1);
  }
  sink& operator+=(char c) {
    ensure(1);
    *p_++ = c;
    return *this;
  }

  std::size_t written() const noexcept { return static_cast<std::size_t>(p_ - s_.data()) - mark_; }
  void finish() { s_.resize(static_cast<std::size_t>(p_ - s_.data())); }
  void rollback() {
    s_.resize(mark_);
    p_ = end_ = nullptr;
  }

 private:
  static constexpr std::size_t initial_room = 64;
  static constexpr std::size_t max_step = std::size_t{16} * 1024;

  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t used = static_cast<std::size_t>(p_ - s_.data());
    // Twice this sink's room, but at most max_step more at a time: the string's own capacity
    // still grows geometrically, and under C++20 the zeroed bytes are written while in cache.
    std::size_t step = s_.size() - mark_;
    if (step > max_step) step = max_step;
    if (step < n + initial_room) step = n + initial_room;
    lengthen_for_writing(s_, used + step);
    p_ = s_.data() + used;
    end_ = s_.data() + s_.size();
  }

  std::string& s_;
  std::size_t mark_;
  char* p_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace ddbx::detail
