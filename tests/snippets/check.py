#!/usr/bin/env python3
"""Compiles every C++ snippet of README.md and docs/*.md (issue #12: documentation that compiles),
with each compiler given, at -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -Werror — the flags a
careful user builds with — and, where a snippet asks for it, again with -O1 (GCC warns about some
code only when optimising).

A fenced ```cpp block is a snippet. A comment just before its fence says how to compile it:

    <!-- snippet: prelude=client wrap=function O1 -->

  prelude=NAME   tests/snippets/NAME.hpp is included first (declares what the text leaves out:
                 the seed's types, a table, a client over a test transport, …)
  wrap=function  the snippet's lines (but its #includes) go into a function body (whose parameters
                 the prelude may #define as SNIPPET_PARAMS)
  O1             also compile with -O1 -c (GCC and Clang), not only -fsyntax-only
  file=PATH      the snippet is the whole file PATH (relative to the repository, e.g. one of
                 examples/, which the tests build and run): it must equal that file, and is
                 compiled as it is (no prelude, no main added)
  flags=F[,F…]   extra compiler flags, as the build uses them (flags=-fno-exceptions)
  skip=REASON    not compiled (say why)

Also compiles each tests/snippets/*.cpp as it is (programs that show a usage, e.g. designated
initializers of every options struct).

Usage: check.py [--built-by BUILD_DIR]… REPO_ROOT CXX [CXX…]. Prints one line per snippet and
compiler; the last line is "snippets: N passed, N failed". Exit status 1 when one failed.

--built-by BUILD_DIR (a Meson build directory, given once per compiler): a file=PATH snippet whose
file that build compiles with these same warnings (its compile_commands.json shows every flag of
FLAGS and the snippet's flags=) is not compiled again for that build's compiler; the build's
own result counts. scripts/test passes its GCC and Clang builds, which build every example.
"""
import os
import re
import concurrent.futures
import json
import shlex
import subprocess
import sys
import tempfile

FLAGS = ["-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Wshadow", "-Werror"]


def snippets(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    directive = ""
    i = 0
    while i < len(lines):
        m = re.match(r"\s*<!--\s*snippet:(.*?)-->\s*$", lines[i])
        if m:
            directive = m.group(1).strip()
        elif lines[i].strip() == "```cpp":
            start = i + 1
            j = start
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            yield start + 1, "\n".join(lines[start:j]), directive
            directive = ""
            i = j
        elif lines[i].strip():
            directive = ""  # a directive applies to the fence right after it
        i += 1


def source_of(text, options, here):
    includes = [l for l in text.split("\n") if l.lstrip().startswith("#include")]
    body = [l for l in text.split("\n") if not l.lstrip().startswith("#include")]
    out = []
    prelude = options.get("prelude")
    if prelude:
        out.append(f'#include "{os.path.join(here, prelude + ".hpp")}"')
    out += includes
    if options.get("wrap") == "function":
        # A prelude may give the function parameters (what the snippet takes from its caller).
        out += ["#ifndef SNIPPET_PARAMS", "#define SNIPPET_PARAMS", "#endif",
                "[[maybe_unused]] static void snippet(SNIPPET_PARAMS) {"] + body + ["}"]
    else:
        out += body
    out.append("int main() {}")
    return "\n".join(out) + "\n"


def whole_file(text, options, root):
    """The snippet of a file=PATH directive, or None with the reason it does not match that file."""
    path = os.path.join(root, options["file"])
    if not os.path.isfile(path):
        return None, f"{options['file']} does not exist"
    wanted = open(path, encoding="utf-8").read()
    if text.rstrip("\n") != wanted.rstrip("\n"):
        a, b = text.split("\n"), wanted.rstrip("\n").split("\n")
        n = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        return None, f"differs from {options['file']} at its line {n + 1} (copy the file into the page again)"
    return wanted, None


def compiled_by_builds(build_dirs):
    """{(absolute source path, compiler name): build dir} for what the given Meson builds compile."""
    found = {}
    for build in build_dirs:
        path = os.path.join(build, "compile_commands.json")
        if not os.path.isfile(path):
            continue
        for entry in json.load(open(path)):
            args = entry.get("arguments") or shlex.split(entry["command"])
            # A compile that turns a warning off (-Wno-X not turned on again by a later -WX) is not
            # the compile a user with these flags makes: the snippet is then compiled here.
            disabled = set()
            for a in args:
                if a.startswith("-Wno-") and not a.startswith("-Wno-error"):
                    disabled.add(a[5:])
                elif a.startswith("-W") and not a.startswith("-Wl,"):
                    disabled.discard(a[2:])
            if disabled:
                continue
            source = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
            found[(source, os.path.basename(args[0]))] = (build, set(args))
    return found


def main():
    args = sys.argv[1:]
    build_dirs = []
    while args and args[0] == "--built-by":
        build_dirs.append(os.path.abspath(args[1]))
        args = args[2:]
    root, compilers = os.path.abspath(args[0]), args[1:]
    built = compiled_by_builds(build_dirs)
    here = os.path.join(root, "tests", "snippets")
    cflags = subprocess.run(["pkg-config", "--cflags", "simdjson", "libcurl"], capture_output=True, text=True).stdout.split()
    files = [os.path.join(root, "README.md")] + sorted(
        os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))
    passed = failed = 0
    # (label, command, error filter) per compile; they run SNIPPET_JOBS (default 2) at a time and
    # report in this order.
    jobs = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            for line, text, directive in snippets(path):
                where = f"{os.path.relpath(path, root)}:{line}"
                options = dict(kv.split("=", 1) if "=" in kv else (kv, "1") for kv in directive.split())
                if "skip" in options:
                    print(f"   skip  {where}: {directive.split('skip=', 1)[1].strip()}")
                    continue
                src = os.path.join(tmp, f"snippet_{len(jobs)}_{line}.cpp")
                extra_flags = options["flags"].split(",") if "flags" in options else []
                if "file" in options:
                    source, why = whole_file(text, options, root)
                    if source is None:
                        failed += 1
                        print(f"   FAIL  {where}: {why}")
                        continue
                else:
                    source = source_of(text, options, here)
                with open(src, "w") as f:
                    f.write(source)
                for cxx in compilers:
                    by = built.get((os.path.join(root, options.get("file", "")), os.path.basename(cxx)))
                    if "file" in options and by and set(FLAGS + extra_flags) <= by[1]:
                        passed += 1
                        print(f"   ok    {where} {cxx}: compiled by the build in {os.path.relpath(by[0], root)} with these warnings")
                        continue
                    runs = [["-fsyntax-only"] + extra_flags] + ([["-O1", "-c", "-o", os.devnull] + extra_flags] if "O1" in options else [])
                    for extra in runs:
                        cmd = [cxx] + FLAGS + extra + ["-I", os.path.join(root, "include")] + cflags + [src]
                        jobs.append((f"{where} {cxx} {' '.join(extra[:1])}", cmd, True))
        # Whole programs kept beside the preludes (tests/snippets/*.cpp), compiled as they are.
        for name in sorted(f for f in os.listdir(here) if f.endswith(".cpp")):
            for cxx in compilers:
                cmd = [cxx] + FLAGS + ["-fsyntax-only", "-I", os.path.join(root, "include")] + cflags + [os.path.join(here, name)]
                jobs.append((f"tests/snippets/{name} {cxx}", cmd, False))

        def compile_one(job):
            return subprocess.run(job[1], capture_output=True, text=True)

        with concurrent.futures.ThreadPoolExecutor(int(os.environ.get("SNIPPET_JOBS", "2"))) as pool:
            for (label, _, whole_output_if_quiet), r in zip(jobs, pool.map(compile_one, jobs)):
                if r.returncode == 0:
                    passed += 1
                    print(f"   ok    {label}")
                    continue
                failed += 1
                print(f"   FAIL  {label}")
                errors = [l for l in r.stderr.split("\n") if "error" in l or "warning" in l]
                if not errors and whole_output_if_quiet:
                    errors = r.stderr.split("\n")
                for l in errors[:8]:
                    print("         " + l.replace(tmp + "/", ""))
    print(f"snippets: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
