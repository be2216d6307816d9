#pragma once
// GetItem: reads the item with a key, decoded into the table's struct (or a view struct U).
//
//   auto r = users.get_item({"janedoe", "Doe"}).send();    // result<get_result<user>>
//   if (r && r->item) print(*r->item);
//   // {"TableName":"users","Key":{"username":{"S":"janedoe"},"last_name":{"S":"Doe"}}}
#include "ddbx/expr/builder.hpp"
#include "ddbx/ops/detail/write_request.hpp"

namespace ddbx {

template <class U>
struct get_result {
  std::optional<U> item;  // empty when there is no item with that key
  std::optional<ddbx::consumed_capacity> consumed_capacity;
};

template <class Table>
class [[nodiscard("a request does nothing until .send() is called")]] get_item_request : public detail::request_base<get_item_request<Table>> {
  using base = detail::request_base<get_item_request<Table>>;

 public:
  using item_type = typename Table::item_type;
  static constexpr std::string_view operation = "GetItem";

  get_item_request(std::string table_name, const primary_key<Table>& key, sender via = {})
      : base(std::move(table_name), via), key_(key) {}

  get_item_request& consistent_read(bool on = true) {
    consistent_ = on;
    return *this;
  }
  // ProjectionExpression: only these attributes come back (decode into a view struct, or leniently).
  template <class P>
  get_item_request& project(const P& p) {
    this->expr_.with_projection(p);
    return *this;
  }

  // Renders the body after `out`; a refused request leaves `out` as it was.
  status append_body(std::string& out) const {
    if (auto s = this->check_table(); !s) return s;
    const std::size_t mark = out.size();
    this->open_body(out);
    out += ",\"Key\":";
    if (auto s = append_key(out, key_); !s) {
      out.resize(mark);
      return s;
    }
    if (consistent_) detail::bool_member(out, "ConsistentRead", true);
    if (auto s = detail::append_expressions(out, this->expr_); !s) {
      out.resize(mark);
      return s;
    }
    detail::capacity_member(out, this->capacity_);
    out += '}';
    return {};
  }

  template <class U = item_type, decode_options O = decode_options{}>
  result<get_result<U>> send() const {
    return detail::send_request(*this, this->via_, parse<U, O>);
  }

  template <class U = item_type, decode_options O = decode_options{}>
  static result<get_result<U>> parse(std::string_view body) {
    get_result<U> g;
    auto it = detail::item_member<U, O>(body, "Item");
    if (!it) return std::move(it).error();
    g.item = std::move(*it);
    auto c = detail::consumed_capacity_in(body);
    if (!c) return std::move(c).error();
    g.consumed_capacity = std::move(*c);
    return g;
  }

 private:
  primary_key<Table> key_;
  bool consistent_ = false;
};

}  // namespace ddbx
