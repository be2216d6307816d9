"""Pagination tokens between ddbx and boto3, both ways, on dynalite: a token from one resumes the
other's paginator at the same item, including cuts in the middle of a page (boto_truncate_amount),
chained cuts, page boundaries, non-ASCII string keys and binary keys (boto_encoded_keys).

    python3 pagination_tokens.py <paginate_tool> <repo root>
"""
import base64
import json
import os
import subprocess
import sys

import boto3
from botocore.paginate import TokenDecoder

tool, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools", "dynalite"))
import dynalite  # noqa: E402

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def normalize(items):
    out = []
    for it in items:
        d = {}
        for k, v in it.items():
            (t, x), = v.items()
            d[k] = (t, base64.b64decode(x) if t == "B" and isinstance(x, str) else x)
        out.append(d)
    return out


with dynalite.server(root) as endpoint:
    env = dict(os.environ, AWS_ENDPOINT_URL_DYNAMODB=endpoint, AWS_ACCESS_KEY_ID="local",
               AWS_SECRET_ACCESS_KEY="local", AWS_REGION="us-east-1")
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="local", aws_secret_access_key="local")
    kinds = {
        "users": ("S", "p", ["k00", "k01", "k02\u00e9", "k03\U0001F600", "k04\"q", "k05", "k06", "k07"]),
        "blobs": ("B", b"\x00p", [bytes([i, 0xFF, 0x00]) for i in range(8)]),
    }
    for kind, (t, pk, sks) in kinds.items():
        name = "tok_" + kind
        ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                    {"AttributeName": "sk", "KeyType": "RANGE"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": t},
                                               {"AttributeName": "sk", "AttributeType": t}])
        ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1})
        for i, sk in enumerate(sks):
            ddb.put_item(TableName=name, Item={"pk": {t: pk}, "sk": {t: sk}, "n": {"N": str(i)}})
        everything = ddb.query(TableName=name, KeyConditionExpression="pk = :p",
                               ExpressionAttributeValues={":p": {t: pk}})["Items"]

        def boto(max_items=None, page_size=None, token=None):
            cfg = {}
            if max_items is not None:
                cfg["MaxItems"] = max_items
            if page_size is not None:
                cfg["PageSize"] = page_size
            if token is not None:
                cfg["StartingToken"] = token
            r = ddb.get_paginator("query").paginate(
                TableName=name, KeyConditionExpression="pk = :p",
                ExpressionAttributeValues={":p": {t: pk}}, PaginationConfig=cfg).build_full_result()
            return normalize(r.get("Items", [])), r.get("NextToken")

        def ours(max_items=None, page_size=None, token=None):
            arg = lambda v: "-" if v is None else str(v)  # noqa: E731
            out = subprocess.run([tool, kind, name, arg(max_items), arg(page_size), arg(token)],
                                 env=env, capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(f"paginate_tool failed: {out.stderr}")
            r = json.loads(out.stdout)
            return normalize(r["items"]), r["next_token"]

        decode = TokenDecoder().decode
        chained_cases = []
        allitems = normalize(everything)
        for max_items, page_size in [(3, 2), (4, 2), (1, 3), (5, 3)]:
            case = f"{kind} MaxItems={max_items} PageSize={page_size}"
            b_items, b_tok = boto(max_items, page_size)
            d_items, d_tok = ours(max_items, page_size)
            check(b_items == d_items == allitems[:max_items], case + ": same first items")
            check(b_tok is not None and d_tok is not None, case + ": both give a NextToken")
            check(decode(b_tok) == decode(d_tok), case + f": same position ({decode(b_tok)} vs {decode(d_tok)})")
            # each resumes the other's token at the same item
            rest_b_from_d, _ = boto(None, page_size, d_tok)
            rest_d_from_b, _ = ours(None, page_size, b_tok)
            check(rest_b_from_d == allitems[max_items:], case + ": boto3 resumes the ddbx token")
            check(rest_d_from_b == allitems[max_items:], case + ": ddbx resumes the boto3 token")
            # a second cut after resuming, in the page the first cut was in (boto_truncate_amount adds up)
            b2_items, b2_tok = boto(1, page_size, b_tok)
            d2_items, d2_tok = ours(1, page_size, b_tok)
            check(b2_items == d2_items == allitems[max_items:max_items + 1], case + ": second cut, same items")
            check(decode(b2_tok) == decode(d2_tok), case + f": second cut, same position ({decode(b2_tok)} vs {decode(d2_tok)})")
            check(boto(None, page_size, d2_tok)[0] == allitems[max_items + 1:], case + ": boto3 resumes the second ddbx token")
            check(ours(None, page_size, b2_tok)[0] == allitems[max_items + 1:], case + ": ddbx resumes the second boto3 token")
            chained = decode(d2_tok).get("boto_truncate_amount", 0)
            chained_cases.append(chained > decode(d_tok).get("boto_truncate_amount", 0) > 0)
        check(any(chained_cases), kind + ": some second cut fell in the page of the first (a chained truncate amount)")
        if kind == "blobs":
            raw = json.loads(base64.b64decode(ours(3, 2)[1]))
            check(raw.get("boto_encoded_keys") == [["ExclusiveStartKey", "pk", "B"], ["ExclusiveStartKey", "sk", "B"]],
                  f"binary keys are listed in boto_encoded_keys: {raw}")

if failures:
    print(f"{len(failures)} token checks failed")
    sys.exit(1)
print("pagination tokens: ddbx and boto3 resume each other's tokens (cuts, chains, boundaries, unicode, binary)")
