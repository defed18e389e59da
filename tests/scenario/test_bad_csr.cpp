// The bad-CSR generators: every kind is refused by the mock CA's CSR intake with the reason its
// header promises (and no unrelated one); an unknown kind or no names is an InputError.
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/scenario/bad_csr.hpp"
#include "casim/sim/error.hpp"

BOOST_AUTO_TEST_SUITE(test_bad_csr)

namespace {

using casim::mockca::IntakeVerdict;
using casim::mockca::Reason;
using casim::mockca::ReasonCategory;

struct Expected {
  IntakeVerdict::Verdict verdict;
  Reason reason;
};

constexpr auto kRejected = IntakeVerdict::Verdict::Rejected;
constexpr auto kUnreadable = IntakeVerdict::Verdict::Unreadable;

const std::map<std::string, Expected>& expected_by_kind() {
  static const std::map<std::string, Expected> expected{
      {"truncated", {kUnreadable, Reason::CsrTruncated}},
      {"not-a-csr", {kUnreadable, Reason::CsrWrongType}},
      {"private-key", {kUnreadable, Reason::CsrIsPrivateKey}},
      {"sha1-signature", {kRejected, Reason::SignatureAlgorithmWeak}},
      {"bad-signature", {kRejected, Reason::SignatureInvalid}},
      {"rsa-1024", {kRejected, Reason::KeyRsaSizeUnsupported}},
      {"rsa-exponent-3", {kRejected, Reason::KeyRsaExponent}},
      {"rsa-small-factor", {kRejected, Reason::KeyRsaSmallFactor}},
      {"rsa-close-primes", {kRejected, Reason::KeyRsaFermatFactorable}},
      {"ec-p224", {kRejected, Reason::KeyCurveUnsupported}},
      {"ec-secp256k1", {kRejected, Reason::KeyCurveUnsupported}},
      {"ed25519", {kRejected, Reason::KeyTypeUnsupported}},
      {"dsa", {kRejected, Reason::KeyTypeUnsupported}},
      {"wildcard-on-public-suffix", {kRejected, Reason::NameWildcardOnPublicSuffix}},
      {"double-wildcard", {kRejected, Reason::NameWildcardMultiple}},
      {"internal-name", {kRejected, Reason::NameInternal}},
      {"single-label", {kRejected, Reason::NameTooFewLabels}},
      {"underscore-name", {kRejected, Reason::NameInvalidCharacters}},
      {"private-ip", {kRejected, Reason::NameIpSanReserved}},
      {"email-san", {kRejected, Reason::NameEmailSan}},
      {"cn-too-long", {kRejected, Reason::NameCommonNameTooLong}},
  };
  return expected;
}

std::set<Reason> reasons(const IntakeVerdict& verdict) {
  std::set<Reason> out;
  for (const auto& finding : verdict.findings) out.insert(finding.reason);
  return out;
}

// Signature and key kinds may add a second finding of the same family (an Ed25519 request is also
// signed with an unsupported algorithm); nothing outside the expected category and the signature.
bool related(Reason found, Reason expected) {
  const auto category = casim::mockca::info(found).category;
  return category == casim::mockca::info(expected).category || category == ReasonCategory::Signature;
}

const std::vector<std::string> kNames{"www.example.com", "example.com"};

}  // namespace

BOOST_AUTO_TEST_CASE(every_kind_is_listed_and_tested) {
  std::set<std::string> listed;
  for (const auto kind : casim::scenario::bad_csr_kinds()) listed.emplace(kind);
  std::set<std::string> tested;
  for (const auto& [kind, expected] : expected_by_kind()) tested.insert(kind);
  BOOST_TEST(listed == tested, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_kind_is_refused_for_its_reason) {
  for (const auto& [kind, expected] : expected_by_kind()) {
    BOOST_TEST_CONTEXT("kind " << kind) {
      const auto pem = casim::scenario::make_bad_csr(kind, kNames);
      BOOST_TEST(pem.starts_with("-----BEGIN "));
      const auto verdict = casim::mockca::check_csr(pem);
      BOOST_TEST(static_cast<int>(verdict.verdict) == static_cast<int>(expected.verdict));
      const auto found = reasons(verdict);
      BOOST_TEST(found.contains(expected.reason), "missing " << casim::mockca::info(expected.reason).code);
      for (const auto reason : found) {
        BOOST_TEST(related(reason, expected.reason), "unrelated finding " << casim::mockca::info(reason).code);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(key_and_signature_kinds_keep_the_order_names) {
  for (const std::string kind : {"sha1-signature", "bad-signature", "rsa-1024", "rsa-close-primes", "ed25519"}) {
    BOOST_TEST_CONTEXT("kind " << kind) {
      const auto verdict = casim::mockca::check_csr(casim::scenario::make_bad_csr(kind, kNames));
      BOOST_TEST(verdict.common_name == "www.example.com");
      BOOST_TEST(verdict.names == kNames, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(name_kinds_derive_the_bad_name_from_the_first_name) {
  const std::vector<std::string> names{"*.shop.example.co.uk"};
  const auto wildcard = casim::mockca::check_csr(casim::scenario::make_bad_csr("wildcard-on-public-suffix", names));
  BOOST_TEST(wildcard.names == (std::vector<std::string>{"*.shop.example.co.uk", "*.uk"}),
             boost::test_tools::per_element());
  const auto long_cn = casim::mockca::check_csr(casim::scenario::make_bad_csr("cn-too-long", names));
  BOOST_TEST(long_cn.common_name.size() >= 65u);
  BOOST_TEST(long_cn.common_name.ends_with(".shop.example.co.uk"));
}

BOOST_AUTO_TEST_CASE(an_unknown_kind_names_the_known_ones) {
  try {
    casim::scenario::make_bad_csr("rsa-512", kNames);
    BOOST_FAIL("no exception for an unknown kind");
  } catch (const casim::InputError& error) {
    const std::string what = error.what();
    BOOST_TEST(what.find("rsa-512") != std::string::npos);
    BOOST_TEST(what.find("sha1-signature") != std::string::npos);
    BOOST_TEST(what.find("cn-too-long") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(no_names_is_an_input_error) {
  BOOST_CHECK_THROW(casim::scenario::make_bad_csr("rsa-1024", {}), casim::InputError);
}

BOOST_AUTO_TEST_SUITE_END()  // test_bad_csr
