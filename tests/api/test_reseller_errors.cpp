// Every kind of error the codec answers, in the envelope and typed: an unknown action (with a
// did-you-mean), a missing field, a wrong JSON type, a value outside those allowed (listing them),
// an unknown CertificateId, information not (or already) submitted, a missing or reused ref, a
// certificate still pending submission, and the CA's own refusals with their catalogue reasons.
// Unknown and null params are ignored.
#include "api_support.hpp"

BOOST_AUTO_TEST_SUITE(test_reseller_errors)

using namespace casim;
using namespace casim::api;
using namespace casim::api::test;
using mockca::Reason;

namespace {

struct Codec {
  RecordingCa ca;
  ResellerApi api{ca, product_catalogue({""})};

  CallAnswer call(std::string_view action, const json& params, const std::string& ref = "") {
    return api.call(action, params, "req-42", CallContext{ref});
  }
  // A certificate bought for `ref` (ProductId 1, one name), pending submission.
  std::string buy(const std::string& ref) {
    return call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}}, ref).certificate_id;
  }
};

// The answer is the error `code` with `reason` and exactly `message`, in the envelope and typed.
void expect_error(const CallAnswer& answer, const std::string& code, Reason reason, const std::string& message) {
  BOOST_TEST_REQUIRE(answer.error.has_value(), answer.response.dump());
  BOOST_TEST(answer.error->code == code);
  BOOST_TEST(std::string(mockca::info(answer.error->reason()).code) == std::string(mockca::info(reason).code));
  const json& error = body(answer).at("Error");
  BOOST_TEST(error.at("Code") == code);
  BOOST_TEST(error.at("Message") == message);
  BOOST_TEST(error.at("Reasons").at(0) == mockca::info(reason).code);
  BOOST_TEST(body(answer).at("RequestId") == "req-42");
}

json online_info(const std::string& id) {
  mockca::OnlineCsr csr;
  csr.common_name = "example.com";
  json info = info_params(csr, std::nullopt, {}, {});
  info["CertId"] = id;
  return info;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_unknown_action_is_invalid_action_with_a_hint) {
  Codec codec;
  const CallAnswer answer = codec.call("DescribeCertificateDetails", {{"CertificateId", "cert-1"}});
  BOOST_TEST_REQUIRE(answer.error.has_value());
  BOOST_TEST(body(answer).at("Error").at("Code") == "InvalidAction");
  BOOST_TEST(std::string(body(answer).at("Error").at("Message")).starts_with(
      "action 'DescribeCertificateDetails' is not served (did you mean DescribeCertificateDetail?); actions: "));
  BOOST_TEST((answer.error->reason() == Reason::ApiInvalidAction));
  BOOST_TEST(answer.certificate_id.empty());
  BOOST_TEST(ResellerApi::actions().size() == 14u);
  for (const auto action : ResellerApi::actions()) {
    BOOST_TEST(codec.call(action, json::object()).error->code != "InvalidAction", action);
  }
}

BOOST_AUTO_TEST_CASE(a_missing_field_is_named) {
  Codec codec;
  expect_error(codec.call("CertificateInfoSubmit", json::object()), "MissingParameter", Reason::ApiMissingParameter,
               "CertId is required");
  expect_error(codec.call("CreateCertificate", {{"ProductId", 1}, {"TimeSpan", 1}}, "a"), "MissingParameter",
               Reason::ApiMissingParameter, "DomainNum is required");
  const std::string id = codec.buy("a");
  json info = online_info(id);
  info.erase("CertCommonName");
  expect_error(codec.call("CertificateInfoSubmit", info), "MissingParameter", Reason::ApiMissingParameter,
               "CertCommonName is required when GenCsrType is online");
  info = {{"CertId", id}, {"GenCsrType", "parse"}};
  expect_error(codec.call("CertificateInfoSubmit", info), "MissingParameter", Reason::ApiMissingParameter,
               "Csr is required when GenCsrType is parse");
  info = online_info(id);
  info["CompanyType"] = 2;
  expect_error(codec.call("CertificateInfoSubmit", info), "MissingParameter", Reason::ApiMissingParameter,
               "OrgOrganization is required when CompanyType is 2");
  BOOST_TEST_REQUIRE(!codec.call("CertificateInfoSubmit", online_info(id)).error);
  expect_error(codec.call("CertificateOrderSubmit", {{"CertId", id}}), "MissingParameter", Reason::ApiMissingParameter,
               "VerifyType is required here when CertificateInfoSubmit did not give it");
}

BOOST_AUTO_TEST_CASE(a_wrong_json_type_is_invalid_parameter) {
  Codec codec;
  expect_error(codec.call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", "2"}, {"TimeSpan", 1}}, "a"),
               "InvalidParameter", Reason::ApiInvalidParameter, "DomainNum must be an integer, got string");
  expect_error(codec.call("CreateCertificate", {{"ProductId", 1.5}, {"DomainNum", 2}, {"TimeSpan", 1}}, "a"),
               "InvalidParameter", Reason::ApiInvalidParameter, "ProductId must be an integer, got number");
  expect_error(codec.call("CreateCertificate", json::array()), "InvalidParameter", Reason::ApiInvalidParameter,
               "params must be an object, got array");
  json info = online_info(codec.buy("a"));
  info["DnsNames"] = {"www.example.com", 3};
  expect_error(codec.call("CertificateInfoSubmit", info), "InvalidParameter", Reason::ApiInvalidParameter,
               "DnsNames[1] must be a string, got number");
  info["DnsNames"] = "www.example.com";
  expect_error(codec.call("CertificateInfoSubmit", info), "InvalidParameter", Reason::ApiInvalidParameter,
               "DnsNames must be a list of strings, got string");
  expect_error(codec.call("CertificateOrderSubmit", {{"CertId", "cert-1"}, {"DeleteDnsAutoRecord", "yes"}}),
               "InvalidParameter", Reason::ApiInvalidParameter,
               "DeleteDnsAutoRecord must be a boolean (or 0 or 1), got string");
}

BOOST_AUTO_TEST_CASE(a_value_outside_those_allowed_lists_them) {
  Codec codec;
  expect_error(codec.call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 101}, {"TimeSpan", 1}}, "a"),
               "InvalidParameterValue", Reason::ApiInvalidParameterValue, "DomainNum must be 1–100, got '101'");
  expect_error(codec.call("CreateCertificate", {{"ProductId", 9}, {"DomainNum", 1}, {"TimeSpan", 1}}, "a"),
               "InvalidParameterValue", Reason::ApiInvalidParameterValue,
               "ProductId must be one of 1 (DV), 2 (OV), 3 (EV), got '9'");
  const std::string id = codec.buy("a");
  json info = online_info(id);
  info["CsrEncryptAlgo"] = "RSA";
  info["CsrKeyParameter"] = "1024";
  expect_error(codec.call("CertificateInfoSubmit", info), "InvalidParameterValue", Reason::ApiInvalidParameterValue,
               "CsrKeyParameter must be one of 2048, 3072, 4096, got '1024'");
  info = online_info(id);
  info["KeyPass"] = "";
  expect_error(codec.call("CertificateInfoSubmit", info), "InvalidParameterValue", Reason::ApiInvalidParameterValue,
               "KeyPass must be a non-empty password (leave it out for an unencrypted key), got ''");
  info = online_info(id);
  info["OrgBusinessCategory"] = "Charity";
  info["CompanyType"] = 2;
  info["OrgOrganization"] = "Acme";
  expect_error(codec.call("CertificateInfoSubmit", info), "InvalidParameterValue", Reason::ApiInvalidParameterValue,
               "OrgBusinessCategory must be one of Private Organization, Government Entity, Business Entity, "
               "Non-Commercial Entity, got 'Charity'");
  BOOST_TEST_REQUIRE(!codec.call("CertificateInfoSubmit", online_info(id)).error);
  expect_error(codec.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "dns"}}), "InvalidParameterValue",
               Reason::ApiInvalidParameterValue, "VerifyType must be one of DNS, DNS_AUTO, FILE, got 'dns'");
  BOOST_TEST_REQUIRE(!codec.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}}).error);
  expect_error(codec.call("RevokeCertificate", {{"CertificateId", id}, {"Reason", "lost it"}}), "InvalidParameterValue",
               Reason::ApiInvalidParameterValue,
               "Reason must be one of unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, "
               "privilegeWithdrawn, got 'lost it'");
  expect_error(codec.call("ReplaceCertificate", {{"CertificateId", id}, {"CsrType", "Upload"}}), "InvalidParameterValue",
               Reason::ApiInvalidParameterValue, "CsrType must be one of original, online, upload, got 'Upload'");
}

BOOST_AUTO_TEST_CASE(unknown_ids_and_orders_out_of_turn_are_refused) {
  Codec codec;
  expect_error(codec.call("DescribeCertificateDetail", {{"CertificateId", "cert-9"}}), "FailedOperation.CertificateNotFound",
               Reason::ApiCertificateNotFound, "no certificate has CertificateId 'cert-9'");
  const std::string id = codec.buy("a");
  expect_error(codec.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}}),
               "FailedOperation.CertificateStatusNotAllowSubmit", Reason::ApiInformationNotSubmitted,
               "certificate cert-1 has no information: CertificateInfoSubmit comes first");
  expect_error(codec.call("CheckCertificateDomainVerification", {{"CertificateId", id}}),
               "FailedOperation.CertificateStatusNotAllowVerify", Reason::OrderStatusNotAllowVerify,
               "certificate cert-1 is pending submission (Status 5): CertificateOrderSubmit comes first");
  expect_error(codec.call("DownloadCertificate", {{"CertificateId", id}}), "FailedOperation.CertificateStatusNotAllowDownload",
               Reason::OrderStatusNotAllowDownload,
               "certificate cert-1 is pending submission (Status 5): CertificateOrderSubmit comes first");
  BOOST_TEST_REQUIRE(!codec.call("CertificateInfoSubmit", online_info(id)).error);
  BOOST_TEST_REQUIRE(!codec.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}}).error);
  expect_error(codec.call("CertificateInfoSubmit", online_info(id)), "FailedOperation.CertificateStatusNotAllowSubmit",
               Reason::ApiInformationNotSubmitted,
               "certificate cert-1 was submitted to the CA already (order ca-1): ModifyCertificateResubmit corrects its "
               "organization");
  expect_error(codec.call("CertificateOrderSubmit", {{"CertId", id}}), "FailedOperation.CertificateStatusNotAllowSubmit",
               Reason::ApiInformationNotSubmitted, "certificate cert-1 was submitted to the CA already (order ca-1)");
  BOOST_TEST(codec.ca.submitted.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_purchase_needs_a_ref_of_its_own) {
  Codec codec;
  const json purchase{{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}};
  expect_error(codec.call("CreateCertificate", purchase), "MissingParameter", Reason::ApiMissingParameter,
               "ref is required: CreateCertificate binds the certificate to the platform's name for the order");
  BOOST_TEST(!codec.call("CreateCertificate", purchase, "shop").error);
  expect_error(codec.call("CreateCertificate", purchase, "shop"), "InvalidParameterValue", Reason::ApiInvalidParameterValue,
               "ref must name one order only, got 'shop', the ref of certificate cert-1");
}

BOOST_AUTO_TEST_CASE(unknown_and_null_params_are_ignored) {
  Codec codec;
  const CallAnswer bought = codec.call(
      "CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}, {"AutoVoucher", 1}, {"Colour", "blue"}}, "a");
  BOOST_TEST_REQUIRE(!bought.error);
  json info = online_info(bought.certificate_id);
  info["DnsNames"] = nullptr;
  info["KeyPass"] = nullptr;
  BOOST_TEST_REQUIRE(!codec.call("CertificateInfoSubmit", info).error);
  BOOST_TEST_REQUIRE(!codec.call("CertificateOrderSubmit",
                                 {{"CertId", bought.certificate_id}, {"VerifyType", "DNS"}, {"DeleteDnsAutoRecord", 1}})
                          .error);
  const auto& csr = std::get<mockca::OnlineCsr>(codec.ca.submitted.back().csr);
  BOOST_TEST(csr.other_names.empty());
  BOOST_TEST(!csr.key_password.has_value());
}

BOOST_AUTO_TEST_CASE(the_cas_refusals_carry_its_code_message_and_reasons) {
  Bench bench;
  const std::string id = bench.buy("pasted");
  const json info{{"CertId", id}, {"GenCsrType", "parse"}, {"Csr", "not a CSR"}, {"VerifyType", "DNS"}};
  BOOST_TEST_REQUIRE(!bench.call("CertificateInfoSubmit", info).error);
  const CallAnswer refused = bench.call("CertificateOrderSubmit", {{"CertId", id}});
  BOOST_TEST_REQUIRE(refused.error.has_value());
  const json& error = body(refused).at("Error");
  BOOST_TEST(error.at("Code") == refused.error->code);
  BOOST_TEST(error.at("Code") == "FailedOperation.CertificateCsrParseFailed");
  BOOST_TEST(error.at("Message") == refused.error->findings.front().message);
  BOOST_TEST(error.at("Reasons").size() == refused.error->findings.size());
  BOOST_TEST(error.at("Reasons").at(0) == mockca::info(refused.error->reason()).code);
  BOOST_TEST(refused.certificate_id == id);
  BOOST_TEST(body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}})).at("Status") == 5);

  const auto [issued, receipt] = bench.submit_dv("early", {"example.com"});
  const CallAnswer too_early = bench.call("DownloadCertificate", {{"CertificateId", issued}});
  BOOST_TEST_REQUIRE(too_early.error.has_value());
  BOOST_TEST(body(too_early).at("Error").at("Code") == "FailedOperation.CertificateStatusNotAllowDownload");
  BOOST_TEST(body(too_early).at("Error").at("Reasons") == json({"OrderStatusNotAllowDownload"}));
  BOOST_TEST(too_early.order_ref == "early");
}

BOOST_AUTO_TEST_SUITE_END()  // test_reseller_errors
