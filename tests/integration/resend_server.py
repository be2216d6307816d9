"""A loopback HTTP/1.1 server with keep-alive that reads a request fully and then closes the
connection without answering, to check that libcurl never resends a request by itself (every copy
the server sees is an attempt the client counts). It checks the SigV4 signature (secret "s") and
the payload hash of every request, by the rules written out below and by botocore's SigV4Auth. Runs the given command with DDBX_RESEND_SERVER pointing at it,
and always stops.

    python3 resend_server.py -- program args...

The operation (X-Amz-Target) says what to do with a request whose body is {"id": ...}:
Answer: 200 {}. CloseReused: close unanswered unless it is the connection's first request.
CloseAlways: close unanswered. CloseThenConditional: close the first copy of an id, answer later
ones with ConditionalCheckFailedException. Copies: 200 {"copies": n}, how many requests had that id.
"""
import collections
import hashlib
import hmac
import http.server
import json
import os
import re
import subprocess
import sys
import threading

SECRET = "s"
lock = threading.Lock()
copies = collections.Counter()
problems = []
requests = [0]


def signature_problem(method, path, headers, body):
    auth = headers.get("Authorization", "")
    m = re.fullmatch(r"AWS4-HMAC-SHA256 Credential=k/(\d{8})/([a-z0-9-]+)/dynamodb/aws4_request, "
                     r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})", auth)
    if not m:
        return f"malformed Authorization: {auth!r}"
    date, region, signed, signature = m.groups()
    names = signed.split(";")
    if names != sorted(names):
        return f"SignedHeaders not sorted: {signed}"
    missing = [n for n in names if n not in headers]
    if missing:  # AWS: "'expect' is named as a SignedHeader, but it does not exist in the HTTP request"
        return f"signed headers not sent: {missing}"
    unsigned = {"host", "content-type", "x-amz-date", "x-amz-target"} - set(names)
    if unsigned:
        return f"headers not signed: {sorted(unsigned)}"
    payload = hashlib.sha256(body).hexdigest()
    declared = headers.get("X-Amz-Content-Sha256")
    if declared is not None and declared != payload:
        return f"X-Amz-Content-Sha256 {declared} is not the body's {payload}"
    canonical_headers = "".join(f"{n}:{' '.join(headers.get(n).split())}\n" for n in names)
    canonical = "\n".join([method, path, "", canonical_headers, signed, payload])
    scope = f"{date}/{region}/dynamodb/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", headers["X-Amz-Date"], scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + SECRET).encode()
    for part in (date, region, "dynamodb", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    if hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest() != signature:
        return "signature does not match"
    if botocore_signature(method, path, headers, body, names, region, headers["X-Amz-Date"]) != signature:
        return "botocore's SigV4Auth signs this request otherwise"
    return None


def botocore_signature(method, path, headers, body, names, region, amz_date):
    """The signature AWS's own Python signer (botocore's SigV4Auth, Debian's python3-botocore) gives
    the same request: the signed headers as sent, the same time, secret and region."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    request = AWSRequest(method=method, url=f"http://{headers['Host']}{path}", data=body,
                         headers={n: headers[n] for n in names if n != "host"})
    request.context["timestamp"] = amz_date
    signer = SigV4Auth(Credentials("k", SECRET, headers.get("X-Amz-Security-Token")), "dynamodb", region)
    return signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def setup(self):
        super().setup()
        self.on_connection = 0

    def answer(self, status, doc):
        body = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", f"rid-{requests[0]}")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.on_connection += 1
        op = self.headers.get("X-Amz-Target", "").rpartition(".")[2]
        with lock:
            requests[0] += 1
            problem = signature_problem(self.command, self.path, self.headers, body)
            if problem:
                problems.append(f"{op}: {problem}")
            ident = json.loads(body)["id"]
            if op == "Copies":
                return self.answer(200, {"copies": copies[ident]})
            copies[ident] += 1
            n = copies[ident]
        if (op == "CloseReused" and self.on_connection > 1) or op == "CloseAlways" or \
                (op == "CloseThenConditional" and n == 1):
            self.close_connection = True  # read in full, never answered
            return
        if op == "CloseThenConditional":
            return self.answer(400, {"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                                     "message": "The conditional request failed"})
        self.answer(200, {})

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
try:
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    env = dict(os.environ, DDBX_RESEND_SERVER=f"http://127.0.0.1:{server.server_address[1]}")
    code = subprocess.call(args, env=env)
    for p in problems:
        print("bad request:", p)
    if problems:
        code = code or 1
    print(f"resend_server: {requests[0]} requests, {len(problems)} with a bad signature")
finally:
    server.shutdown()
sys.exit(code)
