// expect: ddbx: update paths overlap (the same attribute twice, or one inside another)
#include "ddbx/expression.hpp"
struct Address { std::string city; };
struct User { std::string username; Address address; };
using namespace ddbx;
int main() { builder b; b.with_update((set(attr<&User::address>, Address{}), remove(attr<&User::address, &Address::city>))); }
