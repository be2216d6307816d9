"""A loopback stand-in for AWS STS, the SSO portal and the ECS container endpoint (AWS publishes no
mock for these), checking that each request is what the documented protocol requires:
AssumeRole is SigV4-signed with the source keys (the signature recomputed here, secret known) and
carries X-Amz-Security-Token when the source has one; AssumeRoleWithWebIdentity is unsigned and
carries the token file's text; GetRoleCredentials carries x-amz-sso_bearer_token; the container
GET carries Authorization. A request that breaks a rule gets HTTP 400 naming it, so the test fails.
Runs the given command with DDBX_CRED_SERVER pointing here, inside `unshare -rn` (a network
namespace with only loopback) when that works.

    python3 credentials_server.py -- program args...
"""
import datetime
import hashlib
import hmac
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse

# The keys the C++ test gives its source profile (a ':' in the secret: signed with it whole).
SOURCE_KEYS = {"AKIDSOURCE": ("se:cret/source+key", ""), "ASIASOURCE": ("temp:secret", "source-session-token")}
WEB_TOKEN = "web-identity-token-123"
SSO_TOKEN = "sso-access-token-456"
ECS_TOKEN = "Bearer ecs-token-789"


# The role's keys the STS stand-in hands out, which the DynamoDB stand-in (/dynamodb) accepts.
ROLE_KEYS = {"ASIAROLE": ("role:secret", "arn:aws:iam::123456789012:role/dev|")}


def sigv4_problem(method, path, query, headers, body, keys=SOURCE_KEYS, want_service="sts"):
    """None when the Authorization header is a valid SigV4 signature by a known key, else why not."""
    auth = headers.get("Authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return "the request is not SigV4-signed"
    fields = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    key_id, date, region, service, terminal = fields["Credential"].split("/")
    if service != want_service or terminal != "aws4_request":
        return f"credential scope is not …/{want_service}/aws4_request: " + fields["Credential"]
    if key_id not in keys:
        return "signed by an unknown key " + key_id
    secret, token = keys[key_id]
    if token and not headers.get("X-Amz-Security-Token", "").startswith(token):
        return "the signer's session token is not in X-Amz-Security-Token"
    signed = fields["SignedHeaders"].split(";")
    if "host" not in signed or "x-amz-date" not in signed:
        return "host and x-amz-date are not signed"
    canonical_headers = "".join(f"{h}:{' '.join(headers.get(h, '').split())}\n" for h in signed)
    canonical_query = "&".join(sorted(query.split("&"))) if query else ""
    payload = hashlib.sha256(body).hexdigest()
    canonical = "\n".join([method, path, canonical_query, canonical_headers, fields["SignedHeaders"], payload])
    amz_date = headers.get("X-Amz-Date", "")
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields["Signature"]):
        return "the SigV4 signature does not match (region " + region + ")"
    # And as AWS's own Python signer (botocore's SigV4Auth, Debian's python3-botocore) signs it.
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    request = AWSRequest(method=method, url=f"http://{headers['Host']}{path}" + (f"?{query}" if query else ""),
                         data=body, headers={h: headers[h] for h in signed if h != "host"})
    request.context["timestamp"] = amz_date
    signer = SigV4Auth(Credentials(key_id, secret, token or None), service, region)
    if signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request) != fields["Signature"]:
        return "botocore's SigV4Auth signs this request otherwise"
    return None


def expiry(hours=1):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, status, body, content_type="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def refuse(self, why):
        self.reply(400, "<ErrorResponse><Error><Code>ProtocolViolation</Code><Message>" + why +
                   "</Message></Error></ErrorResponse>")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/dynamodb":  # curl_transport's request, signed with the role's keys
            problem = sigv4_problem("POST", "/dynamodb", "", self.headers, body, ROLE_KEYS, "dynamodb")
            return self.refuse(problem) if problem else self.reply(200, "{}", "application/x-amz-json-1.0")
        form = dict(urllib.parse.parse_qsl(body.decode()))
        if self.headers.get("Content-Type", "").split(";")[0] != "application/x-www-form-urlencoded":
            return self.refuse("Content-Type is not application/x-www-form-urlencoded")
        if form.get("Version") != "2011-06-15" or not form.get("RoleArn") or not form.get("RoleSessionName"):
            return self.refuse("Version, RoleArn or RoleSessionName missing")
        action = form.get("Action")
        if action == "AssumeRole":
            problem = sigv4_problem("POST", urllib.parse.urlsplit(self.path).path, "", self.headers, body)
            if problem:
                return self.refuse(problem)
            if form["RoleArn"].endswith("/denied"):
                return self.reply(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>"
                                  "not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>")
            key = "ASIAROLE"
        elif action == "AssumeRoleWithWebIdentity":
            if "Authorization" in self.headers:
                return self.refuse("AssumeRoleWithWebIdentity is signed")
            if form.get("WebIdentityToken") != WEB_TOKEN:
                return self.refuse("WebIdentityToken is not the token file's text")
            key = "ASIAWEB"
        else:
            return self.refuse("unknown Action")
        # The answer echoes what the test should check: the role and the session name.
        self.reply(200, f"""<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <{action}Result>
    <Credentials>
      <AccessKeyId>{key}</AccessKeyId>
      <SecretAccessKey>role:secret</SecretAccessKey>
      <SessionToken>{form['RoleArn']}|{form['RoleSessionName']}|{form.get('ExternalId', '')}|{form.get('DurationSeconds', '')}</SessionToken>
      <Expiration>{expiry()}</Expiration>
    </Credentials>
  </{action}Result>
</{action}Response>""")

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/federation/credentials":
            if self.headers.get("x-amz-sso_bearer_token") != SSO_TOKEN:
                return self.reply(401, '{"message":"no or wrong x-amz-sso_bearer_token"}', "application/json")
            if set(query) != {"account_id", "role_name"}:
                return self.reply(400, '{"message":"account_id and role_name expected"}', "application/json")
            ms = int((datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).timestamp() * 1000)
            return self.reply(200, json.dumps({"roleCredentials": {
                "accessKeyId": "ASIASSO", "secretAccessKey": "sso:secret",
                "sessionToken": query["account_id"] + "|" + query["role_name"], "expiration": ms}}), "application/json")
        if url.path == "/ecs/credentials":
            if self.headers.get("Authorization") != ECS_TOKEN:
                return self.reply(401, '{"message":"no or wrong Authorization"}', "application/json")
            return self.reply(200, json.dumps({"AccessKeyId": "ASIAECS", "SecretAccessKey": "ecs:secret", "Token": "ecs-session",
                                               "Expiration": expiry(), "RoleArn": "arn:aws:iam::1:role/ecs"}), "application/json")
        self.reply(404, "not found")

    def log_message(self, *args):
        pass


def in_loopback_namespace():
    """Re-runs this script inside `unshare -rn` with lo up, once, when that works here."""
    if os.environ.get("DDBX_NETNS") or not shutil.which("unshare") or not shutil.which("ip"):
        return None
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    env = dict(os.environ, DDBX_NETNS="1")
    return subprocess.call(["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
                            sys.executable] + sys.argv, env=env)


if __name__ == "__main__":
    code = in_loopback_namespace()
    if code is not None:
        sys.exit(code)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    env = dict(os.environ, DDBX_CRED_SERVER=f"http://127.0.0.1:{server.server_address[1]}", AWS_EC2_METADATA_DISABLED="true")
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(proxy, None)
    code = subprocess.call(args, env=env)
    server.shutdown()
    sys.exit(code)
