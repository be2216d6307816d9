#pragma once
// Scan: every item of the table (or an index), optionally filtered; parallel with segments.
//
//   users.scan().filter(attr<&user::age> < 27).send();     // result<query_result<user>>
//   // {"TableName":"users","FilterExpression":"#0 < :0","ExpressionAttributeNames":{"#0":"age"},…}
#include "ddbx/ops/detail/read_request.hpp"

namespace ddbx {

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] scan_request : public detail::read_request<scan_request<Table>, Table> {
  using base = detail::read_request<scan_request<Table>, Table>;

 public:
  static constexpr std::string_view operation = "Scan";

  explicit scan_request(std::string table_name, std::string_view index_name = {}, sender via = {})
      : base(std::move(table_name), index_name, via) {}

  // Parallel scan: this worker reads segment `segment` of `total`.
  scan_request& segment(std::uint32_t segment, std::uint32_t total) {
    segment_ = segment;
    total_segments_ = total;
    return *this;
  }

  status append_body(std::string& out) const {
    if (total_segments_ && (*total_segments_ < 1 || *total_segments_ > 1000000))
      return make_error(errc::invalid_request, "must be 1 to 1000000", "TotalSegments");
    if (segment_ && *segment_ >= *total_segments_)
      return make_error(errc::invalid_request, "must be less than TotalSegments", "Segment");
    if (auto s = this->append_head(out); !s) return s;
    if (auto s = this->append_tail(out); !s) return s;
    if (segment_) {
      detail::uint_member(out, "Segment", *segment_);
      detail::uint_member(out, "TotalSegments", *total_segments_);
    }
    out += '}';
    return {};
  }

 private:
  std::optional<std::uint32_t> segment_, total_segments_;
};

}  // namespace ddbx
