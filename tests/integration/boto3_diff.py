#!/usr/bin/python3
"""Differential tests against boto3 (Debian's python3-boto3), the reference implementation.

1. A few thousand random items of every AttributeValue type (fixed seed) are written by boto3's
   TypeSerializer; ddbx decodes each into ddbx::value and re-encodes it; boto3's TypeDeserializer
   must read back exactly the original Python values (numbers compare as Decimals, so the
   server-style normalisation ddbx applies is allowed; types must match exactly).
2. ddbx-encoded structs must deserialize in boto3 to the expected Python values, and boto3's
   serialization of those values must decode into the structs and re-encode to the same.
usage: boto3_diff.py <boto3_diff_tool>
"""
import base64
import json
import random
import subprocess
import sys
from decimal import Decimal

from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer

tool = sys.argv[1]
rng = random.Random(20240601)
ser, de = TypeSerializer(), TypeDeserializer()
failures = 0


def fail(msg):
    global failures
    failures += 1
    if failures <= 10:
        print("FAIL:", msg)


PIECES = ["", "a", "Jane", "é", "€", "😀", '"', "\\", "\n", "\x01", "\x1f", " ", "#x", ":v", ".", "\U0010ffff", "日本"]


def rand_str():
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(6)))


def rand_num():
    kind = rng.randrange(6)
    if kind == 0:
        return Decimal(rng.randrange(-10**18, 10**18))
    if kind == 1:
        return Decimal(rng.choice(["0", "-0", "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                                   "12345678901234567890123456789012345678", "0.5", "1.50", "1E+2", "00042"]))
    if kind == 2:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 39)))
        return Decimal(("-" if rng.random() < .5 else "") + digits + "E" + str(rng.randrange(-60, 60)))
    if kind == 3:
        return Decimal(str(round(rng.uniform(-1e6, 1e6), rng.randrange(0, 6))))
    if kind == 4:
        return Decimal(rng.randrange(0, 2**64))
    return Decimal(rng.randrange(-999, 999)) / Decimal(10)


def rand_bytes():
    return Binary(bytes(rng.randrange(256) for _ in range(rng.randrange(8))))


def rand_value(depth):
    kinds = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS"] + (["L", "M"] * 2 if depth < 5 else [])
    k = rng.choice(kinds)
    if k == "S":
        return rand_str()
    if k == "N":
        return rand_num()
    if k == "B":
        return rand_bytes()
    if k == "BOOL":
        return rng.random() < .5
    if k == "NULL":
        return None
    if k == "SS":
        return {rand_str() + str(i) for i in range(rng.randrange(1, 5))}
    if k == "NS":
        return {rand_num() for _ in range(rng.randrange(1, 5))}
    if k == "BS":
        return {Binary(bytes([i]) + rand_bytes().value) for i in range(rng.randrange(1, 4))}
    if k == "L":
        return [rand_value(depth + 1) for _ in range(rng.randrange(4))]
    return {rand_str(): rand_value(depth + 1) for _ in range(rng.randrange(4))}


def same(a, b, path="item"):
    """Strict equality: types must match (bool is not a number, a set is not a list)."""
    if type(a) is not type(b):
        fail(f"{path}: type {type(a).__name__} != {type(b).__name__} ({a!r} vs {b!r})")
        return False
    if isinstance(a, dict):
        if a.keys() != b.keys():
            fail(f"{path}: keys {sorted(a)} != {sorted(b)}")
            return False
        return all(same(a[k], b[k], f"{path}.{k}") for k in a)
    if isinstance(a, list):
        if len(a) != len(b):
            fail(f"{path}: lengths {len(a)} != {len(b)}")
            return False
        return all(same(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b)))
    if a != b:
        fail(f"{path}: {a!r} != {b!r}")
        return False
    return True


def run(mode, lines):
    p = subprocess.run([tool, mode], input="".join(l + "\n" for l in lines), capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{mode}: exit {p.returncode}: {p.stderr.strip()}")
        return []
    return p.stdout.splitlines()


def to_wire(av):
    """boto3's serializer leaves B/BS as bytes; the low-level client base64s them, and so do we."""
    if isinstance(av, dict):
        out = {}
        for k, v in av.items():
            if k == "B":
                out[k] = base64.b64encode(bytes(v)).decode()
            elif k == "BS":
                out[k] = [base64.b64encode(bytes(x)).decode() for x in v]
            else:
                out[k] = to_wire(v)
        return out
    if isinstance(av, list):
        return [to_wire(x) for x in av]
    return av


def from_wire(av):
    if isinstance(av, dict):
        out = {}
        for k, v in av.items():
            if k == "B":
                out[k] = base64.b64decode(v, validate=True)
            elif k == "BS":
                out[k] = [base64.b64decode(x, validate=True) for x in v]
            else:
                out[k] = from_wire(v)
        return out
    if isinstance(av, list):
        return [from_wire(x) for x in av]
    return av


def dumps(item):
    return json.dumps(to_wire(item), separators=(",", ":"), ensure_ascii=rng.random() < .5)


def loads(line):
    return {k: de.deserialize(from_wire(v)) for k, v in json.loads(line).items()}


# 1. boto3 writes, ddbx reads into ddbx::value and writes again, boto3 reads.
items = []
for _ in range(3000):
    item = {rand_str() + "k" + str(i): rand_value(0) for i in range(rng.randrange(1, 6))}
    items.append(item)
wire = [{k: ser.serialize(v) for k, v in item.items()} for item in items]
out = run("roundtrip", [dumps(w) for w in wire])
if len(out) != len(items):
    fail(f"roundtrip: {len(out)} lines for {len(items)} items")
checked = 0
for i, (item, line) in enumerate(zip(items, out)):
    back = loads(line)
    if same(item, back, f"item[{i}]"):
        checked += 1
print(f"roundtrip through ddbx::value: {checked}/{len(items)} items equal in boto3")

# 2. ddbx's structs as boto3 sees them.
expected_users = [
    {"username": "johndoe", "first_name": "John", "last_name": "Doe", "age": Decimal(25), "account_type": "standard_user",
     "address": {"road": "1 Jefferson Street", "city": "Los Angeles", "state": "CA", "zipcode": Decimal(90001)}},
    {"username": "janedoering", "first_name": "Jane", "last_name": "Doering", "age": Decimal(40),
     "account_type": "super_user",
     "address": {"road": "2 Washington Avenue", "city": "Seattle", "state": "WA", "zipcode": Decimal(98109)}},
    {"username": "janedoe", "first_name": "Jane", "last_name": "Doe", "age": Decimal(25), "account_type": "standard_user",
     "tags": ["x", "yé"], "scores": [Decimal("87.5"), Decimal("-0.25")]},
]
expected_sampler = {
    "s": 'héllo "w" 😀\n', "i64": Decimal(-2**63), "u64": Decimal(2**64 - 1), "d": Decimal("3.14159"),
    "n": Decimal("123456789012345678.90123456789012345678"), "flag": True, "nothing": None,
    "bin": Binary(b"\x00\xff\x10"), "ss": {"a", "b"}, "ns": {Decimal("1.5"), Decimal(-2)},
    "bs": {Binary(b"\x01"), Binary(b"\x02\x03")}, "list": ["x", "", "z"], "counts": {"k.1": Decimal(1), "#k2": Decimal(-2)},
    "where": {"road": "1 Jefferson Street", "city": "Los Angeles", "state": "CA", "zipcode": Decimal(90001)},
    "maybe": "present", "at": "2024-06-01T12:34:56.789000000Z", "expires": Decimal(1717245296), "level": Decimal(3),
}
expected = [("user", u) for u in expected_users] + [("sampler", expected_sampler)]
out = run("structs-out", [])
if len(out) != len(expected):
    fail(f"structs-out: {len(out)} lines, expected {len(expected)}")
for (kind, want), line in zip(expected, out):
    k, js = line.split("\t", 1)
    got = loads(js)
    same(want, got, f"{kind} (ddbx → boto3)")

# 3. boto3's serialization of the same values decodes into the structs.
lines = [kind + "\t" + dumps({k: ser.serialize(v) for k, v in want.items()}) for kind, want in expected]
out = run("structs-in", lines)
for (kind, want), line in zip(expected, out):
    got = loads(line)
    same(want, got, f"{kind} (boto3 → ddbx → boto3)")
if len(out) != len(expected):
    fail(f"structs-in: {len(out)} lines, expected {len(expected)}")

print(f"boto3 differential: {'ok' if failures == 0 else str(failures) + ' failures'}")
sys.exit(1 if failures else 0)
