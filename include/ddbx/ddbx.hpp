#pragma once
// ddbx — DynamoDB for C++: typed AttributeValue mapping, expressions, request builders and a
// client over any transport. Include this, or only the headers you use:
//   ddbx/mapping/encode.hpp                structs → AttributeValue JSON (no simdjson)
//   ddbx/mapping/decode.hpp                AttributeValue JSON → structs (simdjson On-Demand)
//   ddbx/mapping/plain_json_decode.hpp     DynamoDB JSON ↔ plain JSON, from text (simdjson)
//   ddbx/mapping/plain_json_write.hpp      ddbx::value / ddbx::item → plain JSON (no simdjson)
//   ddbx/mapping/stream_record_decode.hpp  DynamoDB Streams / Lambda stream records, typed (simdjson)
//   ddbx/mapping/stream_record.hpp         the stream record types alone (no simdjson)
//   ddbx/expression.hpp                    conditions, key conditions, updates, projections (no simdjson)
//   ddbx/ops/*.hpp                         one header per operation: request body + typed response
//   ddbx/client/client.hpp                 retries, table handles, waiters, paginators, batch writer/get
// Transports (ddbx/transport/curl.hpp) are never included here.
#include "ddbx/version.hpp"
#include "ddbx/core/binary.hpp"
#include "ddbx/core/error.hpp"
#include "ddbx/core/limits.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/mapping/chrono.hpp"
#include "ddbx/core/value.hpp"
#include "ddbx/expression.hpp"
#include "ddbx/mapping/base64.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/decode.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/mapping/fields.hpp"
#include "ddbx/mapping/plain_json_decode.hpp"
#include "ddbx/mapping/plain_json_write.hpp"
#include "ddbx/mapping/stream_record_decode.hpp"
#include "ddbx/client/client.hpp"
#include "ddbx/client/paginator.hpp"
#include "ddbx/client/pagination_token.hpp"
#include "ddbx/client/pagination_token_decode.hpp"
#include "ddbx/ops/error_details.hpp"
#include "ddbx/ops/update_table.hpp"
