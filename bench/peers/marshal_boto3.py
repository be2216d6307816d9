#!/usr/bin/python3
"""boto3's contender in scripts/bench: unmarshal = json.loads + TypeDeserializer, marshal =
TypeSerializer per attribute + json.dumps; plus the seed's filter through ConditionExpressionBuilder.
usage: marshal_boto3.py <page.json> <out dir> <repetitions>"""
import json
import sys
import time

from boto3.dynamodb.conditions import Attr, ConditionExpressionBuilder
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

page_path, out_dir, reps = sys.argv[1], sys.argv[2], max(1, int(sys.argv[3]) // 3)
text = open(page_path, encoding="utf-8").read()
size = len(text.encode())
ser, de = TypeSerializer(), TypeDeserializer()


def best(f):
    f()  # warm-up
    times = []
    for _ in range(reps):
        s = time.perf_counter_ns()
        f()
        times.append(time.perf_counter_ns() - s)
    return min(times)


def unmarshal():
    return [{k: de.deserialize(v) for k, v in item.items()} for item in json.loads(text)["Items"]]


users = unmarshal()
n = len(users)


def marshal():
    return json.dumps([{k: ser.serialize(v) for k, v in u.items()} for u in users], separators=(",", ":"))


out = marshal()
open(f"{out_dir}/boto3.json", "w", encoding="utf-8").write(out)
for op, f in (("encode", marshal), ("decode", unmarshal)):
    ns = best(f)
    print(f"boto3,{op},{ns / n:.1f},{size / (ns / 1e9) / 1e6:.1f}")


def build():
    cond = Attr("age").lt(27) & Attr("first_name").begins_with("J") & Attr("address.state").eq("CA")
    ex = ConditionExpressionBuilder().build_expression(cond)
    values = {k: ser.serialize(v) for k, v in ex.attribute_value_placeholders.items()}
    return ex.condition_expression, json.dumps(ex.attribute_name_placeholders), json.dumps(values)


builds = 2000
ns = best(lambda: [build() for _ in range(builds)])
body = len(",".join(build()))
print(f"boto3,expression,{ns / builds:.1f},{body * builds / (ns / 1e9) / 1e6:.1f}")
