"""The seed walkthrough twice on one dynalite: examples/seed_tour (ddbx, curl transport) and boto3
doing the seed's own steps (Debian's python3-boto3), on a table of the same name and shape; every
step's result must be the same.

    python3 seed_boto3.py <seed_tour binary> <repo root>
"""
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key
from boto3.dynamodb.types import TypeDeserializer

tour, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools", "dynalite"))
import dynalite  # noqa: E402

deser = TypeDeserializer()


def from_wire(items):
    return [{k: deser.deserialize(v) for k, v in it.items()} for it in items]


def addr(road, city, state, zipcode):
    return {"road": road, "city": city, "state": state, "zipcode": zipcode}


with dynalite.server(root, create_ms=300, delete_ms=300) as endpoint:
    env = dict(os.environ, AWS_ENDPOINT_URL_DYNAMODB=endpoint, AWS_ACCESS_KEY_ID="local",
               AWS_SECRET_ACCESS_KEY="local", AWS_REGION="us-east-1")
    with tempfile.NamedTemporaryFile("r", suffix=".tsv") as out:
        env["DDBX_TOUR_RESULTS"] = out.name
        run = subprocess.run([tour, "users"], env=env, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            print(run.stdout, run.stderr)
            raise SystemExit("seed_tour failed")
        ours = {}
        for line in out.read().splitlines():
            step, payload = line.split("\t", 1)
            ours[step] = json.loads(payload)

    # The same steps with boto3, as the seed writes them.
    dynamodb = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="local", aws_secret_access_key="local")
    client = dynamodb.meta.client
    table = dynamodb.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "username", "KeyType": "HASH"},
                   {"AttributeName": "last_name", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "username", "AttributeType": "S"},
                              {"AttributeName": "last_name", "AttributeType": "S"},
                              {"AttributeName": "account_type", "AttributeType": "S"},
                              {"AttributeName": "age", "AttributeType": "N"}],
        GlobalSecondaryIndexes=[{"IndexName": "account_type_index",
                                 "KeySchema": [{"AttributeName": "account_type", "KeyType": "HASH"},
                                               {"AttributeName": "age", "KeyType": "RANGE"}],
                                 "Projection": {"ProjectionType": "ALL"},
                                 "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
    client.get_waiter("table_exists").wait(TableName="users", WaiterConfig={"Delay": 0.2})
    table.load()
    theirs = {"item_count": table.item_count}

    table.put_item(Item={"username": "janedoe", "first_name": "Jane", "last_name": "Doe", "age": 25,
                         "account_type": "standard_user"})
    theirs["get_item"] = [table.get_item(Key={"username": "janedoe", "last_name": "Doe"})["Item"]]
    theirs["update_item"] = [table.update_item(Key={"username": "janedoe", "last_name": "Doe"},
                                               UpdateExpression="SET age = :val1",
                                               ExpressionAttributeValues={":val1": 26},
                                               ReturnValues="ALL_NEW")["Attributes"]]
    table.delete_item(Key={"username": "janedoe", "last_name": "Doe"})
    theirs["after_delete"] = int("Item" in table.get_item(Key={"username": "janedoe", "last_name": "Doe"}))

    with table.batch_writer(overwrite_by_pkeys=["username", "last_name"]) as batch:
        def put(u, f, l, age, t, a):
            batch.put_item(Item={"username": u, "first_name": f, "last_name": l, "age": age, "account_type": t, "address": a})
        put("johndoe", "John", "Doe", 25, "standard_user", addr("1 Jefferson Street", "Los Angeles", "CA", 90001))
        put("janedoering", "Jane", "Doering", 40, "super_user", addr("2 Washington Avenue", "Seattle", "WA", 98109))
        put("johndoe", "Johnny", "Dorian", 26, "standard_user", addr("3 Ocean Drive", "San Diego", "CA", 92101))
        put("johndoe", "Jon", "Smith", 31, "super_user", addr("4 Pine Street", "Portland", "OR", 97201))
        put("jimbo", "Jim", "Beam", 21, "standard_user", addr("5 Market Street", "San Francisco", "CA", 94103))
        put("jimbo", "Jim", "Beam", 22, "standard_user", addr("5 Market Street", "San Francisco", "CA", 94103))
        batch.delete_item(Key={"username": "alice", "last_name": "Liddell"})
        put("alice", "Alice", "Liddell", 23, "standard_user", addr("6 Wonder Lane", "Boston", "MA", 2108))
        put("jackie", "Jackie", "Chan", 24, "super_user", addr("7 Sunset Blvd", "Los Angeles", "CA", 90028))

    theirs["query_key"] = table.query(KeyConditionExpression=Key("username").eq("johndoe"))["Items"]
    theirs["query_begins_with"] = table.query(
        KeyConditionExpression=Key("username").eq("johndoe") & Key("last_name").begins_with("Do"))["Items"]
    theirs["query_gsi"] = table.query(IndexName="account_type_index",
                                      KeyConditionExpression=Key("account_type").eq("super_user"))["Items"]
    items, start = [], None
    while True:
        kw = {"ExclusiveStartKey": start} if start else {}
        r = table.query(KeyConditionExpression=Key("username").eq("johndoe"), Limit=2, **kw)
        items += r["Items"]
        start = r.get("LastEvaluatedKey")
        if not start:
            break
    theirs["query_limit_pages"] = items
    theirs["query_projection"] = table.query(KeyConditionExpression=Key("username").eq("johndoe"),
                                             ProjectionExpression="username, age")["Items"]
    theirs["query_count"] = table.query(KeyConditionExpression=Key("username").eq("johndoe"), Select="COUNT",
                                        ReturnConsumedCapacity="TOTAL")["Count"]
    paginator = client.get_paginator("query")
    first = paginator.paginate(TableName="users", KeyConditionExpression=Key("username").eq("johndoe"),
                               PaginationConfig={"MaxItems": 2, "PageSize": 2}).build_full_result()
    theirs["paginate_first"] = first["Items"]
    rest = paginator.paginate(TableName="users", KeyConditionExpression=Key("username").eq("johndoe"),
                              PaginationConfig={"PageSize": 2, "StartingToken": first["NextToken"]}).build_full_result()
    theirs["paginate_rest"] = rest["Items"]
    items, start = [], None
    while True:
        kw = {"ExclusiveStartKey": start} if start else {}
        r = table.scan(FilterExpression=Attr("age").lt(27) & Attr("first_name").begins_with("J"), Limit=2, **kw)
        items += r["Items"]
        start = r.get("LastEvaluatedKey")
        if not start:
            break
    theirs["scan_age_first_name"] = items
    theirs["scan_state"] = table.scan(FilterExpression=Attr("address.state").eq("CA"))["Items"]
    table.delete()

failures = 0
for step, expected in theirs.items():
    got = ours.get(step)
    if isinstance(expected, list):
        got = from_wire(got) if got is not None else None
        expected = [{k: v for k, v in it.items()} for it in expected]
    if got != expected:
        failures += 1
        print(f"FAIL {step}:\n  ddbx  {got}\n  boto3 {expected}")
    else:
        n = len(expected) if isinstance(expected, list) else expected
        print(f"ok   {step} ({n})")
missing = set(ours) - set(theirs)
if missing:
    failures += 1
    print("steps without a boto3 counterpart:", sorted(missing))
if failures:
    raise SystemExit(f"{failures} seed steps differ from boto3")
print(f"seed tour: all {len(theirs)} steps give what boto3 gives")
