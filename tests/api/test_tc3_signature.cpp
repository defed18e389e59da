// TC3-HMAC-SHA256: requests signed by the official Node.js SDK (tencentcloud-sdk-nodejs 4.1.313,
// its Sign.sign3, secret id AKIDcasimTEST and key casim-test-secret-key, URL
// http://127.0.0.1:9180/) verify; every way of getting it wrong is refused with its own
// AuthFailure code; and sign_tc3 reproduces the SDK's signatures.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <vector>

#include "casim/api/tc3_signature.hpp"

BOOST_AUTO_TEST_SUITE(test_tc3_signature)

namespace {

using casim::api::SignedHttpRequest;
using casim::api::Tc3Credential;
using casim::mockca::Reason;

const Tc3Credential kCredential{"AKIDcasimTEST", "casim-test-secret-key"};
const std::vector<Tc3Credential> kAccepted{{"AKIDsomeoneElse", "another-key"}, kCredential};

struct Vector {
  std::string body;
  std::int64_t timestamp;
  std::string content_type;
  std::string authorization;
};

// Produced by the SDK's signer; the service is whatever the client derived from its endpoint.
const std::vector<Vector> kSdkVectors{
    {R"({"CertificateId":"cert-0001"})", 1788742800, "application/json",
     "TC3-HMAC-SHA256 Credential=AKIDcasimTEST/2026-09-07/ssl/tc3_request, SignedHeaders=content-type;host, "
     "Signature=83b6c4b2c3f475a3673c824275bfc62fa918f9419d6944e8f8115310f27c83bf"},
    {R"({"ProductId":5,"DomainNum":1,"TimeSpan":1})", 1788829261, "application/json",
     "TC3-HMAC-SHA256 Credential=AKIDcasimTEST/2026-09-08/127/tc3_request, SignedHeaders=content-type;host, "
     "Signature=139a0341b6aa32a4b2f39481f0cbd3759f88a5225aef6dde6a6a0a0c44065ba2"},
    {"{}", 1799999999, "application/json; charset=utf-8",
     "TC3-HMAC-SHA256 Credential=AKIDcasimTEST/2027-01-15/ssl/tc3_request, SignedHeaders=content-type;host, "
     "Signature=2573424948543dcdd7e40584493777e12a350d8f123474f31ffc18a156248532"},
};

SignedHttpRequest request_of(const Vector& vector, const std::string& host = "127.0.0.1:9180") {
  SignedHttpRequest request;
  request.headers = {{"Host", host},
                     {"Content-Type", vector.content_type},
                     {"X-TC-Action", "DescribeCertificateDetail"},
                     {"X-TC-Timestamp", std::to_string(vector.timestamp)},
                     {"Authorization", vector.authorization}};
  request.body = vector.body;
  return request;
}

// The reason a refused request carries; nullopt when it verifies.
std::optional<Reason> refusal(const SignedHttpRequest& request, std::int64_t now) {
  const auto error = casim::api::verify_tc3_signature(request, kAccepted, now);
  if (!error) return std::nullopt;
  return error->reason();
}

void set_header(SignedHttpRequest& request, const std::string& name, const std::string& value) {
  for (auto& [key, old] : request.headers) {
    if (key == name) old = value;
  }
}

BOOST_AUTO_TEST_CASE(requests_the_sdk_signed_verify_with_or_without_the_port_in_host) {
  for (const auto& vector : kSdkVectors) {
    BOOST_TEST_CONTEXT(vector.body) {
      BOOST_TEST(!refusal(request_of(vector), vector.timestamp + 10).has_value());
      BOOST_TEST(!refusal(request_of(vector, "127.0.0.1"), vector.timestamp - 10).has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(sign_tc3_writes_the_sdks_authorization) {
  for (const auto& vector : kSdkVectors) {
    const std::string service = vector.authorization.find("/127/") != std::string::npos ? "127" : "ssl";
    BOOST_TEST(casim::api::sign_tc3(request_of(vector), kCredential, service, vector.timestamp) ==
               vector.authorization);
  }
}

BOOST_AUTO_TEST_CASE(a_changed_body_header_key_or_host_fails_the_signature) {
  const Vector& vector = kSdkVectors.front();
  auto body = request_of(vector);
  body.body = R"({"CertificateId":"cert-0002"})";
  BOOST_TEST((refusal(body, vector.timestamp) == Reason::ApiSignatureMismatch));
  auto content_type = request_of(vector);
  set_header(content_type, "Content-Type", "text/plain");
  BOOST_TEST((refusal(content_type, vector.timestamp) == Reason::ApiSignatureMismatch));
  BOOST_TEST((refusal(request_of(vector, "localhost:9180"), vector.timestamp) == Reason::ApiSignatureMismatch));
  const auto wrong_key = casim::api::verify_tc3_signature(request_of(vector), {{"AKIDcasimTEST", "not-the-key"}},
                                                          vector.timestamp);
  BOOST_TEST_REQUIRE(wrong_key.has_value());
  BOOST_TEST(wrong_key->code == "AuthFailure.SignatureFailure");
}

BOOST_AUTO_TEST_CASE(timestamps_more_than_five_minutes_off_have_expired) {
  const Vector& vector = kSdkVectors.front();
  BOOST_TEST(!refusal(request_of(vector), vector.timestamp + 300).has_value());
  BOOST_TEST(!refusal(request_of(vector), vector.timestamp - 300).has_value());
  const auto late = casim::api::verify_tc3_signature(request_of(vector), kAccepted, vector.timestamp + 301);
  BOOST_TEST_REQUIRE(late.has_value());
  BOOST_TEST(late->code == "AuthFailure.SignatureExpire");
  BOOST_TEST((refusal(request_of(vector), vector.timestamp - 301) == Reason::ApiSignatureExpired));
}

BOOST_AUTO_TEST_CASE(an_unknown_secret_id_is_not_found) {
  const Vector& vector = kSdkVectors.front();
  const auto error = casim::api::verify_tc3_signature(request_of(vector), {{"AKIDother", "k"}}, vector.timestamp);
  BOOST_TEST_REQUIRE(error.has_value());
  BOOST_TEST(error->code == "AuthFailure.SecretIdNotFound");
  BOOST_TEST(error->findings.front().message.find("AKIDcasimTEST") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_or_malformed_authorization_names_what_is_wrong) {
  const Vector& vector = kSdkVectors.front();
  const auto refused_with = [&](const std::string& authorization) {
    auto request = request_of(vector);
    set_header(request, "Authorization", authorization);
    return casim::api::verify_tc3_signature(request, kAccepted, vector.timestamp);
  };
  for (const std::string bad : {"", "Basic abc", "TC3-HMAC-SHA256", "TC3-HMAC-SHA256 Credential=AKIDcasimTEST",
                                "TC3-HMAC-SHA256 Credential=AKIDcasimTEST/2026-09-07/ssl/tc3_request, "
                                "SignedHeaders=content-type;host, Signature=abc"}) {
    BOOST_TEST_CONTEXT("'" << bad << "'") {
      const auto error = refused_with(bad);
      BOOST_TEST_REQUIRE(error.has_value());
      BOOST_TEST(error->code == "AuthFailure.InvalidAuthorization");
    }
  }
  // A credential date that is not the timestamp's UTC day.
  std::string other_day = vector.authorization;
  other_day.replace(other_day.find("2026-09-07"), 10, "2026-09-06");
  const auto day = refused_with(other_day);
  BOOST_TEST_REQUIRE(day.has_value());
  BOOST_TEST(day->findings.front().message.find("2026-09-07") != std::string::npos);

  auto unsigned_request = request_of(vector);
  unsigned_request.headers.pop_back();
  BOOST_TEST((refusal(unsigned_request, vector.timestamp) == Reason::ApiAuthorizationInvalid));
  auto no_timestamp = request_of(vector);
  set_header(no_timestamp, "X-TC-Timestamp", "soon");
  BOOST_TEST((refusal(no_timestamp, vector.timestamp) == Reason::ApiAuthorizationInvalid));
  auto extra_signed = request_of(vector);
  std::string with_action = vector.authorization;
  with_action.replace(with_action.find("content-type;host"), 17, "content-type;host;x-tc-region");
  set_header(extra_signed, "Authorization", with_action);
  const auto absent = casim::api::verify_tc3_signature(extra_signed, kAccepted, vector.timestamp);
  BOOST_TEST_REQUIRE(absent.has_value());
  BOOST_TEST(absent->findings.front().message.find("x-tc-region") != std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_SUITE_END()  // test_tc3_signature
