// A tour of ddbx's type mapping on the seed's users: struct → AttributeValue JSON → struct,
// dynamic items, and what an error looks like.
#include <cstdio>
#include <string>

#include "ddbx/ddbx.hpp"

struct postal_address {
  std::string road, city, state;
  int zipcode = 0;
};
struct user {
  std::string username, first_name, last_name;
  int age = 0;
  std::string account_type;
  std::optional<postal_address> address;
};

int main() {
  user jane{"janedoe", "Jane", "Doe", 25, "standard_user", postal_address{"1 Jefferson Street", "Los Angeles", "CA", 90001}};

  std::string body = ddbx::encode_item(jane).value();                  // the PutItem "Item"
  std::printf("encoded:  %s\n", body.c_str());
  user back = ddbx::decode_item<user>(body).value();                    // and back
  std::printf("decoded:  %s %s, %d, lives in %s\n", back.first_name.c_str(), back.last_name.c_str(), back.age,
              back.address->state.c_str());
  std::printf("size:     %zu bytes by DynamoDB's formula\n", ddbx::item_size(jane).value());

  ddbx::item dynamic = ddbx::decode_item<ddbx::item>(body).value();     // schemaless view
  std::printf("dynamic:  %zu attributes, address is %s\n", dynamic.size(),
              std::string(ddbx::type_name(dynamic["address"].type())).c_str());

  auto bad = ddbx::decode_item<user>(std::string_view(
      R"({"username":{"S":"x"},"first_name":{"S":"J"},"last_name":{"S":"D"},"age":{"N":"1"},)"
      R"("account_type":{"S":"s"},"address":{"M":{"road":{"S":"r"},"city":{"S":"c"},"state":{"S":"s"},"zipcode":{"S":"9"}}}})"));
  std::printf("error:    %s\n", bad.error().what_text().c_str());
  jane.address->state = "C\xff";
  std::printf("error:    %s\n", ddbx::encode_item(jane).error().what_text().c_str());
  return 0;
}
