"""Sends the same raw DynamoDB requests (tools/moto/probes.json: scenarios, each a list of
[operation, body] run in order on a fresh server) to dynalite and to moto, and prints each answer
side by side, marking those that differ (status, error type or body, numbers as the text sent back;
times, ARNs and table ids left out).
The evidence behind tools/moto/DISAGREEMENTS.md; loopback only. Not a test: the servers differ.

    python3 tools/moto/compare.py [probes.json]
"""
import json
import os
import sys
import urllib.error
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
sys.path[:0] = [here, os.path.join(root, "tools", "dynalite")]
import dynalite  # noqa: E402
import moto_server  # noqa: E402

VOLATILE = {"CreationDateTime", "TableArn", "TableId", "LatestStreamArn", "LatestStreamLabel"}


def call(endpoint, operation, body):
    request = urllib.request.Request(endpoint + "/", data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + operation,
        "X-Amz-Date": "20240101T000000Z",
        "Authorization": "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, "
                         "SignedHeaders=host;x-amz-date, Signature=00"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        answer = opener.open(request, timeout=30)
    except urllib.error.HTTPError as e:
        answer = e
    text = answer.read().decode(errors="replace")
    try:
        return answer.status, json.loads(text)
    except ValueError:
        return answer.status, text.strip()[:200]


def comparable(value):
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def summary(answer):
    status, body = answer
    if isinstance(body, dict) and "__type" in body:
        return f"{status} {body['__type'].split('#')[-1]}: {body.get('message', '')}"
    return f"{status} {json.dumps(body)[:400]}"


def main(argv):
    scenarios = json.load(open(argv[1] if len(argv) > 1 else os.path.join(here, "probes.json")))
    differ = 0
    for title, requests in scenarios.items():
        answers = {}
        for name, module in (("dynalite", dynalite), ("moto", moto_server)):
            with module.server(root) as endpoint:
                answers[name] = [call(endpoint, op, body) for op, body in requests]
        print(f"== {title}")
        for i, (op, body) in enumerate(requests):
            d, m = answers["dynalite"][i], answers["moto"][i]
            d_type = isinstance(d[1], dict) and d[1].get("__type", "").split("#")[-1]
            m_type = isinstance(m[1], dict) and m[1].get("__type", "").split("#")[-1]
            same = d[0] == m[0] and (d_type == m_type if d[0] != 200 else comparable(d[1]) == comparable(m[1]))
            differ += not same
            print(f"{'  ' if same else '≠ '}{op} {json.dumps(body, separators=(',', ':'))[:160]}")
            if not same:
                print(f"    dynalite {summary(d)}\n    moto     {summary(m)}")
    print(f"{differ} answers differ")


if __name__ == "__main__":
    main(sys.argv)
