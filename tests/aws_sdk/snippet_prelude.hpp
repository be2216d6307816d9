// Prelude for the aws-sdk-cpp snippets of docs/aws-sdk.md and the README (tests/aws_sdk/snippets.py):
// the README's seed types and table, the interop headers, and a DynamoDBClient to call.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <aws/dynamodb/DynamoDBClient.h>
#include <aws/dynamodb/model/GetItemRequest.h>
#include <aws/dynamodb/model/PutItemRequest.h>
#include <aws/dynamodb/model/QueryRequest.h>
#include <aws/dynamodb/model/ScanRequest.h>
#include <aws/dynamodb/model/UpdateItemRequest.h>

#include "ddbx/aws_sdk.hpp"
#include "ddbx/ddbx.hpp"

struct postal_address {
  std::string road, city, state;
  int zipcode = 0;
};
struct user {
  std::string username, first_name, last_name;
  int age = 0;
  std::string account_type;
  std::optional<postal_address> address;
};
using account_type_index = ddbx::gsi<"account_type_index", &user::account_type, &user::age>;
using users_table = ddbx::table<user, &user::username, &user::last_name, account_type_index>;

#define SNIPPET_PARAMS [[maybe_unused]] Aws::DynamoDB::DynamoDBClient& dynamo, [[maybe_unused]] const user& jane
