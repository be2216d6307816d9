// Expressions: key conditions, filters, conditions, updates and projections built from member
// pointers and runtime paths, shown as the text DynamoDB receives, then used against a table:
// a conditional put that refuses to overwrite, an update with every action, a filtered query.
//
//   expressions [table-name]      (endpoint, region and credentials from the environment)
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <ddbx/ddbx.hpp>
#include <ddbx/transport/curl.hpp>

struct score {
  std::string player, game;                   // the table's keys
  int points = 0;
  int plays = 0;
  std::vector<int> history;                   // L
  std::set<std::string> badges;               // SS
  std::map<std::string, int> best_by_level;   // M
  std::optional<std::string> note;
};
struct points_only {  // what the projection reads
  std::string game;
  int points = 0;
};
using scores_table = ddbx::table<score, &score::player, &score::game>;

int main(int argc, char** argv) {
  using namespace ddbx;
  using namespace std::chrono_literals;
  const std::string table_name = argc > 1 ? argv[1] : "scores";
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

  // 1. The text of an expression whose shape is known at compile time is a constant.
  auto regular_50 = attr<&score::points> >= 50 && contains(attr<&score::badges>, "regular");
  static_assert(static_text_of<decltype(regular_50)> == "#0 >= :0 AND contains(#1, :1)");

  // 2. builder: every expression of a request, with one shared set of #name and :value placeholders.
  auto ex = builder{}
                .with_key_condition<scores_table>(key<&score::player> == "ann" && begins_with(key<&score::game>, "chess"))
                .with_filter(attr<&score::points> >= 50 && attribute_exists(attr<&score::best_by_level>["l1"]))
                .with_projection(project<&score::game, &score::points>)
                .build()
                .value();
  std::printf("KeyConditionExpression    %s\nFilterExpression          %s\nProjectionExpression      %s\n",
              ex.key_condition().c_str(), ex.filter().c_str(), ex.projection().c_str());
  std::printf("ExpressionAttributeNames  %s\nExpressionAttributeValues %s\n", ex.names().c_str(), ex.values().c_str());

  // 3. Runtime paths: a name given at run time is always a #placeholder, whatever it holds.
  auto level = path::parse("best_by_level.l1").value();
  auto by_name = attr_as<int>(path("points")) > 10 && attribute_exists(level);
  std::string body = R"({"TableName":"scores")";
  append_filter(body, by_name).value();  // appends the filter's members to a body of your own
  std::printf("append_filter             %s}\n", body.c_str());

  client db{curl_transport{}};
  auto scores = db.table<scores_table>(table_name);
  scores.create().send().value();
  scores.wait_until_exists({.delay = 200ms, .max_attempts = 50}).value();

  // 4. A put that only creates: the second one is refused by the condition, and nothing changes.
  score first{"ann", "chess-1", 40, 1, {40}, {"rookie"}, {{"l1", 40}}, "first game"};
  auto only_new = attribute_not_exists(attr<&score::player>);
  expect(scores.put_item(first).condition(only_new).send().has_value(), "conditional put creates the item");
  auto again = scores.put_item(score{"ann", "chess-1", 0, 0, {}, {}, {}, {}}).condition(only_new).send();
  expect(!again && again.error().aws_code == "ConditionalCheckFailedException", "the same put again is refused");

  // 5. Updates: SET (arithmetic, list_append, if_not_exists), ADD, REMOVE in one, then DELETE (one
  //    update may not name an attribute twice: ADD and DELETE on `badges` together is a compile error).
  auto update = (set(attr<&score::points>, attr<&score::points> + 25),
                 set(attr<&score::history>, list_append(attr<&score::history>, std::vector<int>{65})),
                 set(attr<&score::best_by_level>["l2"], if_not_exists(attr<&score::best_by_level>["l2"], 65)),
                 add(attr<&score::plays>, 1), add(attr<&score::badges>, std::set<std::string>{"regular"}),
                 remove(attr<&score::note>));
  scores.update_item({"ann", "chess-1"}, update).condition(attr<&score::points> < 100).send().value();
  auto after = scores.update_item({"ann", "chess-1"}, del(attr<&score::badges>, std::set<std::string>{"rookie"}))
                   .condition(attr<&score::points> < 100)
                   .return_values(return_values::all_new)
                   .send()
                   .value()
                   .attributes;
  expect(after && after->points == 65 && after->plays == 2 && after->history == std::vector<int>{40, 65} &&
             after->badges == std::set<std::string>{"regular"} && after->best_by_level.at("l2") == 65 && !after->note,
         "update applied every action");

  // 6. A query with a key condition, a filter and a projection into a smaller struct.
  scores.put_item({"ann", "chess-2", 70, 1, {70}, {}, {{"l1", 70}}, {}}).send().value();
  scores.put_item({"ann", "go-1", 90, 1, {90}, {}, {{"l1", 90}}, {}}).send().value();
  auto good = scores.query(key<&score::player> == "ann" && begins_with(key<&score::game>, "chess"))
                  .filter(regular_50)  // a Query filter may not name key attributes
                  .project(project<&score::game, &score::points>)
                  .send<points_only>()
                  .value();
  expect(good.items.size() == 1 && good.items[0].game == "chess-1" && good.scanned_count == 2,
         "query read 2 chess games, the filter kept the regular's");

  scores.delete_table().value();
  return failures == 0 ? 0 : 1;
}
