// Issuance profiles (BR §7.1.2.7): for DV, OV and EV, RSA and ECDSA subscriber keys, ECDSA and RSA
// CA keys — policy OID, subject fields, SAN, key usage, EKU, basicConstraints, SKI/AKI, AIA and CRL
// distribution point, serial, validity capping by date — and what the issuer refuses.
#include <sys/stat.h>

#include <optional>
#include <set>
#include <tuple>

#include <boost/test/unit_test.hpp>

#include <openssl/x509v3.h>

#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/mockca/validity_policy.hpp"
#include "casim/sim/error.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

BOOST_AUTO_TEST_SUITE(test_issuer)

namespace {

namespace fs = std::filesystem;
namespace mockca = casim::mockca;
namespace ossl = casim::mockca::ossl;
using casim::sim::Instant;
using casim::sim::parse_instant;
using casim::test::TempDir;
using mockca::ValidationLevel;

const std::vector<std::string> kNames{"www.example.com", "example.com", "shop.example.com"};

mockca::SubjectFields ov_subject() {
  mockca::SubjectFields subject;
  subject.country = "CN";
  subject.state = "Guangdong";
  subject.locality = "Shenzhen";
  subject.organization = "Example Technology Ltd";
  return subject;
}

mockca::SubjectFields ev_subject() {
  auto subject = ov_subject();
  subject.business_category = "Private Organization";
  subject.jurisdiction_country = "CN";
  subject.jurisdiction_state = "Guangdong";
  subject.serial_number = "91440300MA5G0X0X0X";
  return subject;
}

mockca::IssueRequest request_for(ValidationLevel level, const char* not_before = "2026-05-01T00:00:00Z") {
  mockca::IssueRequest request;
  request.level = level;
  request.names = kNames;
  if (level == ValidationLevel::OV) request.subject = ov_subject();
  if (level == ValidationLevel::EV) request.subject = ev_subject();
  request.not_before = parse_instant(not_before);
  return request;
}

const ossl::Pkey& subscriber_key(bool rsa) {
  static const ossl::Pkey ec = casim::test::make_key(false);
  static const ossl::Pkey rsa_key = casim::test::make_key(true);
  return rsa ? rsa_key : ec;
}

std::vector<mockca::Reason> reasons_of(const mockca::IssueOutcome& outcome) {
  std::vector<mockca::Reason> reasons;
  for (const auto& finding : outcome.findings) reasons.push_back(finding.reason);
  return reasons;
}

std::string text_of(const ASN1_STRING* value) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::string oid_of(const ASN1_OBJECT* object) {
  char text[80];
  OBJ_obj2txt(text, sizeof text, object, 1);
  return text;
}

// (OID, value, ASN.1 string type) of each subject attribute, in order.
std::vector<std::tuple<std::string, std::string, int>> subject_of(X509& cert) {
  std::vector<std::tuple<std::string, std::string, int>> entries;
  const X509_NAME* name = X509_get_subject_name(&cert);
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(entry);
    entries.emplace_back(oid_of(X509_NAME_ENTRY_get_object(entry)), text_of(value), ASN1_STRING_type(value));
  }
  return entries;
}

bool critical(X509& cert, int nid) {
  const int index = X509_get_ext_by_NID(&cert, nid, -1);
  return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(&cert, index)) == 1;
}

std::vector<std::string> uris_of(X509& cert, int nid) {
  std::vector<std::string> uris;
  if (nid == NID_info_access) {
    auto* access = static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(&cert, nid, nullptr, nullptr));
    for (int i = 0; access != nullptr && i < sk_ACCESS_DESCRIPTION_num(access); ++i) {
      const auto* description = sk_ACCESS_DESCRIPTION_value(access, i);
      BOOST_TEST(OBJ_obj2nid(description->method) == NID_ad_ca_issuers);
      uris.push_back(text_of(description->location->d.uniformResourceIdentifier));
    }
    AUTHORITY_INFO_ACCESS_free(access);
  } else {
    auto* points = static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(&cert, nid, nullptr, nullptr));
    for (int i = 0; points != nullptr && i < sk_DIST_POINT_num(points); ++i) {
      const GENERAL_NAMES* names = sk_DIST_POINT_value(points, i)->distpoint->name.fullname;
      for (int k = 0; k < sk_GENERAL_NAME_num(names); ++k) {
        uris.push_back(text_of(sk_GENERAL_NAME_value(names, k)->d.uniformResourceIdentifier));
      }
    }
    CRL_DIST_POINTS_free(points);
  }
  return uris;
}

std::string der_of(X509& cert) {
  unsigned char* bytes = nullptr;
  const int size = i2d_X509(&cert, &bytes);
  std::string der(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  OPENSSL_free(bytes);
  return der;
}

// Every property the BR profile requires of `issued`, for `request` and `key`.
void check_profile(const mockca::IssuedCertificate& issued, const mockca::IssueRequest& request,
                   const EVP_PKEY& key) {
  const auto cert = casim::test::parse_der(issued.der);
  BOOST_REQUIRE(cert);
  X509& x = *cert;
  const mockca::IssuingCa& ca = *issued.issuer;
  const bool rsa_key = EVP_PKEY_get_base_id(&key) == EVP_PKEY_RSA;

  BOOST_TEST(der_of(x) == issued.der);  // canonical DER: re-encoding changes nothing
  BOOST_TEST(X509_get_version(&x) == X509_VERSION_3);
  BOOST_TEST(X509_verify(&x, X509_get0_pubkey(ca.cert.get())) == 1);
  BOOST_TEST(X509_NAME_cmp(X509_get_issuer_name(&x), X509_get_subject_name(ca.cert.get())) == 0);
  BOOST_TEST(EVP_PKEY_eq(X509_get0_pubkey(&x), &key) == 1);

  // Serial: from 128 random bits with the top one cleared: positive, non-zero, over 64 bits.
  const ossl::Bignum serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(&x), nullptr));
  BOOST_TEST(!BN_is_negative(serial.get()));
  BOOST_TEST(BN_num_bits(serial.get()) <= 127);
  BOOST_TEST(BN_num_bits(serial.get()) > 64);
  char* hex = BN_bn2hex(serial.get());
  BOOST_TEST(issued.record.serial == std::string(hex));
  OPENSSL_free(hex);

  // Exactly one policy: the level's reserved OID.
  auto* policies = static_cast<CERTIFICATEPOLICIES*>(X509_get_ext_d2i(&x, NID_certificate_policies, nullptr, nullptr));
  BOOST_REQUIRE(policies != nullptr);
  BOOST_TEST(sk_POLICYINFO_num(policies) == 1);
  BOOST_TEST(oid_of(sk_POLICYINFO_value(policies, 0)->policyid) == std::string(mockca::level_policy_oid(request.level)));
  CERTIFICATEPOLICIES_free(policies);

  // Subject: the level's fields in order, then the CN = the first name.
  using Entry = std::tuple<std::string, std::string, int>;
  std::vector<Entry> expected;
  const auto& s = request.subject;
  if (request.level != ValidationLevel::DV) {
    expected.emplace_back("2.5.4.6", s.country, V_ASN1_PRINTABLESTRING);
    expected.emplace_back("2.5.4.8", s.state, V_ASN1_UTF8STRING);
    expected.emplace_back("2.5.4.7", s.locality, V_ASN1_UTF8STRING);
    expected.emplace_back("2.5.4.10", s.organization, V_ASN1_UTF8STRING);
  }
  if (request.level == ValidationLevel::EV) {
    expected.emplace_back("2.5.4.15", s.business_category, V_ASN1_UTF8STRING);
    expected.emplace_back("1.3.6.1.4.1.311.60.2.1.3", s.jurisdiction_country, V_ASN1_PRINTABLESTRING);
    expected.emplace_back("1.3.6.1.4.1.311.60.2.1.2", s.jurisdiction_state, V_ASN1_UTF8STRING);
    expected.emplace_back("2.5.4.5", s.serial_number, V_ASN1_PRINTABLESTRING);
  }
  expected.emplace_back("2.5.4.3", request.names.front(), V_ASN1_UTF8STRING);
  BOOST_TEST((subject_of(x) == expected));

  // SAN: every name, DNS only, in order; the CN is one of them.
  auto* alt_names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(&x, NID_subject_alt_name, nullptr, nullptr));
  BOOST_REQUIRE(alt_names != nullptr);
  std::vector<std::string> names;
  for (int i = 0; i < sk_GENERAL_NAME_num(alt_names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(alt_names, i);
    BOOST_TEST(name->type == GEN_DNS);
    names.push_back(text_of(name->d.dNSName));
  }
  GENERAL_NAMES_free(alt_names);
  BOOST_TEST(names == request.names);
  BOOST_TEST(!critical(x, NID_subject_alt_name));

  // Key usage by key type, critical; EKU serverAuth (+ clientAuth when asked); not a CA.
  BOOST_TEST(critical(x, NID_key_usage));
  BOOST_TEST(X509_get_key_usage(&x) == (rsa_key ? KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT : KU_DIGITAL_SIGNATURE));
  BOOST_TEST(!critical(x, NID_ext_key_usage));
  BOOST_TEST(X509_get_extended_key_usage(&x) == (request.client_auth ? XKU_SSL_SERVER | XKU_SSL_CLIENT : XKU_SSL_SERVER));
  BOOST_TEST(critical(x, NID_basic_constraints));
  BOOST_TEST(X509_check_ca(&x) == 0);
  BOOST_TEST((X509_get_extension_flags(&x) & EXFLAG_BCONS) != 0u);

  // SKI = SHA-1 of the key bits (RFC 5280 method 1); AKI = the issuing CA's SKI.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  X509_pubkey_digest(&x, EVP_sha1(), digest, &digest_length);
  const ASN1_OCTET_STRING* key_id = X509_get0_subject_key_id(&x);
  BOOST_REQUIRE(key_id != nullptr);
  BOOST_TEST(text_of(key_id) == std::string(reinterpret_cast<const char*>(digest), digest_length));
  const ASN1_OCTET_STRING* authority = X509_get0_authority_key_id(&x);
  BOOST_REQUIRE(authority != nullptr);
  BOOST_TEST(ASN1_OCTET_STRING_cmp(authority, X509_get0_subject_key_id(ca.cert.get())) == 0);
  BOOST_TEST(X509_get0_authority_issuer(&x) == nullptr);
  BOOST_TEST(X509_get0_authority_serial(&x) == nullptr);

  const std::string level_dir(mockca::level_dir_name(request.level));
  BOOST_TEST(uris_of(x, NID_info_access) == std::vector<std::string>{"http://casim.test/casim/" + level_dir + "/ca.crt"});
  BOOST_TEST(uris_of(x, NID_crl_distribution_points) ==
             std::vector<std::string>{"http://casim.test/casim/" + level_dir + "/crl.der"});

  // Validity as recorded.
  BOOST_TEST((casim::test::instant_of(*X509_get0_notBefore(&x)) == request.not_before));
  BOOST_TEST((casim::test::instant_of(*X509_get0_notAfter(&x)) == issued.record.not_after));
  BOOST_TEST((issued.record.not_after == mockca::validity_end(request.not_before, issued.granted_days)));
}

}  // namespace

BOOST_AUTO_TEST_CASE(profiles_for_every_level_subscriber_key_and_ca_key) {
  for (const auto ca_type : {mockca::CaKeyType::Ecdsa, mockca::CaKeyType::Rsa}) {
    mockca::Issuer issuer(casim::test::test_ca(ca_type).hierarchy);
    for (const bool rsa_subscriber : {false, true}) {
      for (const auto level : mockca::kValidationLevels) {
        BOOST_TEST_CONTEXT("CA " << mockca::key_type_name(ca_type) << ", subscriber " << (rsa_subscriber ? "RSA" : "EC")
                                 << ", " << mockca::level_name(level)) {
          auto request = request_for(level);
          if (level != ValidationLevel::EV) request.names.push_back("*.example.com");
          const auto& key = *subscriber_key(rsa_subscriber);
          const auto outcome = issuer.issue(request, mockca::SubscriberKey::from_key(key));
          BOOST_TEST(outcome.findings.empty());
          BOOST_REQUIRE(outcome.certificate);
          BOOST_TEST((outcome.certificate->issuer->level == level));
          BOOST_TEST(outcome.certificate->granted_days == 200);
          BOOST_TEST(!outcome.certificate->capped);
          check_profile(*outcome.certificate, request, key);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(client_auth_is_added_on_request) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  auto request = request_for(ValidationLevel::DV);
  request.client_auth = true;
  const auto outcome = issuer.issue(request, mockca::SubscriberKey::from_key(*subscriber_key(false)));
  BOOST_REQUIRE(outcome.certificate);
  check_profile(*outcome.certificate, request, *subscriber_key(false));
}

BOOST_AUTO_TEST_CASE(validity_is_capped_at_the_br_maximum_for_the_issuance_date) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  const auto key = mockca::SubscriberKey::from_key(*subscriber_key(false));
  struct Case {
    const char* not_before;
    std::optional<int> asked;
    int granted;
    bool capped;
  };
  for (const auto& [not_before, asked, granted, capped] : {
           Case{"2026-03-14T23:59:59Z", 398, 398, false},
           Case{"2026-03-15T00:00:00Z", 398, 200, true},
           Case{"2026-03-15T00:00:00Z", std::nullopt, 200, false},
           Case{"2027-03-14T23:59:59Z", 398, 200, true},
           Case{"2027-03-15T00:00:00Z", 200, 100, true},
           Case{"2027-03-15T00:00:00Z", 90, 90, false},
           Case{"2029-03-15T00:00:00Z", 100, 47, true},
           Case{"2019-06-01T00:00:00Z", 825, 825, false},
       }) {
    BOOST_TEST_CONTEXT(not_before << " asked " << asked.value_or(0)) {
      auto request = request_for(ValidationLevel::DV, not_before);
      request.days = asked;
      const auto outcome = issuer.issue(request, key);
      BOOST_REQUIRE(outcome.certificate);
      BOOST_TEST(outcome.certificate->granted_days == granted);
      BOOST_TEST(outcome.certificate->capped == capped);
      const auto cert = casim::test::parse_der(outcome.certificate->der);
      const Instant start = parse_instant(not_before);
      BOOST_TEST((casim::test::instant_of(*X509_get0_notBefore(cert.get())) == start));
      BOOST_TEST((casim::test::instant_of(*X509_get0_notAfter(cert.get())) ==
                  start + casim::sim::kDay * granted - casim::sim::kSecond));
    }
  }
  auto request = request_for(ValidationLevel::DV);
  request.days = 0;
  BOOST_CHECK_THROW(issuer.issue(request, key), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(ev_wildcards_are_refused) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  auto request = request_for(ValidationLevel::EV);
  request.names.push_back("*.example.com");
  const auto outcome = issuer.issue(request, mockca::SubscriberKey::from_key(*subscriber_key(false)));
  BOOST_TEST(!outcome.certificate);
  BOOST_TEST(reasons_of(outcome) == std::vector<mockca::Reason>{mockca::Reason::IssuanceEvWildcard});
  BOOST_TEST(outcome.findings.front().name == "*.example.com");
}

BOOST_AUTO_TEST_CASE(missing_ov_and_ev_subject_fields_are_findings) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  const auto key = mockca::SubscriberKey::from_key(*subscriber_key(false));
  using R = mockca::Reason;

  auto ov = request_for(ValidationLevel::OV);
  ov.subject = {};
  auto outcome = issuer.issue(ov, key);
  BOOST_TEST(!outcome.certificate);
  BOOST_TEST(reasons_of(outcome) == std::vector<R>(3, R::IssuanceSubjectFieldMissing));

  ov.subject = ov_subject();
  ov.subject.state.clear();
  ov.subject.locality.clear();
  outcome = issuer.issue(ov, key);
  BOOST_TEST(reasons_of(outcome) == std::vector<R>{R::IssuanceSubjectFieldMissing});
  BOOST_TEST(outcome.findings.front().message.find("state (ST) or locality (L)") != std::string::npos);

  ov.subject = ov_subject();
  ov.subject.locality.clear();  // ST alone is enough
  BOOST_TEST(issuer.issue(ov, key).certificate.has_value());

  auto ev = request_for(ValidationLevel::EV);
  ev.subject = ov_subject();  // no businessCategory, jurisdiction country, serial number
  outcome = issuer.issue(ev, key);
  BOOST_TEST(reasons_of(outcome) == std::vector<R>(3, R::IssuanceSubjectFieldMissing));
  ev.subject = {};
  BOOST_TEST(issuer.issue(ev, key).findings.size() == 6u);
}

BOOST_AUTO_TEST_CASE(subject_fields_the_level_forbids_or_the_profile_rejects) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  const auto key = mockca::SubscriberKey::from_key(*subscriber_key(false));
  using R = mockca::Reason;

  auto dv = request_for(ValidationLevel::DV);
  dv.subject.organization = "Example Technology Ltd";
  BOOST_TEST(reasons_of(issuer.issue(dv, key)) == std::vector<R>{R::IssuanceSubjectFieldNotAllowed});

  auto ov = request_for(ValidationLevel::OV);
  ov.subject.serial_number = "123";
  BOOST_TEST(reasons_of(issuer.issue(ov, key)) == std::vector<R>{R::IssuanceSubjectFieldNotAllowed});

  auto ev = request_for(ValidationLevel::EV);
  ev.subject.country = "China";
  ev.subject.business_category = "Startup";
  ev.subject.serial_number = "91#44";
  BOOST_TEST(reasons_of(issuer.issue(ev, key)) == std::vector<R>(3, R::IssuanceSubjectFieldInvalid));
}

BOOST_AUTO_TEST_CASE(other_refusals_unknown_brand_validity_outside_the_ca_unsupported_key) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  const auto key = mockca::SubscriberKey::from_key(*subscriber_key(false));
  using R = mockca::Reason;

  auto request = request_for(ValidationLevel::DV);
  request.brand = "DigiCert";
  BOOST_TEST(reasons_of(issuer.issue(request, key)) == std::vector<R>{R::IssuanceBrandUnknown});

  request = request_for(ValidationLevel::DV, "2014-06-01T00:00:00Z");
  BOOST_TEST(reasons_of(issuer.issue(request, key)) == std::vector<R>{R::IssuanceOutsideCaValidity});

  request = request_for(ValidationLevel::DV);
  request.names.clear();
  BOOST_TEST(reasons_of(issuer.issue(request, key)) == std::vector<R>{R::IssuanceNoNames});

  const ossl::Pkey ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  BOOST_TEST(reasons_of(issuer.issue(request_for(ValidationLevel::DV), mockca::SubscriberKey::from_key(*ed25519))) ==
             std::vector<R>{R::IssuanceKeyUnsupported});
}

BOOST_AUTO_TEST_CASE(serials_are_unique_and_large) {
  mockca::Issuer issuer(casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy);
  const auto key = mockca::SubscriberKey::from_key(*subscriber_key(false));
  std::set<std::string> serials;
  for (int i = 0; i < 500; ++i) {
    const auto outcome = issuer.issue(request_for(ValidationLevel::DV), key);
    BOOST_REQUIRE(outcome.certificate);
    const auto& serial = outcome.certificate->record.serial;
    BOOST_TEST(serial.size() > 16u);  // more than 64 bits
    serials.insert(serial);
  }
  BOOST_TEST(serials.size() == 500u);
}

BOOST_AUTO_TEST_CASE(a_request_key_goes_in_exactly_as_encoded) {
  const auto& key = *subscriber_key(true);
  const ossl::X509Req request(X509_REQ_new());
  X509_REQ_set_pubkey(request.get(), const_cast<EVP_PKEY*>(&key));
  const auto from_request = mockca::SubscriberKey::from_request(*request);
  const auto from_key = mockca::SubscriberKey::from_key(key);
  BOOST_TEST(from_request.spki_der() == from_key.spki_der());
  BOOST_TEST((from_request.kind() == mockca::SubscriberKey::Kind::Rsa));
  BOOST_TEST((mockca::SubscriberKey::from_key(*subscriber_key(false)).kind() == mockca::SubscriberKey::Kind::Ec));

  // A SubjectPublicKeyInfo handed over as DER reads as the same key, its bits where they are.
  for (const bool rsa : {true, false}) {
    const auto encoded = mockca::SubscriberKey::from_key(*subscriber_key(rsa));
    const auto handed = mockca::SubscriberKey::from_spki_der(encoded.spki_der());
    BOOST_TEST(handed.spki_der() == encoded.spki_der());
    BOOST_TEST(handed.key_bits() == encoded.key_bits());
    BOOST_TEST((handed.kind() == encoded.kind()));
  }
  const ossl::Pkey ed25519_key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  const auto ed25519 = mockca::SubscriberKey::from_key(*ed25519_key);
  BOOST_TEST((mockca::SubscriberKey::from_spki_der(ed25519.spki_der()).kind() == mockca::SubscriberKey::Kind::Other));
  const std::string spki = mockca::SubscriberKey::from_key(*subscriber_key(false)).spki_der();
  BOOST_CHECK_THROW(mockca::SubscriberKey::from_spki_der(spki.substr(0, spki.size() - 1)), std::invalid_argument);
  BOOST_CHECK_THROW(mockca::SubscriberKey::from_spki_der(spki + '\0'), std::invalid_argument);
  BOOST_CHECK_THROW(mockca::SubscriberKey::from_spki_der(""), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(write_issued_writes_cert_chain_fullchain_and_an_optional_key) {
  const auto& ca = casim::test::test_ca(mockca::CaKeyType::Ecdsa);
  mockca::Issuer issuer(ca.hierarchy);
  const auto& key = *subscriber_key(false);
  const auto outcome = issuer.issue(request_for(ValidationLevel::DV), mockca::SubscriberKey::from_key(key));
  BOOST_REQUIRE(outcome.certificate);
  TempDir temp;
  const auto out = temp.path() / "issued";
  mockca::write_issued(out, *outcome.certificate, &key);
  const auto cert = casim::test::read_text(out / "cert.pem");
  const auto chain = casim::test::read_text(out / "chain.pem");
  BOOST_TEST(cert == casim::test::der_to_pem(outcome.certificate->der));
  BOOST_TEST(chain == casim::test::read_text(ca.path / "casim" / "dv" / "cert.pem"));
  BOOST_TEST(casim::test::read_text(out / "fullchain.pem") == cert + chain);
  struct stat info {};
  BOOST_REQUIRE(stat((out / "key.pem").c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600u);
  BOOST_TEST(casim::test::read_text(out / "key.pem") == casim::test::key_pem(key));
  // Never over an earlier certificate.
  BOOST_CHECK_THROW(mockca::write_issued(out, *outcome.certificate), casim::InputError);

  const auto no_key = temp.path() / "no-key";
  mockca::write_issued(no_key, *outcome.certificate);
  BOOST_TEST(!fs::exists(no_key / "key.pem"));
}

BOOST_AUTO_TEST_CASE(subject_files_in_yaml_or_json) {
  const auto yaml = mockca::parse_subject_fields(
      "country: CN\nstate: Guangdong\norganization: Example Technology Ltd\nbusiness_category: Private Organization\n"
      "jurisdiction_country: CN\nserial_number: 91440300MA5G0X0X0X\n",
      "subject.yaml");
  BOOST_TEST(yaml.country == "CN");
  BOOST_TEST(yaml.business_category == "Private Organization");
  BOOST_TEST(yaml.locality.empty());
  const auto json = mockca::parse_subject_fields(R"({"country": "DE", "locality": "Berlin", "organization": "Beispiel GmbH"})",
                                                 "subject.json");
  BOOST_TEST(json.locality == "Berlin");
  BOOST_TEST(json.organization == "Beispiel GmbH");
  BOOST_CHECK_THROW(mockca::parse_subject_fields("organisation: typo\n", "subject.yaml"), casim::InputError);
  BOOST_CHECK_THROW(mockca::parse_subject_fields("- a list\n", "subject.yaml"), casim::InputError);
}

BOOST_AUTO_TEST_CASE(cli_issue_checks_the_csr_then_signs_and_records) {
  TempDir temp;
  const auto dir = (temp.path() / "ca").string();
  BOOST_REQUIRE(casim::test::run_casim({"ca", "init", "--dir", dir}).exit_code == 0);
  const auto key = casim::test::make_key(false);
  const auto csr = temp.write("request.csr", casim::test::make_csr_pem(*key, {"www.example.com", "example.com"}));
  const auto subject = temp.write("subject.yaml", "country: CN\nlocality: Shenzhen\norganization: Example Technology Ltd\n");

  const auto ov = casim::test::run_casim({"ca", "issue", "--dir", dir, "--csr", csr.string(), "--type", "OV",
                                          "--subject-file", subject.string(), "--not-before", "2026-03-15T00:00:00Z",
                                          "--days", "398", "--out", (temp.path() / "ov").string()});
  BOOST_TEST(ov.exit_code == 0, ov.out + ov.err);
  BOOST_TEST(ov.out.find("200 days; asked 398, capped") != std::string::npos, ov.out);
  const auto cert = casim::test::parse_pem(casim::test::read_text(temp.path() / "ov" / "cert.pem"));
  BOOST_REQUIRE(cert);
  BOOST_TEST(subject_of(*cert).size() == 4u);
  const auto state = mockca::CaState::load(temp.path() / "ca" / "state.json");
  BOOST_REQUIRE(state.records().size() == 1u);
  const auto& record = state.records().front();
  BOOST_TEST((record.level == ValidationLevel::OV));
  BOOST_TEST(record.names == (std::vector<std::string>{"www.example.com", "example.com"}));
  BOOST_TEST(state.find(record.serial) != nullptr);

  // Refused by the issuer (no subject for OV): exit 1, nothing written, nothing recorded.
  const auto refused = casim::test::run_casim({"ca", "issue", "--dir", dir, "--csr", csr.string(), "--type", "OV",
                                               "--out", (temp.path() / "refused").string()});
  BOOST_TEST(refused.exit_code == 1);
  BOOST_TEST(refused.out.find("IssuanceSubjectFieldMissing") != std::string::npos, refused.out);
  BOOST_TEST(!fs::exists(temp.path() / "refused" / "cert.pem"));

  // Refused by the intake (a 1024-bit RSA key): exit 1 with its findings; garbage: exit 2.
  const ossl::Pkey weak(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024}));
  const auto weak_csr = temp.write("weak.csr", casim::test::make_csr_pem(*weak, {"www.example.com"}));
  const auto rejected = casim::test::run_casim({"ca", "issue", "--dir", dir, "--csr", weak_csr.string(), "--type",
                                                "DV", "--out", (temp.path() / "weak").string()});
  BOOST_TEST(rejected.exit_code == 1, rejected.out + rejected.err);
  BOOST_TEST(rejected.out.find("refused by the intake checks") != std::string::npos);
  const auto garbage = temp.write("garbage.csr", "this is not a CSR\n");
  BOOST_TEST(casim::test::run_casim({"ca", "issue", "--dir", dir, "--csr", garbage.string(), "--type", "DV", "--out",
                                     (temp.path() / "garbage").string()})
                 .exit_code == 2);
  BOOST_TEST(mockca::CaState::load(temp.path() / "ca" / "state.json").records().size() == 1u);

  // An existing output is never overwritten.
  const auto again = casim::test::run_casim({"ca", "issue", "--dir", dir, "--csr", csr.string(), "--type", "DV",
                                             "--out", (temp.path() / "ov").string()});
  BOOST_TEST(again.exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()  // test_issuer
