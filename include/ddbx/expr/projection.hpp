#pragma once
// ProjectionExpression: the attributes to return.
//
//   ddbx::project<&User::username, &User::address>   // "#0, #1"
//   ddbx::projection{ddbx::path("a"), ddbx::path::parse("b[0]").value()}
// Decode a projected result leniently (decode_options{.lenient_missing = true}) into the full
// struct, or strictly into a struct holding only the projected members.
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "ddbx/expr/attr.hpp"

namespace ddbx {

template <auto... Ptrs>
struct project_t {
  static_assert(sizeof...(Ptrs) > 0, "ddbx: project needs at least one attribute");
  std::vector<path> targets() const { return {path(attr<Ptrs>.steps())...}; }
  void render(render_context& c, std::string& out) const {
    bool first = true;
    ((out += first ? "" : ", ", first = false, attr<Ptrs>.render(c, out)), ...);
  }
};
template <auto... Ptrs>
inline constexpr project_t<Ptrs...> project{};

struct projection {
  std::vector<path> paths;
  projection(std::initializer_list<path> p) : paths(p) {}
  // A list made at run time; if it is empty, build() fails.
  explicit projection(std::vector<path> p) : paths(std::move(p)) {}
  // `projection{}` would drop the ProjectionExpression and return every attribute.
  template <class T = void>
  projection() {
    static_assert(detail::unmappable<T>, "ddbx: a projection needs at least one attribute");
  }
  const std::vector<path>& targets() const noexcept { return paths; }
  void render(render_context& c, std::string& out) const {
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (i) out += ", ";
      paths[i].render(c, out);
    }
  }
};

}  // namespace ddbx
