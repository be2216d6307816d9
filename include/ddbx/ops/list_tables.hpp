#pragma once
// ListTables: the table names of the account and region, 100 per page at most; send_all() follows
// LastEvaluatedTableName through every page (boto3's list_tables paginator).
//
//   auto page = db.list_tables().limit(10).send();     // names, last_evaluated_table_name
//   auto all = db.list_tables().send_all();            // result<std::vector<std::string>>
//   // {"Limit":10}  {"ExclusiveStartTableName":"orders"}
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ddbx/ops/common.hpp"
#include "ddbx/ops/key.hpp"
#include "ddbx/ops/response.hpp"

namespace ddbx {

struct list_tables_result {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;  // absent on the last page
};

class [[nodiscard("a request does nothing until .send() is called")]] list_tables_request {
 public:
  static constexpr std::string_view operation = "ListTables";

  explicit list_tables_request(sender via = {}) : via_(via) {}

  // Limit: 1 to 100 names per page.
  list_tables_request& limit(std::uint32_t n) {
    limit_ = n;
    return *this;
  }
  list_tables_request& exclusive_start_table_name(std::optional<std::string> name) {
    start_ = std::move(name);
    return *this;
  }

  status append_body(std::string& out) const {
    if (limit_ && (*limit_ < 1 || *limit_ > 100)) return make_error(errc::invalid_request, "must be 1 to 100", "Limit");
    if (start_)
      if (auto s = detail::check_table_name(*start_, "ExclusiveStartTableName"); !s) return s;
    out += '{';
    bool first = true;
    if (start_) {
      out += "\"ExclusiveStartTableName\":";
      detail::append_json_string(out, *start_);
      first = false;
    }
    if (limit_) {
      if (!first) out += ',';
      out += "\"Limit\":";
      out += std::to_string(*limit_);
    }
    out += '}';
    return {};
  }

  result<list_tables_result> send() const { return detail::send_request(*this, via_, parse); }

  // Every page from this request's start on. A page that ends where an earlier one did (a server
  // going in circles) is a malformed answer, not an endless loop.
  result<std::vector<std::string>> send_all() const {
    std::vector<std::string> names;
    std::set<std::string> ends;
    list_tables_request page = *this;
    for (;;) {
      auto r = page.send();
      if (!r) return std::move(r).error();
      names.insert(names.end(), r->table_names.begin(), r->table_names.end());
      if (!r->last_evaluated_table_name) return names;
      if (!ends.insert(*r->last_evaluated_table_name).second)
        return detail::malformed("LastEvaluatedTableName '" + *r->last_evaluated_table_name + "' ended an earlier page too");
      page.start_ = std::move(r->last_evaluated_table_name);
    }
  }

  static result<list_tables_result> parse(std::string_view body) {
    auto doc = detail::parse_response(body);
    if (!doc) return std::move(doc).error();
    auto o = doc->get_object().value_unsafe();
    list_tables_result out;
    std::optional<simdjson::dom::array> names;
    if (auto s = detail::read_member(o, "TableNames", names); !s) return std::move(s).error();
    std::size_t i = 0;
    if (names)
      for (auto n : *names) {
        std::string_view v;
        if (n.get(v)) return detail::inside(detail::malformed("expected a string"), "TableNames", i);
        out.table_names.emplace_back(v);
        ++i;
      }
    std::string last;
    if (auto s = detail::read_string(o, "LastEvaluatedTableName", last); !s) return std::move(s).error();
    if (!last.empty()) out.last_evaluated_table_name = std::move(last);
    return out;
  }

 private:
  sender via_;
  std::optional<std::uint32_t> limit_;
  std::optional<std::string> start_;
};

}  // namespace ddbx
