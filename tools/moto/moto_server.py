"""Starts moto's DynamoDB (build/tools/moto-venv, installed by scripts/setup from
tools/moto/requirements.txt) on a free loopback port, in memory, and always stops it again (also on
failure, Ctrl-C or SIGTERM). The same interface as tools/dynalite/dynalite.py:

    with moto_server.server(repo_root) as endpoint:   # "http://127.0.0.1:NNNNN"
        ...

As a command, runs another command against it, with AWS_ENDPOINT_URL_DYNAMODB pointing at it,
dummy credentials and AWS_REGION=us-east-1 (moto checks no signature):

    python3 tools/moto/moto_server.py -- program args...

moto creates and deletes tables at once (ACTIVE on creation), so there is no --create-ms.
Where moto and DynamoDB disagree: tools/moto/DISAGREEMENTS.md.
"""
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading


def venv_python(repo_root):
    return os.path.join(repo_root, "build", "tools", "moto-venv", "bin", "python")


@contextlib.contextmanager
def server(repo_root, create_ms=0, delete_ms=0, timeout=60):
    """create_ms/delete_ms: dynalite.server's; moto has no such delay (tables are ACTIVE at once)."""
    python = venv_python(repo_root)
    if not os.path.exists(python):
        raise SystemExit(f"moto is not installed at {python}: run scripts/setup")
    serve = os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve.py")
    # moto's own settings come from MOTO_*/TEST_* variables; start it without any of them, and
    # without AWS_* (it needs none), so the caller's environment cannot change what it serves.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MOTO_", "TEST_", "AWS_")) and k not in ("INITIAL_NO_AUTH_ACTION_COUNT",)}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    log = tempfile.TemporaryFile()   # stderr goes to a file: a pipe nobody reads could fill and stall moto
    proc = subprocess.Popen([python, serve], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                            env=env, start_new_session=True)
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        line = []
        reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        port = line[0].strip() if line else b""
        if not port.isdigit():
            proc.poll()
            log.seek(0)
            why = "exited" if proc.returncode is not None else f"did not answer within {timeout} s"
            raise SystemExit(f"moto {why}: " + log.read().decode(errors="replace")[-4000:])
        yield f"http://127.0.0.1:{int(port)}"
    finally:
        signal.signal(signal.SIGTERM, previous)
        with contextlib.suppress(OSError):
            proc.stdin.close()   # serve.py stops when its standard input closes
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def main(argv):
    args = argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print("usage: moto_server.py -- program args...", file=sys.stderr)
        return 2
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with server(root) as endpoint:
        env = dict(os.environ, AWS_ENDPOINT_URL_DYNAMODB=endpoint, AWS_ACCESS_KEY_ID="local",
                   AWS_SECRET_ACCESS_KEY="local", AWS_REGION="us-east-1")
        env.pop("AWS_SESSION_TOKEN", None)
        env.pop("AWS_PROFILE", None)
        print(f"moto on {endpoint}", file=sys.stderr)
        try:
            return subprocess.call(args, env=env)
        except KeyboardInterrupt:
            return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv))
