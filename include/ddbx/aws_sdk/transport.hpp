#pragma once
// ddbx::aws_sdk_transport — a ddbx transport on aws-sdk-cpp's networking: ddbx renders the request
// body and decodes the raw answer (simdjson, straight into structs), while the SDK's HTTP client
// sends it, signed by the SDK's SigV4 signer with the SDK's default credentials provider chain
// (or a provider given), under the SDK's ClientConfiguration: region, endpointOverride and scheme,
// proxy settings, TLS (verifySSL, caFile, caPath), timeouts. The ddbx client does the retrying
// (the configuration's retryStrategy is not used); the answer's x-amz-crc32 is checked.
//
//   Aws::SDKOptions sdk;
//   Aws::InitAPI(sdk);                        // before the transport is made; ShutdownAPI after it is gone
//   {
//     Aws::Client::ClientConfiguration config;
//     config.region = "eu-west-1";
//     ddbx::client db{ddbx::aws_sdk_transport{config}};
//     auto users = db.table<users_table>("users");
//     users.put_item(jane).send().value();
//   }
//   Aws::ShutdownAPI(sdk);
//
// The endpoint is config.endpointOverride (with config.scheme when it names no scheme), else
// AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL (as newer SDKs read them), else
// https://dynamodb.<region>.amazonaws.com. One transport may serve any number of threads at once.
#include "ddbx/aws_sdk/detail/common.hpp"  // first: it says so when the SDK's headers are missing
#include <cstdint>
#include <cstdlib>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/auth/AWSCredentialsProviderChain.h>
#include <aws/core/auth/signer/AWSAuthV4Signer.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/core/http/HttpClient.h>
#include <aws/core/http/HttpClientFactory.h>
#include <aws/core/http/HttpRequest.h>
#include <aws/core/http/HttpResponse.h>
#include <aws/core/utils/HashingUtils.h>
#include <aws/core/utils/memory/stl/AWSStringStream.h>

#include "ddbx/client/transport.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/version.hpp"

namespace ddbx {

namespace detail::aws_sdk {

inline bool has_control(std::string_view s) noexcept {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

inline bool is_region_name(std::string_view r) noexcept {
  if (r.empty() || r.size() > 63) return false;
  bool digits_only = true;
  for (char c : r) {
    const bool digit = c >= '0' && c <= '9';
    if (!(digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    digits_only = digits_only && digit;
  }
  return !digits_only;
}

inline std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// The big-endian CRC32 the SDK computes, as the decimal text x-amz-crc32 carries.
inline std::string crc32_text(const std::string& body) {
  const Aws::Utils::ByteBuffer crc = Aws::Utils::HashingUtils::CalculateCRC32(as_aws(body));
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < crc.GetLength(); ++i) v = (v << 8) | crc[i];
  return std::to_string(v);
}

}  // namespace detail::aws_sdk

class aws_sdk_transport {
 public:
  // The SDK's default configuration (region from AWS_DEFAULT_REGION, the profile, …).
  aws_sdk_transport() : aws_sdk_transport(Aws::Client::ClientConfiguration{}) {}
  // `credentials` empty: the SDK's DefaultAWSCredentialsProviderChain (environment, profile, SSO,
  // process, web identity, ECS, IMDS).
  explicit aws_sdk_transport(const Aws::Client::ClientConfiguration& config,
                             std::shared_ptr<Aws::Auth::AWSCredentialsProvider> credentials = {},
                             bool verify_crc32 = true)
      : verify_crc32_(verify_crc32) {
    namespace sdk = detail::aws_sdk;
    region_ = config.region.empty() ? std::string("us-east-1") : std::string(sdk::view(config.region));
    endpoint_ = std::string(sdk::view(config.endpointOverride));
    if (!endpoint_.empty() && endpoint_.find("://") == std::string::npos)
      endpoint_ = (config.scheme == Aws::Http::Scheme::HTTP ? "http://" : "https://") + endpoint_;
    if (endpoint_.empty()) endpoint_ = sdk::env("AWS_ENDPOINT_URL_DYNAMODB");
    if (endpoint_.empty()) endpoint_ = sdk::env("AWS_ENDPOINT_URL");
    if (endpoint_.empty()) endpoint_ = "https://dynamodb." + region_ + ".amazonaws.com";
    // Settings that would change where a request goes or what it says are refused on every call.
    if (sdk::has_control(region_) || !sdk::is_region_name(region_))
      problem_ = make_error(errc::invalid_request, "the region (ClientConfiguration::region) is not a region name: "
                                                   "letters, digits and '-', at most 63");
    else if (sdk::has_control(endpoint_) ||
             !(endpoint_.starts_with("https://") || endpoint_.starts_with("http://")))
      problem_ = make_error(errc::invalid_request, "the endpoint (ClientConfiguration::endpointOverride, "
                                                   "AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL) is not an https:// "
                                                   "or http:// URL");
    if (!credentials) credentials = Aws::MakeShared<Aws::Auth::DefaultAWSCredentialsProviderChain>("ddbx");
    signer_ = Aws::MakeShared<Aws::Client::AWSAuthV4Signer>("ddbx", credentials, "dynamodb", sdk::to_aws(region_));
    http_ = Aws::Http::CreateHttpClient(config);
    user_agent_ = "ddbx/" DDBX_VERSION_STRING " " + Aws::Client::ComputeUserAgentString(&config);
  }

  result<http_response> operator()(std::string_view operation, std::string_view body) const {
    namespace sdk = detail::aws_sdk;
    if (problem_.code != errc::ok) return problem_;
    if (operation.empty() || sdk::has_control(operation))
      return make_error(errc::invalid_request, "the operation name is empty or has a control character");
    auto request = Aws::Http::CreateHttpRequest(sdk::to_aws(endpoint_), Aws::Http::HttpMethod::HTTP_POST,
                                                Aws::Utils::Stream::DefaultResponseStreamFactoryMethod);
    request->SetHeaderValue("content-type", "application/x-amz-json-1.0");
    request->SetHeaderValue("x-amz-target", sdk::to_aws(target_header(operation)));
    request->SetUserAgent(user_agent_);
    auto content = Aws::MakeShared<Aws::StringStream>("ddbx");
    content->write(body.data(), static_cast<std::streamsize>(body.size()));
    request->AddContentBody(content);
    request->SetContentLength(sdk::to_aws(std::to_string(body.size())));
    if (!signer_->SignRequest(*request))
      return make_error(errc::invalid_request, "the SDK's SigV4 signer refused to sign the request");

    std::shared_ptr<Aws::Http::HttpResponse> response = http_->MakeRequest(request);
    if (!response || response->HasClientError() ||
        response->GetResponseCode() == Aws::Http::HttpResponseCode::REQUEST_NOT_MADE) {
      error e = make_error(errc::transport_failed, response ? "the SDK's HTTP client: " + std::string(sdk::view(response->GetClientErrorMessage()))
                                                            : std::string("the SDK's HTTP client gave no answer"));
      e.retryable = true;
      return e;
    }
    http_response out;
    out.status = static_cast<int>(response->GetResponseCode());
    for (const auto& [k, v] : response->GetHeaders()) out.headers.emplace_back(sdk::view(k), sdk::view(v));
    if (std::string_view length = out.header("content-length"); !length.empty()) {
      std::size_t n = 0;
      for (char c : length) n = c >= '0' && c <= '9' && n < (std::size_t{1} << 40) ? n * 10 + static_cast<std::size_t>(c - '0') : n;
      out.body.reserve(n + 64);  // room for simdjson's padding: the body is decoded in place
    }
    std::istream& stream = response->GetResponseBody();
    char buf[16384];
    while (stream.read(buf, sizeof buf) || stream.gcount() > 0)
      out.body.append(buf, static_cast<std::size_t>(stream.gcount()));
    if (verify_crc32_) {
      if (std::string_view expected = out.header("x-amz-crc32"); !expected.empty()) {
        const std::string actual = sdk::crc32_text(out.body);
        if (expected != actual) {
          error e = make_error(errc::crc32_mismatch, "x-amz-crc32 is " + std::string(expected) + ", the body's is " + actual);
          e.http_status = out.status;
          e.retryable = true;
          e.request_id = std::string(out.header("x-amzn-RequestId"));
          return e;
        }
      }
    }
    return out;
  }

  const std::string& endpoint() const noexcept { return endpoint_; }
  const std::string& region() const noexcept { return region_; }

 private:
  std::string region_, endpoint_;
  error problem_{};
  bool verify_crc32_ = true;
  std::shared_ptr<Aws::Client::AWSAuthV4Signer> signer_;
  std::shared_ptr<Aws::Http::HttpClient> http_;
  Aws::String user_agent_;
};

}  // namespace ddbx
