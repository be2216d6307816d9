// The SDK bridge's requests, values and results do not pay for simdjson.h: expression values go
// onto a request through the SDK's own JSON reader.
#include <doctest/doctest.h>

#include <aws/dynamodb/model/PutItemRequest.h>

#include "ddbx/aws_sdk/decode.hpp"
#include "ddbx/aws_sdk/encode.hpp"
#include "ddbx/aws_sdk/requests.hpp"
#include "ddbx/expr/builder.hpp"
#include "ddbx/mapping/page.hpp"

#ifdef SIMDJSON_H
#error "an aws_sdk header (requests, values or results) included simdjson.h"
#endif

TEST_CASE("aws_sdk requests without simdjson: names and values reach the request exactly") {
  Aws::DynamoDB::Model::PutItemRequest put;
  ddbx::expression ex = ddbx::builder{}
                            .with_condition(ddbx::path("n") < ddbx::number::parse("12345678901234567890123456789012345678").value() &&
                                            ddbx::path("b") == ddbx::binary{std::byte{0xff}, std::byte{0x00}} &&
                                            ddbx::path("m") == ddbx::value(ddbx::item{{"x", ddbx::value(ddbx::item{{"s", "é\"\\"}})}}))
                            .build()
                            .value();
  REQUIRE(ddbx::apply_expression(put, ex).has_value());
  const auto& v = put.GetExpressionAttributeValues();
  REQUIRE(v.size() == 3);
  CHECK(v.at(":0").GetN() == "12345678901234567890123456789012345678");
  const auto& b = v.at(":1").GetB();
  REQUIRE(b.GetLength() == 2);
  CHECK(b[0] == 0xff);
  CHECK(b[1] == 0x00);
  CHECK(v.at(":2").GetM().at("x")->GetM().at("s")->GetS() == "é\"\\");
  CHECK(put.GetExpressionAttributeNames().at("#0") == "n");
}
