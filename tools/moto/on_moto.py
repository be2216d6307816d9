"""Runs a Python test written for dynalite (one that does `import dynalite` and calls
dynalite.server(root, ...)) on moto instead, without changing it: `import dynalite` finds
tools/moto/moto_server.py, whose server() takes the same arguments.

    python3 tools/moto/on_moto.py tests/integration/seed_boto3.py <seed_tour binary> <repo root>
"""
import os
import runpy
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import moto_server  # noqa: E402

if len(sys.argv) < 2:
    raise SystemExit("usage: on_moto.py script.py args...")
sys.modules["dynalite"] = moto_server   # the script's own sys.path entry for tools/dynalite is not consulted
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
