// expect: ddbx: BETWEEN bounds are inverted (lower > upper)
#include "ddbx/expression.hpp"
struct User { std::string username; int age = 0; };
using namespace ddbx;
int main() { builder b; b.with_filter(between<65, 18>(attr<&User::age>)); }
