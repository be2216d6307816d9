#pragma once
// Encoding: structs, maps, ddbx::item and ddbx::value → AttributeValue JSON, appended to a
// caller's std::string with no per-attribute allocation. Every DynamoDB rule that can be checked
// before sending is checked here, and a failure names the attribute path; on failure the
// buffer is left exactly as it was.
//
//   std::string body;
//   ddbx::status s = ddbx::encode_item(user, body);
//   // body += {"username":{"S":"janedoe"},"age":{"N":"25"},"address":{"M":{"state":{"S":"CA"}}}}
//   if (!s) std::puts(s.error().what_text().c_str());   // "address.zipcode: …"
#include "ddbx/core/value.hpp"
#include "ddbx/mapping/detail/encoder.hpp"
