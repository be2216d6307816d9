// The C++ side of the boto3 differential tests (tests/integration/boto3_diff.py):
//   roundtrip    stdin: one item JSON per line → decode into ddbx::item → encode → stdout
//   structs-out  the fixed structs below, encoded, one per line (kind<TAB>json)
//   structs-in   stdin: kind<TAB>json lines → decode into that struct → encode → stdout
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <variant>

#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

namespace {

enum class tier : std::uint8_t { bronze = 1, gold = 3 };

struct sampler {
  std::string s;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  double d = 0;
  ddbx::number n;
  bool flag = false;
  std::monostate nothing;
  ddbx::binary bin;
  std::set<std::string> ss;
  std::set<double> ns;
  std::set<ddbx::binary> bs;
  std::vector<std::string> list;
  std::map<std::string, int> counts;
  seed::postal_address where;
  std::optional<std::string> maybe;
  std::chrono::system_clock::time_point at;
  ddbx::epoch_seconds expires;
  tier level = tier::bronze;
};

std::vector<seed::user> seed_users() {
  return {{"johndoe", "John", "Doe", 25, "standard_user", seed::postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}},
          {"janedoering", "Jane", "Doering", 40, "super_user", seed::postal_address{"2 Washington Avenue", "Seattle", "WA", 98109}},
          {"janedoe", "Jane", "Doe", 25, "standard_user", std::nullopt, std::vector<std::string>{"x", "y\xC3\xA9"},
           std::vector<double>{87.5, -0.25}}};
}

sampler make_sampler() {
  using namespace std::chrono;
  sampler s;
  s.s = "h\xC3\xA9llo \"w\" \xF0\x9F\x98\x80\n";
  s.i64 = -9223372036854775807LL - 1;
  s.u64 = 18446744073709551615ULL;
  s.d = 3.14159;
  s.n = *ddbx::number::parse("12345678901234567890123456789012345678E-20");
  s.flag = true;
  s.bin = ddbx::binary{std::byte{0}, std::byte{255}, std::byte{16}};
  s.ss = {"a", "b"};
  s.ns = {1.5, -2};
  s.bs = {ddbx::binary{std::byte{1}}, ddbx::binary{std::byte{2}, std::byte{3}}};
  s.list = {"x", "", "z"};
  s.counts = {{"k.1", 1}, {"#k2", -2}};
  s.where = {"1 Jefferson Street", "Los Angeles", "CA", 90001};
  s.maybe = "present";
  s.at = sys_days{2024y / June / 1} + 12h + 34min + 56s + 789ms;
  s.expires = ddbx::epoch_seconds{sys_seconds{seconds{1717245296}}};
  s.level = tier::gold;
  return s;
}

template <class T>
int reencode(const std::string& json) {
  auto v = ddbx::decode_item<T>(json);
  if (!v) { std::cerr << "decode: " << v.error().what_text() << "\n"; return 1; }
  auto out = ddbx::encode_item(*v);
  if (!out) { std::cerr << "encode: " << out.error().what_text() << "\n"; return 1; }
  std::cout << *out << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  std::string line;
  if (mode == "roundtrip") {
    std::size_t n = 0;
    while (std::getline(std::cin, line)) {
      ++n;
      if (reencode<ddbx::item>(line)) { std::cerr << "line " << n << "\n"; return 1; }
    }
    return 0;
  }
  if (mode == "structs-out") {
    for (const auto& u : seed_users()) std::cout << "user\t" << *ddbx::encode_item(u) << "\n";
    std::cout << "sampler\t" << *ddbx::encode_item(make_sampler()) << "\n";
    return 0;
  }
  if (mode == "structs-in") {
    while (std::getline(std::cin, line)) {
      auto tab = line.find('\t');
      std::string kind = line.substr(0, tab), json = line.substr(tab + 1);
      if (kind == "user" ? reencode<seed::user>(json) : reencode<sampler>(json)) return 1;
    }
    return 0;
  }
  std::cerr << "usage: boto3_diff_tool roundtrip|structs-out|structs-in\n";
  return 2;
}
