"""Runs AWS's EC2 metadata mock (amazon-ec2-metadata-mock, IMDSv2 only: every request without a
session token is refused) on a free loopback port with role credentials set by a config file, then
the given command with AWS_EC2_METADATA_SERVICE_ENDPOINT pointing at it. Inside `unshare -rn`
(only loopback) when that works. Without the mock, the test is skipped (exit 77), saying so.

    python3 imds_mock.py path/to/ec2-metadata-mock -- program args...
"""
import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    mock, args = sys.argv[1], sys.argv[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not os.access(mock, os.X_OK):
        print(f"SKIP: amazon-ec2-metadata-mock is not installed at {mock} (scripts/setup installs it with go install)")
        return 77
    if not os.environ.get("DDBX_NETNS") and shutil.which("unshare") and shutil.which("ip") and \
            subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        env = dict(os.environ, DDBX_NETNS="1")
        return subprocess.call(["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
                                sys.executable] + sys.argv, env=env)
    expiration = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M:%SZ")
    config = {"imdsv2": True, "metadata": {
        "paths": {"iam-security-credentials": "/latest/meta-data/iam/security-credentials/ddbx-role"},
        "values": {"iam-security-credentials-role": "ddbx-role",
                   "iam-security-credentials": {"Code": "Success", "LastUpdated": "2026-01-01T00:00:00Z", "Type": "AWS-HMAC",
                                                "AccessKeyId": "ASIAIMDSMOCK", "SecretAccessKey": "imds:secret",
                                                "Token": "imds-session-token", "Expiration": expiration},
                   "placement-region": "eu-north-1"}}}
    with tempfile.TemporaryDirectory() as home:
        path = os.path.join(home, "aemm-config.json")
        with open(path, "w") as f:
            json.dump(config, f)
        port = free_port()
        server = subprocess.Popen([mock, "-n", "127.0.0.1", "-p", str(port), "-I", "-c", path],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=home))
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            env = dict(os.environ, AWS_EC2_METADATA_SERVICE_ENDPOINT=f"http://127.0.0.1:{port}", DDBX_IMDS_EXPIRATION=expiration)
            env.pop("AWS_EC2_METADATA_DISABLED", None)
            for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
                env.pop(proxy, None)
            return subprocess.call(args, env=env)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
