// The credential providers that speak HTTP, against tests/integration/credentials_server.py (a
// loopback stand-in for STS, the SSO portal and the ECS endpoint that refuses any request breaking
// the documented protocol): role_arn + source_profile → signed AssumeRole (a ':' in the secret),
// web identity from the environment and from a profile, sso_session and legacy SSO with the token
// cache file, container credentials with a token, and a curl_transport resolving through the chain.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "ddbx/transport/credentials/chain.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;

namespace {

std::string server() {
  const char* url = std::getenv("DDBX_CRED_SERVER");
  REQUIRE_MESSAGE(url, "run through credentials_server.py");
  return url;
}

struct scoped_env {
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  std::string dir;
  scoped_env() {
    char tmpl[] = "/tmp/ddbx-credp-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION",
                          "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
                          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                          "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"})
      set(v, nullptr);
    set("AWS_EC2_METADATA_DISABLED", "true");
    set("HOME", dir.c_str());
    set("AWS_SHARED_CREDENTIALS_FILE", (dir + "/credentials").c_str());
    set("AWS_CONFIG_FILE", (dir + "/config").c_str());
    set("AWS_ENDPOINT_URL_STS", server().c_str());
    set("AWS_ENDPOINT_URL_SSO", server().c_str());
  }
  void set(const char* name, const char* v) {
    const char* old = std::getenv(name);
    saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (v) ::setenv(name, v, 1);
    else ::unsetenv(name);
  }
  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(std::filesystem::path(dir + "/" + name).parent_path());
    std::ofstream(dir + "/" + name) << text;
  }
  ~scoped_env() {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->second) ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else ::unsetenv(it->first.c_str());
    }
    std::filesystem::remove_all(dir);
  }
};

result<aws_credentials> chain(std::string profile = {}) {
  return default_credentials_chain({.profile = std::move(profile), .region = "eu-west-1"})();
}

void check_ok(const result<aws_credentials>& r) {
  if (!r) FAIL(r.error().what_text());
}

}  // namespace

TEST_CASE("role_arn + source_profile: AssumeRole signed with the source keys, its settings sent") {
  scoped_env env;
  env.write("credentials", "[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = se:cret/source+key\n"
                           "[temp]\naws_access_key_id = ASIASOURCE\naws_secret_access_key = temp:secret\n"
                           "aws_session_token = source-session-token\n");
  env.write("config", "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n"
                      "role_session_name = my-session\nexternal_id = ext-1\nduration_seconds = 900\n"
                      "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/second\nsource_profile = dev\n"
                      "[profile fromtemp]\nrole_arn = arn:aws:iam::123456789012:role/t\nsource_profile = temp\nregion = ap-south-1\n"
                      "[profile denied]\nrole_arn = arn:aws:iam::123456789012:role/denied\nsource_profile = base\n");
  auto r = chain("dev");
  check_ok(r);
  CHECK(r->access_key_id == "ASIAROLE");
  CHECK(r->secret_access_key == "role:secret");
  CHECK(r->session_token == "arn:aws:iam::123456789012:role/dev|my-session|ext-1|900");
  REQUIRE(r->expiration);
  CHECK(*r->expiration > std::chrono::system_clock::now() + std::chrono::minutes(50));
  // a role whose source is a role: the second AssumeRole is signed with the first one's keys,
  // which the stand-in does not know: it refuses, naming the signer, and the error says which profile
  auto chained = chain("chained");
  REQUIRE_FALSE(chained);
  CHECK(chained.error().message.find("assume role for profile chained") == 0);
  CHECK(chained.error().message.find("unknown key ASIAROLE") != std::string::npos);
  // temporary source keys: X-Amz-Security-Token is sent (and signed), the profile's region used
  check_ok(chain("fromtemp"));
  auto denied = chain("denied");
  REQUIRE_FALSE(denied);
  CHECK(denied.error().code == errc::service_error);
  CHECK(denied.error().aws_code == "AccessDenied");
  CHECK(denied.error().message.starts_with("assume role for profile denied: STS answered HTTP 403"));
  CHECK(denied.error().what_text().find("se:cret") == std::string::npos);
}

TEST_CASE("web identity: from the environment and from a profile; unsigned, the token file's text sent") {
  scoped_env env;
  env.write("token", "web-identity-token-123\n");
  env.set("AWS_WEB_IDENTITY_TOKEN_FILE", (env.dir + "/token").c_str());
  env.set("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web");
  env.set("AWS_ROLE_SESSION_NAME", "pod-1");
  auto r = chain();
  check_ok(r);
  CHECK(r->access_key_id == "ASIAWEB");
  CHECK(r->session_token.starts_with("arn:aws:iam::123456789012:role/web|pod-1|"));
  env.set("AWS_WEB_IDENTITY_TOKEN_FILE", nullptr);
  env.set("AWS_ROLE_ARN", nullptr);
  env.set("AWS_ROLE_SESSION_NAME", nullptr);
  env.write("config", "[profile w]\nweb_identity_token_file = " + env.dir + "/token\nrole_arn = arn:aws:iam::1:role/w\n");
  auto p = chain("w");
  check_ok(p);
  CHECK(p->session_token.starts_with("arn:aws:iam::1:role/w|ddbx-session-"));
  env.write("token", "wrong-token");
  auto bad = chain("w");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("web identity: STS answered HTTP 400") == 0);
  CHECK(bad.error().message.find("WebIdentityToken is not the token file's text") != std::string::npos);
}

TEST_CASE("SSO: sso_session and legacy profiles, the cached token by SHA-1 file name, the bearer header") {
  scoped_env env;
  env.write("config", "[profile s]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n"
                      "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n"
                      "[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-2\n"
                      "sso_account_id = 444455556666\nsso_role_name = Admin\n");
  const std::string token = R"({"accessToken":"sso-access-token-456","expiresAt":"2099-01-01T00:00:00Z"})";
  // sha1("corp") and sha1("https://old.awsapps.com/start"), as botocore names the files
  CHECK(detail::sha1_hex("corp") == "ee0bfd2552fbd840c02cc48b6e823320543c450f");
  env.write(".aws/sso/cache/" + detail::sha1_hex("corp") + ".json", token);
  auto r = chain("s");
  check_ok(r);
  CHECK(r->access_key_id == "ASIASSO");
  CHECK(r->session_token == "111122223333|ReadOnly");
  REQUIRE(r->expiration);
  auto missing = chain("legacy");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("aws sso login --profile legacy") != std::string::npos);
  env.write(".aws/sso/cache/" + detail::sha1_hex("https://old.awsapps.com/start") + ".json", token);
  auto legacy = chain("legacy");
  check_ok(legacy);
  CHECK(legacy->session_token == "444455556666|Admin");
  env.write(".aws/sso/cache/" + detail::sha1_hex("corp") + ".json",
            R"({"accessToken":"sso-access-token-456","expiresAt":"2001-01-01T00:00:00Z"})");
  CHECK(chain("s").error().message == "SSO for profile s: the cached token has expired; run `aws sso login --profile s`");
  env.write(".aws/sso/cache/" + detail::sha1_hex("corp") + ".json",
            R"({"accessToken":"wrong","expiresAt":"2099-01-01T00:00:00Z"})");
  CHECK(chain("s").error().http_status == 401);
}

TEST_CASE("container: FULL_URI on loopback with AUTHORIZATION_TOKEN; refused without it") {
  scoped_env env;
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", (server() + "/ecs/credentials").c_str());
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer ecs-token-789");
  auto r = chain();
  check_ok(r);
  CHECK(r->access_key_id == "ASIAECS");
  CHECK(r->session_token == "ecs-session");
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", nullptr);
  auto refused = chain();
  REQUIRE_FALSE(refused);
  CHECK(refused.error().http_status == 401);
  CHECK(refused.error().message.starts_with("container credentials: "));
}

TEST_CASE("curl_transport signs with the role's keys, resolved on the first call") {
  scoped_env env;
  env.write("credentials", "[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = se:cret/source+key\n");
  env.write("config", "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n");
  env.set("AWS_PROFILE", "dev");
  // the "DynamoDB" endpoint is the stand-in too: it answers 200 only to a request signed with the role's keys
  curl_transport t{{.region = "eu-west-1", .endpoint = server() + "/dynamodb"}};
  auto r = t("DescribeTable", "{}");
  if (!r) FAIL(r.error().what_text());
    if (r->status != 200) FAIL(r->body);
}

TEST_CASE("curl_transport signs with a user's provider's keys, a ':' in the secret intact: the stand-in verifies it") {
  scoped_env env;
  curl_options o{.region = "eu-west-1", .endpoint = server() + "/dynamodb"};
  std::string secret = "role:secret";
  o.credentials = [&secret] {
    return result<aws_credentials>(aws_credentials{"ASIAROLE", secret, "arn:aws:iam::123456789012:role/dev|user", std::nullopt});
  };
  curl_transport t{o};
  auto r = t("DescribeTable", "{}");
  if (!r) FAIL(r.error().what_text());
  CHECK_MESSAGE(r->status == 200, r->body);
  secret = "role";  // the check is real: the secret cut at its ':' is refused
  auto cut = t("DescribeTable", "{}");
  REQUIRE(cut);
  CHECK(cut->status == 400);
  CHECK(cut->body.find("signature does not match") != std::string::npos);
}
