#!/usr/bin/env bash
# Compiles each snippet that must not compile and checks the diagnostic names the rule.
# usage: run.sh <c++ compiler> <include dir> <snippet.cpp>...
#
# Each case is compiled on its own (-fsyntax-only), COMPILE_FAIL_JOBS (default 2) at a time; the
# results are printed in the order given. simdjson.h, which most cases reach through ddbx's
# decoding headers and which takes about 3.5 s to parse, is precompiled once and included first in
# every case: it cannot change a diagnostic of ours, and it takes most of the time off this test.
# Without a usable precompiled header (no simdjson) the cases compile without one.
set -u
cxx=$1; inc=$2; shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pch=
echo '#include <simdjson.h>' >"$tmp/pch.hpp"
if "$cxx" --version | grep -q clang; then pch_file=$tmp/pch.hpp.pch; else pch_file=$tmp/pch.hpp.gch; fi
if "$cxx" -std=c++20 -x c++-header "$tmp/pch.hpp" -o "$pch_file" >/dev/null 2>&1; then
  pch=$tmp/pch.hpp
fi

# check_one INDEX FILE: writes the case's result lines to $tmp/INDEX.out, and $tmp/INDEX.failed on failure.
check_one() {
  local i=$1 f=$2 out ok=1
  out=$("$cxx" -std=c++20 -fsyntax-only ${pch:+-include "$pch"} -I"$inc" "$f" 2>&1)
  if [ $? -eq 0 ]; then
    echo "FAIL $(basename "$f"): compiled, but must not" >"$tmp/$i.out"; touch "$tmp/$i.failed"; return
  fi
  : >"$tmp/$i.out"
  while IFS= read -r want; do
    if ! grep -qF -- "$want" <<<"$out"; then
      echo "FAIL $(basename "$f"): diagnostic lacks: $want" >>"$tmp/$i.out"; ok=0
    fi
  done < <(sed -n 's|^// expect: ||p' "$f")
  if [ $ok -eq 1 ]; then echo "ok   $(basename "$f")" >>"$tmp/$i.out"; else touch "$tmp/$i.failed"; fi
}

export cxx inc tmp pch
export -f check_one
i=0
for f in "$@"; do printf '%s\0%s\0' "$i" "$f"; i=$((i + 1)); done |
  xargs -0 -n 2 -P "${COMPILE_FAIL_JOBS:-2}" bash -c 'check_one "$1" "$2"' _

status=0
for ((k = 0; k < i; k++)); do
  cat "$tmp/$k.out"
  [ -e "$tmp/$k.failed" ] && status=1
done
exit $status
