// The encoders against the decoders: what info_params, organization_params, replace_params and
// revocation_reason_param write, sent through the codec, reaches the CA as exactly the values
// encoded (online and pasted CSRs, with and without organization, every verify type); the SDK's
// own spellings (split phone and name, ContactEmail) decode as documented; DvAuths entries and
// times; the product catalogue.
#include "api_support.hpp"

BOOST_AUTO_TEST_SUITE(test_encoders)

using namespace casim;
using namespace casim::api;
using namespace casim::api::test;
using mockca::VerifyType;

namespace {

constexpr std::array kVerifyTypes{VerifyType::Dns, VerifyType::DnsAuto, VerifyType::File};

mockca::OnlineCsr online_csr(mockca::KeySpec key, std::optional<std::string> password) {
  mockca::OnlineCsr csr;
  csr.key = std::move(key);
  csr.common_name = "shop.example.com";
  csr.other_names = {"www.shop.example.com", "api.example.com"};
  csr.key_password = std::move(password);
  return csr;
}

mockca::KeySpec rsa(int bits) {
  mockca::KeySpec key;
  key.algorithm = mockca::KeyAlgorithm::Rsa;
  key.rsa_bits = bits;
  return key;
}

mockca::KeySpec ecc(std::string curve) {
  mockca::KeySpec key;
  key.curve = std::move(curve);
  return key;
}

const mockca::ContactInfo kAdministrator{"Li Lei", "CTO", "+86 138 0000 2222", "li@example.com"};
const mockca::ContactInfo kContact{"Han Meimei", "Engineer", "+86 10 1234 5678", "han@example.com"};

// Every CSR input the encoder has to carry.
std::vector<mockca::CsrInput> csr_inputs() {
  mockca::OnlineCsr single;
  single.common_name = "example.com";
  return {online_csr(rsa(2048), std::nullopt),
          online_csr(rsa(3072), "s3cret"),
          online_csr(rsa(4096), std::nullopt),
          online_csr(ecc("P-256"), std::nullopt),
          online_csr(ecc("P-384"), "pw"),
          single,
          mockca::PastedCsr{"-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n", ""},
          mockca::PastedCsr{"-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----\n",
                            "shop.example.com"}};
}

// The organization with every field set, each to a value of its own (acme_info leaves the division
// empty and has the same city and region).
mockca::OrganizationInfo full_organization() {
  mockca::OrganizationInfo organization = casim::test::acme_info();
  organization.division = "IT";
  organization.locality = "Haidian";
  return organization;
}

// Buys (ProductId `product`), submits the information info_params writes, and submits the order:
// the request the CA received.
mockca::SubmitRequest through_codec(RecordingCa& ca, ResellerApi& api, const mockca::CsrInput& csr,
                                    const std::optional<mockca::OrganizationInfo>& organization, VerifyType verify_type,
                                    int product) {
  const CallAnswer bought =
      api.call("CreateCertificate", {{"ProductId", product}, {"DomainNum", 3}, {"TimeSpan", 2}}, "r", {"shop"});
  json info = info_params(csr, organization, kAdministrator, kContact);
  info["CertId"] = bought.certificate_id;
  const CallAnswer informed = api.call("CertificateInfoSubmit", info, "r", {});
  BOOST_TEST_REQUIRE(!informed.error, informed.response.dump());
  const CallAnswer ordered = api.call(
      "CertificateOrderSubmit", {{"CertId", bought.certificate_id}, {"VerifyType", mockca::to_string(verify_type)}}, "r", {});
  BOOST_TEST_REQUIRE(!ordered.error, ordered.response.dump());
  BOOST_TEST(ordered.receipt.has_value());
  return ca.submitted.back();
}

}  // namespace

BOOST_AUTO_TEST_CASE(info_params_reach_the_ca_as_encoded) {
  for (const auto& csr : csr_inputs()) {
    for (const auto& organization : {std::optional<mockca::OrganizationInfo>{}, std::optional(full_organization())}) {
      for (const VerifyType verify_type : kVerifyTypes) {
        RecordingCa ca;
        ResellerApi api(ca, product_catalogue({""}));
        const int product = organization ? 2 : 1;  // OV with an organization, DV without
        const mockca::SubmitRequest got = through_codec(ca, api, csr, organization, verify_type, product);
        mockca::SubmitRequest expected;
        expected.order_ref = "shop";
        expected.level = organization ? mockca::ValidationLevel::OV : mockca::ValidationLevel::DV;
        expected.csr = csr;
        expected.organization = organization;
        expected.administrator = kAdministrator;
        expected.contact = kContact;
        expected.years = 1;  // whatever the TimeSpan
        expected.verify_type = verify_type;
        BOOST_TEST(difference(got, expected) == "", info_params(csr, organization, kAdministrator, kContact).dump());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(info_params_write_the_sdk_fields) {
  const json params = info_params(online_csr(ecc("P-384"), "pw"), full_organization(), kAdministrator, kContact);
  BOOST_TEST(params.at("GenCsrType") == "online");
  BOOST_TEST(params.at("CsrEncryptAlgo") == "ECC");
  BOOST_TEST(params.at("CsrKeyParameter") == "secp384r1");
  BOOST_TEST(params.at("KeyPass") == "pw");
  BOOST_TEST(params.at("CompanyType") == 2);
  BOOST_TEST(params.at("OrgOrganization") == "Acme Widgets (Beijing) Co., Ltd.");
  BOOST_TEST(params.at("OrgIdNumber") == casim::test::kRegistration);
  BOOST_TEST(params.at("OrgRegion") == "Beijing");
  BOOST_TEST(params.at("OrgPhoneNumber") == "+86 138 0000 1111");
  BOOST_TEST(params.at("OrgBusinessCategory") == "Private Organization");
  BOOST_TEST(params.at("AdminFirstName") == "Li Lei");
  BOOST_TEST(params.at("TechTitle") == "Engineer");
  BOOST_TEST(!params.contains("AdminLastName"));
  BOOST_TEST(!params.contains("CertId"));
  const json personal = info_params(mockca::PastedCsr{"PEM", ""}, std::nullopt, {}, {});
  BOOST_TEST(personal == (json{{"GenCsrType", "parse"}, {"Csr", "PEM"}, {"CompanyType", 1}}));
}

BOOST_AUTO_TEST_CASE(sdk_spellings_decode_to_one_name_phone_and_email) {
  RecordingCa ca;
  ResellerApi api(ca, product_catalogue({""}));
  const std::string id =
      api.call("CreateCertificate", {{"ProductId", 2}, {"DomainNum", 1}, {"TimeSpan", 1}}, "r", {"ov"}).certificate_id;
  const json info{{"CertId", id},           {"GenCsrType", "online"},     {"CertCommonName", "example.com"},
                  {"CsrEncryptAlgo", "RSA"},  {"CsrKeyParameter", "2048"},  {"CompanyType", 2},
                  {"OrgOrganization", "Acme"}, {"OrgPhoneArea", "010"},     {"OrgPhoneNumber", "12345678"},
                  {"OrgIdType", "TYDMZ"},     {"AdminFirstName", "Lei"},    {"AdminLastName", "Li"},
                  {"TechFirstName", "Meimei"}, {"TechLastName", "Han"},     {"ContactEmail", "han@example.com"},
                  {"VerifyType", "FILE"},     {"AutoRenewFlag", 0}};
  BOOST_TEST_REQUIRE(!api.call("CertificateInfoSubmit", info, "r", {}).error);
  BOOST_TEST_REQUIRE(!api.call("CertificateOrderSubmit", {{"CertId", id}}, "r", {}).error);  // VerifyType from the info
  const mockca::SubmitRequest& got = ca.submitted.back();
  BOOST_TEST(got.organization->phone == "010-12345678");
  BOOST_TEST(got.administrator.name == "Lei Li");
  BOOST_TEST(got.contact.name == "Meimei Han");
  BOOST_TEST(got.contact.email == "han@example.com");
  BOOST_TEST(mockca::to_string(got.verify_type) == "FILE");
}

BOOST_AUTO_TEST_CASE(organization_params_reach_a_resubmission_as_encoded) {
  RecordingCa ca;
  ResellerApi api(ca, product_catalogue({""}));
  through_codec(ca, api, online_csr(rsa(2048), std::nullopt), full_organization(), VerifyType::Dns, 3);
  mockca::OrganizationInfo corrected = full_organization();
  corrected.legal_name = "Acme Widgets (Beijing) Company Limited";
  corrected.business_category = sim::world::BusinessCategory::GovernmentEntity;
  json params = organization_params(corrected);
  params["CertificateId"] = "cert-1";
  BOOST_TEST_REQUIRE(!api.call("ModifyCertificateResubmit", params, "r", {}).error);
  BOOST_TEST(difference(ca.resubmitted.back(), corrected) == "");

  mockca::OrganizationInfo bare;
  bare.legal_name = "Acme";
  params = organization_params(bare);
  BOOST_TEST(params == (json{{"OrgOrganization", "Acme"}}));
  params["CertificateId"] = "cert-1";
  BOOST_TEST_REQUIRE(!api.call("ModifyCertificateResubmit", params, "r", {}).error);
  BOOST_TEST(difference(ca.resubmitted.back(), bare) == "");

  BOOST_TEST_REQUIRE(!api.call("ModifyCertificateResubmit", {{"CertificateId", "cert-1"}}, "r", {}).error);
  BOOST_TEST(!ca.resubmitted.back().has_value());  // as first submitted
}

BOOST_AUTO_TEST_CASE(replace_params_reach_the_ca_as_encoded) {
  const mockca::CsrInput original = online_csr(ecc("P-256"), std::nullopt);
  const std::vector<std::optional<mockca::CsrInput>> replacements{
      std::nullopt,
      online_csr(rsa(4096), "pw"),
      online_csr(ecc("P-384"), std::nullopt),
      mockca::PastedCsr{"PEM", ""},
      mockca::PastedCsr{"PEM", "shop.example.com"}};
  for (const auto& csr : replacements) {
    for (const auto verify_type : {std::optional<VerifyType>{}, std::optional(VerifyType::Dns),
                                   std::optional(VerifyType::DnsAuto), std::optional(VerifyType::File)}) {
      RecordingCa ca;
      ResellerApi api(ca, product_catalogue({""}));
      through_codec(ca, api, original, std::nullopt, VerifyType::File, 1);
      json params = replace_params(csr, verify_type);
      params["CertificateId"] = "cert-1";
      const CallAnswer replaced = api.call("ReplaceCertificate", params, "r", {});
      BOOST_TEST_REQUIRE(!replaced.error, replaced.response.dump());
      const mockca::ReissueRequest& got = ca.reissued.back();
      BOOST_TEST(got.order_ref == "shop/reissue");
      BOOST_TEST(difference(got.csr, csr.value_or(original)) == "", params.dump());
      BOOST_TEST(mockca::to_string(*got.verify_type) == mockca::to_string(verify_type.value_or(VerifyType::File)));
      BOOST_TEST(replaced.certificate_id == "cert-2");
      BOOST_TEST(replaced.order_ref == "shop/reissue");
      BOOST_TEST(body(replaced).at("CertificateId") == "cert-2");
    }
  }
}

BOOST_AUTO_TEST_CASE(an_online_reissue_without_names_keeps_the_originals_and_takes_the_sdk_defaults) {
  RecordingCa ca;
  ResellerApi api(ca, product_catalogue({""}));
  through_codec(ca, api, online_csr(ecc("P-256"), std::nullopt), std::nullopt, VerifyType::Dns, 1);
  const CallAnswer replaced =
      api.call("ReplaceCertificate", {{"CertificateId", "cert-1"}, {"CsrType", "online"}}, "r", {"shop-new-key"});
  BOOST_TEST_REQUIRE(!replaced.error, replaced.response.dump());
  const mockca::ReissueRequest& got = ca.reissued.back();
  BOOST_TEST(got.order_ref == "shop-new-key");
  BOOST_TEST(difference(got.csr, online_csr(rsa(2048), std::nullopt)) == "");  // RSA 2048: the SDK's default
  const CallAnswer second =
      api.call("ReplaceCertificate",
               {{"CertificateId", "cert-1"}, {"CsrType", "online"}, {"CertCSREncryptAlgo", "ECC"}, {"DnsNames", json::array()}},
               "r", {"shop-single"});
  mockca::OnlineCsr single = online_csr(ecc("P-256"), std::nullopt);  // ECC: prime256v1 by default
  single.other_names.clear();
  BOOST_TEST(difference(ca.reissued.back().csr, single) == "");
}

BOOST_AUTO_TEST_CASE(revocation_reasons_round_trip) {
  for (const auto reason : {mockca::RevocationReason::Unspecified, mockca::RevocationReason::KeyCompromise,
                            mockca::RevocationReason::AffiliationChanged, mockca::RevocationReason::Superseded,
                            mockca::RevocationReason::CessationOfOperation, mockca::RevocationReason::PrivilegeWithdrawn}) {
    RecordingCa ca;
    ResellerApi api(ca, product_catalogue({""}));
    through_codec(ca, api, online_csr(rsa(2048), std::nullopt), std::nullopt, VerifyType::Dns, 1);
    BOOST_TEST_REQUIRE(
        !api.call("RevokeCertificate", {{"CertificateId", "cert-1"}, {"Reason", revocation_reason_param(reason)}}, "r", {}).error);
    BOOST_TEST((ca.revoked.back() == reason), revocation_reason_param(reason));
  }
  RecordingCa ca;
  ResellerApi api(ca, product_catalogue({""}));
  through_codec(ca, api, online_csr(rsa(2048), std::nullopt), std::nullopt, VerifyType::Dns, 1);
  BOOST_TEST_REQUIRE(!api.call("RevokeCertificate", {{"CertificateId", "cert-1"}}, "r", {}).error);
  BOOST_TEST((ca.revoked.back() == mockca::RevocationReason::Unspecified));
}

BOOST_AUTO_TEST_CASE(challenges_round_trip_for_every_method_and_record) {
  mockca::DomainChallenge txt;
  txt.domain = "example.com";
  txt.method = VerifyType::Dns;
  txt.dns_host = "_dnsauth";
  txt.dns_name = "_dnsauth.example.com";
  txt.value = "0123456789abcdef0123456789abcdef";
  mockca::DomainChallenge cname = txt;
  cname.dns_record = mockca::DnsRecordKind::Cname;
  cname.value = "0123456789abcdef.dcv.casim.test";
  mockca::DomainChallenge automatic = txt;
  automatic.method = VerifyType::DnsAuto;
  automatic.reused = true;
  mockca::DomainChallenge file;
  file.domain = "www.example.com";
  file.method = VerifyType::File;
  file.file_path = "/.well-known/pki-validation/fileauth.txt";
  file.value = "0123456789abcdef0123456789abcdef";
  for (const auto& challenge : {txt, cname, automatic, file}) {
    const json entry = challenge_json(challenge);
    const auto back = challenge_from_json(entry);
    BOOST_TEST_REQUIRE(back.ok(), entry.dump());
    BOOST_TEST(difference(back.value(), challenge) == "", entry.dump());
  }
  BOOST_TEST(challenge_json(cname).at("DvAuthVerifyType") == "CNAME");
  BOOST_TEST(challenge_json(file).at("DvAuthVerifyType") == "FILE");
  BOOST_TEST(challenge_json(automatic).at("VerifyType") == "DNS_AUTO");
  BOOST_TEST(challenge_json(automatic).at("Reused") == true);

  json missing = challenge_json(txt);
  missing.erase("DvAuthValue");
  BOOST_TEST(challenge_from_json(missing).error().findings.front().message == "DvAuthValue is required");
  json contradicting = challenge_json(file);
  contradicting["DvAuthVerifyType"] = "TXT";
  BOOST_TEST(challenge_from_json(contradicting).error().code == "InvalidParameterValue");
}

BOOST_AUTO_TEST_CASE(times_print_in_utc_plus_8) {
  BOOST_TEST(api_time(casim::test::kMonday) == "2026-09-14 09:00:00");
  BOOST_TEST(api_time(sim::parse_instant("2026-12-31T16:30:59Z") + std::chrono::milliseconds{900}) == "2027-01-01 00:30:59");
  BOOST_TEST(api_time(sim::parse_instant("1970-01-01T00:00:00Z")) == "1970-01-01 08:00:00");
}

BOOST_AUTO_TEST_CASE(the_catalogue_numbers_three_levels_per_brand) {
  const auto products = product_catalogue({"", "globalsign"});
  BOOST_TEST_REQUIRE(products.size() == 6u);
  BOOST_TEST(products[0].id == 1);
  BOOST_TEST((products[2].level == mockca::ValidationLevel::EV));
  BOOST_TEST(products[4].id == 5);
  BOOST_TEST(products[4].brand == "globalsign");
  BOOST_TEST((products[4].level == mockca::ValidationLevel::OV));
}

BOOST_AUTO_TEST_SUITE_END()  // test_encoders
