// What the request layer costs on top of encoding and expressions: rendering request bodies,
// parsing answers, and a whole PutItem / GetItem / Query through the client with an in-process
// transport (no network), per request. Not part of scripts/bench's peer comparison (the peers'
// request paths need a network); run bench/ops_bench directly.
#include <benchmark/benchmark.h>

#include <string>

#include "ddbx/ddbx.hpp"
#include "process.hpp"
#include "seed_types.hpp"

namespace {

using namespace ddbx;
using seed::postal_address;
using seed::user;
using users_table = table<user, &user::username, &user::last_name>;

const user john{"johndoe", "John", "Doe", 25, "standard_user", postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}};

std::string page_json(int n) {
  std::string items;
  for (int i = 0; i < n; ++i) {
    user u = john;
    u.last_name += std::to_string(i);
    if (i) items += ',';
    items += encode_item(u).value();
  }
  return R"({"Items":[)" + items + R"(],"Count":)" + std::to_string(n) + R"(,"ScannedCount":)" + std::to_string(n) +
         R"(,"ConsumedCapacity":{"TableName":"users","CapacityUnits":0.5}})";
}

void put_item_body(benchmark::State& s) {
  std::string body;
  for (auto _ : s) {
    body.clear();
    auto st = put_item_request<users_table>("users", john).condition(attribute_not_exists(attr<&user::username>)).append_body(body);
    benchmark::DoNotOptimize(st);
  }
}
BENCHMARK(put_item_body);

void query_body(benchmark::State& s) {
  std::string body;
  for (auto _ : s) {
    body.clear();
    auto st = query_request<users_table>("users", key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "Do"))
                  .filter(attr<&user::age> < 27)
                  .limit(25)
                  .append_body(body);
    benchmark::DoNotOptimize(st);
  }
}
BENCHMARK(query_body);

void get_item_parse(benchmark::State& s) {
  const std::string answer = R"({"Item":)" + encode_item(john).value() + "}";
  for (auto _ : s) benchmark::DoNotOptimize(get_item_request<users_table>::parse(answer));
}
BENCHMARK(get_item_parse);

void query_page_parse(benchmark::State& s) {
  const std::string answer = page_json(100);
  for (auto _ : s) benchmark::DoNotOptimize(detail::parse_query_result<user, decode_options{}>(answer, true));
  s.SetItemsProcessed(s.iterations() * 100);
}
BENCHMARK(query_page_parse);

// The whole client path with a transport that answers from memory.
struct memory_transport {
  std::string get_answer = R"({"Item":)" + encode_item(john).value() + "}";
  std::string page = page_json(10);
  result<http_response> operator()(std::string_view op, std::string_view body) {
    benchmark::DoNotOptimize(body.data());
    if (op == "GetItem") return http_response{200, {}, get_answer};
    if (op == "Query") return http_response{200, {}, page};
    return http_response{200, {}, "{}"};
  }
};

void client_put_item(benchmark::State& s) {
  client db{memory_transport{}};
  auto users = db.table<users_table>("users");
  for (auto _ : s) benchmark::DoNotOptimize(users.put_item(john).send());
}
BENCHMARK(client_put_item);

void client_get_item(benchmark::State& s) {
  client db{memory_transport{}};
  auto users = db.table<users_table>("users");
  for (auto _ : s) benchmark::DoNotOptimize(users.get_item({"johndoe", "Doe"}).send());
}
BENCHMARK(client_get_item);

void client_query_10(benchmark::State& s) {
  client db{memory_transport{}};
  auto users = db.table<users_table>("users");
  for (auto _ : s) benchmark::DoNotOptimize(users.query(key<&user::username> == "johndoe").send());
}
BENCHMARK(client_query_10);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("simdjson_kernel", bench::simdjson_kernels());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
