#pragma once
// ddbx::result<T> — a value or a ddbx::error. The non-throwing API returns it everywhere;
// value() throws ddbx::exception when exceptions are enabled (and aborts with the message
// when they are not). std::expected is C++23, so this is ours.
//
//   ddbx::result<int> r = ...;
//   if (!r) log(r.error().path, r.error().message);
//   int v = *r;                       // unchecked
//   int w = r.value();                // throws ddbx::exception on error

#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

#include "ddbx/core/error.hpp"

namespace ddbx {

namespace detail {
[[noreturn]] inline void fail_value_access(const error& e) {
#if defined(__cpp_exceptions)
  throw exception(e);
#else
  std::fprintf(stderr, "ddbx: value() on an error result: %s\n", e.what_text().c_str());
  std::abort();
#endif
}
}  // namespace detail

template <class T>
class [[nodiscard]] result {
 public:
  using value_type = T;
  result(const T& v) : data_(std::in_place_index<0>, v) {}                       // NOLINT
  result(T&& v) : data_(std::in_place_index<0>, std::move(v)) {}                  // NOLINT
  result(ddbx::error e) : data_(std::in_place_index<1>, std::move(e)) {}              // NOLINT
  template <class U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, result> &&
             !std::is_same_v<std::remove_cvref_t<U>, ddbx::error> && !std::is_same_v<std::remove_cvref_t<U>, T>)
  result(U&& v) : data_(std::in_place_index<0>, std::forward<U>(v)) {}           // NOLINT

  bool has_value() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() & noexcept { return *std::get_if<0>(&data_); }
  const T& operator*() const& noexcept { return *std::get_if<0>(&data_); }
  T&& operator*() && noexcept { return std::move(*std::get_if<0>(&data_)); }
  T* operator->() noexcept { return std::get_if<0>(&data_); }
  const T* operator->() const noexcept { return std::get_if<0>(&data_); }

  T& value() & { check(); return **this; }
  const T& value() const& { check(); return **this; }
  T&& value() && { check(); return std::move(**this); }

  const ddbx::error& error() const& noexcept { return *std::get_if<1>(&data_); }
  ddbx::error&& error() && noexcept { return std::move(*std::get_if<1>(&data_)); }

 private:
  void check() const { if (!has_value()) detail::fail_value_access(error()); }
  std::variant<T, ddbx::error> data_;
};

// result<void>: success or an error.
template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(ddbx::error e) : error_(std::move(e)), failed_(true) {}  // NOLINT
  bool has_value() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return !failed_; }
  void value() const { if (failed_) detail::fail_value_access(error_); }
  const ddbx::error& error() const& noexcept { return error_; }
  ddbx::error&& error() && noexcept { return std::move(error_); }
 private:
  ddbx::error error_{};
  bool failed_ = false;
};

using status = result<void>;

inline error make_error(errc code, std::string message, std::string path = {}) {
  error e;
  e.code = code;
  e.path = std::move(path);
  e.message = std::move(message);
  return e;
}

}  // namespace ddbx
