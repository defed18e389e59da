// What the SDK scripts share: the official SDK's SSL client pointed at a `casim serve` endpoint,
// casim's management API, the orders they place, and the run-one-script wrapper.
"use strict";
const tencentcloud = require("tencentcloud-sdk-nodejs");

// The default test credentials and management token of `casim serve` (public, documented).
const TEST_CREDENTIAL = {
  secretId: "AKIDcasimTESTsecretId00000000000000",
  secretKey: "casimTESTsecretKey000000000000000",
};
const MANAGEMENT_TOKEN = "casim-test-token";

// The SSL client of API version 2019-12-05, talking plain HTTP to `endpoint` ("http://HOST:PORT").
function sslClient(endpoint, credential = TEST_CREDENTIAL) {
  const url = new URL(endpoint);
  return new tencentcloud.ssl.v20191205.Client({
    credential,
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: url.host, protocol: `${url.protocol}//` } },
  });
}

// One management call (/_casim/…): the JSON answer, or the text of a text/plain one.
async function manage(endpoint, method, path, body) {
  const response = await fetch(endpoint + path, {
    method,
    headers: { Authorization: `Bearer ${MANAGEMENT_TOKEN}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}: ${text}`);
  return (response.headers.get("content-type") || "").startsWith("application/json") ? JSON.parse(text) : text;
}

const advance = (endpoint, by) => manage(endpoint, "POST", "/_casim/time/advance", { by });

// The error code a call is refused with (the SDK's TencentCloudSDKHttpException.code), or "ok".
async function outcome(call) {
  try {
    await call();
    return "ok";
  } catch (error) {
    if (!error.code) throw error;
    return error.code;
  }
}

// The organization in the test world's registry, as CertificateInfoSubmit's Org* fields.
const ACME = {
  CompanyType: 2,
  OrgOrganization: "Acme Widgets (Beijing) Co., Ltd.",
  OrgIdNumber: "91110000MA01ABCD2X",
  OrgCountry: "CN",
  OrgRegion: "Beijing",
  OrgCity: "Beijing",
  OrgAddress: "1 Zhongguancun Street, Haidian District",
  OrgPhoneNumber: "+86 10 1234 5678",
};

// Buys a certificate for shop.example.com (ProductId 1 DV, 2 OV), submits the information with a
// CSR generated online, and sends the order to the CA for DNS validation. The certificate's id.
async function placeOrder(client, productId) {
  const bought = await client.CreateCertificate({ ProductId: productId, DomainNum: 1, TimeSpan: 1 });
  const certificateId = bought.CertificateIds[0];
  await client.CertificateInfoSubmit({
    CertId: certificateId,
    GenCsrType: "online",
    CertCommonName: "shop.example.com",
    CsrEncryptAlgo: "RSA",
    CsrKeyParameter: "2048",
    ...(productId === 1 ? { CompanyType: 1 } : ACME),
    AdminFirstName: "Li Lei",
    AdminPhone: "+86 138 0000 1111",
    AdminEmail: "admin@example.com",
    TechFirstName: "Han Meimei",
    TechEmail: "tech@example.com",
  });
  await client.CertificateOrderSubmit({ CertId: certificateId, VerifyType: "DNS" });
  return certificateId;
}

// Publishes the TXT record DescribeCertificateDetail asks for, as the customer's DNS host would.
async function publishDnsRecord(endpoint, client, certificateId) {
  const detail = await client.DescribeCertificateDetail({ CertificateId: certificateId });
  const auth = detail.DvAuthDetail.DvAuths[0];
  await manage(endpoint, "POST", "/_casim/dns/records", {
    name: auth.DvAuthSubDomain,
    type: auth.DvAuthVerifyType,
    value: auth.DvAuthValue,
    ttl: 600,
  });
  return auth;
}

// Where the order is, as a customer reads it.
async function status(client, certificateId) {
  const detail = await client.DescribeCertificateDetail({ CertificateId: certificateId });
  return { Status: detail.Status, StatusMsg: detail.StatusMsg };
}

// Runs a script's body with the endpoint and output folder from the command line and prints its
// result as one JSON line; anything thrown is printed on stderr with exit code 1.
function runScript(body) {
  const [endpoint, outDir] = process.argv.slice(2);
  body(endpoint, outDir).then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error && error.stack ? error.stack : error);
      if (error && error.code) console.error(`code: ${error.code}, request id: ${error.requestId}`);
      process.exitCode = 1;
    },
  );
}

module.exports = { TEST_CREDENTIAL, sslClient, manage, advance, outcome, placeOrder, publishDnsRecord, status, runScript };
