#!/usr/bin/python3
"""boto3's side of the expression benchmark: the seed's Scan filter built by
ConditionExpressionBuilder, with its values serialized to wire JSON as the client does."""
import json
import timeit

from boto3.dynamodb.conditions import Attr, ConditionExpressionBuilder
from boto3.dynamodb.types import TypeSerializer

ser = TypeSerializer()


def build():
    cond = Attr("age").lt(27) & Attr("first_name").begins_with("J") & Attr("address.state").eq("CA")
    ex = ConditionExpressionBuilder().build_expression(cond)
    values = {k: ser.serialize(v) for k, v in ex.attribute_value_placeholders.items()}
    return ex.condition_expression, json.dumps(ex.attribute_name_placeholders), json.dumps(values)


n = 20000
best = min(timeit.repeat(build, number=n, repeat=5)) / n
print(f"boto3 expression {best * 1e9:.0f} ns")
print(build())
