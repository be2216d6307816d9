// The interop without exceptions (-fno-exceptions): every call gives a ddbx::result to check.
#include <cstdio>

#include <aws/core/Aws.h>
#include <aws/dynamodb/model/QueryRequest.h>
#include <aws/dynamodb/model/QueryResult.h>

#include "ddbx/aws_sdk.hpp"
#include "ddbx/ddbx.hpp"
#include "seed_types.hpp"

#if defined(__cpp_exceptions)
#error "built with -fno-exceptions"
#endif

int main() {
  Aws::SDKOptions options;
  Aws::InitAPI(options);
  int failures = 0;
  {
    const seed::user jane{"janedoe", "Jane", "Doe", 25, "standard_user", seed::postal_address{"r", "c", "CA", 90001}, {}, {}};
    auto m = ddbx::to_attribute_map(jane);
    if (!m) ++failures;
    auto back = m ? ddbx::from_attribute_map<seed::user>(*m) : ddbx::result<seed::user>(m.error());
    if (!back || !(*back == jane)) ++failures;
    Aws::DynamoDB::Model::QueryRequest q;
    auto s = ddbx::apply_expression(q, ddbx::builder{}.with_filter(ddbx::attr<&seed::user::age> < 27));
    if (!s || q.GetFilterExpression() != "#0 < :0") ++failures;
    Aws::DynamoDB::Model::QueryResult r;
    if (m) r.AddItems(*m);
    auto items = ddbx::items_of<seed::user>(r);
    if (!items || items->size() != 1) ++failures;
    auto bad = ddbx::from_attribute_value<int>(ddbx::to_attribute_value("x").value_or(Aws::DynamoDB::Model::AttributeValue{}));
    if (bad || bad.error().what_text() != "expected N, got S") ++failures;
  }
  Aws::ShutdownAPI(options);
  std::printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
