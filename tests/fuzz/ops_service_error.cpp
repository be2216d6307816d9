// An error answer `{"__type":"…#Code","message":"…"}` → ddbx::error (parse_service_error), with
// the HTTP statuses a client sees, and the retry verdict.
#include "fuzz_common.hpp"
#include "ddbx/ops/response.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  for (int status : {400, 413, 500, 503, 0, -1}) {
    ddbx::error e = ddbx::parse_service_error(status, body);
    FUZZ_CHECK(e.code == ddbx::errc::service_error, "parse_service_error gave code %s",
               std::string(ddbx::to_string(e.code)).c_str());
    FUZZ_CHECK(!e.aws_code.empty() && !e.message.empty(), "parse_service_error left aws_code or message empty");
    FUZZ_CHECK(e.retryable == ddbx::is_retryable(e.aws_code, status), "retry verdict differs from is_retryable");
    (void)e.what_text();
  }
  return 0;
}
