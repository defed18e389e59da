// Chain checks of uploaded certificate files: each finding (parse errors, a pasted private key,
// order, a missing intermediate, an unrelated certificate, a bad signature, validity, the key,
// trust) on files built from issued certificates, and the command's exit codes and JSON.
#include <algorithm>

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "casim/mockca/chain_check.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/sim/error.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

BOOST_AUTO_TEST_SUITE(test_chain_check)

namespace {

namespace fs = std::filesystem;
namespace mockca = casim::mockca;
namespace ossl = casim::mockca::ossl;
using casim::sim::parse_instant;
using casim::test::TempDir;
using R = mockca::Reason;

// One issued certificate with its key, from the shared ECDSA hierarchy, and a second, unrelated
// hierarchy whose CA names are the same (so only signatures tell them apart).
struct Pki {
  ossl::Pkey key = casim::test::make_key(false);
  std::string leaf;          // PEM
  std::string leaf_der;
  std::string intermediate;  // PEM
  std::string root;          // PEM
  std::vector<ossl::X509Ptr> roots;
  TempDir other_dir;
  std::string other_dv;      // PEM of the other hierarchy's DV intermediate
  std::string other_ov;
  std::vector<ossl::X509Ptr> other_roots;

  Pki() {
    const auto& ca = casim::test::test_ca(mockca::CaKeyType::Ecdsa);
    mockca::Issuer issuer(ca.hierarchy);
    mockca::IssueRequest request;
    request.names = {"www.example.com", "example.com"};
    request.not_before = parse_instant("2026-05-01T00:00:00Z");  // valid to 2026-11-16T23:59:59Z
    const auto outcome = issuer.issue(request, mockca::SubscriberKey::from_key(*key));
    leaf_der = outcome.certificate->der;
    leaf = casim::test::der_to_pem(leaf_der);
    intermediate = outcome.certificate->issuer->cert_pem;
    root = ca.hierarchy.root_pem();
    roots = mockca::load_roots(ca.path / "root" / "cert.pem");
    mockca::init_hierarchy(other_dir.path() / "ca", {});
    other_dv = casim::test::read_text(other_dir.path() / "ca" / "casim" / "dv" / "cert.pem");
    other_ov = casim::test::read_text(other_dir.path() / "ca" / "casim" / "ov" / "cert.pem");
    other_roots = mockca::load_roots(other_dir.path() / "ca" / "root");
  }
};

const Pki& pki() {
  static const Pki instance;
  return instance;
}

mockca::ChainReport check(const std::string& content, const std::vector<ossl::X509Ptr>* roots = nullptr,
                          std::optional<std::string> key = std::nullopt, const char* at = "2026-06-01T00:00:00Z") {
  mockca::ChainCheckOptions options;
  options.at = parse_instant(at);
  options.roots = roots;
  options.private_key = std::move(key);
  return mockca::check_chain(content, options);
}

std::vector<R> reasons(const mockca::ChainReport& report) {
  std::vector<R> out;
  for (const auto& finding : report.findings) out.push_back(finding.reason);
  return out;
}

std::string messages(const mockca::ChainReport& report) {
  std::string out;
  for (const auto& finding : report.findings) out += finding.message + "\n";
  return out;
}

// `count` CA certificates valid through 2026, each issued by the one before it (the first
// self-signed), all with one key (signing is cheap, key generation is not), in PEM, root first:
// the reverse of the order an upload wants.
std::string reversed_ca_chain(std::size_t count) {
  const ossl::Pkey key = casim::test::make_key(false);
  const ossl::Bio pem(BIO_new(BIO_s_mem()));
  ossl::X509Ptr previous;
  for (std::size_t i = 0; i < count; ++i) {
    ossl::X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(i + 1));
    const std::string common_name = "Chain CA " + std::to_string(i);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(previous ? previous.get() : cert.get()));
    ASN1_TIME_set_string(X509_getm_notBefore(cert.get()), "20260101000000Z");
    ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "20270101000000Z");
    X509_set_pubkey(cert.get(), key.get());
    X509_EXTENSION* ca = X509V3_EXT_conf_nid(nullptr, nullptr, NID_basic_constraints, "critical,CA:TRUE");
    X509_add_ext(cert.get(), ca, -1);
    X509_EXTENSION_free(ca);
    BOOST_TEST_REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
    PEM_write_bio_X509(pem.get(), cert.get());
    previous = std::move(cert);
  }
  return casim::test::memory_text(pem.get());
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_good_chain_with_its_key_reaches_the_root) {
  const auto& p = pki();
  const auto report = check(p.leaf + p.intermediate, &p.roots, casim::test::key_pem(*p.key));
  BOOST_TEST(report.findings.empty(), messages(report));
  BOOST_TEST(report.certificates.size() == 2u);
  BOOST_TEST((report.path == std::vector<std::size_t>{0, 1}));
  BOOST_REQUIRE(report.root);
  BOOST_TEST(report.root->find("casim Test Root") != std::string::npos);
  BOOST_TEST(report.key_matches);
  BOOST_TEST(report.certificates[0].subject == "CN=www.example.com");
  const auto leaf_lines = static_cast<std::size_t>(std::count(p.leaf.begin(), p.leaf.end(), '\n'));
  BOOST_TEST(report.certificates[1].line == leaf_lines + 1);

  // The root may come along at the end; with no --roots trust is simply not checked.
  BOOST_TEST(check(p.leaf + p.intermediate + p.root, &p.roots).findings.empty());
  BOOST_TEST(check(p.leaf + p.intermediate).findings.empty());
}

BOOST_AUTO_TEST_CASE(certificates_out_of_order) {
  const auto& p = pki();
  const auto report = check(p.intermediate + p.leaf, &p.roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainOutOfOrder}, messages(report));
  BOOST_TEST((report.path == std::vector<std::size_t>{1, 0}));
  BOOST_TEST(mockca::info(R::ChainOutOfOrder).reseller_code == "FailedOperation.CertificateChainError");
}

BOOST_AUTO_TEST_CASE(a_missing_intermediate) {
  const auto& p = pki();
  auto report = check(p.leaf, &p.roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainIntermediateMissing}, messages(report));
  BOOST_TEST(report.findings.front().message.find("http://casim.test/casim/dv/ca.crt") != std::string::npos);
  report = check(p.leaf_der);  // DER, no roots
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainIntermediateMissing}, messages(report));
  BOOST_TEST(report.certificates.size() == 1u);
}

BOOST_AUTO_TEST_CASE(parse_failures_garbage_not_pem_truncated_base64_truncated_file) {
  const auto& p = pki();
  auto report = check(p.leaf + "Here is the intermediate:\n" + p.intermediate, &p.roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainUnparsable}, messages(report));
  const auto leaf_lines = std::count(p.leaf.begin(), p.leaf.end(), '\n');
  BOOST_TEST(report.findings.front().message.find("line " + std::to_string(leaf_lines + 1) + ":") != std::string::npos,
             messages(report));
  BOOST_TEST(report.certificates.size() == 2u);

  report = check("this is not a certificate\n");
  BOOST_TEST(report.unreadable());
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainUnparsable});
  BOOST_TEST(check("").unreadable());

  std::string damaged = p.leaf;
  damaged.erase(damaged.find('\n') + 10, 7);  // seven base64 characters lost from the second line
  report = check(damaged + p.intermediate, &p.roots);
  BOOST_TEST(report.certificates.size() == 1u);
  BOOST_TEST((reasons(report).front() == R::ChainUnparsable), messages(report));
  BOOST_TEST(report.findings.front().message.find("base64") != std::string::npos, messages(report));

  const std::string full = p.leaf + p.intermediate;
  report = check(full.substr(0, full.size() - 200), &p.roots);
  BOOST_TEST((reasons(report).front() == R::ChainUnparsable), messages(report));
  BOOST_TEST(messages(report).find("no END line") != std::string::npos, messages(report));
  BOOST_TEST(mockca::info(R::ChainUnparsable).reseller_code == "FailedOperation.CertificateParseError");
}

BOOST_AUTO_TEST_CASE(a_private_key_pasted_instead_of_a_certificate) {
  const auto& p = pki();
  const auto key = casim::test::key_pem(*p.key);
  auto report = check(key);
  BOOST_TEST(report.unreadable());
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainPrivateKeyInFile});
  report = check(p.leaf + p.intermediate + key, &p.roots);
  BOOST_TEST(!report.unreadable());
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainPrivateKeyInFile}, messages(report));
}

BOOST_AUTO_TEST_CASE(expired_and_not_yet_valid) {
  const auto& p = pki();
  auto report = check(p.leaf + p.intermediate, &p.roots, std::nullopt, "2026-11-17T00:00:00Z");
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainCertificateExpired}, messages(report));
  BOOST_TEST(check(p.leaf + p.intermediate, &p.roots, std::nullopt, "2026-11-16T23:59:59Z").findings.empty());
  report = check(p.leaf + p.intermediate, &p.roots, std::nullopt, "2026-04-30T23:59:59Z");
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainCertificateNotYetValid}, messages(report));
}

BOOST_AUTO_TEST_CASE(a_key_that_does_not_match_or_cannot_be_read) {
  const auto& p = pki();
  const auto other = casim::test::make_key(false);
  auto report = check(p.leaf + p.intermediate, &p.roots, casim::test::key_pem(*other));
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainKeyMismatch}, messages(report));
  BOOST_TEST(!report.key_matches);
  BOOST_TEST(mockca::info(R::ChainKeyMismatch).reseller_code == "FailedOperation.CertificateMismatch");
  report = check(p.leaf + p.intermediate, &p.roots, std::string("not a key"));
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainKeyUnparsable});
  report = check(p.leaf + p.intermediate, &p.roots, p.leaf);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainKeyUnparsable});
  BOOST_TEST(report.findings.front().message.find("certificate, not a private key") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_chain_that_does_not_reach_a_trusted_root) {
  const auto& p = pki();
  auto report = check(p.leaf + p.intermediate, &p.other_roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainUntrustedRoot}, messages(report));
  BOOST_TEST(!report.root);
  report = check(p.leaf + p.intermediate + p.root, &p.other_roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainUntrustedRoot}, messages(report));
}

BOOST_AUTO_TEST_CASE(an_unrelated_certificate_and_a_signature_that_does_not_verify) {
  const auto& p = pki();
  auto report = check(p.leaf + p.intermediate + p.other_ov, &p.roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainUnrelatedCertificate}, messages(report));
  // The other hierarchy's DV intermediate has the same name as the real issuer, another key.
  report = check(p.leaf + p.other_dv, &p.roots);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainSignatureInvalid}, messages(report));
  BOOST_TEST(report.findings.front().message.find("another key under the same name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(load_roots_from_a_file_or_a_directory) {
  const auto& ca = casim::test::test_ca(mockca::CaKeyType::Ecdsa);
  BOOST_TEST(mockca::load_roots(ca.path / "root").size() == 1u);
  TempDir temp;
  BOOST_CHECK_THROW(mockca::load_roots(temp.path()), casim::InputError);
  BOOST_CHECK_THROW(mockca::load_roots(temp.path() / "missing.pem"), casim::InputError);
}

BOOST_AUTO_TEST_CASE(cli_exit_codes_and_json) {
  const auto& p = pki();
  const auto& ca = casim::test::test_ca(mockca::CaKeyType::Ecdsa);
  TempDir temp;
  const auto good = temp.write("fullchain.pem", p.leaf + p.intermediate);
  const auto reversed = temp.write("reversed.pem", p.intermediate + p.leaf);
  const auto key = temp.write("key.pem", casim::test::key_pem(*p.key));
  const auto garbage = temp.write("garbage.pem", "hello\n");
  const std::string roots = (ca.path / "root").string();

  auto result = casim::test::run_casim({"chain", "check", good.string(), "--roots", roots, "--key", key.string(),
                                        "--at", "2026-06-01"});
  BOOST_TEST(result.exit_code == 0, result.out + result.err);
  BOOST_TEST(result.out.find("OK: no problems found") != std::string::npos, result.out);
  BOOST_TEST(result.out.find("key:   matches") != std::string::npos, result.out);

  result = casim::test::run_casim({"chain", "check", reversed.string(), "--roots", roots, "--at", "2026-06-01", "--json"});
  BOOST_TEST(result.exit_code == 1, result.out + result.err);
  const auto json = nlohmann::json::parse(result.out);
  BOOST_TEST(json["ok"] == false);
  BOOST_TEST(json["findings"][0]["code"] == "ChainOutOfOrder");
  BOOST_TEST(json["findings"][0]["reseller_code"] == "FailedOperation.CertificateChainError");
  BOOST_TEST(json["certificates"].size() == 2u);

  BOOST_TEST(casim::test::run_casim({"chain", "check", garbage.string()}).exit_code == 2);
  BOOST_TEST(casim::test::run_casim({"chain", "check", key.string()}).exit_code == 2);
  BOOST_TEST(casim::test::run_casim({"chain", "check", (temp.path() / "missing.pem").string()}).exit_code == 2);
  // At the wall clock's now the 2026 certificate may or may not have expired; --at pins it.
  result = casim::test::run_casim({"chain", "check", good.string(), "--at", "2030-01-01"});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(result.out.find("ChainCertificateExpired") != std::string::npos, result.out);
}

// The chain is ordered by comparing certificates pairwise (a reversed chain of 12,000 CA
// certificates took 61 s): up to kMaxChainCertificates a file is checked in full, above it the
// count is the one finding, so the checking time has a bound whatever the file holds.
BOOST_AUTO_TEST_CASE(a_file_of_more_certificates_than_a_chain_has_is_one_finding) {
  const auto at_bound = check(reversed_ca_chain(mockca::kMaxChainCertificates));
  BOOST_TEST(reasons(at_bound) == std::vector<R>{R::ChainOutOfOrder}, messages(at_bound));
  BOOST_TEST(at_bound.path.size() == mockca::kMaxChainCertificates);

  const std::string bundle = reversed_ca_chain(1000);
  const auto report = check(bundle, nullptr, bundle);
  BOOST_TEST(reasons(report) == std::vector<R>{R::ChainTooLong}, messages(report));
  BOOST_TEST(messages(report).find("the file holds 1000 certificates, more than the 32 a chain is checked with") !=
                 std::string::npos,
             messages(report));
  BOOST_TEST(report.certificates.size() == 1000u);
  BOOST_TEST(report.path.empty());
  BOOST_TEST(mockca::info(R::ChainTooLong).reseller_code == "FailedOperation.CertificateChainError");

  TempDir temp;
  const auto file = temp.write("bundle.pem", bundle);
  const auto result = casim::test::run_casim({"chain", "check", file.string(), "--at", "2026-06-01"});
  BOOST_TEST(result.exit_code == 1, result.out + result.err);
  BOOST_TEST(result.out.find("ChainTooLong") != std::string::npos, result.out);
}

BOOST_AUTO_TEST_SUITE_END()  // test_chain_check
