#pragma once
// ddbx::binary — bytes for DynamoDB's B / BS types (sent as standard base64).
//
//   ddbx::binary b{std::byte{0x00}, std::byte{0xff}};   // {"B":"AP8="}
//   auto b2 = ddbx::binary::from(std::string_view("raw"));
#include <compare>
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace ddbx {

class binary {
 public:
  binary() = default;
  binary(std::initializer_list<std::byte> b) : bytes_(b) {}
  explicit binary(std::vector<std::byte> b) : bytes_(std::move(b)) {}
  static binary from(std::string_view s) {
    const auto* p = reinterpret_cast<const std::byte*>(s.data());
    return binary(std::vector<std::byte>(p, p + s.size()));
  }
  const std::vector<std::byte>& bytes() const noexcept { return bytes_; }
  std::vector<std::byte>& bytes() noexcept { return bytes_; }
  std::size_t size() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return bytes_.empty(); }
  const std::byte* data() const noexcept { return bytes_.data(); }
  std::string_view view() const noexcept { return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()}; }

  friend bool operator==(const binary&, const binary&) = default;
  friend std::strong_ordering operator<=>(const binary& a, const binary& b) noexcept {
    return a.view().compare(b.view()) <=> 0;
  }

 private:
  std::vector<std::byte> bytes_;
};

}  // namespace ddbx

template <>
struct std::hash<ddbx::binary> {
  std::size_t operator()(const ddbx::binary& b) const noexcept { return std::hash<std::string_view>{}(b.view()); }
};
