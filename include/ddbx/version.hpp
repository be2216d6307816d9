#pragma once
// ddbx's version, and the check that the translation unit is C++20 or newer. The umbrella headers
// (ddbx/ddbx.hpp, ddbx/expression.hpp) include this first, so a C++17 build stops on this message
// before the first C++20 construct.
//
// The version is kept equal to meson.build's `version` (meson setup fails when they differ; the
// consumer test compares meson.build, this header, the CMake package, the pkg-config files and
// CHANGELOG.md).
//
//   static_assert(ddbx::version().major == 0);
//   std::puts(ddbx::version().string);   // "0.1.0", as DDBX_VERSION_STRING

// MSVC keeps __cplusplus at 199711L unless /Zc:__cplusplus; _MSVC_LANG holds the real standard.
#if defined(_MSVC_LANG) && _MSVC_LANG > __cplusplus
#define DDBX_DETAIL_CPLUSPLUS _MSVC_LANG
#else
#define DDBX_DETAIL_CPLUSPLUS __cplusplus
#endif
#if DDBX_DETAIL_CPLUSPLUS < 202002L
#error "ddbx: needs C++20 or newer; compile with -std=c++20 (or -std=c++23, /std:c++20); CMake: link ddbx::core, ddbx::ddbx or ddbx::curl (they carry cxx_std_20)"
#endif
#undef DDBX_DETAIL_CPLUSPLUS

#define DDBX_VERSION_MAJOR 0
#define DDBX_VERSION_MINOR 1
#define DDBX_VERSION_PATCH 0
#define DDBX_VERSION_STRING "0.1.0"

namespace ddbx {

struct version_info {
  int major;
  int minor;
  int patch;
  const char* string;
};

// ddbx::version().major, .minor, .patch, .string ("0.1.0"). A function, not a variable: a local
// named `version` (in ddbx or in user code) then shadows nothing under -Wshadow.
constexpr version_info version() noexcept {
  return {DDBX_VERSION_MAJOR, DDBX_VERSION_MINOR, DDBX_VERSION_PATCH, DDBX_VERSION_STRING};
}

}  // namespace ddbx
