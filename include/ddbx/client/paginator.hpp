#pragma once
// Paginators for Query and Scan with boto3's PaginationConfig: PageSize sets Limit, MaxItems caps
// the items (cutting a page if needed), StartingToken resumes — tokens are boto3's own format, so
// a ddbx token resumes a boto3 paginator and the reverse.
//
//   auto pages = ddbx::paginate(users.query(key<&user::username> == "johndoe"),
//                               {.max_items = 2, .page_size = 2});
//   for (auto& page : pages.pages()) use(page.items, page.count);     // range-for over pages
//   for (auto& u : ddbx::paginate(users.scan()).items()) use(u);      // or over every item
//   std::optional<std::string> next = pages.resume_token();          // NextToken
//   auto all = ddbx::paginate(users.scan()).build_full_result();      // every page merged
//   while (auto p = pages.next().value()) …;                          // one page at a time
//
// A range-for ends at the first error: with exceptions enabled it is thrown (ddbx::exception,
// like value()); either way failure() holds it afterwards, so -fno-exceptions code checks
//   if (const ddbx::error* e = pages.failure()) …;                   // the loop did not finish
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/client/pagination_token_decode.hpp"
#include "ddbx/ops/detail/read_request.hpp"

namespace ddbx {

namespace detail {
template <class>
inline constexpr bool dependent_false = false;
}  // namespace detail

struct pagination_config {
  // Every member has a default, so `{.max_items = 2}` is warning-free (-Wmissing-field-initializers).
  std::optional<std::size_t> max_items = {};        // MaxItems
  std::optional<std::uint32_t> page_size = {};      // PageSize (Limit of each request)
  std::optional<std::string> starting_token = {};   // StartingToken
};

// boto3's build_full_result(): the items of every page, Count and ScannedCount summed, and the
// NextToken when MaxItems stopped early.
template <class U>
struct full_result {
  std::vector<U> items;
  std::size_t count = 0;
  std::size_t scanned_count = 0;
  std::optional<std::string> next_token;
};

template <class Request, class U = typename Request::item_type, decode_options O = decode_options{}>
class [[nodiscard("a paginator reads nothing until it is iterated or next()/build_full_result() is called")]] paginator {
 public:
  paginator(Request request, pagination_config config) : request_(std::move(request)), config_(std::move(config)) {
    if (config_.starting_token) {
      auto t = decode_pagination_token(*config_.starting_token);
      if (!t) {
        pending_error_ = std::move(t).error();
        return;
      }
      current_key_ = std::move(t->exclusive_start_key);
      starting_truncation_ = t->truncate_amount;
      request_.exclusive_start_key(current_key_);
    }
    if (config_.page_size) request_.limit(*config_.page_size);
  }

  // The next page, or an empty optional after the last one.
  result<std::optional<query_result<U>>> next() {
    if (pending_error_.code != errc::ok) return pending_error_;
    if (done_) return std::optional<query_result<U>>{};
    auto r = request_.template send<U, O>();
    if (!r) return std::move(r).error();
    query_result<U> page = std::move(*r);
    std::size_t skip = 0;
    if (first_) {
      first_ = false;
      if (config_.starting_token) {
        skip = std::min(starting_truncation_, page.items.size());
        page.items.erase(page.items.begin(), page.items.begin() + static_cast<std::ptrdiff_t>(skip));
      }
    } else {
      starting_truncation_ = 0;
    }
    const std::size_t n = page.items.size();
    if (config_.max_items && returned_ + n > *config_.max_items) {
      const std::size_t keep = *config_.max_items - returned_;
      page.items.resize(keep);
      resume_ = pagination_token{current_key_, keep + starting_truncation_};
      done_ = true;
      returned_ += keep;
      return std::optional<query_result<U>>(std::move(page));
    }
    returned_ += n;
    if (!page.last_evaluated_key) {
      done_ = true;
    } else if (current_key_ && *page.last_evaluated_key == *current_key_) {
      // The key this page was asked from came back: the next request would be this one again, and
      // its items again, forever (a faulty server or proxy). This page is kept; the next call fails,
      // as boto3's paginator does ("The same next token was received twice").
      pending_error_ = make_error(errc::malformed_response,
                                  "the LastEvaluatedKey is the ExclusiveStartKey it answers: the next page would be "
                                  "this one again",
                                  "LastEvaluatedKey");
    } else if (config_.max_items && returned_ == *config_.max_items) {
      resume_ = pagination_token{page.last_evaluated_key, 0};
      done_ = true;
    } else {
      current_key_ = page.last_evaluated_key;
      request_.exclusive_start_key(current_key_);
    }
    return std::optional<query_result<U>>(std::move(page));
  }

  // Where a later paginator (ddbx or boto3) would resume: set when MaxItems stopped the pages.
  std::optional<std::string> resume_token() const {
    if (!resume_) return std::nullopt;
    auto t = encode_pagination_token(*resume_);
    if (!t) return std::nullopt;
    return std::move(*t);
  }
  const std::optional<pagination_token>& resume_position() const noexcept { return resume_; }

  // Range-for over the pages (query_result<U>&) and over the items (U&) of what is left. On a
  // temporary (`for (auto& u : paginate(…).items())`) the range keeps the paginator alive; without
  // exceptions that form does not compile, as its failure() could not be read after the loop.
  class page_range;
  class item_range;
  page_range pages() & { return page_range(this); }
  item_range items() & { return item_range(this); }
#if defined(__cpp_exceptions)
  page_range pages() && { return page_range(std::move(*this)); }
  item_range items() && { return item_range(std::move(*this)); }
#else
  template <class Unused = void>
  page_range pages() && {
    static_assert(detail::dependent_false<Unused>,
                  "without exceptions, keep the paginator in a variable and check failure() after the loop");
  }
  template <class Unused = void>
  item_range items() && {
    static_assert(detail::dependent_false<Unused>,
                  "without exceptions, keep the paginator in a variable and check failure() after the loop");
  }
#endif
  // The error that ended a range-for early, or null.
  const ddbx::error* failure() const noexcept { return failure_ ? &*failure_ : nullptr; }

  result<full_result<U>> build_full_result() {
    full_result<U> all;
    for (;;) {
      auto p = next();
      if (!p) return std::move(p).error();
      if (!*p) break;
      auto& page = **p;
      all.count += page.count;
      all.scanned_count += page.scanned_count;
      for (auto& it : page.items) all.items.push_back(std::move(it));
    }
    all.next_token = resume_token();
    return all;
  }

 private:
  Request request_;
  pagination_config config_;
  error pending_error_{};  // what next() returns: a StartingToken that does not decode, a key that came back
  std::optional<item> current_key_;  // the ExclusiveStartKey of the request being made
  std::size_t starting_truncation_ = 0;
  std::size_t returned_ = 0;
  bool first_ = true;
  bool done_ = false;
  std::optional<pagination_token> resume_;
  std::optional<query_result<U>> current_;  // the page a range-for is on
  std::optional<ddbx::error> failure_;

  // Fetches the next page into current_: false after the last page or on an error.
  bool advance() {
    auto r = next();
    if (!r) {
      current_.reset();
      failure_ = std::move(r).error();
#if defined(__cpp_exceptions)
      throw exception(*failure_);
#else
      return false;
#endif
    }
    current_ = std::move(*r);
    return current_.has_value();
  }
};

template <class Request, class U, decode_options O>
class paginator<Request, U, O>::page_range {
 public:
  class iterator {
   public:
    using value_type = query_result<U>;
    using difference_type = std::ptrdiff_t;
    explicit iterator(paginator* p = nullptr) : p_(p) {}
    query_result<U>& operator*() const { return *p_->current_; }
    query_result<U>* operator->() const { return &*p_->current_; }
    iterator& operator++() {
      p_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    bool at_end() const noexcept { return !p_->current_; }
    friend bool operator==(const iterator& i, std::default_sentinel_t) { return i.at_end(); }

   private:
    paginator* p_;
  };
  explicit page_range(paginator* p) : p_(p) {}
  explicit page_range(paginator&& owned) : owned_(std::move(owned)), p_(&*owned_) {}
  page_range(const page_range&) = delete;  // p_ may point into owned_
  page_range& operator=(const page_range&) = delete;
  // The error that ended the loop early, or null.
  const ddbx::error* failure() const noexcept { return p_->failure(); }
  iterator begin() {
    p_->advance();
    return iterator(p_);
  }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  std::optional<paginator> owned_;
  paginator* p_;
};

template <class Request, class U, decode_options O>
class paginator<Request, U, O>::item_range {
 public:
  class iterator {
   public:
    using value_type = U;
    using difference_type = std::ptrdiff_t;
    explicit iterator(paginator* p = nullptr) : p_(p) {}
    U& operator*() const { return p_->current_->items[i_]; }
    U* operator->() const { return &p_->current_->items[i_]; }
    iterator& operator++() {
      ++i_;
      skip_empty();
      return *this;
    }
    void operator++(int) { ++*this; }
    bool at_end() const noexcept { return !p_->current_; }
    friend bool operator==(const iterator& i, std::default_sentinel_t) { return i.at_end(); }
    // Moves on to the next page while this one has no item left (pages may be empty).
    void skip_empty() {
      while (p_->current_ && i_ >= p_->current_->items.size()) {
        i_ = 0;
        p_->advance();
      }
    }

   private:
    paginator* p_;
    std::size_t i_ = 0;
  };
  explicit item_range(paginator* p) : p_(p) {}
  explicit item_range(paginator&& owned) : owned_(std::move(owned)), p_(&*owned_) {}
  item_range(const item_range&) = delete;  // p_ may point into owned_
  item_range& operator=(const item_range&) = delete;
  // The error that ended the loop early, or null.
  const ddbx::error* failure() const noexcept { return p_->failure(); }
  iterator begin() {
    p_->advance();
    iterator i(p_);
    i.skip_empty();
    return i;
  }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  std::optional<paginator> owned_;
  paginator* p_;
};

namespace detail {
template <class D, class T>
void as_read_request(const read_request<D, T>&);
// A Query or Scan request (what paginate takes).
template <class R>
concept read_request_type = requires(const R& r) { detail::as_read_request(r); };

// Named in the diagnostic of a paginate call that is not one of the two forms below.
template <class ViewType, class Request>
constexpr bool paginate_form = false;
template <class ViewType, class Request>
struct paginate_misused {
  static_assert(paginate_form<ViewType, Request>,
                "ddbx: paginate takes a query or scan request, and optionally the item type to decode "
                "first: paginate(users.query(...)) or paginate<view>(users.scan().project(...)) "
                "(paginate_form<the view type given, the request given>)");
};
}  // namespace detail

// paginate(users.query(…)) or paginate<view>(users.scan().project(…), {.page_size = 10}).
template <class U = void, detail::read_request_type Request>
  requires(!detail::read_request_type<U>)
auto paginate(Request request, pagination_config config = {}) {
  using V = std::conditional_t<std::is_void_v<U>, typename Request::item_type, U>;
  return paginator<Request, V>(std::move(request), std::move(config));
}
// Anything else (not a request; or paginate<Request, view>, the arguments swapped): one error
// showing the two forms.
template <class U = void, class Request>
  requires(!detail::read_request_type<Request> || detail::read_request_type<U>)
void paginate(const Request&, pagination_config = {}) {
  (void)sizeof(detail::paginate_misused<U, Request>);
}
template <class U, class View, class Request>
  requires(detail::read_request_type<U> && !std::is_convertible_v<Request, View>)
void paginate(const Request&, pagination_config = {}) {
  (void)sizeof(detail::paginate_misused<View, U>);
}

}  // namespace ddbx
