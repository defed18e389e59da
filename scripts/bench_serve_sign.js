// Signs one reseller API request for scripts/bench.sh's wrk run (TC3-HMAC-SHA256, as the official
// SDKs sign: headers content-type and host, the host without its port). A signature stays valid 5
// minutes, longer than the run. Usage: node bench_serve_sign.js ENDPOINT ACTION JSON_BODY
// Prints shell assignments of CASIM_BENCH_BODY, CASIM_BENCH_ACTION, CASIM_BENCH_TIMESTAMP and
// CASIM_BENCH_AUTHORIZATION for bench_describe.lua; the test credentials sign.
"use strict";
const crypto = require("node:crypto");

const [endpoint, action, body] = process.argv.slice(2);
const secretId = "AKIDcasimTESTsecretId00000000000000";
const secretKey = "casimTESTsecretKey000000000000000";
const service = "ssl";
const timestamp = Math.floor(Date.now() / 1000);
const date = new Date(timestamp * 1000).toISOString().slice(0, 10);

const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");
const hmac = (key, text) => crypto.createHmac("sha256", key).update(text).digest();
const canonical = ["POST", "/", "", "content-type:application/json", `host:${new URL(endpoint).hostname}`, "",
  "content-type;host", sha256(body)].join("\n");
const scope = `${date}/${service}/tc3_request`;
const toSign = ["TC3-HMAC-SHA256", timestamp, scope, sha256(canonical)].join("\n");
const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
const signature = crypto.createHmac("sha256", key).update(toSign).digest("hex");

const quote = (text) => `'${String(text).replace(/'/g, "'\\''")}'`;
console.log(`CASIM_BENCH_BODY=${quote(body)}`);
console.log(`CASIM_BENCH_ACTION=${quote(action)}`);
console.log(`CASIM_BENCH_TIMESTAMP=${timestamp}`);
console.log(`CASIM_BENCH_AUTHORIZATION=${quote(
  `TC3-HMAC-SHA256 Credential=${secretId}/${date}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`)}`);
