// expect: ddbx: the TTL attribute holds seconds since 1970 as N
#include "ddbx/ops/time_to_live.hpp"
#include "ddbx/table.hpp"
#include <string>
struct session { std::string id; std::string expires; };
using sessions = ddbx::table<session, &session::id>;
int main() {
  std::string body;
  return ddbx::update_time_to_live_request::of<&session::expires, sessions>("sessions", true).append_body(body) ? 0 : 1;
}
