#pragma once
// One request's expressions, sharing one placeholder namespace.
//
//   auto ex = ddbx::builder{}
//                 .with_key_condition<users>(ddbx::key<&User::username> == "johndoe")
//                 .with_filter(ddbx::attr<&User::age> < 27)
//                 .with_projection(ddbx::project<&User::username, &User::age>)
//                 .build();                          // result<expression>
//   ex->key_condition() == "#0 = :0"; ex->filter() == "#1 < :1"; ex->projection() == "#0, #1"
//   ex->names() == R"({"#0":"username","#1":"age"})"
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ddbx/expr/condition.hpp"
#include "ddbx/expr/key_condition.hpp"
#include "ddbx/expr/projection.hpp"
#include "ddbx/expr/update.hpp"

namespace ddbx {

class expression {
 public:
  const std::string& key_condition() const noexcept { return key_; }
  const std::string& filter() const noexcept { return filter_; }
  const std::string& condition() const noexcept { return condition_; }
  const std::string& update() const noexcept { return update_; }
  const std::string& projection() const noexcept { return projection_; }
  // ExpressionAttributeNames / Values as JSON objects; empty strings when unused.
  const std::string& names() const noexcept { return names_; }
  const std::string& values() const noexcept { return values_; }

  // Appends the request members that are set, comma-separated, each preceded by a comma:
  // ,"KeyConditionExpression":"#0 = :0","ExpressionAttributeNames":{…},"ExpressionAttributeValues":{…}
  void append_members(std::string& body) const {
    auto member = [&](std::string_view key, const std::string& v, bool quoted) {
      if (v.empty()) return;
      body += ",\"";
      body += key;
      body += "\":";
      if (quoted) body += '"';
      body += v;
      if (quoted) body += '"';
    };
    member("KeyConditionExpression", key_, true);
    member("FilterExpression", filter_, true);
    member("ConditionExpression", condition_, true);
    member("UpdateExpression", update_, true);
    member("ProjectionExpression", projection_, true);
    member("ExpressionAttributeNames", names_, false);
    member("ExpressionAttributeValues", values_, false);
  }

 private:
  friend class builder;
  std::string key_, filter_, condition_, update_, projection_, names_, values_;
};

namespace detail {
// DynamoDB refuses a path that repeats or contains another in one update or projection.
inline void check_no_overlap(render_context& c, const std::vector<path>& targets, std::string_view what) {
  for (std::size_t i = 0; i < targets.size(); ++i)
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      const std::vector<path_step>& x = targets[i].steps();
      const std::vector<path_step>& y = targets[j].steps();
      const auto& a = x.size() <= y.size() ? x : y;
      const auto& b = x.size() <= y.size() ? y : x;
      bool prefix = true;
      for (std::size_t k = 0; k < a.size() && prefix; ++k) prefix = a[k] == b[k];
      if (prefix)
        c.fail(errc::invalid_expression, std::string(what) + " paths overlap: " + path_text(a) + " and " + path_text(b));
    }
}
}  // namespace detail

namespace detail {
template <class A> struct action_path { using type = void; };
template <clause C, class P, class V> struct action_path<update_action<C, P, V>> { using type = P; };
template <class U> struct update_actions { using type = std::tuple<U>; };
template <class... A> struct update_actions<update_list<A...>> { using type = std::tuple<A...>; };

template <class P, class Q>
consteval bool static_paths_overlap() {
  if constexpr (is_attr_t<P>::value && is_attr_t<Q>::value) {
    const std::size_t n = P::names.size() < Q::names.size() ? P::names.size() : Q::names.size();
    for (std::size_t i = 0; i < n; ++i)
      if (P::names[i] != Q::names[i]) return false;
    return true;
  } else {
    return false;
  }
}
template <class Tuple>
struct update_checks;
template <class... A>
struct update_checks<std::tuple<A...>> {
  static consteval bool overlap() {
    bool found = false;
    std::size_t i = 0;
    ([&]<class X>() {
      std::size_t j = 0;
      ([&]<class Y>() {
        if (j > i && static_paths_overlap<typename action_path<X>::type, typename action_path<Y>::type>()) found = true;
        ++j;
      }.template operator()<A>(), ...);
      ++i;
    }.template operator()<A>(), ...);
    return found;
  }
  template <class Table>
  static consteval bool touches_key() {
    auto one = []<class X>() {
      using P = typename action_path<X>::type;
      if constexpr (is_attr_t<P>::value) return Table::is_key(P::names[0]);
      else return false;
    };
    return (one.template operator()<A>() || ...);
  }
};
}  // namespace detail

namespace detail {
// A condition's ExpressionAttributeNames object at compile time, `{"#0":"age",…}`: its names
// numbered in the order of its text (static_text_value<C>.names), escaped as JSON.
template <class C>
consteval static_text make_static_names_json() {
  constexpr const static_text& st = static_text_value<C>;
  static_text t;
  t.put("{");
  for (std::size_t i = 0; i < st.name_count; ++i) {
    if (i) t.put(",");
    t.put("\"#");
    t.put_index(i);
    t.put("\":\"");
    for (char ch : st.names[i]) {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') { t.put("\\"); t.put(std::string_view(&ch, 1)); }
      else if (c < 0x20) {
        constexpr char hex[] = "0123456789abcdef";
        const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        t.put(std::string_view(esc, 6));
      } else t.put(std::string_view(&ch, 1));
    }
    t.put("\"");
  }
  t.put("}");
  return t;
}
template <class C>
inline constexpr static_text static_names_json = make_static_names_json<C>();
}  // namespace detail

class builder {
 public:
  // A key condition checked against a table or index descriptor (ddbx::table / ddbx::gsi).
  // Table: the table a GSI Schema belongs to, so that a condition on another key can name what to query.
  template <class Schema, class Table = Schema, key_condition_like K>
  builder& with_key_condition(const K& k) & {
    detail::check_key_condition<Schema, std::remove_cvref_t<K>, Table>();
    if constexpr (requires { k.check_values(ctx_, Schema::hash_name); })
      k.check_values(ctx_, Schema::hash_name);  // empty, oversized, inverted BETWEEN
    return render_key_condition(k);
  }
  // Without a table: the shape is still checked (one part is `==`), not which keys it names.
  template <key_condition_like K>
  builder& with_key_condition(const K& k) & {
    static_assert(detail::check_key_condition_shape<std::remove_cvref_t<K>>());
    return render_key_condition(k);
  }
  // A filter condition (attr<…>) where a key condition belongs: one error saying so.
  template <class Schema, class Table = Schema, condition C>
  builder& with_key_condition(const C&) & {
    (void)sizeof(detail::filter_given_as_key_condition<std::remove_cvref_t<C>>);
    return *this;
  }
  template <condition C>
  builder& with_key_condition(const C&) & {
    (void)sizeof(detail::filter_given_as_key_condition<std::remove_cvref_t<C>>);
    return *this;
  }
  // A second filter (or condition, below) is joined to the first with AND: `(first) AND (second)`.
  template <condition C>
  builder& with_filter(const C& f) & {
    render_condition(f, ex_.filter_, "FilterExpression", filter_operators_);
    return *this;
  }
  // Calls f with each attribute name the filter's paths start with (`#1.#2 = :0` starts with #1's
  // name): a Query's filter may not name the queried table's or index's key attributes.
  template <class F>
  void for_each_filter_path_head(F&& f) const {
    const std::string& text = ex_.filter_;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '#' || (i > 0 && text[i - 1] == '.')) continue;
      std::size_t n = 0, j = i + 1;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') n = n * 10 + static_cast<std::size_t>(text[j++] - '0');
      if (j > i + 1 && n < ctx_.name_count()) f(ctx_.name_at(n));
    }
  }
  template <condition C>
  builder& with_condition(const C& f) & {
    render_condition(f, ex_.condition_, "ConditionExpression", condition_operators_);
    return *this;
  }
  // A request has one projection, key condition and update: a second is an error (build() returns
  // it), as DynamoDB would refuse the two run together.
  template <class P>
  builder& with_projection(const P& p) & {
    if (!ex_.projection_.empty()) return refuse_second("ProjectionExpression", "name every attribute in one projection");
    const auto& targets = p.targets();  // a projection's own paths, or project<…>'s made here
    if (targets.empty()) ctx_.fail(errc::invalid_expression, "a projection needs at least one attribute");
    detail::check_no_overlap(ctx_, targets, "projection");
    p.render(ctx_, ex_.projection_);
    ctx_.finish_expression("ProjectionExpression", ex_.projection_);
    return *this;
  }

  // An update; given a table descriptor, updating a key attribute is an error.
  template <class Table, class U>
  builder& with_update(const U& u) & {
    if constexpr (!std::is_same_v<U, dynamic_update>)
      static_assert(!detail::update_checks<typename detail::update_actions<U>::type>::template touches_key<Table>(),
                    "ddbx: an update cannot change a key attribute of the table");
    key_names_[0] = Table::hash_name;
    key_names_[1] = Table::has_range ? Table::range_name : std::string_view{};
    return with_update(u);
  }
  // An update on a table whose key attributes are named at run time (ddbx::item_table_ref):
  // changing one is an error naming it (sort_key "" when the table has none).
  template <class U>
  builder& with_update(const U& u, std::string_view partition_key, std::string_view sort_key) & {
    key_names_[0] = partition_key;
    key_names_[1] = sort_key;
    with_update(u);
    key_names_[0] = key_names_[1] = std::string_view{};  // the names are the caller's
    return *this;
  }
  template <class U>
  builder& with_update(const U& u) & {
    if (!ex_.update_.empty()) return refuse_second("UpdateExpression", "list every action in one update");
    if constexpr (std::is_same_v<U, dynamic_update>) {
      if (u.err.code != errc::ok) ctx_.fail(u.err.code, u.err.what_text());
      std::vector<path> targets;
      targets.reserve(u.actions.size());
      for (const auto& a : u.actions) targets.push_back(a.target);
      check_update_targets(targets);
      for (auto k : {detail::clause::set, detail::clause::remove, detail::clause::add, detail::clause::del}) {
        bool first = true;
        for (const auto& a : u.actions) {
          if (a.kind != k) continue;
          open_clause(k, first);
          a.target.render(ctx_, ex_.update_);
          if (k == detail::clause::remove) continue;
          ex_.update_ += k == detail::clause::set ? " = " : " ";
          // An action built by hand may lack its value: `":0":` would not be JSON.
          if (a.encoded.empty())
            ctx_.fail(errc::invalid_expression, "an update action has no value", detail::path_text(a.target.steps()));
          ctx_.encoded_value(ex_.update_, a.encoded);
        }
      }
    } else {
      static_assert(!detail::update_checks<typename detail::update_actions<U>::type>::overlap(),
                    "ddbx: update paths overlap (the same attribute twice, or one inside another)");
      std::apply([&](const auto&... a) { render_update(a...); }, as_tuple(u));
    }
    ctx_.finish_expression("UpdateExpression", ex_.update_);
    return *this;
  }

  // The same on a temporary builder (`ddbx::builder{}.with_filter(f).build()`), which hands its
  // rendered text to the expression instead of copying it.
  template <class Schema, class Table = Schema, class K>
  builder&& with_key_condition(const K& k) && { return std::move(with_key_condition_lvalue<Schema, Table>(k)); }
  template <class K>
  builder&& with_key_condition(const K& k) && { return std::move(static_cast<builder&>(*this).with_key_condition(k)); }
  template <condition C>
  builder&& with_filter(const C& f) && { return std::move(static_cast<builder&>(*this).with_filter(f)); }
  template <condition C>
  builder&& with_condition(const C& f) && { return std::move(static_cast<builder&>(*this).with_condition(f)); }
  template <class P>
  builder&& with_projection(const P& p) && { return std::move(static_cast<builder&>(*this).with_projection(p)); }
  template <class Table, class U>
  builder&& with_update(const U& u) && { return std::move(static_cast<builder&>(*this).template with_update<Table>(u)); }
  template <class U>
  builder&& with_update(const U& u) && { return std::move(static_cast<builder&>(*this).with_update(u)); }

  // The expressions, their names and their values; the builder can go on and build again.
  result<expression> build() const& {
    if (ctx_.failed()) return ctx_.err();
    expression out = ex_;
    out.names_ = ctx_.names_json();
    out.values_ = ctx_.values_json();
    return out;
  }
  // The same, moving the rendered text out of a builder that is not used again.
  result<expression> build() && {
    if (ctx_.failed()) return ctx_.err();
    ex_.names_ = ctx_.names_json();
    ex_.values_ = std::move(ctx_).values_json();
    return std::move(ex_);
  }

 private:
  template <class Schema, class Table, class K>
  builder& with_key_condition_lvalue(const K& k) {
    return static_cast<builder&>(*this).with_key_condition<Schema, Table>(k);
  }
  template <class K>
  builder& render_key_condition(const K& k) {
    if (!ex_.key_.empty()) return refuse_second("KeyConditionExpression", "join its parts with && in one key condition");
    k.render(ctx_, ex_.key_);
    ctx_.finish_expression("KeyConditionExpression", ex_.key_);
    return *this;
  }
  // A condition whose shape is known at compile time, rendered first in its request, takes its
  // text from static_text_value: only its values are encoded here. Equal values (which share a
  // placeholder) change the numbering, so those fall back to rendering at run time.
  template <class C>
  void render_condition(const C& f, std::string& out, std::string_view what, std::size_t& operators) {
    if (!out.empty()) {  // the second: `(first) AND (second)`, with the operators of both and the AND
      out.insert(0, 1, '(');
      out += ") AND (";
      ctx_.add_operators(operators + 1);
      f.render(ctx_, out);
      out += ')';
      operators = ctx_.operators();
      ctx_.finish_expression(what, out);
      return;
    }
    if constexpr (C::is_static) {
      constexpr const detail::static_text& st = static_text_value<C>;
      if constexpr (st.fits) {
        if (ctx_.empty()) {
          // Its attr<…> names, distinct and checked at compile time, with their JSON as a constant.
          ctx_.adopt_static_names(st.names, st.name_count, detail::static_names_json<C>.view());
          f.for_each_value([&](const auto& v) { ctx_.static_value(v); });
          if (ctx_.failed() || ctx_.value_count() == st.value_count) {
            out.append(st.view());
            ctx_.add_operators(st.operators);
            operators = ctx_.operators();
            ctx_.finish_expression(what, out);
            return;
          }
          ctx_ = render_context{};
        }
      }
    }
    f.render(ctx_, out);
    operators = ctx_.operators();
    ctx_.finish_expression(what, out);
  }
  // `what` given a second time: the error build() returns.
  template <class = void>
  builder& refuse_second(std::string_view what, std::string_view instead) {
    ctx_.fail(errc::invalid_expression, "a request takes one " + std::string(what) + ": " + std::string(instead), std::string(what));
    return *this;
  }

  template <class U>
  static auto as_tuple(const U& u) {
    if constexpr (requires { u.actions; }) return std::apply([](const auto&... a) { return std::tie(a...); }, u.actions);
    else return std::tie(u);
  }
  void open_clause(detail::clause k, bool& first) {
    if (first) {
      if (!ex_.update_.empty()) ex_.update_ += ' ';
      ex_.update_ += detail::clause_word(k);
      first = false;
    } else {
      ex_.update_ += ", ";
    }
  }
  void check_update_targets(const std::vector<path>& targets) {
    detail::check_no_overlap(ctx_, targets, "update");
    for (const path& p : targets) {
      const std::vector<path_step>& t = p.steps();
      if (!t.empty() && !t[0].is_index && !key_names_[0].empty() &&
          (t[0].name == key_names_[0] || (!key_names_[1].empty() && t[0].name == key_names_[1])))
        ctx_.fail(errc::invalid_expression, "an update cannot change key attribute " + t[0].name, detail::printable(t[0].name));
    }
  }
  template <class... A>
  void render_update(const A&... actions) {
    check_update_targets({actions.target()...});
    for (auto k : {detail::clause::set, detail::clause::remove, detail::clause::add, detail::clause::del}) {
      bool first = true;
      auto one = [&](const auto& a) {
        if (std::remove_cvref_t<decltype(a)>::kind != k) return;
        ctx_.count_operator();
        open_clause(k, first);
        a.render(ctx_, ex_.update_);
      };
      (one(actions), ...);
    }
  }

  render_context ctx_;
  expression ex_;
  std::string_view key_names_[2];
  std::size_t filter_operators_ = 0, condition_operators_ = 0;  // of each so far (a second is joined)
};

}  // namespace ddbx
