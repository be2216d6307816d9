"""DynamoDB Streams records from a real server (moto, from build/tools/moto-venv): a stream-enabled
table gets an item written from plain JSON (ddbx::plain_to_item_json, put with boto3), modified and
deleted; the raw GetRecords answer (botocore's after-call hook) is decoded by stream_records_tool and
compared with what boto3 parsed from the same bytes: event names, keys and images (as plain JSON,
numbers compared exactly as Decimals), sequence numbers, sizes, the view type and the creation time.

    stream_records_moto.py TOOL REPO_ROOT      (run with the moto venv's python)
"""
import datetime
import decimal
import json
import os
import subprocess
import sys
import tempfile

tool, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools", "moto"))
import moto_server  # noqa: E402
import boto3  # noqa: E402


def exact(text):
    return json.loads(text, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def plain_of(av):
    """boto3's AttributeValue dict as plain JSON data (exact numbers), as ddbx documents the mapping."""
    (t, v), = av.items()
    if t == "S": return v
    if t == "N": return decimal.Decimal(v)
    if t == "BOOL": return v
    if t == "NULL": return None
    if t == "B": return __import__("base64").b64encode(v).decode()
    if t == "SS": return list(v)
    if t == "NS": return [decimal.Decimal(x) for x in v]
    if t == "L": return [plain_of(x) for x in v]
    if t == "M": return {k: plain_of(x) for k, x in v.items()}
    raise ValueError(t)


def item_plain(item):
    return None if item is None else {k: plain_of(v) for k, v in item.items()}


failures = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        failures.append(what)


PLAIN = ('{"id":"p1","price":19.990,"big":12345678901234567890123456789012345678,"tiny":1E-130,'
         '"list":[1,"x",null,true,{"k":[]}],"map":{"a":{"b":-0.5}},"empty":""}')

with moto_server.server(root) as endpoint:
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    ddb = boto3.client("dynamodb", **kw)
    created = ddb.create_table(
        TableName="streamed", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    arn = created["TableDescription"]["LatestStreamArn"]

    ddb_json = subprocess.run([tool, "plain-to-item", PLAIN], capture_output=True, text=True, check=True).stdout
    ddb.put_item(TableName="streamed", Item=json.loads(ddb_json))
    got = ddb.get_item(TableName="streamed", Key={"id": {"S": "p1"}}, ConsistentRead=True)["Item"]
    check(item_plain(got) == exact(PLAIN), "plain JSON → DynamoDB JSON → put → get: the same values, exactly")
    ddb.update_item(TableName="streamed", Key={"id": {"S": "p1"}}, UpdateExpression="SET price = :p, tags = :t",
                    ExpressionAttributeValues={":p": {"N": "20.5"}, ":t": {"SS": ["a", "b"]}})
    ddb.delete_item(TableName="streamed", Key={"id": {"S": "p1"}})

    streams = boto3.client("dynamodbstreams", **kw)
    raw = []
    streams.meta.events.register("after-call.dynamodbstreams.GetRecords",
                                 lambda http_response, **_: raw.append(http_response.content))
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    parsed = streams.get_records(ShardIterator=iterator)

with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as f:
    f.write(raw[0])
try:
    out = subprocess.run([tool, "records", f.name], capture_output=True, text=True)
finally:
    os.unlink(f.name)
check(out.returncode == 0, "stream_records_tool decodes moto's GetRecords answer " + out.stderr.strip())
if out.returncode == 0:
    ours = exact(out.stdout)
    check(ours["next"] == parsed.get("NextShardIterator"), "NextShardIterator")
    check(len(ours["records"]) == len(parsed["Records"]) == 3, f"3 records ({len(ours['records'])})")
    for mine, theirs in zip(ours["records"], parsed["Records"]):
        body = theirs["dynamodb"]
        name = theirs["eventName"]
        check(mine["id"] == theirs["eventID"] and mine["name"] == name, f"{name}: eventID, eventName")
        check(mine["keys"] == item_plain(body["Keys"]), f"{name}: Keys")
        check(mine["new"] == item_plain(body.get("NewImage")), f"{name}: NewImage")
        check(mine["old"] == item_plain(body.get("OldImage")), f"{name}: OldImage")
        check(mine["seq"] == body["SequenceNumber"] and mine["size"] == body["SizeBytes"], f"{name}: SequenceNumber, SizeBytes")
        check(mine["view"] == body["StreamViewType"], f"{name}: StreamViewType")
        check(mine["region"] == theirs["awsRegion"] and mine["source"] == theirs["eventSource"]
              and mine["version"] == theirs["eventVersion"], f"{name}: awsRegion, eventSource, eventVersion")
        when = body["ApproximateCreationDateTime"]
        want_ms = round(when.timestamp() * 1000) if isinstance(when, datetime.datetime) else None
        check(want_ms is not None and abs(int(mine["created_ms"]) - want_ms) <= 1, f"{name}: ApproximateCreationDateTime")
    insert = ours["records"][0]["new"]
    check(insert == exact(PLAIN), "the INSERT's NewImage, as plain JSON, is the plain JSON written")

print(f"{'FAILED' if failures else 'passed'}: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
