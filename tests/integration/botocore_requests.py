"""Every request body ddbx builds, checked by botocore (issue #15): request_bodies_tool prints one
JSON line per body; for each, botocore's parameter validator checks it against DynamoDB's service
model (types, required members, enums, lengths, ranges), and botocore's JSON serializer, given the
same parameters, must produce a body equal to ddbx's as a JSON value.

The answers go the other way in botocore_responses.py: the same response bytes through botocore's
parser and through ddbx's (response_parse_tool) must agree on what they say.

Runs with the botocore pinned in the moto venv (build/tools/moto-venv, scripts/setup: a 2025 service
model, with table ARNs and ReturnValuesOnConditionCheckFailure), else Debian's.

    botocore_requests.py <request_bodies_tool>
"""
import json
import subprocess
import sys

import botocore.session
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator

tool = sys.argv[1]
session = botocore.session.get_session()
model = session.get_service_model("dynamodb")
serializer = create_serializer("json")
validator = ParamValidator()
print(f"botocore {botocore.__version__}, DynamoDB API {model.api_version}")

out = subprocess.run([tool], capture_output=True, text=True)
if out.returncode != 0:
    print(out.stderr)
    print("request_bodies_tool failed")
    sys.exit(1)

failures = 0
checked = 0
ops = set()
for line in out.stdout.splitlines():
    entry = json.loads(line)
    op, case, body = entry["op"], entry["case"], entry["body"]
    ops.add(op)
    op_model = model.operation_model(op)
    report = validator.validate(body, op_model.input_shape)
    if report.has_errors():
        failures += 1
        print(f"FAIL {op} ({case}): botocore refuses ddbx's body:\n{report.generate_report()}")
        continue
    request = serializer.serialize_to_request(body, op_model)
    theirs = json.loads(request["body"] or b"{}")
    if theirs != body:
        failures += 1
        print(f"FAIL {op} ({case}): botocore serialises the same parameters differently\n  ddbx:     {json.dumps(body)}\n  botocore: {json.dumps(theirs)}")
        continue
    target = request["headers"].get("X-Amz-Target")
    if target != f"DynamoDB_20120810.{op}":
        failures += 1
        print(f"FAIL {op}: X-Amz-Target {target}")
        continue
    checked += 1
    print(f"ok   {op} ({case})")

print(f"{checked} bodies of {len(ops)} operations valid for botocore, {failures} failed")
sys.exit(1 if failures else 0)
