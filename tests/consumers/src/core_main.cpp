// The core-only program: core.cpp's check, linked with nothing but the C++ runtime.
#include "consumer.hpp"

int main() { return consumer::check_core(); }
