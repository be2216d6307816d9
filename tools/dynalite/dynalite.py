"""Starts dynalite (tools/dynalite, installed by scripts/setup) on a free loopback port, in memory,
and always stops it again (also on failure, Ctrl-C or SIGTERM). Used by the integration tests and the tour.

    with dynalite.server(repo_root) as endpoint:   # "http://127.0.0.1:NNNNN"
        ...

As a command, runs another command against it, with AWS_ENDPOINT_URL_DYNAMODB pointing at it and
dummy credentials (dynalite accepts any signature):

    python3 tools/dynalite/dynalite.py [--create-ms N] -- program args...
"""
import contextlib
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(repo_root, create_ms=0, delete_ms=0):
    cli = os.path.join(repo_root, "tools", "dynalite", "node_modules", "dynalite", "cli.js")
    if not os.path.exists(cli):
        raise SystemExit(f"dynalite is not installed at {cli}: run scripts/setup")
    port = free_port()
    proc = subprocess.Popen(["node", cli, "--host", "127.0.0.1", "--port", str(port),
                             "--createTableMs", str(create_ms), "--deleteTableMs", str(delete_ms)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        deadline = time.time() + 30
        while True:
            if proc.poll() is not None:
                raise SystemExit("dynalite exited: " + proc.stderr.read().decode(errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("dynalite did not start within 30 s")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        signal.signal(signal.SIGTERM, previous)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main(argv):
    import sys
    args = argv[1:]
    create_ms = 0
    if args[:1] == ["--create-ms"]:
        create_ms = int(args[1])
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print("usage: dynalite.py [--create-ms N] -- program args...", file=sys.stderr)
        return 2
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with server(root, create_ms=create_ms, delete_ms=create_ms) as endpoint:
        env = dict(os.environ, AWS_ENDPOINT_URL_DYNAMODB=endpoint, AWS_ACCESS_KEY_ID="local",
                   AWS_SECRET_ACCESS_KEY="local", AWS_REGION="us-east-1")
        env.pop("AWS_SESSION_TOKEN", None)
        env.pop("AWS_PROFILE", None)
        print(f"dynalite on {endpoint}", file=sys.stderr)
        try:
            return subprocess.call(args, env=env)
        except KeyboardInterrupt:
            return 130


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
