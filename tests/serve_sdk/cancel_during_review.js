// Cancelling an OV order while the CA's review runs, through the official SDK: Status 7 at once,
// and still 7 after the review would have ended.
"use strict";
const { sslClient, advance, placeOrder, publishDnsRecord, status, runScript } = require("./casim_sdk");

runScript(async (endpoint) => {
  const client = sslClient(endpoint);
  const certificateId = await placeOrder(client, 2);
  await publishDnsRecord(endpoint, client, certificateId);
  await advance(endpoint, "1h");
  const detail = await client.DescribeCertificateDetail({ CertificateId: certificateId });
  const cancelled = await client.CancelAuditCertificate({ CertificateId: certificateId });
  const afterCancel = await status(client, certificateId);
  await advance(endpoint, "3d");
  return {
    review_before: detail.CasimDetail.Review,
    status_before: { Status: detail.Status, StatusMsg: detail.StatusMsg },
    result: cancelled.Result,
    after_cancel: afterCancel,
    three_days_later: await status(client, certificateId),
  };
});
