#pragma once
// The tables of a batch over several tables. Which one a request goes to is decided at compile
// time: the table whose item type the item is, or the one with the descriptor named; none, or
// several, is a compile error stating the rule. A table handle (its name) picks among tables that
// share a descriptor. Their names are checked once: each valid, and each table once (RequestItems
// is a map by table name).
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "ddbx/core/result.hpp"
#include "ddbx/ops/common.hpp"

namespace ddbx::detail {

template <class T, class... Tables>
inline constexpr std::size_t tables_with_item_type = (std::size_t{0} + ... + std::size_t{std::is_same_v<T, typename Tables::item_type>});
template <class T, class... Tables>
inline constexpr std::size_t tables_with_descriptor = (std::size_t{0} + ... + std::size_t{std::is_same_v<T, Tables>});

// The first position that matches (0 when none does: the caller's static_assert has fired, and
// a valid position keeps the compiler from adding errors of its own).
template <bool... Match>
constexpr std::size_t first_match() {
  constexpr bool m[] = {Match...};
  for (std::size_t i = 0; i < sizeof...(Match); ++i)
    if (m[i]) return i;
  return 0;
}

// The position of the table an item of type Item goes to.
template <class Item, class... Tables>
constexpr std::size_t batch_table_of_item() {
  constexpr std::size_t n = tables_with_item_type<Item, Tables...>;
  if constexpr (n == 0)
    static_assert(n != 0, "ddbx: a batch over several tables takes only items of its tables, and this type is the item type of none of them");
  else if constexpr (n > 1)
    static_assert(n == 1, "ddbx: this item type is the item type of several tables of the batch: say which table, "
                          "put_item<Table>(item) or put_item(table_ref, item)");
  return first_match<std::is_same_v<Item, typename Tables::item_type>...>();
}

// The position of the table with descriptor Table.
template <class Table, class... Tables>
constexpr std::size_t batch_table_of_descriptor() {
  constexpr std::size_t n = tables_with_descriptor<Table, Tables...>;
  if constexpr (n == 0)
    static_assert(n != 0, "ddbx: this table descriptor is not the descriptor of any table of the batch");
  else if constexpr (n > 1)
    static_assert(n == 1, "ddbx: several tables of the batch have this descriptor: say which by its handle, "
                          "put_item(table_ref, item) or delete_item(table_ref, key)");
  return first_match<std::is_same_v<Table, Tables>...>();
}

// The position of the table with descriptor Table named `name`, or an error naming the batch's tables.
template <class Table, class... Tables>
result<std::size_t> batch_table_named(const std::array<std::string, sizeof...(Tables)>& names, std::string_view name) {
  static_assert(tables_with_descriptor<Table, Tables...> != 0,
                "ddbx: this table descriptor is not the descriptor of any table of the batch");
  constexpr bool same[] = {std::is_same_v<Table, Tables>...};
  for (std::size_t i = 0; i < names.size(); ++i)
    if (same[i] && names[i] == name) return i;
  std::string listed;
  for (const auto& n : names) listed += (listed.empty() ? "" : ", ") + n;
  return make_error(errc::invalid_request, "the table '" + std::string(name) + "' is not one of this batch's tables (" + listed + ")",
                    "RequestItems");
}

// Every name valid (a name or an ARN), and no table twice.
template <class Names>
status check_batch_tables(const Names& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (auto s = check_table_name(names[i]); !s) {
      error e = std::move(s).error();
      e.path = "RequestItems";
      return e;
    }
    for (std::size_t j = 0; j < i; ++j)
      if (names[j] == names[i])
        return make_error(errc::invalid_request,
                          "the table '" + std::string(names[i]) + "' is given twice: a batch names each table once, with one descriptor",
                          "RequestItems");
  }
  return {};
}

}  // namespace ddbx::detail
