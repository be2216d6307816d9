"""Runs inside build/tools/moto-venv (started by moto_server.py, never by hand): moto's threaded
server on 127.0.0.1 with a port the kernel picks (no race for a free port), in memory. Prints the
port on one line once the DynamoDB backend has answered a ListTables, then serves until its
standard input closes (the launcher exits or dies) or SIGTERM/SIGINT arrives.
"""
import json
import logging
import os
import signal
import sys
import threading
import urllib.request

logging.getLogger("werkzeug").setLevel(logging.ERROR)   # no line per request

from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402


def main():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    # One request through the DynamoDB backend, so its modules are loaded before anyone waits on them.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/", data=b"{}", method="POST",
        headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables",
                 "Authorization": "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, "
                                  "SignedHeaders=host, Signature=0"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # loopback, never a proxy
    with opener.open(request, timeout=30) as answer:
        json.loads(answer.read())
    print(port, flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    os._exit(0)   # in memory, nothing to keep: no need to wait for serve_forever's next poll


if __name__ == "__main__":
    main()
