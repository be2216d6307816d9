// Prints each expression case of tests/integration/expr_semantics.py as ddbx renders it, one JSON
// object per line: {"kind":"filter","name":"…","FilterExpression":"…",…}.
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ddbx/expression.hpp"

namespace {

struct address {
  std::string city;
  std::string state;
};
struct person {
  std::string id;
  std::string first_name;
  int age = 0;
  double score = 0;
  std::vector<std::string> tags;
  std::set<std::string> roles;
  address addr;
  std::optional<std::string> nickname;
};
struct keyed {
  std::string pk;
  std::string sk;
  int n = 0;
};
using keyed_table = ddbx::table<keyed, &keyed::pk, &keyed::sk>;
using people = ddbx::table<person, &person::id>;

void emit(const char* kind, const char* name, ddbx::builder& b) {
  auto ex = b.build();
  if (!ex) {
    std::fprintf(stderr, "%s: %s\n", name, ex.error().what_text().c_str());
    std::exit(1);
  }
  std::string body = std::string("{\"kind\":\"") + kind + "\",\"name\":\"" + name + "\"";
  ex->append_members(body);
  body += '}';
  std::puts(body.c_str());
}

template <class C>
void filter(const char* name, const C& c) {
  ddbx::builder b;
  b.with_filter(c);
  emit("filter", name, b);
}
template <class K>
void key_case(const char* name, const K& k) {
  ddbx::builder b;
  b.with_key_condition<keyed_table>(k);
  emit("key", name, b);
}
template <class U>
void update(const char* name, const U& u) {
  ddbx::builder b;
  b.with_update<people>(u);
  emit("update", name, b);
}

}  // namespace

int main() {
  using namespace ddbx;
  auto age = attr<&person::age>;
  auto first = attr<&person::first_name>;
  filter("eq", age == 30);
  filter("ne", age != 30);
  filter("lt", age < 30);
  filter("le", age <= 30);
  filter("gt", age > 60);
  filter("ge", age >= 60);
  filter("value_first", 30 > age);
  filter("between", between(age, 30, 40));
  filter("in", in(first, "Jane", "John"));
  filter("exists", attribute_exists(attr<&person::nickname>));
  filter("not_exists", attribute_not_exists(attr<&person::nickname>));
  filter("attribute_type", attribute_type(attr<&person::nickname>, type::S));
  filter("attribute_type_null", attribute_type(attr<&person::nickname>, type::NULL_));
  filter("begins_with", begins_with(first, "J"));
  filter("contains_set", contains(attr<&person::roles>, "admin"));
  filter("contains_list", contains(attr<&person::tags>, "red"));
  filter("contains_string", contains(first, "an"));
  filter("size", size(attr<&person::tags>) > 1);
  filter("size_string", size(first) <= 3);
  filter("and_or_not", (age < 30 || age > 60) && !begins_with(first, "J"));
  filter("or_of_ands", (age < 30 && begins_with(first, "J")) || (age > 60 && contains(attr<&person::roles>, "admin")));
  filter("not_or", !(age < 30 || age > 60));
  filter("nested", attr<&person::addr, &address::state> == "CA");
  filter("index", attr<&person::tags>[0] == "red");
  filter("attr_vs_attr", age < attr<&person::score>);
  filter("reserved_word", path("status") == "active");
  filter("dotted_name", path("dotted.name") == "x");
  filter("seed_scan", age < 27 && begins_with(first, "J") && attr<&person::addr, &address::state> == "CA");

  key_case("pk", ddbx::key<&keyed::pk> == "p1");
  key_case("pk_begins_with", ddbx::key<&keyed::pk> == "p1" && begins_with(ddbx::key<&keyed::sk>, "b"));
  key_case("pk_between", ddbx::key<&keyed::pk> == "p1" && between(ddbx::key<&keyed::sk>, "b", "d"));
  key_case("pk_ge", ddbx::key<&keyed::pk> == "p2" && ddbx::key<&keyed::sk> >= "c");
  key_case("pk_lt", ddbx::key<&keyed::pk> == "p2" && ddbx::key<&keyed::sk> < "c");

  update("set_arith_remove", (set(age, age + 1), remove(attr<&person::nickname>)));
  update("add", (add(attr<&person::roles>, std::set<std::string>{"x"}), add(age, 5)));
  update("delete", del(attr<&person::roles>, std::set<std::string>{"admin"}));
  update("if_not_exists_append", (set(attr<&person::score>, if_not_exists(attr<&person::score>, 0) + 2.5),
                                  set(attr<&person::tags>, list_append(attr<&person::tags>, std::vector<std::string>{"z"}))));
  update("nested_set", set(attr<&person::addr, &address::city>, "Reno"));
  return 0;
}
