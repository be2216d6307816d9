#pragma once
// The compiled part of ddbx::curl_transport, for a program built with DDBX_SEPARATE_COMPILATION
// (see curl.hpp): include this header in exactly one .cpp file of the program, and link that file's
// object with libcurl, zlib, libcrypto and libexpat as usual.
//
//   // ddbx_curl.cpp, compiled like every other file with -DDDBX_SEPARATE_COMPILATION
//   #include "ddbx/transport/curl_source.hpp"
#ifndef DDBX_SEPARATE_COMPILATION
#error "ddbx/transport/curl_source.hpp is for programs built with -DDDBX_SEPARATE_COMPILATION; without it, curl.hpp is header-only and needs no source file"
#endif
#include "ddbx/transport/curl.hpp"
#include "ddbx/transport/detail/curl_transport_impl.hpp"
