#!/usr/bin/env bash
# Consumer tests (issue #12): ddbx used the ways docs/building.md describes, each one step that
# passes or fails. Installs ddbx with Meson into a scratch prefix, then builds tiny consumers
# (../src: core.cpp needs only ddbx-core and links no simdjson, full.cpp decodes with simdjson,
# curl.cpp constructs a curl_transport for http://127.0.0.1:1 and sends nothing), all compiled with
# -Wall -Wextra -Wpedantic -Wshadow -Werror, and runs them:
#   cmake-find      find_package(ddbx 0.1 CONFIG REQUIRED COMPONENTS curl) after the install (g++)
#   cmake-probes    find_package edge cases: core without simdjson/libcurl, no curl, versions
#   cmake-subdir    add_subdirectory(<source tree>) with CMAKE_CXX_STANDARD 23 (clang++-14)
#   pkg-config      a Makefile with pkg-config --cflags --libs ddbx-*, -std=c++23 (g++)
#   meson           ddbx as a subproject through packaging/ddbx.wrap's [provide], no fallback: (g++)
#   pch             precompiled standard headers (../pch/std.hpp) under g++ -O2 -Werror: a tiny
#                   program, every mapped type, and examples/seed_tour.cpp (compiled only)
#   sanitized       every mapped type (../pch/all_types.cpp) under g++ -O1 -fsanitize=address,undefined -Werror
#                   (compiled in the background from the install on; the step waits for it)
#   cxx17           -std=c++17 stops on version.hpp's #error (g++, clang++-14)
#   versions        meson.build, version.hpp, CHANGELOG.md, pkg-config, CMake and the programs agree
# Needs no network. Work and logs: build/consumers (or $DDBX_CONSUMERS_DIR), emptied first.
# The last line is "consumers: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/consumers
work=${DDBX_CONSUMERS_DIR:-$root/build/consumers}
rm -rf "$work" && mkdir -p "$work" || exit 1
prefix=$work/prefix
export PKG_CONFIG_PATH=$prefix/share/pkgconfig
CXX_GCC=${CXX_GCC:-g++}
CXX_CLANG=${CXX_CLANG:-clang++-14}

passed=0
failed=0
declare -A seen   # version -> where it was seen
# step NAME COMMAND...: runs the command with its output in $work/NAME.log
step() {
  local name=$1
  shift
  local t0=$SECONDS
  if "$@" >"$work/$name.log" 2>&1; then
    passed=$((passed + 1))
    printf '   ok    %-13s %3ds\n' "$name" $((SECONDS - t0))
  else
    failed=$((failed + 1))
    printf '   FAIL  %-13s %3ds  %s\n' "$name" $((SECONDS - t0)) "$work/$name.log"
    tail -5 "$work/$name.log" | sed 's/^/         /'
  fi
}
fail() { echo "FAILED: $*"; return 1; }

# Runs core_app, full_app, curl_app from DIR; each prints "<what> ok <version>".
run_apps() {
  local dir=$1 app out
  for app in core_app full_app curl_app; do
    out=$("$dir/$app") || fail "$app exited with $?: $out" || return 1
    echo "$app: $out"
    [[ $out == *" ok $version" ]] || fail "$app printed '$out', not version $version" || return 1
  done
  # ddbx-core's program links nothing of simdjson's (nor of the curl side).
  if readelf -d "$dir/core_app" | grep -E 'NEEDED.*(simdjson|curl|crypto|expat)'; then
    fail "core_app links a library ddbx-core does not need"
  fi
}

version=$(sed -nE "s/^ *version *: *'([0-9.]+)'.*/\1/p" "$root/meson.build" | head -1)

install_ddbx() {
  meson setup "$work/meson-build" "$root" --prefix="$prefix" -Dtests=false -Dexamples=false &&
    meson install -C "$work/meson-build" &&
    test -f "$prefix/share/cmake/ddbx/ddbxConfig.cmake" &&
    test -f "$prefix/share/pkgconfig/ddbx-curl.pc" &&
    test -f "$prefix/include/ddbx/version.hpp"
}

cmake_find() {
  local b=$work/cmake-find
  CXX=$CXX_GCC cmake -G Ninja -S "$here/cmake" -B "$b" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON || return 1
  cmake --build "$b" -j 2 || return 1
  # cxx_std_20 reached the compile line as a feature (-std=gnu++20), and core.cpp got nothing of simdjson's.
  grep -q -- '-std=gnu++20' "$b/compile_commands.json" || fail "no -std=gnu++20 from cxx_std_20" || return 1
  if grep '"command"' "$b/compile_commands.json" | grep 'core\.cpp' | grep -i simdjson; then
    fail "core.cpp compiled with simdjson's flags"; return 1
  fi
  run_apps "$b"
}

cmake_probes() {
  local p out rc
  for p in core-only no-curl want-curl versions; do
    out=$(CXX=$CXX_GCC cmake -G Ninja -S "$here/cmake-probe" -B "$work/cmake-probe-$p" -DPROBE=$p \
      -DCMAKE_PREFIX_PATH="$prefix" 2>&1)
    rc=$?
    echo "$out"
    [ $rc -eq 0 ] || return 1
    # COMPONENTS curl without libcurl says why.
    if [ $p = want-curl ] && [[ $out != *"dependency CURL could not be found"* ]]; then
      fail "find_package(ddbx COMPONENTS curl) without CURL does not name CURL"; return 1
    fi
  done
}

cmake_subdir() {
  local b=$work/cmake-subdir
  CXX=$CXX_CLANG cmake -G Ninja -S "$here/cmake" -B "$b" -DDDBX_SOURCE_DIR="$root" -DCMAKE_CXX_STANDARD=23 \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON || return 1
  cmake --build "$b" -j 2 || return 1
  # The user's C++23 wins over ddbx's cxx_std_20.
  grep -qE -- '-std=(c|gnu)\+\+(2b|23)' "$b/compile_commands.json" || fail "CMAKE_CXX_STANDARD 23 did not reach the compile line" || return 1
  if grep -q -- '-std=[a-z+]*20' "$b/compile_commands.json"; then fail "a -std=...20 on a C++23 build"; return 1; fi
  test ! -e "$b/ddbx/install_manifest.txt" || return 1
  run_apps "$b"
}

pkg_config() {
  local p
  for p in ddbx-core ddbx ddbx-curl; do
    echo "$p: $(pkg-config --cflags --libs $p)"
    if pkg-config --cflags $p | grep -q -- '-std='; then fail "$p.pc forces a -std= flag"; return 1; fi
  done
  mkdir -p "$work/pkg-config"
  make -j 2 -f "$here/make/Makefile" CXX="$CXX_GCC" CXXSTD=-std=c++23 SRC="$here/src" OUT="$work/pkg-config" || return 1
  run_apps "$work/pkg-config"
}

meson_consumer() {
  local c=$work/meson-consumer
  mkdir -p "$c/subprojects" &&
    cp "$here/meson/meson.build" "$c/" && cp -r "$here/src" "$c/src" &&
    cp "$root/packaging/ddbx.wrap" "$c/subprojects/ddbx.wrap" &&
    ln -s "$root" "$c/subprojects/ddbx" || return 1
  # No PKG_CONFIG_PATH: the installed ddbx must not be found instead of the subproject.
  CXX=$CXX_GCC PKG_CONFIG_PATH= meson setup "$c/build" "$c" --wrap-mode=nodownload || return 1
  grep -q "Executing subproject ddbx" "$c/build/meson-logs/meson-log.txt" || fail "ddbx did not come from the subproject" || return 1
  grep -q "consumer: ddbx version $version" "$c/build/meson-logs/meson-log.txt" || fail "dependency('ddbx').version() is not $version" || return 1
  # As a subproject, ddbx looks for no doctest and defines no targets (no tests, examples, bench).
  if grep -qi doctest "$c/build/meson-logs/meson-log.txt"; then fail "the ddbx subproject looked for doctest"; return 1; fi
  if meson introspect --targets "$c/build" | grep -o '"subproject": "ddbx"'; then fail "the ddbx subproject defines targets"; return 1; fi
  if meson introspect --installed "$c/build" | grep -q ddbx; then fail "the ddbx subproject installs files"; return 1; fi
  ninja -C "$c/build" -j 2 || return 1
  run_apps "$c/build"
}

# GCC 12 warns differently when the user precompiles standard headers (stop 24: -Warray-bounds in
# chrono.hpp with a precompiled <string>). The header is precompiled with exactly the flags of the
# compiles, and -Winvalid-pch with -Werror fails a compile that could not use it (a silent fallback
# to the plain header would hide the warning).
pch() {
  local d=$work/pch f
  local flags=(-std=c++20 -O2 -Wall -Wextra -Wpedantic -Wshadow -Werror -Winvalid-pch)
  mkdir -p "$d" && cp "$here/pch/std.hpp" "$d/std.hpp" || return 1
  $CXX_GCC "${flags[@]}" -x c++-header "$d/std.hpp" -o "$d/std.hpp.gch" || return 1
  # seed_tour (the longest) beside the two others: two cores
  $CXX_GCC "${flags[@]}" -include "$d/std.hpp" -I"$prefix/include" -c "$root/examples/seed_tour.cpp" -o "$d/seed_tour.o" &
  local tour=$!
  for f in main all_types; do
    $CXX_GCC "${flags[@]}" -include "$d/std.hpp" -I"$prefix/include" -c "$here/pch/$f.cpp" -o "$d/$f.o" || { wait $tour; return 1; }
  done
  wait $tour || return 1
  $CXX_GCC "$d/main.o" "$d/all_types.o" -o "$d/pch_app" $(pkg-config --libs ddbx) || return 1
  local out
  out=$("$d/pch_app") || fail "pch_app exited with $?: $out" || return 1
  echo "pch_app: $out"
  [[ $out == "pch ok $version" ]] || fail "pch_app printed '$out'"
}

# GCC 12 with -O1 and the sanitizers warned (-Wmaybe-uninitialized, falsely) where an absent
# optional<vector> member was emptied by moving a new one into it; every mapped type, compiled so.
sanitized() {
  local d=$work/sanitized
  mkdir -p "$d" || return 1
  $CXX_GCC -std=c++20 -O1 -fsanitize=address,undefined -Wall -Wextra -Wpedantic -Wshadow -Werror \
    -I"$prefix/include" -c "$here/pch/all_types.cpp" -o "$d/all_types.o"
}

# The sanitized compile (one core, about 100 s on a 2-core VM) runs in the background beside the
# CMake, pkg-config and Meson steps, which mostly wait on one core; its step then waits for it.
sanitized_start() {
  ( sanitized >"$work/sanitized.bg.log" 2>&1; echo $? >"$work/sanitized.rc" ) &
  sanitized_pid=$!
}
sanitized_wait() {
  wait "$sanitized_pid"
  cat "$work/sanitized.bg.log"
  return "$(cat "$work/sanitized.rc" 2>/dev/null || echo 1)"
}

cxx17() {
  local cxx hdr out
  for cxx in "$CXX_GCC" "$CXX_CLANG"; do
    for hdr in ddbx/ddbx.hpp ddbx/expression.hpp; do
      out=$(echo "#include <$hdr>" | $cxx -std=c++17 -fsyntax-only -I"$root/include" -x c++ - 2>&1)
      # The first error is ours.
      first=$(echo "$out" | grep -m1 'error')
      echo "$cxx $hdr: $first"
      [[ $first == *"ddbx: needs C++20 or newer"* ]] || fail "$cxx -std=c++17 with $hdr" || return 1
    done
  done
  # and the check lets C++20 and C++23 through
  echo "#include <ddbx/version.hpp>" | $CXX_GCC -std=c++20 -fsyntax-only -I"$root/include" -x c++ - &&
    echo "#include <ddbx/version.hpp>" | $CXX_CLANG -std=c++2b -fsyntax-only -I"$root/include" -x c++ -
}

versions() {
  local v where ok=0
  seen[meson.build]=$version
  seen[version.hpp]=$(sed -nE 's/^#define DDBX_VERSION_STRING "(.*)"/\1/p' "$root/include/ddbx/version.hpp")
  seen[version.hpp-parts]=$(sed -nE 's/^#define DDBX_VERSION_(MAJOR|MINOR|PATCH) ([0-9]+)$/\2/p' "$root/include/ddbx/version.hpp" | paste -sd.)
  seen[CHANGELOG.md]=$(grep -m1 -oE '^## \[[0-9]+\.[0-9]+\.[0-9]+\]' "$root/CHANGELOG.md" | tr -d '#[] ')
  for p in ddbx-core ddbx ddbx-curl; do seen[$p.pc]=$(pkg-config --modversion $p); done
  seen[cmake-find]=$(sed -nE 's/^-- consumer: ddbx version (.*)/\1/p' "$work/cmake-find.log")
  seen[cmake-subdir]=$(sed -nE 's/^-- consumer: ddbx version (.*)/\1/p' "$work/cmake-subdir.log")
  seen[ddbxConfigVersion]=$(sed -nE 's/^set\(PACKAGE_VERSION "(.*)"\)/\1/p' "$prefix/share/cmake/ddbx/ddbxConfigVersion.cmake")
  for where in "${!seen[@]}"; do
    echo "$where: ${seen[$where]}"
    [ "${seen[$where]}" = "$version" ] || { echo "FAILED: $where says '${seen[$where]}', meson.build says '$version'"; ok=1; }
  done
  return $ok
}

step install install_ddbx
sanitized_start
step cmake-find cmake_find
step cmake-probes cmake_probes
step cmake-subdir cmake_subdir
step pkg-config pkg_config
step meson meson_consumer
step pch pch
step sanitized sanitized_wait
step cxx17 cxx17
step versions versions
echo "consumers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
