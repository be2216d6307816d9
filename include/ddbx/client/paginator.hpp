#pragma once
// Paginators for Query and Scan with boto3's PaginationConfig: PageSize sets Limit, MaxItems caps
// the items (cutting a page if needed), StartingToken resumes — tokens are boto3's own format, so
// a ddbx token resumes a boto3 paginator and the reverse.
//
//   auto pages = ddbx::paginate(users.query(key<&user::username> == "johndoe"),
//                               {.max_items = 2, .page_size = 2});
//   while (auto p = pages.next().value()) for (auto& u : p->items) …;
//   std::optional<std::string> next = pages.resume_token();          // NextToken
//   auto all = ddbx::paginate(users.scan()).build_full_result();      // every page merged
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/client/pagination_token_decode.hpp"
#include "ddbx/ops/detail/read_request.hpp"

namespace ddbx {

struct pagination_config {
  std::optional<std::size_t> max_items;       // MaxItems
  std::optional<std::uint32_t> page_size;     // PageSize (Limit of each request)
  std::optional<std::string> starting_token;  // StartingToken
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
class paginator {
 public:
  paginator(Request request, pagination_config config) : request_(std::move(request)), config_(std::move(config)) {
    if (config_.starting_token) {
      auto t = decode_pagination_token(*config_.starting_token);
      if (!t) {
        start_error_ = std::move(t).error();
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
    if (start_error_.code != errc::ok) return start_error_;
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
  error start_error_{};
  std::optional<item> current_key_;  // the ExclusiveStartKey of the request being made
  std::size_t starting_truncation_ = 0;
  std::size_t returned_ = 0;
  bool first_ = true;
  bool done_ = false;
  std::optional<pagination_token> resume_;
};

// paginate(users.query(…)) or paginate<view>(users.scan().project(…), {.page_size = 10}).
template <class U = void, class Request>
auto paginate(Request request, pagination_config config = {}) {
  using V = std::conditional_t<std::is_void_v<U>, typename Request::item_type, U>;
  return paginator<Request, V>(std::move(request), std::move(config));
}

}  // namespace ddbx
