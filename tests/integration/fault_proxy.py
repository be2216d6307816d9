"""A loopback HTTP/1.1 reverse proxy (keep-alive) in front of dynalite that injects faults at a given
rate, to check that the client survives real-looking failures: errors, throttling, partial batch
results, connections reset or closed mid-answer, answers that do not parse or fail their CRC, and
answers that come too late. Starts dynalite (tools/dynalite/dynalite.py), starts the proxy on a free
127.0.0.1 port, runs the given command against it, and always stops both (also on Ctrl-C/SIGTERM).

    python3 fault_proxy.py [--rate 0.3] [--seed 1] [--slow-seconds 2.5] [--only KIND[,KIND...]]
                           -- program args...

The program gets AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:<proxy port>, DDBX_DYNALITE_ENDPOINT=
<dynalite's own endpoint> (direct, for setup and checks without faults) and, unless already set,
AWS_ACCESS_KEY_ID=k, AWS_SECRET_ACCESS_KEY=s, AWS_REGION=us-east-1 and AWS_DEFAULT_REGION (boto3)
= AWS_REGION (dynalite checks no signature, only that an Authorization header of the right shape is
there).
At the end it prints one line, "fault_proxy: N requests, M faults (kind: n, ...), ...", and exits with
the program's exit code, or 1 if the program succeeded but the proxy saw a problem (a request
without Content-Length or whose body is not JSON, or an internal error; each is printed).

--rate       probability (0..1) that a request gets a fault; default 0.3.
--seed       seed of the random.Random (under a lock) that decides faults; default 1. Runs are
             reproducible as far as the order in which requests arrive is.
--slow-seconds  how long a "slow" answer is held back; default 2.5 (more than the client's timeout).
--only       (debugging) only inject these kinds, comma separated; a request to which none of them
             applies gets no fault. "--only reset --rate 1" resets every answer.

Control operations: the program talks to the proxy itself with these X-Amz-Target operations. They
are never faulted nor counted, and need no signature.
  DynamoDB_20120810.FaultProxySetRate  body {"rate": 0.0}  -> 200 {}
      Sets the fault rate (0..1). An optional "only": "reset" / ["reset", "slow"] restricts the kinds
      from then on ("only": null or [] allows all kinds again); without "only" the kinds stay as
      they are. Anything else -> 400 ValidationException.
  DynamoDB_20120810.FaultProxyStats    body {} (ignored) -> 200
      {"requests": N, "by_operation": {"BatchWriteItem": n, ...},
       "faults": {"http500": n, "throttle": n, ..., every kind, zeros included},
       "client_gone": n, "rate": r}
      requests counts every non-control request whose body was read in full, counted before any
      fault is decided (so every copy the proxy sees counts: compare with the client's attempts).
      client_gone counts answers that could not be delivered because the client had gone (broken
      pipe, reset), e.g. after it gave up on a slow answer.

Faults (for each non-control request, with probability rate, one kind chosen uniformly among those
that apply to it):
  http500      500 InternalServerError "injected"; not forwarded.
  throttle     400 ProvisionedThroughputExceededException, every other time ThrottlingException
               (com.amazon.coral.availability#, as AWS sends it); not forwarded.
  reset        forwarded (applied); status line, headers and about half the body sent, then the TCP
               connection is reset (SO_LINGER 0 and close: the client sees a RST mid-answer).
  truncated    forwarded; 200, the real headers and Content-Length, part of the body, then a normal
               close.
  garbage      forwarded; 200 with a body that is not JSON (HTML, the real body cut in half, or
               random bytes) with a correct x-amz-crc32 and Content-Length.
  bad_crc      forwarded; the real answer with a wrong x-amz-crc32.
  unprocessed  only BatchWriteItem / BatchGetItem with at least one entry: a random non-empty subset
               of the entries (RequestItems[t] requests / RequestItems[t]["Keys"]) is withheld, the
               rest forwarded (nothing is forwarded if all are withheld: the proxy answers itself),
               and the withheld ones are merged verbatim into UnprocessedItems[t] /
               UnprocessedKeys[t]["Keys"] (that object keeps the request's other members, e.g.
               ConsistentRead, ProjectionExpression) of the answer, re-serialised with a correct
               x-amz-crc32. An error answer from dynalite is relayed as it is.
  dropped      forwarded (applied); the connection is closed without any answer.
  slow         forwarded (applied); the real answer is sent after --slow-seconds.
Answers without a fault relay dynalite's status and body with its Content-Type, x-amz-crc32 and
x-amzn-RequestId headers, keep-alive.
"""
import argparse
import collections
import http.client
import http.server
import json
import os
import random
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "dynalite"))
import dynalite  # noqa: E402

KINDS = ["http500", "throttle", "reset", "truncated", "garbage", "bad_crc", "unprocessed", "dropped", "slow"]
PREFIX = "DynamoDB_20120810."
CONTROL = {"FaultProxySetRate", "FaultProxyStats"}
JSON_TYPE = "application/x-amz-json-1.0"
FORWARDED_HEADERS = ["X-Amz-Target", "Content-Type", "Authorization", "X-Amz-Date", "X-Amz-Security-Token"]
RELAYED_HEADERS = ["Content-Type", "x-amz-crc32", "x-amzn-RequestId"]


class State:
    """Everything the handler threads share; every field is guarded by lock."""

    def __init__(self, rate, seed, only, slow_seconds, upstream):
        self.lock = threading.Lock()
        self.rate = rate
        self.rng = random.Random(seed)
        self.only = only  # None: every kind
        self.slow_seconds = slow_seconds
        self.upstream = upstream  # (host, port) of dynalite
        self.requests = 0
        self.by_operation = collections.Counter()
        self.faults = collections.Counter({k: 0 for k in KINDS})
        self.client_gone = 0
        self.throttles = 0
        self.problems = []

    def problem(self, text):
        with self.lock:
            self.problems.append(text)


state = None  # set in run()


def crc(body):
    return str(zlib.crc32(body) & 0xFFFFFFFF)


def batch_entries(op, doc):
    """(table, index) of every entry a batch request could have withheld, [] if not a batch."""
    items = doc.get("RequestItems") if isinstance(doc, dict) else None
    if op not in ("BatchWriteItem", "BatchGetItem") or not isinstance(items, dict):
        return []
    entries = []
    for table, value in items.items():
        if op == "BatchWriteItem":
            lst = value if isinstance(value, list) else []
        else:
            lst = value.get("Keys") if isinstance(value, dict) else None
            lst = lst if isinstance(lst, list) else []
        entries += [(table, i) for i in range(len(lst))]
    return entries


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def log_message(self, *args):
        pass

    # --- answering -------------------------------------------------------------------------------

    def head(self, status, headers, length):
        self.send_response_only(status)  # no Server/Date headers: only what dynalite would send
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def answer(self, status, body, headers=None, crc32=None):
        if headers is None:  # the proxy's own answer
            headers = [("Content-Type", JSON_TYPE), ("x-amzn-RequestId", f"fault-proxy-{time.monotonic_ns()}")]
        headers = [(n, v) for n, v in headers if n.lower() != "x-amz-crc32"]
        headers.append(("x-amz-crc32", crc32 if crc32 is not None else crc(body)))
        self.head(status, headers, len(body))
        self.wfile.write(body)

    def answer_json(self, status, doc, headers=None):
        self.answer(status, json.dumps(doc, separators=(",", ":")).encode(), headers)

    def error(self, status, type_, message, prefix="com.amazonaws.dynamodb.v20120810#", close=False):
        headers = [("Content-Type", JSON_TYPE), ("x-amzn-RequestId", f"fault-proxy-{time.monotonic_ns()}")]
        if close:
            headers.append(("Connection", "close"))  # send_header also sets close_connection
        self.answer_json(status, {"__type": prefix + type_, "message": message}, headers)

    def reset_connection(self):
        """Closes the socket with SO_LINGER 0, so the kernel sends a RST instead of a FIN."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # socket.close() would wait for rfile/wfile (its makefile() files) to be closed too, and
        # http.server still flushes wfile after do_POST: close the descriptor itself right now
        os.close(self.connection.detach())

    # --- dynalite --------------------------------------------------------------------------------

    def forward(self, body):
        """Sends the request to dynalite: (status, [(header, value)] to relay, body)."""
        conn = http.client.HTTPConnection(*state.upstream, timeout=30)
        try:
            headers = {n: self.headers[n] for n in FORWARDED_HEADERS if self.headers[n] is not None}
            conn.request("POST", "/", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            relayed = [(n, resp.getheader(n)) for n in RELAYED_HEADERS if resp.getheader(n) is not None]
            return resp.status, relayed, data
        finally:
            conn.close()

    # --- requests --------------------------------------------------------------------------------

    def do_POST(self):
        try:
            self.handle_post()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
            with state.lock:
                state.client_gone += 1
        except Exception:
            self.close_connection = True
            state.problem("internal error in the proxy:\n" + traceback.format_exc())
            try:  # fails harmlessly if an answer was already begun
                self.error(500, "InternalServerError", "fault_proxy internal error", close=True)
            except Exception:
                pass

    def handle_post(self):
        op = (self.headers.get("X-Amz-Target") or "").rpartition(".")[2] or "(no X-Amz-Target)"
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            with state.lock:
                state.requests += 1
                state.by_operation[op] += 1
            state.problem(f"{op}: request without a valid Content-Length ({length!r}, "
                          f"Transfer-Encoding {self.headers.get('Transfer-Encoding')!r})")
            return self.error(400, "SerializationException", "fault_proxy: no Content-Length",
                              close=True)  # the body's end is unknown
        body = self.rfile.read(int(length))
        if len(body) < int(length):  # the client went away mid-body: not a request
            self.close_connection = True
            with state.lock:
                state.client_gone += 1
            return
        target = self.headers.get("X-Amz-Target") or ""
        if target.startswith(PREFIX) and op in CONTROL:
            return self.control(op, body)
        with state.lock:
            state.requests += 1
            state.by_operation[op] += 1
        try:
            doc = json.loads(body)
        except ValueError as e:
            state.problem(f"{op}: the body is not JSON ({e}): {body[:200]!r}")
            return self.error(400, "SerializationException", "fault_proxy: the body is not JSON")

        entries = batch_entries(op, doc)
        with state.lock:
            kind = None
            if state.rate > 0 and state.rng.random() < state.rate:
                kinds = [k for k in KINDS if (state.only is None or k in state.only)
                         and (k != "unprocessed" or entries)]
                if kinds:
                    kind = state.rng.choice(kinds)
                    state.faults[kind] += 1
            withheld = []
            if kind == "unprocessed":
                n = state.rng.randint(1, len(entries))
                withheld = sorted(state.rng.sample(entries, n))
            throttle_alt = False
            if kind == "throttle":
                state.throttles += 1
                throttle_alt = state.throttles % 2 == 0
            garbage_pick, garbage_bytes = 0, b""
            if kind == "garbage":
                garbage_pick = state.rng.randrange(3)
                garbage_bytes = state.rng.randbytes(24)

        if kind == "http500":
            return self.error(500, "InternalServerError", "injected")
        if kind == "throttle":
            if throttle_alt:
                return self.error(400, "ThrottlingException", "injected", "com.amazon.coral.availability#")
            return self.error(400, "ProvisionedThroughputExceededException", "injected")
        if kind == "unprocessed":
            return self.unprocessed(op, doc, withheld)

        status, headers, data = self.forward(body)
        if kind is None:
            return self.answer(status, data, headers, dict(headers).get("x-amz-crc32"))
        if kind == "reset":
            self.head(status, headers, len(data))
            self.wfile.write(data[:len(data) // 2])
            return self.reset_connection()
        if kind == "truncated":
            self.close_connection = True
            self.head(200, headers, len(data))
            self.wfile.write(data[:len(data) // 2])
            return
        if kind == "garbage":
            garbage = [b"<html><body>oops</body></html>", data[:len(data) // 2],
                       b"\xff\x00" + garbage_bytes][garbage_pick]
            try:
                json.loads(garbage)
                garbage = b"<html>oops"
            except ValueError:
                pass
            return self.answer(200, garbage, headers)
        if kind == "bad_crc":
            right = int(dict(headers).get("x-amz-crc32") or crc(data))
            return self.answer(status, data, headers, str((right + 1) & 0xFFFFFFFF))
        if kind == "dropped":
            self.close_connection = True
            return
        if kind == "slow":
            with state.lock:
                delay = state.slow_seconds
            time.sleep(delay)
            return self.answer(status, data, headers, dict(headers).get("x-amz-crc32"))
        raise AssertionError(f"unknown fault kind {kind}")

    def unprocessed(self, op, doc, withheld):
        items = doc["RequestItems"]
        held = set(withheld)
        kept_items, held_items = {}, {}
        for table, value in items.items():
            lst = value if op == "BatchWriteItem" else value["Keys"]
            kept = [e for i, e in enumerate(lst) if (table, i) not in held]
            gone = [e for i, e in enumerate(lst) if (table, i) in held]
            if op == "BatchWriteItem":
                if kept:
                    kept_items[table] = kept
                if gone:
                    held_items[table] = gone
            else:
                if kept:
                    kept_items[table] = dict(value, Keys=kept)
                if gone:
                    held_items[table] = dict(value, Keys=gone)

        if kept_items:
            status, headers, data = self.forward(json.dumps(dict(doc, RequestItems=kept_items)).encode())
            if status != 200:
                return self.answer(status, data, headers, dict(headers).get("x-amz-crc32"))
            answer = json.loads(data)
        else:
            headers = None
            answer = {"UnprocessedItems": {}} if op == "BatchWriteItem" else {"Responses": {}, "UnprocessedKeys": {}}

        if op == "BatchWriteItem":
            unprocessed = answer.get("UnprocessedItems") or {}
            for table, gone in held_items.items():
                unprocessed.setdefault(table, []).extend(gone)
            answer["UnprocessedItems"] = unprocessed
        else:
            responses = answer.get("Responses") or {}
            for table in items:
                responses.setdefault(table, [])
            answer["Responses"] = responses
            unprocessed = answer.get("UnprocessedKeys") or {}
            for table, gone in held_items.items():
                if table in unprocessed:
                    unprocessed[table].setdefault("Keys", []).extend(gone["Keys"])
                else:
                    unprocessed[table] = gone
            answer["UnprocessedKeys"] = unprocessed
        self.answer_json(200, answer, headers)

    def control(self, op, body):
        try:
            doc = json.loads(body or b"{}")
        except ValueError:
            return self.error(400, "ValidationException", "fault_proxy: the body is not JSON")
        if op == "FaultProxyStats":
            with state.lock:
                stats = {"requests": state.requests, "by_operation": dict(state.by_operation),
                         "faults": dict(state.faults), "client_gone": state.client_gone, "rate": state.rate}
            return self.answer_json(200, stats)
        rate = doc.get("rate") if isinstance(doc, dict) else None
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            return self.error(400, "ValidationException", "fault_proxy: rate must be a number in [0, 1]")
        only = ...
        if "only" in doc:
            only = doc["only"]
            if isinstance(only, str):
                only = [only]
            if not only:
                only = None
            elif not isinstance(only, list) or any(k not in KINDS for k in only):
                return self.error(400, "ValidationException", f"fault_proxy: only must name kinds among {KINDS}")
        with state.lock:
            state.rate = float(rate)
            if only is not ...:
                state.only = None if only is None else set(only)
        self.answer_json(200, {})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # idle keep-alive connections and slow answers do not hold up the exit

    def handle_error(self, request, client_address):
        """An exception out of a connection's thread (do_POST catches its own)."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # e.g. the client reset an idle keep-alive connection
        state.problem("internal error in the proxy:\n" + traceback.format_exc())


def run(args, endpoint):
    global state
    parsed = urllib.parse.urlsplit(endpoint)
    state = State(args.rate, args.seed, args.only, args.slow_seconds, (parsed.hostname, parsed.port))
    proxy = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    code = 1
    try:
        env = dict(os.environ, AWS_ENDPOINT_URL_DYNAMODB=f"http://127.0.0.1:{proxy.server_address[1]}",
                   DDBX_DYNALITE_ENDPOINT=endpoint)
        for name, value in (("AWS_ACCESS_KEY_ID", "k"), ("AWS_SECRET_ACCESS_KEY", "s"), ("AWS_REGION", "us-east-1")):
            env.setdefault(name, value)
        env.setdefault("AWS_DEFAULT_REGION", env["AWS_REGION"])  # what boto3 reads
        try:
            proc = subprocess.Popen(args.program, env=env)
        except OSError as e:
            raise SystemExit(f"fault_proxy: cannot run {args.program[0]}: {e}")
        try:
            code = proc.wait()
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (dynalite.server turns it into this)
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            code = 130
    finally:
        proxy.shutdown()
        proxy.server_close()
    with state.lock:
        for p in state.problems:
            print("fault_proxy problem:", p)
        if state.problems and code == 0:
            code = 1
        faults = sum(state.faults.values())
        kinds = ", ".join(f"{k}: {state.faults[k]}" for k in KINDS if state.faults[k])
        print(f"fault_proxy: {state.requests} requests, {faults} faults ({kinds or 'none'}), "
              f"{state.client_gone} answers the client did not take, {len(state.problems)} problems", flush=True)
    return code


def main(argv):
    parser = argparse.ArgumentParser(
        prog="fault_proxy.py", usage="%(prog)s [--rate R] [--seed N] [--slow-seconds S] [--only KIND[,KIND...]] "
                                     "-- program args...",
        description=__doc__.split("\n\n", 1)[0], epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=0.3, help="fault probability per request (0..1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the fault decisions")
    parser.add_argument("--slow-seconds", type=float, default=2.5, help="delay of a 'slow' answer")
    parser.add_argument("--only", default=None, help=f"debugging: only these kinds, comma separated: {','.join(KINDS)}")
    args_before, program = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    args = parser.parse_args(args_before)
    if not program:
        parser.error("no program given after --")
    if not 0 <= args.rate <= 1:
        parser.error("--rate must be in [0, 1]")
    if args.only is not None:
        args.only = {k.strip() for k in args.only.split(",") if k.strip()}
        unknown = args.only - set(KINDS)
        if unknown:
            parser.error(f"unknown kinds {sorted(unknown)}; kinds: {','.join(KINDS)}")
        args.only = args.only or None
    args.program = program
    try:
        with dynalite.server(ROOT) as endpoint:
            return run(args, endpoint)
    except KeyboardInterrupt:  # arrived while dynalite was starting or the proxy stopping
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
