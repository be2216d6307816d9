#!/usr/bin/env bash
# Compiles each snippet that must not compile and checks the diagnostic names the rule.
# usage: run.sh <c++ compiler> <include dir> <snippet.cpp>...
set -u
cxx=$1; inc=$2; shift 2
status=0
for f in "$@"; do
  out=$("$cxx" -std=c++20 -fsyntax-only -I"$inc" "$f" 2>&1)
  if [ $? -eq 0 ]; then
    echo "FAIL $(basename "$f"): compiled, but must not"; status=1; continue
  fi
  ok=1
  while IFS= read -r want; do
    if ! grep -qF -- "$want" <<<"$out"; then
      echo "FAIL $(basename "$f"): diagnostic lacks: $want"; ok=0; status=1
    fi
  done < <(sed -n 's|^// expect: ||p' "$f")
  [ $ok -eq 1 ] && echo "ok   $(basename "$f")"
done
exit $status
