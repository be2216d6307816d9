#pragma once
// ddbx::result<T> — a value or a ddbx::error. The non-throwing API returns it everywhere;
// value() throws ddbx::exception when exceptions are enabled (and aborts with the message
// when they are not). std::expected is C++23, so this is ours, with its vocabulary: value_or,
// and_then, transform, or_else — enough to write -fno-exceptions code without macros.
//
//   ddbx::result<int> r = ...;
//   if (!r) log(r.error().path, r.error().message);
//   int v = *r;                       // unchecked
//   int w = r.value();                // throws ddbx::exception on error
//   int x = r.value_or(0);
//   auto age = users.get_item(k).send().transform([](auto g) { return g.item ? g.item->age : 0; });
//
// value() on an rvalue result returns the value itself, not a reference into the temporary, so
// `for (auto& u : users.query(…).send().value().items)` is safe (the loop keeps the temporary).

#include <cstdio>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

#include "ddbx/core/error.hpp"

namespace ddbx {

template <class T>
class result;

namespace detail {
// std::invoke without <functional>, which would bring <unordered_map> and the searchers into every
// translation unit that includes ddbx: a callable, or a pointer to a member of the (first) argument.
template <class F, class... A>
constexpr decltype(auto) invoke(F&& f, A&&... a) {
  if constexpr (std::is_member_pointer_v<std::remove_cvref_t<F>>) {
    return [&]<class O, class... R>(O&& o, R&&... r) -> decltype(auto) {
      if constexpr (std::is_member_function_pointer_v<std::remove_cvref_t<F>>) return (std::forward<O>(o).*f)(std::forward<R>(r)...);
      else return (std::forward<O>(o).*f);
    }(std::forward<A>(a)...);
  } else {
    return std::forward<F>(f)(std::forward<A>(a)...);
  }
}
template <class R>
inline constexpr bool is_result = false;
template <class T>
inline constexpr bool is_result<result<T>> = true;

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
  // A value-initialized T, as before (std::variant<T, error> did that).
  result() requires std::is_default_constructible_v<T> : ok_(true) { ::new (static_cast<void*>(&value_)) T(); }
  result(const T& v) : ok_(true) { ::new (static_cast<void*>(&value_)) T(v); }                  // NOLINT
  result(T&& v) : ok_(true) { ::new (static_cast<void*>(&value_)) T(std::move(v)); }             // NOLINT
  result(ddbx::error e) : ok_(false) { ::new (static_cast<void*>(&error_)) ddbx::error(std::move(e)); }  // NOLINT
  template <class U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, result> &&
             !std::is_same_v<std::remove_cvref_t<U>, ddbx::error> && !std::is_same_v<std::remove_cvref_t<U>, T>)
  result(U&& v) : ok_(true) { ::new (static_cast<void*>(&value_)) T(std::forward<U>(v)); }       // NOLINT

  result(const result& o) requires std::is_copy_constructible_v<T> : ok_(o.ok_) { construct_from(o); }
  result(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) requires std::is_move_constructible_v<T>
      : ok_(o.ok_) {
    construct_from(std::move(o));
  }
  result& operator=(const result& o) requires std::is_copy_constructible_v<T> && std::is_copy_assignable_v<T> {
    if (this != &o) assign_from(o);
    return *this;
  }
  result& operator=(result&& o) noexcept(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_assignable_v<T>)
    requires std::is_move_constructible_v<T> && std::is_move_assignable_v<T>
  {
    if (this != &o) assign_from(std::move(o));
    return *this;
  }
  ~result() { destroy(); }

  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }

  T& operator*() & noexcept { return value_; }
  const T& operator*() const& noexcept { return value_; }
  T&& operator*() && noexcept { return std::move(value_); }
  T* operator->() noexcept { return &value_; }
  const T* operator->() const noexcept { return &value_; }

  T& value() & { check(); return **this; }
  const T& value() const& { check(); return **this; }
  T value() && { check(); return std::move(**this); }

  const ddbx::error& error() const& noexcept { return error_; }
  ddbx::error&& error() && noexcept { return std::move(error_); }

  // The value, or `fallback` on an error.
  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? **this : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  T value_or(U&& fallback) && {
    return has_value() ? std::move(**this) : static_cast<T>(std::forward<U>(fallback));
  }

  // f(value) → result<U>, or the error passed on.
  template <class F>
  auto and_then(F&& f) const& { return bind(*this, std::forward<F>(f)); }
  template <class F>
  auto and_then(F&& f) && { return bind(std::move(*this), std::forward<F>(f)); }
  // f(value) → U, as result<U> (result<void> when f returns nothing), or the error passed on.
  template <class F>
  auto transform(F&& f) const& { return map(*this, std::forward<F>(f)); }
  template <class F>
  auto transform(F&& f) && { return map(std::move(*this), std::forward<F>(f)); }
  // f(error) → result<T> (recover or replace the error), or the value passed on.
  template <class F>
  result or_else(F&& f) const& { return has_value() ? *this : result(detail::invoke(std::forward<F>(f), error())); }
  template <class F>
  result or_else(F&& f) && {
    return has_value() ? std::move(*this) : result(detail::invoke(std::forward<F>(f), std::move(*this).error()));
  }

 private:
  void check() const { if (!has_value()) detail::fail_value_access(error()); }

  template <class Self, class F>
  static auto bind(Self&& self, F&& f) {
    using R = std::remove_cvref_t<std::invoke_result_t<F, decltype(*std::forward<Self>(self))>>;
    static_assert(detail::is_result<R>, "and_then: the function must return a ddbx::result<U> (use transform for a plain value)");
    if (!self.has_value()) return R(std::forward<Self>(self).error());
    return detail::invoke(std::forward<F>(f), *std::forward<Self>(self));
  }
  template <class Self, class F>
  static auto map(Self&& self, F&& f) {
    using U = std::remove_cvref_t<std::invoke_result_t<F, decltype(*std::forward<Self>(self))>>;
    if (!self.has_value()) return result<U>(std::forward<Self>(self).error());
    if constexpr (std::is_void_v<U>) {
      detail::invoke(std::forward<F>(f), *std::forward<Self>(self));
      return result<U>();
    } else {
      return result<U>(detail::invoke(std::forward<F>(f), *std::forward<Self>(self)));
    }
  }

  // The value or the error, as std::variant<T, error> would hold them, without instantiating it
  // (most of the expression layer's compile time was spent in std::variant's machinery).
  template <class R>
  void construct_from(R&& o) {
    if (ok_) ::new (static_cast<void*>(&value_)) T(std::forward<R>(o).value_);
    else ::new (static_cast<void*>(&error_)) ddbx::error(std::forward<R>(o).error_);
  }
  template <class R>
  void assign_from(R&& o) {
    if (ok_ && o.ok_) {
      value_ = std::forward<R>(o).value_;
    } else if (!ok_ && !o.ok_) {
      error_ = std::forward<R>(o).error_;
    } else if (o.ok_) {  // error -> value: build the value first, so a throwing copy leaves the error
      T v(std::forward<R>(o).value_);
      error_.~error();
      ::new (static_cast<void*>(&value_)) T(std::move(v));
      ok_ = true;
    } else {  // value -> error: copying an error may throw, a move does not
      ddbx::error e(std::forward<R>(o).error_);
      value_.~T();
      ::new (static_cast<void*>(&error_)) ddbx::error(std::move(e));
      ok_ = false;
    }
  }
  void destroy() noexcept {
    if (ok_) value_.~T();
    else error_.~error();
  }

  union {
    T value_;
    ddbx::error error_;
  };
  bool ok_;
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

  // f() → result<U> after success, or the error passed on.
  template <class F>
  auto and_then(F&& f) const {
    using R = std::remove_cvref_t<std::invoke_result_t<F>>;
    static_assert(detail::is_result<R>, "and_then: the function must return a ddbx::result<U> (use transform for a plain value)");
    if (failed_) return R(error_);
    return detail::invoke(std::forward<F>(f));
  }
  // f() → U, as result<U>, or the error passed on.
  template <class F>
  auto transform(F&& f) const {
    using U = std::remove_cvref_t<std::invoke_result_t<F>>;
    if (failed_) return result<U>(error_);
    if constexpr (std::is_void_v<U>) {
      detail::invoke(std::forward<F>(f));
      return result<U>();
    } else {
      return result<U>(detail::invoke(std::forward<F>(f)));
    }
  }
  // f(error) → result<void>, or success passed on.
  template <class F>
  result or_else(F&& f) const {
    return failed_ ? result(detail::invoke(std::forward<F>(f), error_)) : result();
  }

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
