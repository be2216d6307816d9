"""A loopback HTTP server whose answers alternate between a wrong and a right x-amz-crc32, to check
that curl_transport verifies the CRC (zlib) and the client retries. Runs the given command with
DDBX_CRC_SERVER pointing at it, and always stops.

    python3 crc_server.py -- program args...
"""
import http.server
import os
import subprocess
import sys
import threading
import zlib


class Handler(http.server.BaseHTTPRequestHandler):
    count = 0

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"Table":{"TableName":"users","TableStatus":"ACTIVE"}}'
        Handler.count += 1
        crc = zlib.crc32(body) + (1 if Handler.count % 2 == 1 else 0)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("x-amz-crc32", str(crc))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
try:
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    env = dict(os.environ, DDBX_CRC_SERVER=f"http://127.0.0.1:{server.server_address[1]}")
    code = subprocess.call(args + ["--test-case=*fails its x-amz-crc32*"], env=env)
    if Handler.count < 3:
        print(f"the CRC test made {Handler.count} requests; expected 3")
        code = code or 1
finally:
    server.shutdown()
sys.exit(code)
