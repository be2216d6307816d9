// The credential providers' parsers of what others write: the shared config/credentials files
// (INI), STS's XML answers (expat), the JSON of IMDS/ECS/SSO/credential_process answers, ISO-8601
// expirations, and credential_process command lines. Property beyond "no crash, no leak, no UB":
// each parser gives the same answer twice (no hidden state between calls).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/credentials/process.hpp"
#include "ddbx/transport/credentials/profile.hpp"
#include "ddbx/transport/credentials/sts.hpp"
#include "ddbx/transport/detail/credentials_json_parse.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  namespace d = ddbx::detail;

  const d::ini_sections ini = d::parse_ini(input);
  FUZZ_CHECK(ini == d::parse_ini(input), "parse_ini differs between two calls");
  for (const auto& [section, keys] : ini) (void)d::ini_get(ini, section, "aws_access_key_id");
  const d::ini_sections config = d::config_sections(input);
  (void)d::ini_get(config, "profile dev", "region");

  const auto xml = d::sts_xml_leaves(input);
  FUZZ_CHECK(xml == d::sts_xml_leaves(input), "sts_xml_leaves differs between two calls");

  for (auto path : {std::initializer_list<std::string_view>{}, {"roleCredentials"}}) {
    auto fields = d::json_fields(input, path);
    if (fields) {
      (void)fields->text("AccessKeyId");
      (void)fields->text("expiration");
    }
  }

  const auto when = d::parse_iso8601(input);
  FUZZ_CHECK(when == d::parse_iso8601(input), "parse_iso8601 differs between two calls");
  const auto words = d::split_command(input);
  FUZZ_CHECK(words == d::split_command(input), "split_command differs between two calls");
  return 0;
}
