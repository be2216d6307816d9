// expect: ddbx: these values do not convert to the table's primary key {partition key, sort key}
// expect: key_values_convert<&event::day, 'N', &event::id, 'S', const char (&)[4], int>
// The sort key given first: a string for the numeric partition key.
#include "ddbx/ops/key.hpp"
struct event { std::int64_t day = 0; std::string id; };
using events = ddbx::table<event, &event::day, &event::id>;
int main() { ddbx::primary_key<events> k{"e-1", 20240101}; (void)k; }
