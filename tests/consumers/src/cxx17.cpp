// Compiled with -std=c++17 by run.sh: must stop on version.hpp's #error.
#include <ddbx/ddbx.hpp>
int main() { return 0; }
