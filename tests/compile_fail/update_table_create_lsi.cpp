// expect: ddbx: UpdateTable creates, deletes and updates global secondary indexes
#include "ddbx/ops/update_table.hpp"
#include <string>
struct post { std::string forum, id; long votes = 0; };
using by_votes = ddbx::lsi<"by_votes", &post::forum, &post::votes>;
using posts = ddbx::table<post, &post::forum, &post::id, by_votes>;
int main() { std::string b; return ddbx::update_table_request<posts>("posts").create_index<by_votes>().append_body(b) ? 0 : 1; }
