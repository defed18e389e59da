// Authorization through the official SDK: a wrong SecretKey and an unknown SecretId are refused
// before any action runs; the test credentials reach the action (which knows no cert-404).
"use strict";
const { TEST_CREDENTIAL, sslClient, outcome, runScript } = require("./casim_sdk");

runScript(async (endpoint) => {
  const describe = (credential) =>
    outcome(() => sslClient(endpoint, credential).DescribeCertificateDetail({ CertificateId: "cert-404" }));
  return {
    wrong_secret_key: await describe({ ...TEST_CREDENTIAL, secretKey: "not-the-test-secret-key-000000000" }),
    unknown_secret_id: await describe({ ...TEST_CREDENTIAL, secretId: "AKIDunknownSecretId000000000000000" }),
    test_credential: await describe(TEST_CREDENTIAL),
  };
});
