// DescribeCertificates, UploadCertificate and CheckCertificateChain on a real CA: a certificate the
// CA issued is downloaded, checked (valid, trusted by the CA's own root) and uploaded again; the
// upload is listed, described and downloaded as given; a mismatched key and garbage are refused
// with the chain checker's codes; the list filters, sorts and pages as the SDK asks.
#include "api_support.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

BOOST_AUTO_TEST_SUITE(test_reseller_uploads)

using namespace casim;
using namespace casim::api;
using namespace casim::api::test;

namespace {

struct Issued {
  std::string id;
  mockca::CertificateBundle files;
};

// A DV certificate for `name`, issued and downloaded.
Issued issue(Bench& bench, const std::string& ref, const std::string& name) {
  const auto [id, receipt] = bench.submit_dv(ref, {name});
  bench.publish(receipt);
  bench.run_for(sim::kHour);
  const CallAnswer downloaded = bench.call("DownloadCertificate", {{"CertificateId", id}});
  BOOST_TEST_REQUIRE(downloaded.bundle.has_value(), downloaded.response.dump());
  return {id, *downloaded.bundle};
}

std::string fresh_key_pem() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  BIO* out = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(out, &data);
  std::string pem(data, static_cast<std::size_t>(length));
  BIO_free(out);
  EVP_PKEY_free(key);
  return pem;
}

std::vector<std::string> ids_of(const json& page) {
  std::vector<std::string> ids;
  for (const auto& certificate : page.at("Certificates")) ids.push_back(certificate.at("CertificateId"));
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_issued_chain_checks_valid_and_trusted) {
  Bench bench;
  const Issued issued = issue(bench, "dv", "www.example.com");
  const CallAnswer checked = bench.call("CheckCertificateChain", {{"CertificateChain", issued.files.full_chain_pem}});
  BOOST_TEST_REQUIRE(!checked.error, checked.response.dump());
  const json& result = body(checked);
  BOOST_TEST(result.at("IsValid") == true);
  BOOST_TEST(result.at("IsTrustedCA") == true);
  BOOST_TEST_REQUIRE(result.at("Chains").size() == 2u);
  BOOST_TEST(result.at("Chains").at(0) == "www.example.com");
  BOOST_TEST(result.at("CasimDetail").at("Findings").empty());

  // The leaf alone misses its intermediate: not valid, and no trusted root is reached.
  const json alone = body(bench.call("CheckCertificateChain", {{"CertificateChain", issued.files.certificate_pem}}));
  BOOST_TEST(alone.at("IsValid") == false);
  BOOST_TEST(alone.at("IsTrustedCA") == false);
  BOOST_TEST(alone.at("CasimDetail").at("Findings").at(0).at("Reason") == "ChainIntermediateMissing");

  const CallAnswer garbage = bench.call("CheckCertificateChain", {{"CertificateChain", "not a certificate"}});
  BOOST_TEST_REQUIRE(garbage.error.has_value());
  BOOST_TEST(garbage.error->code == "FailedOperation.CertificateParseError");
}

BOOST_AUTO_TEST_CASE(an_upload_is_kept_described_listed_and_downloaded_as_given) {
  Bench bench;
  const Issued issued = issue(bench, "dv", "www.example.com");
  const CallAnswer uploaded = bench.call("UploadCertificate", {{"CertificatePublicKey", issued.files.full_chain_pem},
                                                               {"CertificatePrivateKey", issued.files.private_key_pem},
                                                               {"Alias", "prod web"}});
  BOOST_TEST_REQUIRE(!uploaded.error, uploaded.response.dump());
  const std::string id = body(uploaded).at("CertificateId");
  BOOST_TEST(id != issued.id);
  BOOST_TEST(body(uploaded).at("RepeatCertId") == "");

  const json detail = body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}}));
  BOOST_TEST(detail.at("Status") == 1);
  BOOST_TEST(detail.at("From") == "upload");
  BOOST_TEST(detail.at("Alias") == "prod web");
  BOOST_TEST(detail.at("Domain") == "www.example.com");
  BOOST_TEST(detail.at("CertEndTime") == body(bench.call("DescribeCertificateDetail", {{"CertificateId", issued.id}}))
                                             .at("CertEndTime"));

  const CallAnswer files = bench.call("DownloadCertificate", {{"CertificateId", id}});
  BOOST_TEST_REQUIRE(files.bundle.has_value());
  BOOST_TEST(files.bundle->certificate_pem == issued.files.certificate_pem);
  BOOST_TEST(files.bundle->chain_pem == issued.files.chain_pem);
  BOOST_TEST(files.bundle->private_key_pem == issued.files.private_key_pem);

  // Not repeatable: the same certificate again gives the first upload's id.
  const json again = body(bench.call("UploadCertificate", {{"CertificatePublicKey", issued.files.full_chain_pem},
                                                          {"CertificatePrivateKey", issued.files.private_key_pem},
                                                          {"Repeatable", false}}));
  BOOST_TEST(again.at("RepeatCertId") == id);

  // An upload has no order: the actions on orders say so.
  const CallAnswer complete = bench.call("CompleteCertificate", {{"CertificateId", id}});
  BOOST_TEST_REQUIRE(complete.error.has_value());
  BOOST_TEST(body(complete).at("Error").at("Message") == "certificate " + id + " was uploaded: it has no order at the CA");
  const CallAnswer submit = bench.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}});
  BOOST_TEST_REQUIRE(submit.error.has_value());
  BOOST_TEST(submit.error->code == "FailedOperation.CertificateStatusNotAllowSubmit");
}

BOOST_AUTO_TEST_CASE(unusable_uploads_are_refused_with_the_checkers_codes) {
  Bench bench;
  const Issued issued = issue(bench, "dv", "www.example.com");
  const CallAnswer mismatch = bench.call("UploadCertificate", {{"CertificatePublicKey", issued.files.full_chain_pem},
                                                               {"CertificatePrivateKey", fresh_key_pem()}});
  BOOST_TEST_REQUIRE(mismatch.error.has_value());
  BOOST_TEST(mismatch.error->code == "FailedOperation.CertificateMismatch");
  const CallAnswer no_key = bench.call("UploadCertificate", {{"CertificatePublicKey", issued.files.full_chain_pem}});
  BOOST_TEST_REQUIRE(no_key.error.has_value());
  BOOST_TEST(body(no_key).at("Error").at("Message") == "CertificatePrivateKey is required when CertificateType is SVR");
  const CallAnswer ca_type = bench.call("UploadCertificate", {{"CertificatePublicKey", issued.files.chain_pem},
                                                              {"CertificateType", "CA"}});
  BOOST_TEST(!ca_type.error, ca_type.response.dump());
  const CallAnswer garbage = bench.call("UploadCertificate", {{"CertificatePublicKey", "-----BEGIN CERTIFICATE-----\nAA"},
                                                              {"CertificatePrivateKey", fresh_key_pem()}});
  BOOST_TEST_REQUIRE(garbage.error.has_value());
  BOOST_TEST(garbage.error->code == "FailedOperation.CertificateParseError");
}

BOOST_AUTO_TEST_CASE(the_list_filters_sorts_and_pages) {
  Bench bench;
  const Issued first = issue(bench, "first", "www.example.com");
  bench.run_for(sim::kDay);
  const Issued second = issue(bench, "second", "api.example.com");
  const std::string pending = bench.buy("pending");
  const json uploaded = body(bench.call("UploadCertificate", {{"CertificatePublicKey", first.files.full_chain_pem},
                                                              {"CertificatePrivateKey", first.files.private_key_pem}}));
  const std::string upload = uploaded.at("CertificateId");

  const json all = body(bench.call("DescribeCertificates", json::object()));
  BOOST_TEST(all.at("TotalCount") == 4);
  BOOST_TEST((ids_of(all) == std::vector<std::string>{upload, pending, second.id, first.id}));  // newest first

  const json page = body(bench.call("DescribeCertificates", {{"Offset", 1}, {"Limit", 2}}));
  BOOST_TEST(page.at("TotalCount") == 4);
  BOOST_TEST((ids_of(page) == std::vector<std::string>{pending, second.id}));
  BOOST_TEST(body(bench.call("DescribeCertificates", {{"Offset", 9}})).at("Certificates").empty());

  const json issued = body(bench.call("DescribeCertificates", {{"CertificateStatus", {1}}, {"FilterSource", "buy"}}));
  BOOST_TEST((ids_of(issued) == std::vector<std::string>{second.id, first.id}));
  const json search = body(bench.call("DescribeCertificates", {{"SearchKey", "api.example"}}));
  BOOST_TEST((ids_of(search) == std::vector<std::string>{second.id}));
  const json uploads = body(bench.call("DescribeCertificates", {{"FilterSource", "upload"}}));
  BOOST_TEST((ids_of(uploads) == std::vector<std::string>{upload}));
  const json by_ids = body(bench.call("DescribeCertificates", {{"CertIds", {first.id, pending}}}));
  BOOST_TEST((ids_of(by_ids) == std::vector<std::string>{pending, first.id}));
  // By expiry, soonest first; the pending certificate has none and comes last.
  const json soonest = body(bench.call("DescribeCertificates", {{"ExpirationSort", "ASC"}}));
  BOOST_TEST(ids_of(soonest).back() == pending);
  BOOST_TEST(ids_of(soonest).at(2) == second.id);

  const CallAnswer bad = bench.call("DescribeCertificates", {{"CertificateStatus", {"1"}}});
  BOOST_TEST_REQUIRE(bad.error.has_value());
  BOOST_TEST(body(bad).at("Error").at("Message") == "CertificateStatus[0] must be an integer, got string");
  const CallAnswer limit = bench.call("DescribeCertificates", {{"Limit", 0}});
  BOOST_TEST_REQUIRE(limit.error.has_value());
  BOOST_TEST(limit.error->code == "InvalidParameterValue");
}

BOOST_AUTO_TEST_SUITE_END()  // test_reseller_uploads
