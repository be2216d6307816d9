// expect: ddbx: the table has only a partition key: give its value alone, of its type
// expect: partition_key_value_converts<&session::token, 'S', const char (&)[3], int>
#include "ddbx/ops/get_item.hpp"
struct session { std::string token; int ttl = 0; };
using sessions = ddbx::table<session, &session::token>;
int main() { ddbx::get_item_request<sessions> r("sessions", {"t1", 60}); (void)r; }
