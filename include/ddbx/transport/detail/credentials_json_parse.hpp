#pragma once
// detail::json_fields — the string and number members of one JSON object, for the credential
// providers' answers (credential_process, container, IMDS, SSO and its token cache). Parsed with
// simdjson, which ddbx already links for decoding; nested objects by a path of member names.
//
//   auto f = detail::json_fields(R"({"roleCredentials":{"accessKeyId":"A"}})", {"roleCredentials"});
//   f->text("accessKeyId")  // "A"
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "ddbx/core/result.hpp"

namespace ddbx::detail {

struct json_object_fields {
  std::map<std::string, std::string, std::less<>> texts;
  std::map<std::string, double, std::less<>> numbers;
  std::string text(std::string_view name) const {
    auto it = texts.find(name);
    return it == texts.end() ? std::string() : it->second;
  }
};

// Errors say only where the JSON broke, never what it holds (it carries keys).
inline result<json_object_fields> json_fields(std::string_view json, std::initializer_list<std::string_view> path = {}) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS)
    return make_error(errc::malformed_response, "the answer is not JSON");
  for (std::string_view member : path) {
    if (root[member].get(root) != simdjson::SUCCESS)
      return make_error(errc::malformed_response, "the answer has no \"" + std::string(member) + "\" object");
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS)
    return make_error(errc::malformed_response, "the answer is not a JSON object");
  json_object_fields out;
  for (auto [key, value] : object) {
    std::string_view text;
    double number = 0;
    if (value.get_string().get(text) == simdjson::SUCCESS) out.texts.emplace(std::string(key), std::string(text));
    else if (value.get_double().get(number) == simdjson::SUCCESS) out.numbers.emplace(std::string(key), number);
    else if (int64_t i = 0; value.get_int64().get(i) == simdjson::SUCCESS) out.numbers.emplace(std::string(key), static_cast<double>(i));
  }
  return out;
}

}  // namespace ddbx::detail
