#!/usr/bin/python3
"""Semantic tests of ddbx's expressions on a real DynamoDB-compatible server (dynalite, loopback).

For every operator and function, the filter ddbx renders and the same filter built with boto3's
boto3.dynamodb.conditions must select the same items from the same table; key conditions must
return the same items from a Query; updates must leave equal items.
usage: expr_semantics.py <expr_semantics_tool> <repo root>
"""
import json
import os
import random
import subprocess
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "dynalite"))
import dynalite  # noqa: E402

tool, root = sys.argv[1], sys.argv[2]
cases = [json.loads(l) for l in subprocess.run([tool], check=True, capture_output=True, text=True).stdout.splitlines()]

A = Attr
boto3_filters = {
    "eq": A("age").eq(30), "ne": A("age").ne(30), "lt": A("age").lt(30), "le": A("age").lte(30),
    "gt": A("age").gt(60), "ge": A("age").gte(60), "value_first": A("age").lt(30),
    "between": A("age").between(30, 40), "in": A("first_name").is_in(["Jane", "John"]),
    "exists": A("nickname").exists(), "not_exists": A("nickname").not_exists(),
    "attribute_type": A("nickname").attribute_type("S"), "attribute_type_null": A("nickname").attribute_type("NULL"),
    "begins_with": A("first_name").begins_with("J"), "contains_set": A("roles").contains("admin"),
    "contains_list": A("tags").contains("red"), "contains_string": A("first_name").contains("an"),
    "size": A("tags").size().gt(1), "size_string": A("first_name").size().lte(3),
    "and_or_not": (A("age").lt(30) | A("age").gt(60)) & ~A("first_name").begins_with("J"),
    "or_of_ands": (A("age").lt(30) & A("first_name").begins_with("J")) | (A("age").gt(60) & A("roles").contains("admin")),
    "not_or": ~(A("age").lt(30) | A("age").gt(60)),
    "nested": A("addr.state").eq("CA"), "index": A("tags[0]").eq("red"), "attr_vs_attr": A("age").lt(A("score")),
    "reserved_word": A("status").eq("active"), "dotted_name": None,  # boto3 cannot name an attribute containing '.'
    "seed_scan": A("age").lt(27) & A("first_name").begins_with("J") & A("addr.state").eq("CA"),
}
boto3_keys = {
    "pk": Key("pk").eq("p1"), "pk_begins_with": Key("pk").eq("p1") & Key("sk").begins_with("b"),
    "pk_between": Key("pk").eq("p1") & Key("sk").between("b", "d"), "pk_ge": Key("pk").eq("p2") & Key("sk").gte("c"),
    "pk_lt": Key("pk").eq("p2") & Key("sk").lt("c"),
}
boto3_updates = {
    "set_arith_remove": dict(UpdateExpression="SET age = age + :one REMOVE nickname", ExpressionAttributeValues={":one": 1}),
    "add": dict(UpdateExpression="ADD #r :x, age :five", ExpressionAttributeNames={"#r": "roles"},
                ExpressionAttributeValues={":x": {"x"}, ":five": 5}),
    "delete": dict(UpdateExpression="DELETE #r :a", ExpressionAttributeNames={"#r": "roles"},
                   ExpressionAttributeValues={":a": {"admin"}}),
    "if_not_exists_append": dict(UpdateExpression="SET score = if_not_exists(score, :z) + :d, tags = list_append(tags, :t)",
                                 ExpressionAttributeValues={":z": 0, ":d": Decimal("2.5"), ":t": ["z"]}),
    "nested_set": dict(UpdateExpression="SET addr.city = :c", ExpressionAttributeValues={":c": "Reno"}),
}

rng = random.Random(7)
names = ["Jane", "John", "Jim", "Ann", "Bob", "Dan", "Jo", "Eve"]
people = []
for i in range(80):
    p = {"id": f"p{i:03d}", "first_name": rng.choice(names), "age": rng.randrange(18, 90),
         "score": Decimal(rng.randrange(0, 1000)) / 10, "tags": rng.sample(["red", "green", "blue", "x"], rng.randrange(0, 4)),
         "addr": {"city": rng.choice(["LA", "SF", "Seattle"]), "state": rng.choice(["CA", "WA", "OR"])}}
    roles = set(rng.sample(["admin", "dev", "ops"], rng.randrange(0, 3)))
    if roles:
        p["roles"] = roles
    r = rng.random()
    if r < .3:
        p["nickname"] = "nick" + str(i)
    elif r < .45:
        p["nickname"] = None
    elif r < .5:
        p["nickname"] = 5
    if rng.random() < .5:
        p["status"] = rng.choice(["active", "idle"])
    if rng.random() < .2:
        p["dotted.name"] = "x"
    people.append(p)
# The seed's users, so the seed's scan selects something.
people.append({"id": "johndoe", "first_name": "John", "age": 25, "score": Decimal(1), "tags": [],
               "addr": {"city": "Los Angeles", "state": "CA"}})
people.append({"id": "janedoering", "first_name": "Jane", "age": 40, "score": Decimal(1), "tags": [],
               "addr": {"city": "Seattle", "state": "WA"}})
keyed = [{"pk": f"p{1 + i % 2}", "sk": s, "n": i} for i, s in enumerate(["a", "b", "ba", "c", "d", "da", "e", "bb"])]

failures = 0
checked = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL:", msg)


def values_of(case):
    """ddbx's ExpressionAttributeValues are wire JSON; the low-level client takes them as they are."""
    return json.loads(case["ExpressionAttributeValues"]) if "ExpressionAttributeValues" in case else None


def raw_kwargs(case, member):
    kw = {member: case[member]}
    if "ExpressionAttributeNames" in case:
        kw["ExpressionAttributeNames"] = case["ExpressionAttributeNames"]
    if "ExpressionAttributeValues" in case:
        kw["ExpressionAttributeValues"] = case["ExpressionAttributeValues"]
    return kw


def scan_all(fn, **kw):
    items, start = [], None
    while True:
        page = fn(**kw, **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


with dynalite.server(root) as endpoint:
    session = boto3.session.Session(aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1")
    client = session.client("dynamodb", endpoint_url=endpoint)
    resource = session.resource("dynamodb", endpoint_url=endpoint)
    resource.create_table(TableName="people", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    resource.create_table(TableName="keyed", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                                        {"AttributeName": "sk", "KeyType": "RANGE"}],
                          AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                {"AttributeName": "sk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName="people", WaiterConfig={"Delay": 1})
    client.get_waiter("table_exists").wait(TableName="keyed", WaiterConfig={"Delay": 1})
    table, keyed_table = resource.Table("people"), resource.Table("keyed")
    with table.batch_writer() as b:
        for p in people:
            b.put_item(Item=p)
    with keyed_table.batch_writer() as b:
        for k in keyed:
            b.put_item(Item=k)

    for case in cases:
        name, kind = case["name"], case["kind"]
        if kind == "filter":
            ours = {i["id"]["S"] for i in scan_all(client.scan, TableName="people", **raw_kwargs(case, "FilterExpression"))}
            expected = boto3_filters[name]
            if expected is None:  # dotted_name: compare with a plain Python filter instead
                theirs = {p["id"] for p in people if p.get("dotted.name") == "x"}
            else:
                theirs = {i["id"] for i in scan_all(table.scan, FilterExpression=expected)}
            if ours != theirs:
                fail(f"filter {name}: ddbx selected {len(ours)}, boto3 {len(theirs)}: {case['FilterExpression']}")
            elif not ours or len(ours) == len(people):
                fail(f"filter {name}: selects {len(ours)} of {len(people)} items, which shows nothing")
            else:
                checked += 1
        elif kind == "key":
            ours = {(i["pk"]["S"], i["sk"]["S"]) for i in client.query(TableName="keyed", **raw_kwargs(case, "KeyConditionExpression"))["Items"]}
            theirs = {(i["pk"], i["sk"]) for i in keyed_table.query(KeyConditionExpression=boto3_keys[name])["Items"]}
            if ours != theirs or not ours:
                fail(f"key {name}: ddbx {sorted(ours)} boto3 {sorted(theirs)}")
            else:
                checked += 1
        elif kind == "update":
            src = next(p for p in people if p.get("roles") and "admin" in p["roles"] and p["tags"] and "nickname" in p)
            a, b = dict(src, id="upd-ddbx-" + name), dict(src, id="upd-boto3-" + name)
            table.put_item(Item=a)
            table.put_item(Item=b)
            client.update_item(TableName="people", Key={"id": {"S": a["id"]}}, **raw_kwargs(case, "UpdateExpression"))
            table.update_item(Key={"id": b["id"]}, **boto3_updates[name])
            got_a = table.get_item(Key={"id": a["id"]})["Item"]
            got_b = table.get_item(Key={"id": b["id"]})["Item"]
            got_a.pop("id"), got_b.pop("id")
            if got_a != got_b or got_a == {k: v for k, v in src.items() if k != "id"}:
                fail(f"update {name}: ddbx {got_a} boto3 {got_b}")
            else:
                checked += 1
            table.delete_item(Key={"id": a["id"]})
            table.delete_item(Key={"id": b["id"]})

print(f"expression semantics on dynalite: {checked}/{len(cases)} cases agree with boto3")
sys.exit(1 if failures or checked != len(cases) else 0)
