// Runs a ddbx paginator for the token interchange test (pagination_tokens.py, with boto3):
//   paginate_tool users|blobs <table> <max_items|-> <page_size|-> <starting_token|->
// Queries hash "p" (users) or b"\x00p" (blobs) and prints {"items":[…],"next_token":"…"|null}.
#include <cstdio>
#include <string>

#include "ddbx/ddbx.hpp"
#include "ddbx/transport/curl.hpp"

using namespace ddbx;

struct row {
  std::string pk;
  std::string sk;
  int n = 0;
};
struct blob_row {
  binary pk;
  binary sk;
  int n = 0;
};
using rows = table<row, &row::pk, &row::sk>;
using blobs = table<blob_row, &blob_row::pk, &blob_row::sk>;

template <class Table, class K>
int run(const std::string& name, const K& key_condition, char** argv) {
  client db{curl_transport{}};
  pagination_config c;
  if (std::string(argv[3]) != "-") c.max_items = std::stoul(argv[3]);
  if (std::string(argv[4]) != "-") c.page_size = static_cast<std::uint32_t>(std::stoul(argv[4]));
  if (std::string(argv[5]) != "-") c.starting_token = argv[5];
  auto r = paginate(db.table<Table>(name).query(key_condition), c).build_full_result();
  if (!r) {
    std::fprintf(stderr, "%s\n", r.error().what_text().c_str());
    return 1;
  }
  std::string out = "{\"items\":[";
  for (std::size_t i = 0; i < r->items.size(); ++i) {
    if (i) out += ',';
    out += encode_item(r->items[i]).value();
  }
  out += "],\"next_token\":";
  out += r->next_token ? "\"" + *r->next_token + "\"" : "null";
  std::printf("%s}\n", out.c_str());
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 6) return 2;
  if (std::string(argv[1]) == "users") return run<rows>(argv[2], key<&row::pk> == "p", argv);
  return run<blobs>(argv[2], key<&blob_row::pk> == binary::from(std::string_view("\x00p", 2)), argv);
}
