// The codec over a real CA on a Kernel: a DV order from CreateCertificate to DownloadCertificate
// (Status 5 from the codec, then the CA's; the record published, the local check, validate now,
// issuance, the ZIP unpacked with libzip), the DomainNum check before the CA, and reissues with the
// original CSR and a new online one.
#include <openssl/evp.h>
#include <zip.h>

#include "api_support.hpp"

BOOST_AUTO_TEST_SUITE(test_reseller_orders)

using namespace casim;
using namespace casim::api;
using namespace casim::api::test;

namespace {

std::string unbase64(const std::string& text) {
  std::string bytes(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  BOOST_TEST_REQUIRE(length >= 0);
  const auto padding = static_cast<std::size_t>(std::count(text.end() - std::min<std::ptrdiff_t>(2, std::ssize(text)), text.end(), '='));
  bytes.resize(static_cast<std::size_t>(length) - padding);
  return bytes;
}

// The files of a ZIP archive, by name.
std::map<std::string, std::string> unzip(const std::string& archive_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive_bytes.data(), archive_bytes.size(), 0, &error);
  BOOST_TEST_REQUIRE(source != nullptr);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  BOOST_TEST_REQUIRE(archive != nullptr, zip_error_strerror(&error));
  std::map<std::string, std::string> files;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    BOOST_TEST_REQUIRE(zip_fread(file, content.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    files[stat.name] = content;
  }
  zip_discard(archive);
  return files;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_dv_order_from_purchase_to_download) {
  Bench bench;
  const CallAnswer bought =
      bench.call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 2}, {"TimeSpan", 1}}, "shop");
  BOOST_TEST_REQUIRE(!bought.error);
  BOOST_TEST(body(bought) == (json{{"CertificateIds", {"cert-1"}}, {"DealIds", {"deal-1"}}, {"RequestId", "req-1"}}));
  BOOST_TEST(bought.certificate_id == "cert-1");
  BOOST_TEST(bought.order_ref == "shop");

  json detail = body(bench.call("DescribeCertificateDetail", {{"CertificateId", "cert-1"}}));
  BOOST_TEST(detail.at("Status") == 5);
  BOOST_TEST(detail.at("Domain").is_null());
  BOOST_TEST(detail.at("OrderId").is_null());
  BOOST_TEST(detail.at("CertType") == "DV");
  BOOST_TEST(detail.at("CasimDetail").at("OrderRef") == "shop");

  mockca::OnlineCsr csr;
  csr.common_name = "example.com";
  csr.other_names = {"www.example.com"};
  json info = info_params(csr, std::nullopt, {"Li Lei", "CTO", "+86 138 0000 2222", "li@example.com"}, {});
  info["CertId"] = "cert-1";
  const CallAnswer informed = bench.call("CertificateInfoSubmit", info);
  BOOST_TEST_REQUIRE(!informed.error, informed.response.dump());
  BOOST_TEST(body(informed) == (json{{"RequestId", "req-3"}}));
  detail = body(bench.call("DescribeCertificateDetail", {{"CertificateId", "cert-1"}}));
  BOOST_TEST(detail.at("Status") == 5);
  BOOST_TEST(detail.at("Domain") == "example.com");
  BOOST_TEST(detail.at("SubjectAltName") == json({"www.example.com"}));

  const CallAnswer ordered = bench.call("CertificateOrderSubmit", {{"CertId", "cert-1"}, {"VerifyType", "DNS"}});
  BOOST_TEST_REQUIRE(ordered.receipt.has_value(), ordered.response.dump());
  const std::string order_id = ordered.receipt->order_id;
  BOOST_TEST(body(ordered).at("OrderId") == order_id);
  BOOST_TEST(body(ordered).at("Status") == 0);
  BOOST_TEST_REQUIRE(bench.api.certificate_of_ca_order(order_id) != nullptr);
  BOOST_TEST(*bench.api.certificate_of_ca_order(order_id) == "cert-1");
  BOOST_TEST(bench.api.certificate_of_ca_order("no-such-order") == nullptr);
  detail = body(bench.call("DescribeCertificateDetail", {{"CertificateId", "cert-1"}}));
  BOOST_TEST(detail.at("Status") == 0);
  BOOST_TEST(detail.at("StatusMsg") == "PRE-REVIEWING");
  BOOST_TEST(detail.at("InsertTime") == "2026-09-14 09:00:00");
  BOOST_TEST_REQUIRE(ordered.receipt->challenges.size() == 1u);  // www. is validated at its base
  BOOST_TEST(detail.at("DvAuthDetail").at("DvAuths").at(0) == challenge_json(ordered.receipt->challenges[0]));
  BOOST_TEST(detail.at("DvAuthDetail").at("DvAuthKeySubDomain") == "_dnsauth.example.com");

  // Pre-review ends at +30 min and the CA finds no record; the customer publishes it at +31 min.
  bench.run_for(sim::kMinute * 31);
  bench.publish(*ordered.receipt);
  const CallAnswer checked = bench.call("CheckCertificateDomainVerification", {{"CertificateId", "cert-1"}});
  BOOST_TEST_REQUIRE(!checked.error, checked.response.dump());
  const json& result = body(checked).at("VerificationResults").at(0);
  BOOST_TEST(result.at("Domain") == "example.com");
  BOOST_TEST(result.at("VerifyType") == "DNS");
  BOOST_TEST(result.at("LocalCheck") == 1);
  BOOST_TEST(result.at("CaCheck") == -1);
  BOOST_TEST(result.at("CasimDetail").at("CaReason") == "DcvTxtNotFound");
  BOOST_TEST(result.at("Issued") == false);
  const CallAnswer completed = bench.call("CompleteCertificate", {{"CertificateId", "cert-1"}});
  BOOST_TEST_REQUIRE(!completed.error, completed.response.dump());
  BOOST_TEST(body(completed).at("CertificateId") == "cert-1");

  bench.run_for(sim::kHour);
  detail = body(bench.call("DescribeCertificateDetail", {{"CertificateId", "cert-1"}}));
  BOOST_TEST(detail.at("Status") == 1);
  BOOST_TEST(detail.at("StatusMsg").is_null());
  BOOST_TEST(detail.at("CertBeginTime") == "2026-09-14 09:33:00");  // validated at +31 min, signed 2 min later
  BOOST_TEST(detail.at("CasimDetail").at("Phase") == "issued");
  BOOST_TEST(detail.at("CasimDetail").at("Serial").is_string());

  const CallAnswer downloaded = bench.call("DownloadCertificate", {{"CertificateId", "cert-1"}});
  BOOST_TEST_REQUIRE(downloaded.bundle.has_value(), downloaded.response.dump());
  BOOST_TEST(body(downloaded).at("ContentType") == "application/zip");
  const auto files = unzip(unbase64(body(downloaded).at("Content")));
  BOOST_TEST(files.size() == 4u);
  BOOST_TEST(files.at("certificate.pem") == downloaded.bundle->certificate_pem);
  BOOST_TEST(files.at("certificate.pem").starts_with("-----BEGIN CERTIFICATE-----"));
  BOOST_TEST(files.at("full_chain.pem") == downloaded.bundle->full_chain_pem);
  BOOST_TEST(files.at("private_key.pem").find("PRIVATE KEY") != std::string::npos);
  // The same download gives the same bytes: no wall clock in the archive.
  BOOST_TEST(body(bench.call("DownloadCertificate", {{"CertificateId", "cert-1"}})).at("Content") ==
             body(downloaded).at("Content"));
}

BOOST_AUTO_TEST_CASE(more_names_than_bought_are_refused_before_the_ca) {
  Bench bench;
  const std::string id = bench.buy("crowded", 1);
  mockca::OnlineCsr csr;
  csr.common_name = "example.com";
  csr.other_names = {"shop.example.com"};
  json info = info_params(csr, std::nullopt, {}, {});
  info["CertId"] = id;
  BOOST_TEST_REQUIRE(!bench.call("CertificateInfoSubmit", info).error);
  const CallAnswer refused = bench.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}});
  BOOST_TEST_REQUIRE(refused.error.has_value());
  BOOST_TEST((refused.error->reason() == mockca::Reason::NameTooMany));
  BOOST_TEST(body(refused).at("Error").at("Code") == "InvalidParameter.DomainCountInvalid");
  BOOST_TEST(body(refused).at("Error").at("Message") == "2 names for 1 bought (DomainNum)");
  BOOST_TEST(body(refused).at("Error").at("Reasons") == json({"NameTooMany"}));
  BOOST_TEST(refused.certificate_id == id);
  BOOST_TEST(refused.order_ref == "crowded");
  BOOST_TEST(bench.ca.order_count() == 0u);
  BOOST_TEST(body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}})).at("Status") == 5);
}

BOOST_AUTO_TEST_CASE(reissues_with_the_original_csr_and_with_a_new_online_key) {
  Bench bench;
  const auto [id, receipt] = bench.submit_dv("shop", {"example.com", "www.example.com"});
  bench.publish(receipt);
  bench.run_for(sim::kHour);
  BOOST_TEST_REQUIRE(body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}})).at("Status") == 1);

  const CallAnswer original = bench.call("ReplaceCertificate", {{"CertificateId", id}, {"CsrType", "original"}});
  BOOST_TEST_REQUIRE(original.receipt.has_value(), original.response.dump());
  BOOST_TEST(original.certificate_id == "cert-2");
  BOOST_TEST(original.order_ref == "shop/reissue");
  BOOST_TEST(original.receipt->names == receipt.names);
  BOOST_TEST(body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}})).at("Status") == 11);
  bench.run_for(sim::kHour);
  json reissued = body(bench.call("DescribeCertificateDetail", {{"CertificateId", "cert-2"}}));
  BOOST_TEST(reissued.at("Status") == 1);
  BOOST_TEST(reissued.at("CertificateExtra").at("ReplacedFor") == id);
  BOOST_TEST(reissued.at("CasimDetail").at("OrderRef") == "shop/reissue");
  BOOST_TEST(body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}})).at("CertificateExtra").at("ReplacedBy") ==
             "cert-2");

  const CallAnswer again = bench.call("ReplaceCertificate", {{"CertificateId", id}});
  BOOST_TEST_REQUIRE(again.error.has_value());
  BOOST_TEST(body(again).at("Error").at("Code") == "FailedOperation.OrderAlreadyReplaced");
  BOOST_TEST(body(again).at("Error").at("Reasons") == json({"OrderAlreadyReplaced"}));

  const CallAnswer online = bench.call(
      "ReplaceCertificate",
      {{"CertificateId", "cert-2"}, {"CsrType", "online"}, {"CertCSREncryptAlgo", "RSA"}, {"CertCSRKeyParameter", "2048"}},
      "shop-rsa");
  BOOST_TEST_REQUIRE(online.receipt.has_value(), online.response.dump());
  BOOST_TEST(online.certificate_id == "cert-3");
  BOOST_TEST(online.order_ref == "shop-rsa");
  bench.run_for(sim::kHour);
  BOOST_TEST(body(bench.call("DescribeCertificateDetail", {{"CertificateId", "cert-3"}})).at("Status") == 1);
  const CallAnswer key = bench.call("DownloadCertificate", {{"CertificateId", "cert-3"}});
  BOOST_TEST_REQUIRE(key.bundle.has_value());
  BOOST_TEST(key.bundle->private_key_pem.find("PRIVATE KEY") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()  // test_reseller_orders
