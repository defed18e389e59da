// "Validate now" (CompleteCertificate) through the official SDK: once per 5 simulated minutes.
// A DV order whose record is never published, past pre-review; asked at 0, 2 and 7 minutes.
"use strict";
const { sslClient, advance, outcome, placeOrder, runScript } = require("./casim_sdk");

runScript(async (endpoint) => {
  const client = sslClient(endpoint);
  const certificateId = await placeOrder(client, 1);
  await advance(endpoint, "1h");
  const complete = () => outcome(() => client.CompleteCertificate({ CertificateId: certificateId }));
  const first = await complete();
  await advance(endpoint, "2m");
  const second = await complete();
  await advance(endpoint, "5m");
  const third = await complete();
  return { first, after_2_minutes: second, after_7_minutes: third };
});
