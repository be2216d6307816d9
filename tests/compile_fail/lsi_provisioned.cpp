// expect: ddbx: a local secondary index shares the table's throughput
#include "ddbx/table.hpp"
#include <string>
struct post { std::string forum, id; long votes = 0; };
using by_votes = ddbx::lsi<"by_votes", &post::forum, &post::votes>::provisioned<5, 5>;
using posts = ddbx::table<post, &post::forum, &post::id, by_votes>;
int main() { return posts::index_count == 1 ? 0 : 1; }
