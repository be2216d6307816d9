// doctest's main inside Aws::InitAPI / Aws::ShutdownAPI (the SDK's allocator, JSON and HTTP
// factories are set up there).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <aws/core/Aws.h>

int main(int argc, char** argv) {
  Aws::SDKOptions options;
  Aws::InitAPI(options);
  int rc = 0;
  {
    doctest::Context context(argc, argv);
    rc = context.run();
  }
  Aws::ShutdownAPI(options);
  return rc;
}
