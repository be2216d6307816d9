// Every mapped type, decoded and encoded, compiled with the precompiled standard headers (see
// main.cpp).
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/mapping/chrono.hpp>

namespace pch {
enum class kind : std::uint8_t { standard, premium };
struct address {
  std::string road;
  std::string city;
  std::optional<std::vector<std::string>> lines;
  friend bool operator==(const address&, const address&) = default;
};
struct user {
  std::string username;
  std::string last_name;
  int age = 0;
  std::optional<address> home;
  std::optional<std::vector<double>> scores;
  std::set<std::string> string_set;
  std::set<std::int64_t> number_set;
  std::set<ddbx::binary> binary_set;
  double ratio = 0;
  float weight = 0;
  ddbx::number balance;
  ddbx::binary avatar;
  std::vector<std::byte> raw;
  bool active = false;
  std::uint8_t level = 0;
  std::uint64_t ubig = 0;
  kind account = kind::standard;
  std::chrono::system_clock::time_point created{};
  ddbx::epoch_seconds expires;
  std::array<int, 3> triple{};
  std::map<std::string, std::int32_t> counters;
  std::map<std::string, ddbx::value> attributes;
  std::vector<std::vector<std::int16_t>> matrix;
  std::optional<bool> verified;
  friend bool operator==(const user&, const user&) = default;
};
}  // namespace pch

int check_all_types() {
  constexpr std::string_view item =
      R"({"username":{"S":"janedoe"},"last_name":{"S":"Doe"},"age":{"N":"25"},)"
      R"("home":{"M":{"road":{"S":"1 Main St"},"city":{"S":"Springfield"},"lines":{"L":[{"S":"Apt 4"}]}}},)"
      R"("scores":{"L":[{"N":"1.5"},{"N":"-2E-3"}]},"string_set":{"SS":["x","y"]},"number_set":{"NS":["1","-42"]},)"
      R"("binary_set":{"BS":["AA=="]},"ratio":{"N":"0.25"},"weight":{"N":"70.5"},)"
      R"("balance":{"N":"12345678901234567890.123456789"},"avatar":{"B":"aGk="},"raw":{"B":"AAE="},)"
      R"("active":{"BOOL":true},"level":{"N":"3"},"ubig":{"N":"18446744073709551615"},"account":{"N":"1"},)"
      R"("created":{"S":"2026-12-03T04:05:06.789Z"},"expires":{"N":"1700000000"},)"
      R"("triple":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"counters":{"M":{"a":{"N":"1"}}},)"
      R"("attributes":{"M":{"any":{"L":[{"NULL":true},{"SS":["s"]}]}}},)"
      R"("matrix":{"L":[{"L":[{"N":"-1"}]}]},"verified":{"BOOL":false}})";
  auto u = ddbx::decode_item<pch::user>(item);
  if (!u) {
    std::printf("pch: decode failed: %s\n", u.error().what_text().c_str());
    return 1;
  }
  auto text = ddbx::encode_item(*u);
  if (!text) {
    std::printf("pch: encode failed: %s\n", text.error().what_text().c_str());
    return 1;
  }
  auto again = ddbx::decode_item<pch::user>(std::string_view(*text));
  if (!again || !(*again == *u)) {
    std::puts("pch: the encoded item does not decode to the same user");
    return 1;
  }
  std::printf("pch ok %s\n", DDBX_VERSION_STRING);
  return 0;
}
