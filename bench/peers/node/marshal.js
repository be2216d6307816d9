// Node's contender in scripts/bench: unmarshal = JSON.parse + unmarshall, marshal = marshall +
// JSON.stringify (@aws-sdk/util-dynamodb, pinned by package-lock.json).
// usage: node marshal.js <page.json> <out dir> <repetitions>
const fs = require("fs");
const { marshall, unmarshall } = require("@aws-sdk/util-dynamodb");

const [page, outDir, repsArg] = process.argv.slice(2);
const reps = Math.max(1, Number(repsArg));
const text = fs.readFileSync(page, "utf8");
const size = Buffer.byteLength(text);
const opts = { wrapNumbers: true };  // exact numbers, as DynamoDB means them

function best(f) {
  f();
  let min = Infinity;
  for (let r = 0; r < reps; r++) {
    const s = process.hrtime.bigint();
    f();
    const d = Number(process.hrtime.bigint() - s);
    if (d < min) min = d;
  }
  return min;
}

const unmarshalAll = () => JSON.parse(text).Items.map((i) => unmarshall(i, opts));
const users = unmarshalAll();
const n = users.length;
const marshalAll = () => JSON.stringify(users.map((u) => marshall(u)));
fs.writeFileSync(`${outDir}/node.json`, marshalAll());
for (const [op, f] of [["encode", marshalAll], ["decode", unmarshalAll]]) {
  const ns = best(f);
  console.log(`node,${op},${(ns / n).toFixed(1)},${(size / (ns / 1e9) / 1e6).toFixed(1)}`);
}
