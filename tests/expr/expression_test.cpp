// Golden tests of rendered expressions, names and values; runtime errors.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "ddbx/expression.hpp"
#include "seed_types.hpp"

#ifdef SIMDJSON_H
#error "the expression headers must not include simdjson.h"
#endif

using namespace ddbx;
using seed::postal_address;
using seed::user;

namespace {
struct profile {
  std::string id;
  std::string sk;
  int visits = 0;
  double score = 0;
  std::set<std::string> roles;
  std::set<int> lucky;
  std::vector<std::string> history;
  std::map<std::string, std::string> prefs;
  std::optional<std::string> nickname;
  bool active = false;
};
using users = ddbx::table<user, &user::username, &user::last_name, ddbx::gsi<"by_type", &user::account_type, &user::age>>;
using by_type = ddbx::gsi<"by_type", &user::account_type, &user::age>;
using profiles = ddbx::table<profile, &profile::id, &profile::sk>;

template <class... W>
expression build(builder& b) {
  auto r = b.build();
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().what_text()));
  return *r;
}
template <class C>
expression filter(const C& c) {
  builder b;
  b.with_filter(c);
  return build(b);
}
template <class C>
error filter_error(const C& c) {
  builder b;
  b.with_filter(c);
  auto r = b.build();
  REQUIRE(!r);
  return r.error();
}
}  // namespace

TEST_CASE("the seed's scan filter") {
  auto ex = filter(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
                   attr<&user::address, &postal_address::state> == "CA");
  CHECK(ex.filter() == "#0 < :0 AND begins_with(#1, :1) AND #2.#3 = :2");
  CHECK(ex.names() == R"({"#0":"age","#1":"first_name","#2":"address","#3":"state"})");
  CHECK(ex.values() == R"({":0":{"N":"27"},":1":{"S":"J"},":2":{"S":"CA"}})");
  std::string body;
  ex.append_members(body);
  CHECK(body == R"(,"FilterExpression":"#0 < :0 AND begins_with(#1, :1) AND #2.#3 = :2",)"
                R"("ExpressionAttributeNames":{"#0":"age","#1":"first_name","#2":"address","#3":"state"},)"
                R"("ExpressionAttributeValues":{":0":{"N":"27"},":1":{"S":"J"},":2":{"S":"CA"}})");
}

// Static structure is rendered at compile time: the text is a constant, values come at run time.
using seed_filter = decltype(attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") &&
                             attr<&user::address, &postal_address::state> == "CA");
static_assert(static_text_of<seed_filter> == "#0 < :0 AND begins_with(#1, :1) AND #2.#3 = :2");
static_assert(static_text_value<seed_filter>.value_count == 3);
static_assert(static_text_of<decltype(!(attr<&profile::visits> == 1 || attr<&profile::score> > 2.0) &&
                                      attribute_exists(attr<&profile::nickname>))> ==
              "NOT (#0 = :0 OR #1 > :1) AND attribute_exists(#2)");
static_assert(static_text_of<decltype(size(attr<&profile::history>) >= attr<&profile::visits>)> == "size(#0) >= #1");

TEST_CASE("static text: equal values still share one placeholder") {
  auto ex = filter(attr<&profile::visits> == 1 || attr<&profile::score> == 1);
  CHECK(ex.filter() == "#0 = :0 OR #1 = :0");
  CHECK(ex.values() == R"({":0":{"N":"1"}})");
  auto ex2 = filter(attr<&profile::visits> == 1 || attr<&profile::score> == 2);
  CHECK(ex2.filter() == "#0 = :0 OR #1 = :1");
  // Second in a request: numbered after the key condition's placeholders.
  auto q = builder{}.with_key_condition<users>(key<&user::username> == "j").with_filter(attr<&user::age> < 27).build();
  CHECK(q->filter() == "#1 < :1");
}

TEST_CASE("append_filter: the compile-time fast path writes what the builder writes") {
  std::string fast = R"({"TableName":"users")", built = fast;
  auto f = attr<&user::age> < 27 && begins_with(attr<&user::first_name>, "J") && attr<&user::address, &postal_address::state> == "CA";
  REQUIRE(append_filter(fast, f).has_value());
  builder b;
  b.with_filter(f);
  b.build()->append_members(built);
  CHECK(fast == built);
  // Equal values fall back to the builder, so they share a placeholder.
  std::string eq;
  REQUIRE(append_condition(eq, attr<&profile::visits> == 1 || attr<&profile::score> == 1).has_value());
  CHECK(eq == R"(,"ConditionExpression":"#0 = :0 OR #1 = :0","ExpressionAttributeNames":{"#0":"visits","#1":"score"},)"
              R"("ExpressionAttributeValues":{":0":{"N":"1"}})");
  // Errors leave the body as it was.
  std::string body = "{";
  auto bad = append_filter(body, attr<&profile::id> == std::string("\xff"));
  CHECK(!bad);
  CHECK(body == "{");
  // Run-time shapes go through the builder too.
  std::string rt;
  REQUIRE(append_filter(rt, in(attr<&profile::visits>, 1, 2)).has_value());
  CHECK(rt == R"x(,"FilterExpression":"#0 IN (:0, :1)","ExpressionAttributeNames":{"#0":"visits"},"ExpressionAttributeValues":{":0":{"N":"1"},":1":{"N":"2"}})x");
}

TEST_CASE("every comparison operator and function") {
  CHECK(filter(attr<&profile::visits> == 1).filter() == "#0 = :0");
  CHECK(filter(attr<&profile::visits> != 1).filter() == "#0 <> :0");
  CHECK(filter(attr<&profile::visits> <= 1).filter() == "#0 <= :0");
  CHECK(filter(attr<&profile::visits> > 1).filter() == "#0 > :0");
  CHECK(filter(attr<&profile::visits> >= 1.5).filter() == "#0 >= :0");
  CHECK(filter(1 < attr<&profile::visits>).filter() == ":0 < #0");
  CHECK(filter(attr<&profile::visits> < attr<&profile::score>).filter() == "#0 < #1");
  CHECK(filter(between(attr<&profile::visits>, 1, 5)).filter() == "#0 BETWEEN :0 AND :1");
  CHECK(filter(between<1, 5>(attr<&profile::visits>)).values() == R"({":0":{"N":"1"},":1":{"N":"5"}})");
  CHECK(filter(in(attr<&profile::id>, "a", "b", "c")).filter() == "#0 IN (:0, :1, :2)");
  CHECK(filter(in(attr<&profile::visits>, std::vector<int>{1, 2})).filter() == "#0 IN (:0, :1)");
  CHECK(filter(attribute_exists(attr<&profile::nickname>)).filter() == "attribute_exists(#0)");
  CHECK(filter(attribute_not_exists(attr<&profile::nickname>)).filter() == "attribute_not_exists(#0)");
  auto t = filter(attribute_type(attr<&profile::prefs>, type::M));
  CHECK(t.filter() == "attribute_type(#0, :0)");
  CHECK(t.values() == R"({":0":{"S":"M"}})");
  CHECK(filter(begins_with(attr<&profile::id>, "p#")).filter() == "begins_with(#0, :0)");
  CHECK(filter(contains(attr<&profile::roles>, "admin")).filter() == "contains(#0, :0)");
  CHECK(filter(contains(attr<&profile::lucky>, 7)).filter() == "contains(#0, :0)");
  CHECK(filter(contains(attr<&profile::history>, "x")).filter() == "contains(#0, :0)");
  CHECK(filter(contains(attr<&profile::id>, "sub")).filter() == "contains(#0, :0)");
  CHECK(filter(size(attr<&profile::history>) > 3).filter() == "size(#0) > :0");
  CHECK(filter(attr<&profile::history>[2] == "x").filter() == "#0[2] = :0");
  CHECK(filter(attr<&profile::prefs>["theme"] == "dark").filter() == "#0.#1 = :0");
  CHECK(filter(attr<&profile::active> == true).values() == R"({":0":{"BOOL":true}})");
}

TEST_CASE("AND / OR / NOT with the fewest parentheses") {
  auto a = attr<&profile::visits> == 1;
  auto b = attr<&profile::score> == 2;
  auto c = attr<&profile::id> == "x";
  CHECK(filter(a && b && c).filter() == "#0 = :0 AND #1 = :1 AND #2 = :2");
  CHECK(filter(a || (b && c)).filter() == "#0 = :0 OR #1 = :1 AND #2 = :2");
  CHECK(filter((a || b) && c).filter() == "(#0 = :0 OR #1 = :1) AND #2 = :2");
  CHECK(filter(a && (b || c)).filter() == "#0 = :0 AND (#1 = :1 OR #2 = :2)");
  CHECK(filter(!a).filter() == "NOT #0 = :0");
  CHECK(filter(!(a && b)).filter() == "NOT (#0 = :0 AND #1 = :1)");
  CHECK(filter(!a && b).filter() == "NOT #0 = :0 AND #1 = :1");
  CHECK(filter(!!a).filter() == "NOT NOT #0 = :0");
  CHECK(filter(a || !(b || c)).filter() == "#0 = :0 OR NOT (#1 = :1 OR #2 = :2)");
}

TEST_CASE("placeholders: names and equal values deduplicated, unused ones never emitted") {
  auto ex = filter(attr<&profile::visits> > 1 && attr<&profile::visits> < 10 && attr<&profile::score> == 1);
  CHECK(ex.filter() == "#0 > :0 AND #0 < :1 AND #1 = :0");
  CHECK(ex.names() == R"({"#0":"visits","#1":"score"})");
  CHECK(ex.values() == R"({":0":{"N":"1"},":1":{"N":"10"}})");
  auto e = filter(attribute_exists(attr<&profile::id>));
  CHECK(e.values().empty());
  std::string body;
  e.append_members(body);
  CHECK(body.find("ExpressionAttributeValues") == std::string::npos);
}

TEST_CASE("names are always placeholders, whatever they contain") {
  for (std::string name : {"a.b", "#x", ":v", "with space", "paren)", "SELECT", "size", "\xC3\xA9t\xC3\xA9", "q\"uote"}) {
    auto ex = filter(path(name) == 1);
    CHECK(ex.filter() == "#0 = :0");
    std::string quoted = name == "q\"uote" ? "q\\\"uote" : name;
    CHECK(ex.names() == "{\"#0\":\"" + quoted + "\"}");
  }
  auto p = path::parse("address.state");
  REQUIRE(p.has_value());
  CHECK(filter(*p == "CA").filter() == "#0.#1 = :0");
  using namespace ddbx::literals;
  CHECK(filter("tags[1].x"_path == "CA").filter() == "#0[1].#1 = :0");
}

TEST_CASE("path parser errors name the position") {
  auto e = path::parse("a..b");
  REQUIRE(!e);
  CHECK(e.error().code == errc::invalid_path);
  CHECK(e.error().message == "invalid path \"a..b\" at position 2: empty name");
  CHECK(path::parse("a[x]").error().message.find("position 2") != std::string::npos);
  CHECK(!path::parse("").has_value());
  CHECK(!path::parse("a]").has_value());
  CHECK(path::parse("a[1][2].b")->steps().size() == 4);
}

TEST_CASE("runtime checks: a = a, inverted BETWEEN, IN over 100, limits") {
  CHECK(filter_error(path("a") == path("a")).code == errc::invalid_expression);
  CHECK(filter_error(between(attr<&profile::visits>, 5, 1)).message == "BETWEEN bounds are inverted (lower > upper)");
  CHECK(filter_error(between(attr<&profile::id>, "b", "a")).code == errc::invalid_expression);
  std::vector<int> many(101, 1);
  CHECK(filter_error(in(attr<&profile::visits>, many)).code == errc::too_many_operands);
  CHECK(filter_error(path("x") == std::string("\xff")).code == errc::invalid_utf8);
  // 4 KB per expression: 800 distinct values make 800 placeholders
  auto vals = [](int from) { std::vector<int> v; for (int i = 0; i < 100; ++i) v.push_back(from + i); return v; };
  auto big = filter_error(in(path("a"), vals(0)) || in(path("b"), vals(100)) || in(path("c"), vals(200)) ||
                          in(path("d"), vals(300)) || in(path("e"), vals(400)) || in(path("f"), vals(500)) ||
                          in(path("g"), vals(600)) || in(path("h"), vals(700)));
  CHECK(big.code == errc::expression_too_long);
}

TEST_CASE("at most 300 operators and functions per expression") {
  auto chain = []<std::size_t... I>(std::index_sequence<I...>) {
    return ((path("a" + std::to_string(I)) == 1) && ...);
  };
  builder ok;
  ok.with_filter(chain(std::make_index_sequence<150>{}));  // 150 comparisons + 149 ANDs
  CHECK(ok.build().has_value());
  CHECK(filter_error(chain(std::make_index_sequence<151>{})).code == errc::too_many_operators);
}

TEST_CASE("a second filter or condition is joined with AND; a second key condition, projection or update is refused") {
  // Each was appended to the first before, with nothing between them (review finding):
  // "attribute_not_exists(#0)#1 = :0", which DynamoDB refuses.
  builder b;
  b.with_filter(attr<&user::age> < 27).with_filter(attr<&user::account_type> == "x" || attr<&user::age> > 3);
  auto e = build(b);
  CHECK(e.filter() == "(#0 < :0) AND (#1 = :1 OR #0 > :2)");
  CHECK(e.names() == R"({"#0":"age","#1":"account_type"})");
  CHECK(e.values() == R"({":0":{"N":"27"},":1":{"S":"x"},":2":{"N":"3"}})");
  builder c;
  c.with_condition(attribute_not_exists(attr<&user::username>)).with_condition(attr<&user::age> == 3).with_condition(!(attr<&user::age> == 4));
  auto f = build(c);
  CHECK(f.condition() == "((attribute_not_exists(#0)) AND (#1 = :0)) AND (NOT #1 = :1)");
  CHECK(f.filter().empty());

  // The operators of both and the AND count against DynamoDB's 300.
  auto chain = []<std::size_t... I>(std::index_sequence<I...>) { return ((path("a" + std::to_string(I)) == 1) && ...); };
  builder at_limit;  // 199 + 99 + 1
  at_limit.with_filter(chain(std::make_index_sequence<100>{})).with_filter(chain(std::make_index_sequence<50>{}));
  CHECK(at_limit.build().has_value());
  builder over;  // 199 + 101 + 1
  over.with_filter(chain(std::make_index_sequence<100>{})).with_filter(chain(std::make_index_sequence<51>{}));
  auto o = over.build();
  REQUIRE_FALSE(o.has_value());
  CHECK(o.error().code == errc::too_many_operators);
  builder three;  // 149, + 1 AND + 1, + 1 AND + 149 = 301: each AND counted
  three.with_condition(chain(std::make_index_sequence<75>{})).with_condition(path("x") == 1).with_condition(chain(std::make_index_sequence<75>{}));
  auto t = three.build();
  REQUIRE_FALSE(t.has_value());
  CHECK(t.error().code == errc::too_many_operators);
  builder fits;  // 149 + 1 + 1 + 1 + 147 = 299
  fits.with_condition(chain(std::make_index_sequence<75>{})).with_condition(path("x") == 1).with_condition(chain(std::make_index_sequence<74>{}));
  CHECK(fits.build().has_value());

  auto refused = [](builder& x, std::string_view what) {
    auto r = x.build();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_expression);
    CHECK(r.error().path == what);
  };
  builder k;
  k.with_key_condition<users>(key<&user::username> == "a").with_key_condition<users>(key<&user::username> == "b");
  refused(k, "KeyConditionExpression");
  builder p;
  p.with_projection(project<&user::age>).with_projection(project<&user::username>);
  refused(p, "ProjectionExpression");
  builder u;
  u.with_update(set(attr<&user::age>, 1)).with_update(set(attr<&user::first_name>, "x"));
  refused(u, "UpdateExpression");
  builder d;
  d.with_update(dynamic_update{{{detail::clause::set, path("a"), R"({"N":"1"})"}}})
      .with_update(dynamic_update{{{detail::clause::remove, path("b"), ""}}});
  refused(d, "UpdateExpression");
}

TEST_CASE("key conditions, checked against the table and its indexes") {
  builder b;
  b.with_key_condition<users>(key<&user::username> == "johndoe");
  CHECK(build(b).key_condition() == "#0 = :0");
  builder b2;
  b2.with_key_condition<users>(key<&user::username> == "johndoe" && begins_with(key<&user::last_name>, "D"));
  auto ex = build(b2);
  CHECK(ex.key_condition() == "#0 = :0 AND begins_with(#1, :1)");
  CHECK(ex.names() == R"({"#0":"username","#1":"last_name"})");
  builder b3;
  b3.with_key_condition<by_type>(key<&user::account_type> == "super_user" && between(key<&user::age>, 20, 30));
  CHECK(build(b3).key_condition() == "#0 = :0 AND #1 BETWEEN :1 AND :2");
  builder b4;
  b4.with_key_condition<users>(key<&user::last_name> >= "D" && key<&user::username> == "x");
  CHECK(build(b4).key_condition() == "#0 >= :0 AND #1 = :1");
}

TEST_CASE("one namespace for a Query: key condition + filter + projection") {
  auto ex = builder{}
                .with_key_condition<users>(key<&user::username> == "johndoe")
                .with_filter(attr<&user::age> < 27 && attr<&user::username> != "x")
                .with_projection(project<&user::username, &user::age>)
                .build();
  REQUIRE(ex.has_value());
  CHECK(ex->key_condition() == "#0 = :0");
  CHECK(ex->filter() == "#1 < :1 AND #0 <> :2");
  CHECK(ex->projection() == "#0, #1");
  CHECK(ex->names() == R"({"#0":"username","#1":"age"})");
}

TEST_CASE("updates: one string, each clause once") {
  builder b;
  b.with_update((set(attr<&profile::visits>, 26), remove(attr<&profile::nickname>), add(attr<&profile::roles>, std::set<std::string>{"a"}),
                 del(attr<&profile::lucky>, std::set<int>{7}), set(attr<&profile::score>, attr<&profile::score> + 1.5)));
  auto ex = build(b);
  CHECK(ex.update() == "SET #0 = :0, #1 = #1 + :1 REMOVE #2 ADD #3 :2 DELETE #4 :3");
  CHECK(ex.values() == R"({":0":{"N":"26"},":1":{"N":"1.5"},":2":{"SS":["a"]},":3":{"NS":["7"]}})");
  builder c;
  c.with_update(set(attr<&profile::visits>, if_not_exists(attr<&profile::visits>, 0) + 1));
  CHECK(build(c).update() == "SET #0 = if_not_exists(#0, :0) + :1");
  builder d;
  d.with_update(set(attr<&profile::history>, list_append(attr<&profile::history>, std::vector<std::string>{"x"})));
  CHECK(build(d).update() == "SET #0 = list_append(#0, :0)");
  builder e;
  e.with_update(set(attr<&user::age>, 26));
  CHECK(build(e).update() == "SET #0 = :0");
}

TEST_CASE("updates: overlapping paths and key attributes are refused") {
  // (with typed attributes both are compile errors: see tests/compile_fail/update_*)
  builder b;
  b.with_update((set(path("address"), postal_address{}), remove(path::parse("address.city").value())));
  auto r = b.build();
  REQUIRE(!r);
  CHECK(r.error().message == "update paths overlap: address and address.city");
  builder k;
  k.with_update<users>(set(path("username"), "x"));
  CHECK(k.build().error().message == "an update cannot change key attribute username");
  CHECK(k.build().error().path == "username");  // the error names the attribute
  builder same;
  same.with_update((set(path("a"), 1), set(path("a"), 2)));
  CHECK(!same.build().has_value());
}

TEST_CASE("overlapping paths are found in every kind of update and projection") {
  // A hand-built dynamic update: its actions' paths are checked as a typed update's are.
  dynamic_update d;
  d.actions.push_back({detail::clause::set, path("tags"), R"({"N":"1"})"});
  d.actions.push_back({detail::clause::remove, path("x"), {}});
  d.actions.push_back({detail::clause::remove, path::parse("tags[2]").value(), {}});
  builder db;
  db.with_update(d);
  CHECK(db.build().error().message == "update paths overlap: tags and tags[2]");
  // The longer path may come first, and an index path is not a prefix of a name path.
  builder rev;
  rev.with_update((remove(path::parse("a.b[1]").value()), set(path::parse("a.b").value(), 1)));
  CHECK(rev.build().error().message == "update paths overlap: a.b and a.b[1]");
  builder apart;
  apart.with_update((set(path::parse("a[1]").value(), 1), set(path::parse("a[10]").value(), 2), set(path("ab"), 3)));
  CHECK(apart.build().has_value());
  // A key attribute named by a runtime path in a dynamic update.
  dynamic_update k;
  k.actions.push_back({detail::clause::set, path("last_name"), R"({"S":"x"})"});
  builder kb;
  kb.with_update<users>(k);
  CHECK(kb.build().error().message == "an update cannot change key attribute last_name");
  // project<...> paths, the same member twice.
  builder pp;
  pp.with_projection(project<&user::address, &user::username, &user::address>);
  CHECK(pp.build().error().message == "projection paths overlap: address and address");
  builder ok;
  ok.with_projection(projection{path("a"), path("ab"), path::parse("b[0]").value(), path::parse("b[1]").value()});
  CHECK(ok.build()->projection() == "#0, #1, #2[0], #2[1]");
  // A projection's paths are its own: steps() gives them without a copy.
  const path nested = path::parse("a.b[3]").value();
  const std::vector<path_step>& steps = nested.steps();
  REQUIRE(steps.size() == 3);
  CHECK(steps[2].is_index);
  // ... and a temporary's by value, so they cannot dangle.
  static_assert(std::is_same_v<decltype(std::declval<const path&>().steps()), const std::vector<path_step>&>);
  static_assert(std::is_same_v<decltype(path::parse("a").value().steps()), std::vector<path_step>>);
  for (const path_step& s : path::parse("x.y").value().steps()) CHECK(!s.name.empty());
}

TEST_CASE("names past those held in place: one that is a prefix or a part of another is its own name") {
  // The first four runtime names are held in place; the rest are kept back to back in one string,
  // where "x" is inside "xy" and "yx" spans two of them: each must still get its own placeholder.
  auto ex = filter(path("a") == 1 && path("b") == 1 && path("c") == 1 && path("d") == 1 && path("xy") == 1 &&
                   path("x") == 1 && path("y") == 1 && path("yx") == 1 && path("xyx") == 1 && path("x") == 2 &&
                   path("xy") == 2 && path("d") == 2);
  CHECK(ex.filter() == "#0 = :0 AND #1 = :0 AND #2 = :0 AND #3 = :0 AND #4 = :0 AND #5 = :0 AND #6 = :0 AND "
                       "#7 = :0 AND #8 = :0 AND #5 = :1 AND #4 = :1 AND #3 = :1");
  CHECK(ex.names() == R"({"#0":"a","#1":"b","#2":"c","#3":"d","#4":"xy","#5":"x","#6":"y","#7":"yx","#8":"xyx"})");
  // Long names past the fourth (no short-string storage): 40 of 100 bytes each.
  std::string expected_names = "{";
  builder b;
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) names.push_back(std::string(100, 'n') + std::to_string(i));
  dynamic_update u;
  for (int i = 0; i < 40; ++i) {
    u.actions.push_back({detail::clause::set, path(names[static_cast<std::size_t>(i)]), R"({"N":"7"})"});
    expected_names += (i ? ",\"#" : "\"#") + std::to_string(i) + "\":\"" + names[static_cast<std::size_t>(i)] + "\"";
  }
  expected_names += "}";
  b.with_update(u);
  auto built = b.build();
  REQUIRE(built);
  CHECK(built->names() == expected_names);
  CHECK(built->values() == R"({":0":{"N":"7"}})");
}

TEST_CASE("update_from: every non-key attribute") {
  profile p{"p1", "s1", 3, 0.5, {"admin"}, {}, {"h"}, {{"theme", "dark"}}, std::nullopt, true};
  builder b;
  b.with_update<profiles>(update_from<profiles>(p));
  auto ex = build(b);
  CHECK(ex.update() == "SET #0 = :0, #1 = :1, #2 = :2, #3 = :3, #4 = :4, #5 = :5");
  CHECK(ex.names() == R"({"#0":"visits","#1":"score","#2":"roles","#3":"history","#4":"prefs","#5":"active"})");
  builder r;
  r.with_update<profiles>(update_from<profiles, update_from_options{.remove_empty_optionals = true}>(p));
  CHECK(build(r).update() == "SET #0 = :0, #1 = :1, #2 = :2, #3 = :3, #4 = :4, #5 = :5 REMOVE #6, #7");
}

namespace {
struct tagged {
  std::string id;
  std::optional<std::set<std::string>> tags;
  std::set<int> lucky;
  std::string note;
};
using tagged_table = ddbx::table<tagged, &tagged::id>;
struct priced {
  std::string id;
  double price = 0;
  long long big = 0;
  std::string status;
  long long ts = 0;
};
using priced_table = ddbx::table<priced, &priced::id, &priced::ts>;
using priced_by_status = ddbx::table<priced, &priced::id, &priced::status>;
std::string make_string(const char* s) { return std::string(s) + " (a std::string made at run time, past 15 bytes)"; }
}  // namespace

// Found by review: what a put leaves out (an engaged optional holding an empty set) made
// update_from fail with "an empty set cannot be stored".
TEST_CASE("update_from: what a put leaves out is left alone, or removed when asked") {
  tagged t{"t1", std::set<std::string>{}, {}, ""};
  builder b;
  b.with_update<tagged_table>(update_from<tagged_table>(t));
  CHECK(build(b).update() == "SET #0 = :0");  // the note, "" (a put writes it too)
  builder r;
  r.with_update<tagged_table>(update_from<tagged_table, update_from_options{.remove_empty_optionals = true}>(t));
  auto ex = build(r);
  CHECK(ex.update() == "SET #0 = :0 REMOVE #1, #2");
  CHECK(ex.names() == R"({"#0":"note","#1":"tags","#2":"lucky"})");
}

// Found by review: in() and between(key…) converted every value to the first one's type (1, 2.5
// sent as 1, 2; 5000000000 as an int), and a literal first made a later std::string a view of a
// temporary (use after free).
TEST_CASE("in() and between(key…) keep each value as given") {
  builder n;
  n.with_filter(in(attr<&priced::price>, 1, 2.5) && in(attr<&priced::big>, short(1), 100000, 5000000000LL));
  auto e = build(n);
  CHECK(e.filter() == "#0 IN (:0, :1) AND #1 IN (:0, :2, :3)");
  CHECK(e.values() == R"({":0":{"N":"1"},":1":{"N":"2.5"},":2":{"N":"100000"},":3":{"N":"5000000000"}})");
  builder s;
  s.with_filter(in(attr<&priced::status>, "active", make_string("x"), std::string_view("y")));
  CHECK(build(s).values() ==
        R"j({":0":{"S":"active"},":1":{"S":"x (a std::string made at run time, past 15 bytes)"},":2":{"S":"y"}})j");
  builder k;
  k.with_key_condition<priced_table>(key<&priced::id> == "a" && between(key<&priced::ts>, 0, 5000000000LL));
  auto kc = build(k);
  CHECK(kc.key_condition() == "#0 = :0 AND #1 BETWEEN :1 AND :2");
  CHECK(kc.values() == R"({":0":{"S":"a"},":1":{"N":"0"},":2":{"N":"5000000000"}})");
  builder ks;
  ks.with_key_condition<priced_by_status>(key<&priced::id> == "p" && between(key<&priced::status>, "a", make_string("b")));
  CHECK(build(ks).values() == R"j({":0":{"S":"p"},":1":{"S":"a"},":2":{"S":"b (a std::string made at run time, past 15 bytes)"}})j");
}

// Found by review: C++'s < converts -5 to unsigned against 3u, so BETWEEN -5 AND 3u was refused
// as inverted.
TEST_CASE("between: bounds of mixed signedness compare by value") {
  builder b;
  b.with_filter(between(attr<&priced::big>, -5, 3u) && between<-5, 3u>(attr<&priced::big>));
  CHECK(build(b).filter() == "#0 BETWEEN :0 AND :1 AND #0 BETWEEN :0 AND :1");
  CHECK(filter_error(between(attr<&priced::big>, 3u, -5)).message == "BETWEEN bounds are inverted (lower > upper)");
  CHECK(filter_error(between(attr<&priced::big>, 0ull, -1ll)).code == errc::invalid_expression);
  builder f;
  f.with_filter(between(attr<&priced::price>, -1, 0.5));
  CHECK(f.build().has_value());
}

TEST_CASE("projections") {
  builder b;
  b.with_projection(project<&user::username, &user::address>);
  CHECK(build(b).projection() == "#0, #1");
  builder o;
  o.with_projection(projection{path("a"), path::parse("a.b").value()});
  CHECK(o.build().error().message == "projection paths overlap: a and a.b");
}

TEST_CASE("runtime names DynamoDB or JSON would refuse fail the build, naming the path") {
  // Not UTF-8: once rendered as {"#0":} and sent.
  auto bad = filter_error(path("\xff") == 1);
  CHECK(bad.code == errc::invalid_utf8);
  CHECK(bad.path == "\\xff");
  CHECK(bad.what_text() == "\\xff: invalid UTF-8 at byte 0 of an attribute name");
  auto nested = filter_error(attr<&profile::prefs>["th\xc3"] == "dark");
  CHECK(nested.code == errc::invalid_utf8);
  CHECK(nested.path == "prefs.th\\xc3");
  CHECK(filter_error(path::parse("a.b").value().dot("c\xed\xa0\x80")[1] == 1).path == "a.b.c\\xed\\xa0\\x80[1]");
  auto parsed = path::parse("a.b\xff");
  REQUIRE(!parsed);
  CHECK(parsed.error().code == errc::invalid_utf8);
  CHECK(parsed.error().message == "invalid path \"a.b\\xff\" at position 3: invalid UTF-8");
  // Empty, and over 64 KB.
  CHECK(filter_error(path("") == 1).code == errc::invalid_name);
  CHECK(filter_error(attr<&profile::prefs>[""] == "x").path == "prefs.");
  auto huge = filter_error(path(std::string(limits::max_attribute_name + 1, 'a')) == 1);
  CHECK(huge.code == errc::invalid_name);
  CHECK(huge.message == "an attribute name of 65537 bytes; DynamoDB allows 64 KB");
  CHECK(huge.path == std::string(128, 'a') + "...");
  CHECK(filter(path(std::string(limits::max_attribute_name, 'a')) == 1).filter() == "#0 = :0");
  CHECK(path::parse(std::string(limits::max_attribute_name + 1, 'a')).error().code == errc::invalid_path);
  // Updates and projections too; nothing reaches a request body.
  builder u;
  u.with_update((set(path("ok"), 1), remove(path("\x80"))));
  CHECK(u.build().error().code == errc::invalid_utf8);
  builder p;
  p.with_projection(projection{path("ok"), path("\xfe")});
  CHECK(p.build().error().path == "\\xfe");
  std::string body = "{";
  CHECK(append_filter(body, path("\xff") == 1).error().code == errc::invalid_utf8);
  CHECK(body == "{");
  // A hand-built dynamic update without a value would render `":0":`.
  dynamic_update d;
  d.actions.push_back({detail::clause::set, path("a"), {}});
  builder db;
  db.with_update(d);
  CHECK(db.build().error().message == "an update action has no value");
}

TEST_CASE("a list index that overflows size_t is refused, not wrapped") {
  auto e = path::parse("a[18446744073709551616]");
  REQUIRE(!e);
  CHECK(e.error().code == errc::invalid_path);
  CHECK(e.error().message == "invalid path \"a[18446744073709551616]\" at position 21: index too large");
  CHECK(!path::parse("a[99999999999999999999]").has_value());
  CHECK(path::parse("a[18446744073709551615]")->steps()[1].index == std::size_t(-1));
  // The literal accepts exactly what parse accepts.
  static_assert(detail::valid_path_text("a[18446744073709551615]"));
  static_assert(!detail::valid_path_text("a[18446744073709551616]"));
  static_assert(!detail::valid_path_text("a.\xff"));
  static_assert(detail::valid_path_text("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.A.B.C.D.E.F"));
  static_assert(!detail::valid_path_text("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.A.B.C.D.E.F.G"));
}

TEST_CASE("ADD and DELETE on untyped paths take numbers and sets (other values: tests/compile_fail/update_*_untyped_*)") {
  builder b;
  b.with_update((add(path("n"), 5), add(path("s"), std::set<std::string>{"a"}), del(path("t"), std::set<int>{1})));
  CHECK(build(b).update() == "ADD #0 :0, #1 :1 DELETE #2 :2");
}

TEST_CASE("key conditions without a table still need == on one part (else: tests/compile_fail/key_without_table_*)") {
  builder b;
  b.with_key_condition(key<&user::username> == "j" && between(key<&user::last_name>, "a", "m"));
  CHECK(build(b).key_condition() == "#0 = :0 AND #1 BETWEEN :1 AND :2");
  builder c;
  c.with_key_condition(begins_with(key<&user::last_name>, "D") && key<&user::username> == "j");
  CHECK(build(c).key_condition() == "begins_with(#0, :0) AND #1 = :1");
  builder d;
  d.with_key_condition(key<&user::username> == "j");
  CHECK(build(d).key_condition() == "#0 = :0");
}

TEST_CASE("an empty projection is refused (projection{} is a compile error: tests/compile_fail/projection_empty.cpp)") {
  projection cleared{path("a")};
  cleared.paths.clear();
  builder b;
  b.with_projection(cleared);
  CHECK(b.build().error().message == "a projection needs at least one attribute");
  builder v;
  v.with_projection(projection(std::vector<path>{}));
  CHECK(v.build().error().code == errc::invalid_expression);
  builder ok;
  ok.with_projection(projection(std::vector<path>{path("a"), path("b")}));
  CHECK(build(ok).projection() == "#0, #1");
}

TEST_CASE("build() leaves a builder usable; a temporary builder hands its text over") {
  builder b;
  b.with_filter(attr<&user::age> < 27 && attr<&user::address, &postal_address::state> == "CA");
  auto first = b.build();
  auto second = b.build();  // building again gives the same expression
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->filter() == "#0 < :0 AND #1.#2 = :1");
  CHECK(second->filter() == first->filter());
  CHECK(second->names() == first->names());
  CHECK(second->values() == first->values());
  // The chained form on a temporary (moves instead of copying) renders the same.
  auto moved = builder{}.with_filter(attr<&user::age> < 27 && attr<&user::address, &postal_address::state> == "CA").build();
  REQUIRE(moved);
  CHECK(moved->filter() == first->filter());
  CHECK(moved->names() == R"({"#0":"age","#1":"address","#2":"state"})");
  CHECK(moved->values() == R"({":0":{"N":"27"},":1":{"S":"CA"}})");
  auto chained = builder{}
                     .with_key_condition<users>(key<&user::username> == "j")
                     .with_filter(attr<&user::age> < 27)
                     .with_projection(project<&user::username, &user::age>)
                     .build();
  REQUIRE(chained);
  CHECK(chained->key_condition() == "#0 = :0");
  CHECK(chained->filter() == "#1 < :1");
}

TEST_CASE("more names and values than are held in place, names that need escaping") {
  // Five names and five values: the first four of each are held in place, the rest on the heap.
  auto ex = filter(path("a\"b") == 1 && path("c\\d") == 2 && path("e") == 3 && path("f") == 4 &&
                   path("g\nh") == 5 && path("e") == 3);
  CHECK(ex.filter() == "#0 = :0 AND #1 = :1 AND #2 = :2 AND #3 = :3 AND #4 = :4 AND #2 = :2");
  CHECK(ex.names() == R"({"#0":"a\"b","#1":"c\\d","#2":"e","#3":"f","#4":"g\nh"})");
  CHECK(ex.values() == R"({":0":{"N":"1"},":1":{"N":"2"},":2":{"N":"3"},":3":{"N":"4"},":4":{"N":"5"}})");
}

namespace {
struct odd_names {
  int quote = 0;
  int backslash = 0;
  int control = 0;
};
}  // namespace
template <>
struct ddbx::fields<odd_names> {
  static constexpr ddbx::field_option options[] = {
      {.member = "quote", .name = "q\"uote"}, {.member = "backslash", .name = "back\\slash"}, {.member = "control", .name = "line\x01"}};
};

TEST_CASE("a static condition's names JSON (a compile-time constant) equals the one rendered at run time") {
  // Names that need escaping: a quote, a backslash, a control character.
  const auto fixed = attr<&odd_names::quote> == 1 && attr<&odd_names::backslash> == 2 && attr<&odd_names::control> < 3;
  static_assert(std::remove_cvref_t<decltype(fixed)>::is_static);
  auto st = builder{}.with_filter(fixed).build();
  auto rt = builder{}.with_filter(path("q\"uote") == 1 && path("back\\slash") == 2 && path("line\x01") < 3).build();
  REQUIRE(st);
  REQUIRE(rt);
  CHECK(st->names() == R"({"#0":"q\"uote","#1":"back\\slash","#2":"line\u0001"})");
  CHECK(st->names() == rt->names());
  CHECK(st->filter() == rt->filter());
  CHECK(st->values() == rt->values());
  // A name added after the constant (the projection's) makes names() rendered again, with all of them.
  auto more = builder{}.with_filter(fixed).with_projection(project<&odd_names::control, &user::username>).build();
  REQUIRE(more);
  CHECK(more->names() == R"({"#0":"q\"uote","#1":"back\\slash","#2":"line\u0001","#3":"username"})");
  CHECK(more->projection() == "#2, #3");
  // No new name: the constant still holds.
  auto same = builder{}.with_filter(fixed).with_projection(project<&odd_names::quote>).build();
  REQUIRE(same);
  CHECK(same->names() == st->names());
  CHECK(same->projection() == "#0");
}

namespace {
struct kinds {
  std::string s;
  std::string_view sv;
  int i = 0;
  long long ll = 0;
  unsigned long long ull = 0;
  short sh = 0;
  unsigned char uc = 0;
  std::int8_t i8 = 0;
};
// The values JSON the builder gives for `attr == v`, and what encode_value writes for v.
template <auto Member, class T>
void check_value_encoding(const T& v) {
  std::string encoded;
  const auto direct = encode_value(v, encoded);
  auto ex = builder{}.with_filter(attr<Member> == v).build();
  auto rt = builder{}.with_filter(path("x") == v).build();
  CAPTURE(encoded);
  REQUIRE(bool(direct) == bool(ex));
  REQUIRE(bool(direct) == bool(rt));
  if (direct) {
    CHECK(ex->values() == R"({":0":)" + encoded + "}");
    CHECK(rt->values() == ex->values());
  } else {
    CHECK(ex.error().code == direct.error().code);
    CHECK(ex.error().message == direct.error().message);
    CHECK(rt.error().message == direct.error().message);
  }
}
}  // namespace

TEST_CASE("values are encoded exactly as encode_value encodes them (integers and short strings take a shorter way)") {
  for (int v : {0, 1, -1, 27, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()}) check_value_encoding<&kinds::i>(v);
  for (long long v : {std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max(), 1000000000000LL})
    check_value_encoding<&kinds::ll>(v);
  check_value_encoding<&kinds::ull>(std::numeric_limits<unsigned long long>::max());
  check_value_encoding<&kinds::sh>(short{-32768});
  check_value_encoding<&kinds::uc>(static_cast<unsigned char>(255));
  check_value_encoding<&kinds::i8>(static_cast<std::int8_t>(-128));
  const std::string strings[] = {
      "", "J", "CA", "abc", "abcd", "seven77", "exactly8", "sixteen bytes!!!", "seventeen bytes!!",
      "quote \" backslash \\ slash /", std::string("nul \0 byte", 10), "tab\tnewline\ncontrol\x01\x1f del\x7f",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", std::string(64, 'x'), std::string(65, 'x'), std::string(63, 'x') + "\"",
      std::string(64, '"'), std::string(200, '\\'),
      "bad \xff byte", "cut \xe2\x82", std::string(64, 'x') + "\xc3", "\xed\xa0\x80 surrogate", "\xc0\xaf overlong"};
  for (const std::string& s : strings) {
    check_value_encoding<&kinds::s>(s);
    check_value_encoding<&kinds::sv>(std::string_view(s));
  }
}

TEST_CASE("values beyond those whose place is held in the context: equal ones still share a placeholder") {
  // 12 distinct values (8 held in place, 4 more), each used twice, the second time in reverse order.
  builder b;
  auto c = path("v0") == 0 && path("v1") == 1 && path("v2") == 2 && path("v3") == 3 && path("v4") == 4 &&
           path("v5") == 5 && path("v6") == 6 && path("v7") == 7 && path("v8") == 8 && path("v9") == 9 &&
           path("v10") == 10 && path("v11") == 11 && path("w11") == 11 && path("w10") == 10 && path("w9") == 9 &&
           path("w8") == 8 && path("w0") == 0;
  auto ex = builder{}.with_filter(c).build();
  REQUIRE(ex);
  CHECK(ex->values() ==
        R"({":0":{"N":"0"},":1":{"N":"1"},":2":{"N":"2"},":3":{"N":"3"},":4":{"N":"4"},":5":{"N":"5"},)"
        R"(":6":{"N":"6"},":7":{"N":"7"},":8":{"N":"8"},":9":{"N":"9"},":10":{"N":"10"},":11":{"N":"11"}})");
  CHECK(ex->filter().ends_with("#12 = :11 AND #13 = :10 AND #14 = :9 AND #15 = :8 AND #16 = :0"));
  // The same string and number text are different values.
  auto mixed = builder{}.with_filter(path("a") == 1 && path("b") == "1" && path("c") == 1).build();
  REQUIRE(mixed);
  CHECK(mixed->filter() == "#0 = :0 AND #1 = :1 AND #2 = :0");
  CHECK(mixed->values() == R"({":0":{"N":"1"},":1":{"S":"1"}})");
  // Built twice from one builder, and once more after a move: the same values.
  b.with_filter(c);
  auto first = b.build();
  auto second = b.build();
  auto last = std::move(b).build();
  REQUIRE(first);
  REQUIRE(second);
  REQUIRE(last);
  CHECK(first->values() == ex->values());
  CHECK(second->values() == ex->values());
  CHECK(last->values() == ex->values());
}
