#!/usr/bin/env python3
"""Compiles the aws-sdk-cpp snippets of docs/aws-sdk.md and README.md: the ```cpp blocks after a
`<!-- snippet: skip=aws-sdk-cpp … -->` directive (tests/snippets/check.py skips those: they need the
SDK's headers). Each becomes a function body after tests/aws_sdk/snippet_prelude.hpp (its #includes
hoisted), compiled with -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -Werror -fsyntax-only and the
SDK's include directories as system headers.

Usage: snippets.py REPO_ROOT SDK_INCLUDE_DIR CXX [CXX…] (each snippet with each compiler). The last line is
"aws-sdk snippets: N passed, N failed"; exit status 1 when one failed or none was found."""
import os
import re
import subprocess
import sys
import tempfile

FLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Wshadow", "-Werror", "-fsyntax-only"]


def snippets(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    wanted = False
    i = 0
    while i < len(lines):
        m = re.match(r"\s*<!--\s*snippet:(.*?)-->\s*$", lines[i])
        if m:
            wanted = "skip=aws-sdk-cpp" in m.group(1)
        elif lines[i].strip() == "```cpp":
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            if wanted:
                yield i + 2, "\n".join(lines[i + 1:j])
            wanted = False
            i = j
        elif lines[i].strip():
            wanted = False
        i += 1


def main():
    root, sdk_include, compilers = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
    here = os.path.join(root, "tests", "aws_sdk")
    passed = failed = 0
    for doc in ("docs/aws-sdk.md", "README.md"):
        path = os.path.join(root, doc)
        if not os.path.exists(path):
            continue
        for line, text in snippets(path):
            inc = [l for l in text.split("\n") if l.lstrip().startswith("#include")]
            body = [l for l in text.split("\n") if not l.lstrip().startswith("#include")]
            src = "\n".join([f'#include "{os.path.join(here, "snippet_prelude.hpp")}"'] + inc +
                            ["[[maybe_unused]] static void snippet(SNIPPET_PARAMS) {"] + body + ["}", "int main() {}", ""])
            with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as f:
                f.write(src)
            for cxx in compilers:
                cmd = [cxx] + FLAGS + ["-I", os.path.join(root, "include"), "-isystem", sdk_include, f.name]
                r = subprocess.run(cmd, capture_output=True, text=True)
                if r.returncode == 0:
                    passed += 1
                    print(f"   ok {doc}:{line} ({cxx})")
                else:
                    failed += 1
                    print(f"   FAILED {doc}:{line} ({cxx})\n" + "\n".join(r.stderr.splitlines()[:30]))
            os.unlink(f.name)
    print(f"aws-sdk snippets: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
