// Prelude for the README's expression snippet: the seed's types and a request body to append to.
#pragma once
#include <string>

#include "seed.hpp"

inline std::string body;
