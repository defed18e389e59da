// A whole OV order through the official SDK: buy, submit with an online CSR and DNS validation,
// publish the record, let the simulated clock run past pre-review and the review, download.
// Writes certificate.zip and root.pem into the output folder; prints the Status seen at each step.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { sslClient, manage, advance, placeOrder, publishDnsRecord, status, runScript } = require("./casim_sdk");

runScript(async (endpoint, outDir) => {
  const client = sslClient(endpoint);
  const certificateId = await placeOrder(client, 2);
  const steps = { submitted: await status(client, certificateId) };
  const auth = await publishDnsRecord(endpoint, client, certificateId);
  await advance(endpoint, "1h");
  steps.after_pre_review = await status(client, certificateId);
  await advance(endpoint, "2d");
  steps.after_review = await status(client, certificateId);
  const download = await client.DownloadCertificate({ CertificateId: certificateId });
  fs.writeFileSync(path.join(outDir, "certificate.zip"), Buffer.from(download.Content, "base64"));
  fs.writeFileSync(path.join(outDir, "root.pem"), await manage(endpoint, "GET", "/_casim/root"));
  return { certificateId, record: auth.DvAuthSubDomain, contentType: download.ContentType, steps };
});
