// Users who only encode (or build expressions, or write plain JSON, or pass stream records around)
// must not pay for simdjson.h.
#include <doctest/doctest.h>

#include "ddbx/core/binary.hpp"
#include "ddbx/core/error.hpp"
#include "ddbx/core/limits.hpp"
#include "ddbx/core/number.hpp"
#include "ddbx/core/result.hpp"
#include "ddbx/mapping/chrono.hpp"
#include "ddbx/core/value.hpp"
#include "ddbx/mapping/base64.hpp"
#include "ddbx/mapping/codec.hpp"
#include "ddbx/mapping/encode.hpp"
#include "ddbx/mapping/fields.hpp"
#include "ddbx/mapping/page.hpp"
#include "ddbx/mapping/plain_json_write.hpp"
#include "ddbx/mapping/stream_record.hpp"
#include "ddbx/client/pagination_token.hpp"
#include "ddbx/client/retry.hpp"
#include "ddbx/client/transport.hpp"
#include "ddbx/ops/common.hpp"

#ifdef SIMDJSON_H
#error "an encoding (or token-writing) header included simdjson.h"
#endif

TEST_CASE("encoding headers do not include simdjson") {
  CHECK(*ddbx::encode_item(ddbx::item{{"a", 1}}) == R"({"a":{"N":"1"}})");
  std::string plain;
  CHECK(ddbx::write_plain_json(ddbx::item{{"a", 1}}, plain).has_value());
  CHECK(plain == R"({"a":1})");
}

TEST_CASE("the stream record types do not need simdjson") {
  ddbx::stream_record<ddbx::item> r;
  r.event_name = ddbx::stream_operation::remove;
  r.user_identity = ddbx::stream_identity{"Service", "dynamodb.amazonaws.com"};
  CHECK(r.is_ttl_delete());
  CHECK(ddbx::to_string(ddbx::stream_view_type::new_and_old_images) == "NEW_AND_OLD_IMAGES");
}
