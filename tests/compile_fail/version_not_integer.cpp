// expect: ddbx: the version member must be an integer
#include "ddbx/table.hpp"
#include <string>
struct doc { std::string id; std::string version; };
using docs = ddbx::versioned<ddbx::table<doc, &doc::id>, &doc::version>;
int main() { return docs::version_name.size() > 0 ? 0 : 1; }
