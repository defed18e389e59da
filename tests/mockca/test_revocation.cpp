// Revocation and CRLs: revoking records serials with reasons, a CRL per issuer lists them with
// reason codes and dates, carries a CRL number and a next update, is signed by the issuer, and
// `openssl crl -verify` accepts it; the command line's exit codes.
#include <boost/test/unit_test.hpp>

#include <openssl/x509v3.h>

#include "casim/mockca/issuer.hpp"
#include "casim/mockca/revocation.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

BOOST_AUTO_TEST_SUITE(test_revocation)

namespace {

namespace fs = std::filesystem;
namespace mockca = casim::mockca;
namespace ossl = casim::mockca::ossl;
using casim::sim::Instant;
using casim::sim::parse_instant;
using casim::test::TempDir;

// A fresh ECDSA hierarchy with `count` DV certificates issued and recorded.
struct Fixture {
  TempDir temp;
  fs::path dir = temp.path() / "ca";
  mockca::Hierarchy hierarchy = (mockca::init_hierarchy(dir, {}), mockca::Hierarchy::load(dir));
  mockca::CaState state;
  std::vector<std::string> serials;

  explicit Fixture(int count) {
    mockca::Issuer issuer(hierarchy);
    const auto key = casim::test::make_key(false);
    mockca::IssueRequest request;
    request.names = {"www.example.com"};
    request.not_before = parse_instant("2026-05-01T00:00:00Z");
    for (int i = 0; i < count; ++i) {
      auto outcome = issuer.issue(request, mockca::SubscriberKey::from_key(*key));
      serials.push_back(outcome.certificate->record.serial);
      state.add(outcome.certificate->record);
    }
  }
};

ossl::X509Crl parse_crl(const std::string& der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  return ossl::X509Crl(d2i_X509_CRL(nullptr, &bytes, static_cast<long>(der.size())));
}

std::string serial_of(const X509_REVOKED& entry) {
  const ossl::Bignum number(ASN1_INTEGER_to_BN(X509_REVOKED_get0_serialNumber(&entry), nullptr));
  char* hex = BN_bn2hex(number.get());
  std::string text(hex);
  OPENSSL_free(hex);
  return text;
}

// The reasonCode of a CRL entry, or -1 when it has none.
long reason_code(const X509_REVOKED& entry) {
  auto* code = static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(&entry, NID_crl_reason, nullptr, nullptr));
  if (code == nullptr) return -1;
  const long value = ASN1_ENUMERATED_get(code);
  ASN1_ENUMERATED_free(code);
  return value;
}

const mockca::SignedCrl& crl_labelled(const std::vector<mockca::SignedCrl>& crls, const std::string& label) {
  for (const auto& crl : crls) {
    if (crl.label == label) return crl;
  }
  throw std::runtime_error("no CRL " + label);
}

}  // namespace

BOOST_AUTO_TEST_CASE(revoke_records_the_reason_and_refuses_unknown_or_repeated_serials) {
  Fixture fixture(2);
  auto& state = fixture.state;
  const Instant at = parse_instant("2026-06-01T10:00:00Z");
  BOOST_TEST(!mockca::revoke(state, fixture.serials[0], mockca::RevocationReason::KeyCompromise, at));
  const auto* record = state.find(fixture.serials[0]);
  BOOST_REQUIRE(record->revocation);
  BOOST_TEST((record->revocation->reason == mockca::RevocationReason::KeyCompromise));
  BOOST_TEST((record->revocation->at == at));

  const auto again = mockca::revoke(state, fixture.serials[0], mockca::RevocationReason::Superseded, at);
  BOOST_REQUIRE(again);
  BOOST_TEST((again->reason == mockca::Reason::RevocationAlreadyRevoked));
  BOOST_TEST((state.find(fixture.serials[0])->revocation->reason == mockca::RevocationReason::KeyCompromise));

  const auto unknown = mockca::revoke(state, "0102AB", mockca::RevocationReason::Superseded, at);
  BOOST_REQUIRE(unknown);
  BOOST_TEST((unknown->reason == mockca::Reason::RevocationSerialUnknown));

  // Serials are found in the forms people paste them in.
  std::string colons;
  for (std::size_t i = 0; i < fixture.serials[1].size(); i += 2) {
    if (i != 0) colons += ':';
    colons += fixture.serials[1].substr(i, 2);
  }
  for (auto& c : colons) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  BOOST_TEST(state.find(colons) == state.find(fixture.serials[1]));
  BOOST_TEST(state.find(std::string("0x").append(fixture.serials[1])) != nullptr);
}

BOOST_AUTO_TEST_CASE(state_survives_a_save_and_load) {
  Fixture fixture(2);
  mockca::revoke(fixture.state, fixture.serials[1], mockca::RevocationReason::CessationOfOperation,
                 parse_instant("2026-06-01T00:00:00Z"));
  fixture.state.next_crl_number("casim/dv");
  const auto file = fixture.temp.path() / "state.json";
  fixture.state.save(file);
  auto loaded = mockca::CaState::load(file);
  BOOST_TEST(loaded.records().size() == 2u);
  BOOST_TEST(!loaded.find(fixture.serials[0])->revocation);
  BOOST_TEST((loaded.find(fixture.serials[1])->revocation->reason == mockca::RevocationReason::CessationOfOperation));
  BOOST_TEST(loaded.find(fixture.serials[1])->names == std::vector<std::string>{"www.example.com"});
  BOOST_TEST(loaded.next_crl_number("casim/dv") == 2u);
}

BOOST_AUTO_TEST_CASE(crl_lists_revoked_serials_with_reasons_and_is_signed_by_the_issuer) {
  Fixture fixture(4);
  auto& state = fixture.state;
  mockca::revoke(state, fixture.serials[0], mockca::RevocationReason::KeyCompromise, parse_instant("2026-06-01T10:00:00Z"));
  mockca::revoke(state, fixture.serials[1], mockca::RevocationReason::Unspecified, parse_instant("2026-06-02T10:00:00Z"));
  mockca::revoke(state, fixture.serials[2], mockca::RevocationReason::Superseded, parse_instant("2026-07-01T00:00:00Z"));

  const Instant this_update = parse_instant("2026-06-10T00:00:00Z");
  const auto crls = mockca::make_crls(fixture.hierarchy, state, this_update, casim::sim::kDay * 7);
  BOOST_TEST(crls.size() == 4u);  // casim/dv, casim/ov, casim/ev, root
  const auto& dv = crl_labelled(crls, "casim/dv");
  BOOST_TEST(dv.entries == 2u);  // the third revocation comes after thisUpdate
  BOOST_TEST(dv.number == 1u);

  const auto crl = parse_crl(dv.der);
  BOOST_REQUIRE(crl);
  const auto* issuing = fixture.hierarchy.find("", mockca::ValidationLevel::DV);
  BOOST_TEST(X509_CRL_verify(crl.get(), issuing->key.get()) == 1);
  BOOST_TEST(X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuing->cert.get())) == 0);
  BOOST_TEST(X509_CRL_get_version(crl.get()) == X509_CRL_VERSION_2);
  BOOST_TEST((casim::test::instant_of(*X509_CRL_get0_lastUpdate(crl.get())) == this_update));
  BOOST_TEST((casim::test::instant_of(*X509_CRL_get0_nextUpdate(crl.get())) == this_update + casim::sim::kDay * 7));

  auto* number = static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl.get(), NID_crl_number, nullptr, nullptr));
  BOOST_REQUIRE(number != nullptr);
  BOOST_TEST(ASN1_INTEGER_get(number) == 1);
  ASN1_INTEGER_free(number);

  std::map<std::string, std::pair<long, Instant>> listed;
  const STACK_OF(X509_REVOKED)* entries = X509_CRL_get_REVOKED(crl.get());
  for (int i = 0; i < sk_X509_REVOKED_num(entries); ++i) {
    const X509_REVOKED* entry = sk_X509_REVOKED_value(entries, i);
    listed[serial_of(*entry)] = {reason_code(*entry), casim::test::instant_of(*X509_REVOKED_get0_revocationDate(entry))};
  }
  BOOST_TEST(listed.size() == 2u);
  BOOST_TEST(listed.at(fixture.serials[0]).first == 1);   // keyCompromise
  BOOST_TEST(listed.at(fixture.serials[1]).first == -1);  // unspecified: no reasonCode (BR §7.2.2)
  BOOST_TEST((listed.at(fixture.serials[0]).second == parse_instant("2026-06-01T10:00:00Z")));
  BOOST_TEST(listed.count(fixture.serials[3]) == 0u);

  // The next CRL gets the next number and now lists the later revocation too.
  const auto later = mockca::make_crls(fixture.hierarchy, state, parse_instant("2026-07-02T00:00:00Z"), casim::sim::kDay);
  BOOST_TEST(crl_labelled(later, "casim/dv").number == 2u);
  BOOST_TEST(crl_labelled(later, "casim/dv").entries == 3u);
  BOOST_TEST(crl_labelled(later, "casim/ov").entries == 0u);
  BOOST_CHECK_THROW(mockca::make_crls(fixture.hierarchy, state, this_update, casim::sim::Duration::zero()),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(openssl_crl_verify_accepts_the_written_crl) {
  const auto openssl = casim::test::find_program("openssl");
  if (openssl.empty()) {
    BOOST_TEST_MESSAGE("SKIPPED: no openssl command on PATH");
    return;
  }
  Fixture fixture(1);
  mockca::revoke(fixture.state, fixture.serials[0], mockca::RevocationReason::AffiliationChanged,
                 parse_instant("2026-06-01T00:00:00Z"));
  for (const auto& crl : mockca::make_crls(fixture.hierarchy, fixture.state, parse_instant("2026-06-02T00:00:00Z"),
                                           casim::sim::kDay * 7)) {
    mockca::write_crl(crl);
  }
  const auto dv = fixture.dir / "casim" / "dv";
  const auto verified = casim::test::run_command({openssl, "crl", "-in", (dv / "crl.pem").string(), "-CAfile",
                                                  (dv / "cert.pem").string(), "-noout", "-verify"});
  BOOST_TEST(verified.exit_code == 0, verified.err);
  BOOST_TEST(verified.err.find("verify OK") != std::string::npos, verified.err);
  const auto text = casim::test::run_command({openssl, "crl", "-in", (dv / "crl.der").string(), "-inform", "DER",
                                              "-noout", "-text"});
  BOOST_TEST(text.out.find("Serial Number: " + fixture.serials[0]) != std::string::npos, text.out);
  BOOST_TEST(text.out.find("Affiliation Changed") != std::string::npos);
  const auto root = casim::test::run_command({openssl, "crl", "-in", (fixture.dir / "root" / "crl.pem").string(),
                                              "-CAfile", (fixture.dir / "root" / "cert.pem").string(), "-noout",
                                              "-verify"});
  BOOST_TEST(root.exit_code == 0, root.err);

  // Negative control: another issuer's certificate does not verify it.
  const auto wrong = casim::test::run_command({openssl, "crl", "-in", (dv / "crl.pem").string(), "-CAfile",
                                               (fixture.dir / "casim" / "ov" / "cert.pem").string(), "-noout",
                                               "-verify"});
  BOOST_TEST(wrong.exit_code != 0);
}

BOOST_AUTO_TEST_CASE(cli_revoke_and_crl) {
  TempDir temp;
  const auto dir = temp.path() / "ca";
  BOOST_REQUIRE(casim::test::run_casim({"ca", "init", "--dir", dir.string()}).exit_code == 0);
  const auto key = casim::test::make_key(false);
  const auto csr = temp.write("request.csr", casim::test::make_csr_pem(*key, {"www.example.com"}));
  const auto out = temp.path() / "issued";
  BOOST_REQUIRE(casim::test::run_casim({"ca", "issue", "--dir", dir.string(), "--csr", csr.string(), "--type", "DV",
                                        "--not-before", "2026-05-01", "--out", out.string()})
                    .exit_code == 0);
  const auto serial = mockca::CaState::load(dir / "state.json").records().front().serial;

  const auto revoked = casim::test::run_casim({"ca", "revoke", "--dir", dir.string(), "--serial", serial, "--reason",
                                               "keyCompromise", "--at", "2026-05-02T00:00:00Z"});
  BOOST_TEST(revoked.exit_code == 0, revoked.err);
  BOOST_TEST(revoked.out.find("Revoked serial " + serial) != std::string::npos, revoked.out);
  const auto again = casim::test::run_casim({"ca", "revoke", "--dir", dir.string(), "--serial", serial, "--reason",
                                             "superseded"});
  BOOST_TEST(again.exit_code == 1);
  BOOST_TEST(again.err.find("RevocationAlreadyRevoked") != std::string::npos, again.err);
  const auto unknown = casim::test::run_casim({"ca", "revoke", "--dir", dir.string(), "--serial", "0BADC0DE",
                                               "--reason", "superseded"});
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(unknown.err.find("RevocationSerialUnknown") != std::string::npos, unknown.err);
  const auto hold = casim::test::run_casim({"ca", "revoke", "--dir", dir.string(), "--serial", serial, "--reason",
                                            "certificateHold"});
  BOOST_TEST(hold.exit_code == 2);

  const auto crl = casim::test::run_casim({"ca", "crl", "--dir", dir.string(), "--at", "2026-05-03T00:00:00Z",
                                           "--next-update", "3d"});
  BOOST_TEST(crl.exit_code == 0, crl.err);
  BOOST_TEST(fs::exists(dir / "casim" / "dv" / "crl.der"));
  const auto written = parse_crl(casim::test::read_text(dir / "casim" / "dv" / "crl.der"));
  BOOST_REQUIRE(written);
  BOOST_TEST(sk_X509_REVOKED_num(X509_CRL_get_REVOKED(written.get())) == 1);
  BOOST_TEST((casim::test::instant_of(*X509_CRL_get0_nextUpdate(written.get())) == parse_instant("2026-05-06T00:00:00Z")));
  BOOST_TEST(casim::test::run_casim({"ca", "crl", "--dir", dir.string(), "--next-update", "11d"}).exit_code == 2);
  BOOST_TEST((mockca::CaState::load(dir / "state.json").find(serial)->revocation->reason ==
              mockca::RevocationReason::KeyCompromise));
}

BOOST_AUTO_TEST_SUITE_END()  // test_revocation
