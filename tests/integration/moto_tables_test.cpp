// Table management on moto (run through tools/moto/moto_server.py, which sets
// AWS_ENDPOINT_URL_DYNAMODB): UpdateTable changing billing mode and throughput, a GSI created
// with an INCLUDE projection and queried, a sparse GSI (std::optional key) holding only the items
// that have its key, per-index throughput and projections read back by DescribeTable, and keys
// stored through codecs (time_point, enum, codec<T>). Where moto differs from DynamoDB:
// tools/moto/DISAGREEMENTS.md.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;
using namespace std::chrono_literals;

namespace {
struct person {
  std::string id;
  std::optional<std::string> city;  // sparse: people without a city are not in by_city
  int age = 0;
  std::string name;
  std::string email;
  std::string note;  // not projected into by_city
};
using by_city = gsi<"by_city", &person::city, &person::age>::include<&person::name, &person::email>;
using by_age = gsi<"by_age", &person::age>::keys_only::provisioned<2, 3>;
using people_v1 = table<person, &person::id>;                   // as first made: no index
using people_v2 = table<person, &person::id, no_range_key, by_city>;  // after UpdateTable created by_city
using people_provisioned = table<person, &person::id, no_range_key, by_city, by_age>;

enum class tier : std::uint8_t { free, gold };
struct sku {
  std::string code;
};
}  // namespace

template <>
struct ddbx::codec<sku> {
  using repr = std::string;
  static repr to_repr(const sku& s) { return s.code; }
  static result<sku> from_repr(repr&& s) { return sku{std::move(s)}; }
};

namespace {
struct event {
  std::chrono::system_clock::time_point at;
  tier level = tier::free;
  sku product;
  std::string text;
};
using by_product = gsi<"by_product", &event::product, &event::at>;
using events_table = table<event, &event::at, &event::level, by_product>;

constexpr waiter_options quick{.delay = 100ms, .max_attempts = 50};

client<curl_transport> make_client() {
  return client<curl_transport>{curl_transport{}, client_options{.retry = {.max_attempts = 3, .base = 1ms, .max_delay = 5ms}}};
}

const index_description* find_index(const table_description& d, std::string_view name) {
  for (const auto& i : d.global_secondary_indexes)
    if (i.index_name == name) return &i;
  return nullptr;
}
}  // namespace

TEST_CASE("UpdateTable: on demand to provisioned, new throughput, back to on demand") {
  auto db = make_client();
  auto t = db.table<people_v1>("mt_billing");
  REQUIRE(t.create().send());
  REQUIRE(t.wait_until_exists(quick));
  CHECK(t.describe()->billing_mode == "PAY_PER_REQUEST");

  auto p = t.update_table().provisioned(5, 4).send();
  REQUIRE_MESSAGE(p, (p ? "" : p.error().what_text()));
  CHECK(p->table_name == "mt_billing");
  REQUIRE(t.wait_until_exists(quick));
  auto d = t.describe().value();
  CHECK(d.billing_mode == "PROVISIONED");
  REQUIRE(d.throughput);
  CHECK(d.throughput->read_capacity_units == 5);
  CHECK(d.throughput->write_capacity_units == 4);

  REQUIRE(t.update_table().throughput(7, 8).send());
  REQUIRE(t.wait_until_exists(quick));
  d = t.describe().value();
  CHECK(d.throughput->read_capacity_units == 7);
  CHECK(d.throughput->write_capacity_units == 8);

  // By name, through the client.
  auto back = db.update_table("mt_billing").on_demand().send();
  REQUIRE_MESSAGE(back, (back ? "" : back.error().what_text()));
  REQUIRE(t.wait_until_exists(quick));
  CHECK(t.describe()->billing_mode == "PAY_PER_REQUEST");

  // Refused before sending: nothing reaches the server, the table is as it was.
  auto bad = t.update_table().billing_mode(billing_mode::provisioned).send();
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == errc::invalid_request);
  CHECK(bad.error().attempts == 0);
  CHECK(t.describe()->billing_mode == "PAY_PER_REQUEST");
  REQUIRE(t.delete_table());
}

TEST_CASE("UpdateTable: a GSI with an INCLUDE projection created, described, queried, deleted") {
  auto db = make_client();
  auto v1 = db.table<people_v1>("mt_people");
  REQUIRE(v1.create().send());
  REQUIRE(v1.wait_until_exists(quick));
  REQUIRE(v1.put_item({"p1", "Paris", 31, "Ann", "ann@x", "secret"}).send());
  REQUIRE(v1.put_item({"p2", "Paris", 45, "Bob", "bob@x", "secret"}).send());
  REQUIRE(v1.put_item({"p3", "Oslo", 50, "Cy", "cy@x", "secret"}).send());
  REQUIRE(v1.put_item({"p4", std::nullopt, 60, "Di", "di@x", "secret"}).send());  // no city: not in by_city

  auto people = db.table<people_v2>("mt_people");
  auto made = people.update_table().create_index<by_city>().send();
  REQUIRE_MESSAGE(made, (made ? "" : made.error().what_text()));
  REQUIRE(people.wait_until_exists(quick));
  auto d = people.describe().value();
  const index_description* g = find_index(d, "by_city");
  REQUIRE(g);
  CHECK(g->projection_type == "INCLUDE");
  CHECK(g->non_key_attributes == std::vector<std::string>{"name", "email"});
  CHECK(g->key_schema == std::vector<key_schema_element>{{"city", "HASH"}, {"age", "RANGE"}});

  // Only the keys and the included attributes come back: `note` is not in the index.
  auto q = people.query<by_city>(key<&person::city> == "Paris" && key<&person::age> > 40)
               .send<person, decode_options{.lenient_missing = true}>();
  REQUIRE_MESSAGE(q, (q ? "" : q.error().what_text()));
  REQUIRE(q->items.size() == 1);
  CHECK(q->items[0].id == "p2");
  CHECK(q->items[0].name == "Bob");
  CHECK(q->items[0].email == "bob@x");
  CHECK(q->items[0].note.empty());

  // Sparse: a scan of the index sees only the three items that have a city.
  auto s = people.scan<by_city>().send<person, decode_options{.lenient_missing = true}>();
  REQUIRE_MESSAGE(s, (s ? "" : s.error().what_text()));
  CHECK(s->items.size() == 3);
  CHECK(std::none_of(s->items.begin(), s->items.end(), [](const person& x) { return x.id == "p4"; }));

  REQUIRE(people.update_table().delete_index<by_city>().send());
  REQUIRE(people.wait_until_exists(quick));
  CHECK_FALSE(find_index(people.describe().value(), "by_city"));
  REQUIRE(people.delete_table());
}

TEST_CASE("CreateTable: per-index throughput and projections read back; a sparse GSI queried") {
  auto db = make_client();
  auto people = db.table<people_provisioned>("mt_people_prov");
  auto made = people.create().provisioned(1, 1).send();
  REQUIRE_MESSAGE(made, (made ? "" : made.error().what_text()));
  REQUIRE(people.wait_until_exists(quick));
  auto d = people.describe().value();
  const index_description* age = find_index(d, "by_age");
  REQUIRE(age);
  CHECK(age->projection_type == "KEYS_ONLY");
  REQUIRE(age->throughput);
  CHECK(age->throughput->read_capacity_units == 2);
  CHECK(age->throughput->write_capacity_units == 3);
  const index_description* city = find_index(d, "by_city");
  REQUIRE(city);
  CHECK(city->projection_type == "INCLUDE");
  REQUIRE(city->throughput);
  CHECK(city->throughput->read_capacity_units == 1);  // the table's

  for (int i = 0; i < 6; ++i)
    REQUIRE(people.put_item({"q" + std::to_string(i), i % 2 ? std::optional<std::string>("Rome") : std::nullopt, 20 + i, "n", "e", ""})
                .send());
  auto rome = people.query<by_city>(key<&person::city> == "Rome").send<person, decode_options{.lenient_missing = true}>();
  REQUIRE_MESSAGE(rome, (rome ? "" : rome.error().what_text()));
  CHECK(rome->items.size() == 3);
  auto all = people.scan<by_city>().send<person, decode_options{.lenient_missing = true}>();
  REQUIRE(all);
  CHECK(all->items.size() == 3);  // the items without a city are not in the index
  CHECK(std::all_of(all->items.begin(), all->items.end(), [](const person& x) { return x.city == "Rome"; }));

  // The indexes' throughput changed with the table's.
  auto upd = people.update_table().update_index<by_age>(4, 5).send();
  REQUIRE_MESSAGE(upd, (upd ? "" : upd.error().what_text()));
  REQUIRE(people.wait_until_exists(quick));
  age = find_index(d = people.describe().value(), "by_age");
  REQUIRE(age);
  REQUIRE(age->throughput);
  CHECK(age->throughput->read_capacity_units == 4);
  CHECK(age->throughput->write_capacity_units == 5);
  REQUIRE(people.delete_table());
}

TEST_CASE("keys stored through codecs: a time_point partition key, an enum sort key, a codec<T> GSI key") {
  auto db = make_client();
  auto events = db.table<events_table>("mt_events");
  REQUIRE(events.create().send());
  REQUIRE(events.wait_until_exists(quick));
  auto d = events.describe().value();
  CHECK(d.attribute_definitions == std::vector<attribute_definition>{{"at", "S"}, {"level", "N"}, {"product", "S"}});
  const auto t0 = std::chrono::system_clock::time_point(std::chrono::seconds(1717245296));
  REQUIRE(events.put_item({t0, tier::gold, sku{"A-1"}, "first"}).send());
  REQUIRE(events.put_item({t0, tier::free, sku{"A-1"}, "second"}).send());
  REQUIRE(events.put_item({t0 + 1s, tier::gold, sku{"B-2"}, "third"}).send());
  auto got = events.get_item({t0, tier::gold}).consistent_read().send();
  REQUIRE_MESSAGE(got, (got ? "" : got.error().what_text()));
  REQUIRE(got->item);
  CHECK(got->item->text == "first");
  auto q = events.query(key<&event::at> == t0 && key<&event::level> >= tier::gold).send();
  REQUIRE_MESSAGE(q, (q ? "" : q.error().what_text()));
  REQUIRE(q->items.size() == 1);
  CHECK(q->items[0].text == "first");
  auto by = events.query<by_product>(key<&event::product> == sku{"A-1"}).send();
  REQUIRE_MESSAGE(by, (by ? "" : by.error().what_text()));
  CHECK(by->items.size() == 2);
  REQUIRE(events.delete_table());
}
