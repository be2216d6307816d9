#pragma once
// DynamoDB's limits, in one place; encoding, expressions and requests all check against these.
#include <cstddef>

namespace ddbx::limits {
inline constexpr std::size_t max_item_size = 400 * 1024;          // bytes, DynamoDB's item size formula
inline constexpr std::size_t max_nesting = 31;                     // nested M/L around a leaf (32 levels)
inline constexpr std::size_t max_number_digits = 38;               // significant digits
inline constexpr int max_number_exponent = 125;                    // 9.99…E+125
inline constexpr int min_number_exponent = -130;                   // 1E-130
inline constexpr std::size_t max_attribute_name = 64 * 1024;       // bytes
inline constexpr std::size_t max_partition_key = 2048;             // bytes
inline constexpr std::size_t max_sort_key = 1024;                  // bytes
inline constexpr std::size_t max_expression = 4 * 1024;            // bytes per expression string
inline constexpr std::size_t max_expression_operators = 300;
inline constexpr std::size_t max_placeholder = 255;                // bytes
inline constexpr std::size_t max_expression_values = 2 * 1024 * 1024;
inline constexpr std::size_t max_in_operands = 100;
inline constexpr std::size_t max_batch_write = 25;
inline constexpr std::size_t max_batch_get = 100;
inline constexpr std::size_t max_transact_items = 100;             // actions of TransactWriteItems / TransactGetItems
inline constexpr std::size_t max_transact_bytes = 4 * 1024 * 1024;  // the items of one TransactWriteItems, by DynamoDB's size formula
}  // namespace ddbx::limits
