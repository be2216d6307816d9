#pragma once
// AWS STS, Query protocol: AssumeRole (signed with the source credentials) and
// AssumeRoleWithWebIdentity (unsigned; the token proves who asks). POST form bodies to
// https://sts.<region>.amazonaws.com/ (AWS_ENDPOINT_URL_STS overrides), XML answers:
// <…Response><…Result><Credentials><AccessKeyId/><SecretAccessKey/><SessionToken/><Expiration/>.
//
// XML by libexpat (Debian's libexpat1-dev): a small, maintained streaming parser, enough to pick
// six leaf elements without building a tree, with billion-laughs protection since 2.4; a DOCTYPE
// is refused outright (STS never sends one, so no entity is ever expanded). Only this header includes it.
//
//   auto c = ddbx::sts_assume_role(source, {.role_arn = "arn:aws:iam::123456789012:role/dev"}, "eu-west-1");
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include <expat.h>

#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/detail/http_fetch.hpp"

namespace ddbx {

struct assume_role_request {
  std::string role_arn;
  std::string role_session_name;  // empty: "ddbx-session-<unix time>"
  std::string external_id;
  int duration_seconds = 0;       // 0: STS's default (1 hour)
};

namespace detail {

inline std::string xml_local_name(std::string_view name) {
  const std::size_t colon = name.rfind(':');
  return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

// The text of the leaf elements "Credentials/AccessKeyId", …, "Error/Code", "Error/Message" (local
// names, namespaces ignored). None when the XML is malformed or has a DOCTYPE.
inline std::optional<std::map<std::string, std::string>> sts_xml_leaves(std::string_view xml) {
  struct state {
    std::vector<std::string> path;
    std::map<std::string, std::string> leaves;
    std::string text;
    XML_Parser parser;
  } s{};
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr), &XML_ParserFree);
  if (!parser) return std::nullopt;
  s.parser = parser.get();
  XML_SetUserData(s.parser, &s);
  XML_SetStartDoctypeDeclHandler(s.parser, [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    XML_StopParser(static_cast<state*>(u)->parser, XML_FALSE);
  });
  XML_SetElementHandler(
      s.parser,
      [](void* u, const XML_Char* name, const XML_Char**) {
        auto* st = static_cast<state*>(u);
        st->path.push_back(xml_local_name(name));
        st->text.clear();
      },
      [](void* u, const XML_Char*) {
        auto* st = static_cast<state*>(u);
        if (st->path.size() >= 2) {
          const std::string& parent = st->path[st->path.size() - 2];
          if (parent == "Credentials" || parent == "Error") st->leaves[parent + "/" + st->path.back()] = st->text;
        }
        st->path.pop_back();
        st->text.clear();
      });
  XML_SetCharacterDataHandler(s.parser, [](void* u, const XML_Char* data, int len) {
    auto* st = static_cast<state*>(u);
    if (st->text.size() < 64 * 1024) st->text.append(data, static_cast<std::size_t>(len));
  });
  if (xml.size() > max_fetch_body || XML_Parse(s.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK)
    return std::nullopt;
  return std::move(s.leaves);
}

inline std::string sts_endpoint(const std::string& region) {
  std::string url = env("AWS_ENDPOINT_URL_STS");
  if (url.empty()) url = region.empty() ? "https://sts.amazonaws.com" : "https://sts." + region + ".amazonaws.com";
  if (url.back() != '/') url += '/';
  return url;
}

// Sends one STS action and reads the Credentials of its answer; `provider` names it in errors.
inline result<aws_credentials> sts_call(const std::string& form, const std::string& region, const aws_credentials* signer,
                                        std::string_view provider) {
  // The region moves the endpoint's host and the SigV4 scope: a name only ("evil.example#" is not).
  if (!region.empty() && !is_region_name(region)) return credentials_error(provider, "the region for STS is not a region name");
  fetch_request r;
  r.method = "POST";
  r.url = sts_endpoint(region);
  r.body = form;
  r.connect_timeout_ms = 3000;
  r.timeout_ms = 10000;
  r.use_proxy = true;
  if (!starts_with_http(r.url)) return credentials_error(provider, "AWS_ENDPOINT_URL_STS is not an https:// or http:// URL");
  if (has_control(r.url)) return credentials_error(provider, "AWS_ENDPOINT_URL_STS has a control character");
  r.headers.push_back("Content-Type: application/x-www-form-urlencoded; charset=utf-8");
  if (signer) {
    r.sigv4 = "aws:amz:" + (region.empty() ? std::string("us-east-1") : region) + ":sts";
    r.user = signer->access_key_id;
    r.password = signer->secret_access_key;
    if (!signer->session_token.empty()) r.headers.push_back("X-Amz-Security-Token: " + signer->session_token);
  }
  auto reply = http_fetch(r);
  if (!reply) return credentials_error(provider, reply.error().message, errc::transport_failed);
  const auto leaves = sts_xml_leaves(reply->body);
  if (reply->status != 200) {
    error e = credentials_error(provider, "STS answered HTTP " + std::to_string(reply->status), errc::service_error);
    e.http_status = static_cast<int>(reply->status);
    if (leaves && leaves->count("Error/Code")) {
      e.aws_code = leaves->at("Error/Code").substr(0, 100);
      e.message += ": " + (leaves->count("Error/Message") ? leaves->at("Error/Message").substr(0, 300) : std::string());
    }
    e.retryable = reply->status >= 500;
    return e;
  }
  if (!leaves) return credentials_error(provider, "STS's answer is not XML", errc::malformed_response);
  const auto leaf = [&](const char* name) {
    auto it = leaves->find(std::string("Credentials/") + name);
    return it == leaves->end() ? std::string() : trim(it->second);
  };
  aws_credentials c{leaf("AccessKeyId"), leaf("SecretAccessKey"), leaf("SessionToken"), parse_iso8601(leaf("Expiration"))};
  if (!c.expiration) return credentials_error(provider, "STS's answer has no Credentials/Expiration", errc::malformed_response);
  return checked(std::move(c), provider);
}

inline std::string default_session_name() { return "ddbx-session-" + std::to_string(std::time(nullptr)); }

inline std::string role_form(std::string_view action, const assume_role_request& q) {
  std::string form = "Action=" + std::string(action) + "&Version=2011-06-15&RoleArn=" + url_encode(q.role_arn) +
                     "&RoleSessionName=" + url_encode(q.role_session_name.empty() ? default_session_name() : q.role_session_name);
  if (!q.external_id.empty()) form += "&ExternalId=" + url_encode(q.external_id);
  if (q.duration_seconds > 0) form += "&DurationSeconds=" + std::to_string(q.duration_seconds);
  return form;
}

}  // namespace detail

// sts:AssumeRole, signed with `source`. `region` picks the regional endpoint (empty: the global one).
inline result<aws_credentials> sts_assume_role(const aws_credentials& source, const assume_role_request& q,
                                               const std::string& region, std::string_view provider = "assume role") {
  return detail::sts_call(detail::role_form("AssumeRole", q), region, &source, provider);
}

// sts:AssumeRoleWithWebIdentity with the token read from `token_file` now (it is rotated).
inline result<aws_credentials> sts_assume_role_with_web_identity(const std::string& token_file, const assume_role_request& q,
                                                                 const std::string& region,
                                                                 std::string_view provider = "web identity") {
  auto token = detail::read_aws_file(token_file, "the web identity token file");
  if (!token) return detail::credentials_error(provider, token.error().message);
  const std::string t = detail::trim(*token);
  if (t.empty()) return detail::credentials_error(provider, "the web identity token file " + token_file + " is empty or missing");
  return detail::sts_call(detail::role_form("AssumeRoleWithWebIdentity", q) + "&WebIdentityToken=" + detail::url_encode(t), region,
                          nullptr, provider);
}

}  // namespace ddbx
