// A client that recovers from an injected network error. tencentcloud-sdk-nodejs 4.1.313 sends
// each call once (AbstractClient.request has no retry), so the caller retries
// FailedOperation.NetworkError itself, with a short backoff; the failed try changed nothing.
"use strict";
const { sslClient, manage, status, runScript } = require("./casim_sdk");

// Calls `call` up to `tries` times while it fails with FailedOperation.NetworkError; the answer,
// and the code of every failed try.
async function withRetry(call, tries = 3) {
  const failures = [];
  for (let attempt = 1; ; ++attempt) {
    try {
      return { answer: await call(), failures };
    } catch (error) {
      if (error.code !== "FailedOperation.NetworkError" || attempt === tries) throw error;
      failures.push(error.code);
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }
}

runScript(async (endpoint) => {
  const client = sslClient(endpoint);
  await manage(endpoint, "POST", "/_casim/faults", { action: "CreateCertificate", fault: "network_error", count: 1 });
  const { answer, failures } = await withRetry(() =>
    client.CreateCertificate({ ProductId: 1, DomainNum: 1, TimeSpan: 1 }),
  );
  const certificateId = answer.CertificateIds[0];
  return { failures, certificateIds: answer.CertificateIds, status: await status(client, certificateId) };
});
