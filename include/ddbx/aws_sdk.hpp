#pragma once
// ddbx with aws-sdk-cpp (opt-in: ddbx/ddbx.hpp never includes this). Link aws-sdk-cpp's dynamodb
// and core libraries (CMake: find_package(AWSSDK COMPONENTS dynamodb); Meson: dependency('ddbx-aws-sdk')).
//   ddbx/aws_sdk/encode.hpp     to_attribute_value / to_attribute_map: anything ddbx maps → AttributeValue
//   ddbx/aws_sdk/decode.hpp     from_attribute_value / from_attribute_map: AttributeValue → T
//   ddbx/aws_sdk/requests.hpp   apply_expression onto Query/Scan/GetItem/PutItem/UpdateItem/DeleteItem
//                               requests; items_of / page_of / item_of for their results
//   ddbx/aws_sdk/transport.hpp  aws_sdk_transport: a ddbx client on the SDK's HTTP client and SigV4 signer
// See docs/aws-sdk.md.
#include "ddbx/aws_sdk/decode.hpp"
#include "ddbx/aws_sdk/encode.hpp"
#include "ddbx/aws_sdk/requests.hpp"
#include "ddbx/aws_sdk/transport.hpp"
