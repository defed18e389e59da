// Order-placing throughput of `casim serve` for scripts/bench.sh, through the official Node.js SDK
// over keep-alive: ORDERS DV orders for shop.example.com (CreateCertificate, CertificateInfoSubmit
// with an ECC P-256 CSR generated online, CertificateOrderSubmit with DNS validation), CONCURRENCY
// at a time. Usage: node bench_serve_orders.js ENDPOINT ORDERS CONCURRENCY (NODE_PATH finds the SDK)
// Prints one JSON line: orders, concurrency, seconds, orders_per_second, calls_per_second.
"use strict";
const http = require("node:http");
const tencentcloud = require("tencentcloud-sdk-nodejs");

const [endpoint, orders, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const url = new URL(endpoint);
const client = new tencentcloud.ssl.v20191205.Client({
  credential: { secretId: "AKIDcasimTESTsecretId00000000000000", secretKey: "casimTESTsecretKey000000000000000" },
  region: "ap-guangzhou",
  profile: {
    httpProfile: { endpoint: url.host, protocol: "http://", agent: new http.Agent({ keepAlive: true, maxSockets: concurrency }) },
  },
});

async function placeOrder() {
  const bought = await client.CreateCertificate({ ProductId: 1, DomainNum: 1, TimeSpan: 1 });
  const certId = bought.CertificateIds[0];
  await client.CertificateInfoSubmit({
    CertId: certId, GenCsrType: "online", CertCommonName: "shop.example.com", CompanyType: 1,
    CsrEncryptAlgo: "ECC", CsrKeyParameter: "prime256v1",
  });
  await client.CertificateOrderSubmit({ CertId: certId, VerifyType: "DNS" });
}

async function main() {
  let next = 0;
  const worker = async () => {
    while (next < orders) {
      ++next;
      await placeOrder();
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ orders, concurrency, seconds, orders_per_second: orders / seconds,
    calls_per_second: (3 * orders) / seconds }));
}

main().catch((error) => {
  console.error(error.code ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
});
