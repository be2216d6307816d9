// ddbx ↔ aws-sdk-cpp model conversion (issue #13), per seed user of the shared workload (10,000
// users), against the SDK's own ways to get there:
//   to model   ddbx::to_attribute_map(user)                         vs   the map built by hand
//              (SetS / SetN / AddMEntry / AddLItem, as services write it)   vs   the user's AttributeValue
//              JSON text read by the SDK (JsonValue + AttributeValue(JsonView))
//   from model ddbx::from_attribute_map<user>(map)                  vs   the struct read by hand (GetS,
//              std::stoi/strtod of GetN, GetM, GetL)                vs   Jsonize() to text, then ddbx's decode
//   and the SDK's Jsonize() of the map to text on its own (what the SDK does before sending); for
//   reference, ddbx's own JSON encode and decode of the same users (what aws_sdk_transport does).
// Every contender's result is checked once against the workload before timing.
//
//   aws_sdk_bench [Google Benchmark flags]     counters: ns_per_user
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <aws/core/Aws.h>
#include <aws/core/Version.h>
#include <aws/core/utils/json/JsonSerializer.h>

#include "ddbx/aws_sdk/decode.hpp"
#include "ddbx/aws_sdk/encode.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "workload.hpp"

namespace {

using Aws::DynamoDB::Model::AttributeValue;
using attribute_map = ddbx::aws_attribute_map;

const std::vector<seed::user>& users() {
  static const auto u = bench::make_users();
  return u;
}

void report(benchmark::State& state) {
  const auto n = static_cast<double>(state.iterations() * users().size());
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  state.counters["ns_per_user"] = benchmark::Counter(n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

Aws::String aws(const std::string& s) { return Aws::String(s.data(), s.size()); }

// The shortest text that reads back (SetN(double) would write std::to_string's six decimals).
Aws::String number_text(double d) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  return Aws::String(buf, r.ptr);
}

// How a service builds the item by hand with the SDK's model.
attribute_map by_hand(const seed::user& u) {
  attribute_map m;
  m["username"].SetS(aws(u.username));
  m["first_name"].SetS(aws(u.first_name));
  m["last_name"].SetS(aws(u.last_name));
  m["age"].SetN(Aws::String(std::to_string(u.age).c_str()));
  m["account_type"].SetS(aws(u.account_type));
  if (u.address) {
    AttributeValue& a = m["address"];
    a.AddMEntry("road", Aws::MakeShared<AttributeValue>("bench", aws(u.address->road)));
    a.AddMEntry("city", Aws::MakeShared<AttributeValue>("bench", aws(u.address->city)));
    a.AddMEntry("state", Aws::MakeShared<AttributeValue>("bench", aws(u.address->state)));
    auto zip = Aws::MakeShared<AttributeValue>("bench");
    zip->SetN(Aws::String(std::to_string(u.address->zipcode).c_str()));
    a.AddMEntry("zipcode", zip);
  }
  if (u.tags) {
    AttributeValue& t = m["tags"];
    if (u.tags->empty()) t.SetL({});
    for (const auto& s : *u.tags) t.AddLItem(Aws::MakeShared<AttributeValue>("bench", aws(s)));
  }
  if (u.scores) {
    AttributeValue& t = m["scores"];
    if (u.scores->empty()) t.SetL({});
    for (double d : *u.scores) {
      auto n = Aws::MakeShared<AttributeValue>("bench");
      n->SetN(number_text(d));
      t.AddLItem(n);
    }
  }
  return m;
}

// How a service reads the struct back by hand (no type checks beyond what the getters do).
seed::user read_by_hand(const attribute_map& m) {
  seed::user u;
  auto s = [&](const char* k) {
    auto it = m.find(k);
    return it == m.end() ? std::string() : std::string(it->second.GetS().c_str());
  };
  u.username = s("username");
  u.first_name = s("first_name");
  u.last_name = s("last_name");
  u.account_type = s("account_type");
  if (auto it = m.find("age"); it != m.end()) u.age = std::stoi(it->second.GetN().c_str());
  if (auto it = m.find("address"); it != m.end()) {
    const auto a = it->second.GetM();
    seed::postal_address p;
    p.road = a.at("road")->GetS().c_str();
    p.city = a.at("city")->GetS().c_str();
    p.state = a.at("state")->GetS().c_str();
    p.zipcode = std::stoi(a.at("zipcode")->GetN().c_str());
    u.address = std::move(p);
  }
  if (auto it = m.find("tags"); it != m.end()) {
    u.tags.emplace();
    for (const auto& v : it->second.GetL()) u.tags->emplace_back(v->GetS().c_str());
  }
  if (auto it = m.find("scores"); it != m.end()) {
    u.scores.emplace();
    for (const auto& v : it->second.GetL()) u.scores->push_back(std::strtod(v->GetN().c_str(), nullptr));
  }
  return u;
}

// The SDK reading an item's AttributeValue JSON text.
attribute_map from_json_text(const Aws::String& text) {
  Aws::Utils::Json::JsonValue j(text);
  attribute_map m;
  for (const auto& [k, v] : j.View().GetAllObjects()) m.emplace(k, AttributeValue(v));
  return m;
}

// The SDK writing the item as JSON text (Jsonize() of each attribute).
Aws::String jsonize(const attribute_map& m) {
  Aws::Utils::Json::JsonValue j;
  for (const auto& [k, v] : m) j.WithObject(k, v.Jsonize());
  return j.View().WriteCompact();
}

const std::vector<attribute_map>& maps() {
  static const std::vector<attribute_map> m = [] {
    std::vector<attribute_map> out;
    for (const auto& u : users()) out.push_back(ddbx::to_attribute_map(u).value());
    return out;
  }();
  return m;
}
const std::vector<Aws::String>& texts() {
  static const std::vector<Aws::String> t = [] {
    std::vector<Aws::String> out;
    for (const auto& u : users()) out.push_back(aws(ddbx::encode_item(u).value()));
    return out;
  }();
  return t;
}

void to_model_ddbx(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& u : users()) {
      auto m = ddbx::to_attribute_map(u);
      benchmark::DoNotOptimize(m);
    }
  report(state);
}
BENCHMARK(to_model_ddbx);

void to_model_sdk_by_hand(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& u : users()) {
      auto m = by_hand(u);
      benchmark::DoNotOptimize(m);
    }
  report(state);
}
BENCHMARK(to_model_sdk_by_hand);

void to_model_sdk_from_json_text(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& t : texts()) {
      auto m = from_json_text(t);
      benchmark::DoNotOptimize(m);
    }
  report(state);
}
BENCHMARK(to_model_sdk_from_json_text);

void from_model_ddbx(benchmark::State& state) {
  seed::user u;
  for (auto _ : state)
    for (const auto& m : maps()) {
      auto s = ddbx::from_attribute_map(m, u);
      benchmark::DoNotOptimize(s);
      benchmark::DoNotOptimize(u);
    }
  report(state);
}
BENCHMARK(from_model_ddbx);

void from_model_sdk_by_hand(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& m : maps()) {
      auto u = read_by_hand(m);
      benchmark::DoNotOptimize(u);
    }
  report(state);
}
BENCHMARK(from_model_sdk_by_hand);

void from_model_sdk_jsonize_then_ddbx_decode(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& m : maps()) {
      const Aws::String t = jsonize(m);
      auto u = ddbx::decode_item<seed::user>(std::string_view(t.data(), t.size()));
      benchmark::DoNotOptimize(u);
    }
  report(state);
}
BENCHMARK(from_model_sdk_jsonize_then_ddbx_decode);

void sdk_jsonize_only(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& m : maps()) {
      auto t = jsonize(m);
      benchmark::DoNotOptimize(t);
    }
  report(state);
}
BENCHMARK(sdk_jsonize_only);

// For reference, no SDK objects: ddbx's own AttributeValue JSON of the users as one Query page,
// what a ddbx client on aws_sdk_transport writes and reads (the page decoded in place, padded).
void json_ddbx_encode_page(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    out.clear();
    auto s = ddbx::encode_items(users(), out);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out.data());
  }
  report(state);
}
BENCHMARK(json_ddbx_encode_page);

void json_ddbx_decode_page(benchmark::State& state) {
  std::string page = bench::make_page(users());
  page.reserve(page.size() + 64);
  ddbx::page<seed::user> p;
  for (auto _ : state) {
    auto s = ddbx::detail::thread_decoder().query_page<seed::user>(
        simdjson::padded_string_view(page.data(), page.size(), page.capacity()), p);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(p.items.data());
  }
  report(state);
}
BENCHMARK(json_ddbx_decode_page);

// Every contender gives the workload's users (or their exact model) before anything is timed.
bool check() {
  for (std::size_t i = 0; i < users().size(); ++i) {
    const seed::user& u = users()[i];
    const attribute_map& m = maps()[i];
    const Aws::String j = jsonize(m);
    if (jsonize(by_hand(u)) != j || jsonize(from_json_text(texts()[i])) != j) return false;
    if (ddbx::from_attribute_map<seed::user>(m).value() != u || read_by_hand(m) != u) return false;
    if (ddbx::decode_item<seed::user>(std::string_view(j.data(), j.size())).value() != u) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Aws::SDKOptions options;
  Aws::InitAPI(options);
  int rc = 0;
  if (!check()) {
    std::fprintf(stderr, "aws_sdk_bench: a contender does not give the workload's users\n");
    rc = 1;
  } else {
    std::printf("aws-sdk-cpp %s; %zu users\n", Aws::Version::GetVersionString(), users().size());
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  }
  Aws::ShutdownAPI(options);
  return rc;
}
