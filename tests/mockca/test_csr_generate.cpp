// Online CSR generation: generated RSA and ECC requests pass the intake with the names asked
// for; the key is PKCS#8, encrypted under the password when one is given (and only then);
// the public key handed to the issuer is the request's; invalid names, subject fields and key
// choices are refused with FailedOperation.GenCSRFail;
// KeyPool generates a key once per slot and reuses it round-robin.
#include <boost/test/unit_test.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <openssl/pem.h>

#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/issuer.hpp"

BOOST_AUTO_TEST_SUITE(test_csr_generate)

namespace {

using casim::mockca::CsrParameters;
using casim::mockca::KeyAlgorithm;
using casim::mockca::KeySpec;
namespace ossl = casim::mockca::ossl;

KeySpec rsa(int bits) { return KeySpec{KeyAlgorithm::Rsa, bits, ""}; }
KeySpec ecc(const std::string& curve) { return KeySpec{KeyAlgorithm::Ecc, 0, curve}; }

CsrParameters parameters(KeySpec key) {
  CsrParameters p;
  p.key = std::move(key);
  p.common_name = "www.example.com";
  p.sans = {"example.com", "WWW.example.com", "api.example.com"};
  return p;
}

// Password callback that supplies no password: decryption must fail rather than prompt.
int no_password(char*, int, int, void*) { return 0; }

ossl::Pkey read_key(const std::string& pem, const char* password) {
  ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = password != nullptr
                      ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char*>(password))
                      : PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr);
  ossl::drain_errors();
  return ossl::Pkey(key);
}

std::set<std::string> codes(const casim::mockca::GeneratedCsr& generated) {
  std::set<std::string> out;
  for (const auto& finding : generated.findings) out.emplace(casim::mockca::info(finding.reason).code);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(generated_requests_pass_the_intake) {
  for (const auto& spec : {rsa(2048), ecc("P-256"), ecc("P-384")}) {
    BOOST_TEST_CONTEXT(casim::mockca::describe(spec)) {
      auto p = parameters(spec);
      p.organization = "Example Trading Co., Ltd.";
      p.organizational_unit = "IT";
      p.locality = "Shenzhen";
      p.state = "Guangdong";
      p.country = "cn";
      const auto generated = casim::mockca::generate_csr(p);
      BOOST_TEST_REQUIRE(generated.ok());
      const std::vector<std::string> names{"www.example.com", "example.com", "api.example.com"};
      BOOST_TEST(generated.names == names, boost::test_tools::per_element());
      BOOST_TEST(generated.csr_pem.starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
      BOOST_TEST(generated.key_pem.starts_with("-----BEGIN PRIVATE KEY-----"));

      const auto verdict = casim::mockca::check_csr(generated.csr_pem);
      BOOST_TEST(verdict.findings.empty());
      BOOST_TEST((verdict.verdict == casim::mockca::IntakeVerdict::Verdict::Accepted));
      BOOST_TEST(verdict.names == names, boost::test_tools::per_element());
      BOOST_TEST(verdict.common_name == "www.example.com");
      BOOST_TEST(verdict.key.type == (spec.algorithm == KeyAlgorithm::Rsa ? "RSA" : "EC"));
      BOOST_TEST(verdict.key.spki_sha256 == generated.key.spki_sha256);
      // The key handed to the issuer is the request's, as the request encodes it.
      BOOST_TEST(generated.public_key == casim::mockca::SubscriberKey::from_request(*verdict.request).spki_der());

      const X509_ALGOR* algorithm = nullptr;
      X509_REQ_get0_signature(verdict.request.get(), nullptr, &algorithm);
      int digest = 0;
      int key_type = 0;
      OBJ_find_sigid_algs(OBJ_obj2nid(algorithm->algorithm), &digest, &key_type);
      BOOST_TEST(digest == NID_sha256);
      char subject[256];
      X509_NAME_oneline(X509_REQ_get_subject_name(verdict.request.get()), subject, sizeof subject);
      BOOST_TEST(std::string(subject) ==
                 "/C=CN/ST=Guangdong/L=Shenzhen/O=Example Trading Co., Ltd./OU=IT/CN=www.example.com");

      const auto key = read_key(generated.key_pem, nullptr);
      BOOST_TEST_REQUIRE(key != nullptr);
      BOOST_TEST(EVP_PKEY_eq(key.get(), verdict.public_key.get()) == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_password_encrypts_the_key_with_aes_256_cbc) {
  auto p = parameters(ecc("P-256"));
  p.password = "correct horse battery staple";
  const auto generated = casim::mockca::generate_csr(p);
  BOOST_TEST_REQUIRE(generated.ok());
  BOOST_TEST(generated.key_pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  BOOST_TEST(read_key(generated.key_pem, nullptr) == nullptr);
  BOOST_TEST(read_key(generated.key_pem, "wrong password") == nullptr);
  const auto key = read_key(generated.key_pem, "correct horse battery staple");
  BOOST_TEST_REQUIRE(key != nullptr);
  const auto verdict = casim::mockca::check_csr(generated.csr_pem);
  BOOST_TEST(EVP_PKEY_eq(key.get(), verdict.public_key.get()) == 1);

  // The PKCS#8 envelope names AES-256-CBC (PBES2).
  ossl::Bio bio(BIO_new_mem_buf(generated.key_pem.data(), static_cast<int>(generated.key_pem.size())));
  X509_SIG* envelope = PEM_read_bio_PKCS8(bio.get(), nullptr, nullptr, nullptr);
  BOOST_TEST_REQUIRE(envelope != nullptr);
  const X509_ALGOR* algorithm = nullptr;
  X509_SIG_get0(envelope, &algorithm, nullptr);
  BOOST_TEST(OBJ_obj2nid(algorithm->algorithm) == NID_pbes2);
  const auto* parameters_string = static_cast<const ASN1_STRING*>(algorithm->parameter->value.sequence);
  const std::string der(reinterpret_cast<const char*>(ASN1_STRING_get0_data(parameters_string)),
                        static_cast<std::size_t>(ASN1_STRING_length(parameters_string)));
  const std::string aes256cbc_oid("\x06\x09\x60\x86\x48\x01\x65\x03\x04\x01\x2a", 11);
  BOOST_TEST(der.find(aes256cbc_oid) != std::string::npos);
  X509_SIG_free(envelope);

  p.password = "";
  BOOST_CHECK_THROW(casim::mockca::generate_csr(p), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(invalid_names_are_refused_with_gen_csr_fail) {
  auto p = parameters(ecc("P-256"));
  p.common_name = "*.co.uk";
  p.sans = {"host.local", "www.example.com"};
  const auto generated = casim::mockca::generate_csr(p);
  BOOST_TEST(!generated.ok());
  BOOST_TEST(generated.csr_pem.empty());
  BOOST_TEST(generated.key_pem.empty());
  BOOST_TEST_REQUIRE(!generated.findings.empty());
  const auto& lead = casim::mockca::info(generated.findings.front().reason);
  BOOST_TEST(lead.code == "CsrGenerationFailed");
  BOOST_TEST(lead.reseller_code == "FailedOperation.GenCSRFail");
  BOOST_TEST(codes(generated) ==
             (std::set<std::string>{"CsrGenerationFailed", "NameWildcardOnPublicSuffix", "NameInternal"}));

  p.common_name = std::string(53, 'a') + ".example.com";
  p.sans.clear();
  BOOST_TEST(codes(casim::mockca::generate_csr(p)) ==
             (std::set<std::string>{"CsrGenerationFailed", "NameCommonNameTooLong"}));
  p.common_name.clear();
  BOOST_TEST(codes(casim::mockca::generate_csr(p)) ==
             (std::set<std::string>{"CsrGenerationFailed", "NameEmpty", "NameMissing"}));
}

BOOST_AUTO_TEST_CASE(subject_fields_and_key_choices_are_checked) {
  auto p = parameters(ecc("P-256"));
  p.country = "USA";
  p.organization = std::string(65, 'O');
  p.state = "Line\nbreak";
  const auto fields = casim::mockca::generate_csr(p);
  BOOST_TEST(codes(fields) == (std::set<std::string>{"CsrGenerationFailed", "SubjectFieldInvalid"}));
  BOOST_TEST(fields.findings.size() == 4u);

  BOOST_TEST(codes(casim::mockca::generate_csr(parameters(rsa(1024)))) ==
             (std::set<std::string>{"CsrGenerationFailed", "KeyRsaSizeUnsupported"}));
  BOOST_TEST(codes(casim::mockca::generate_csr(parameters(ecc("secp256k1")))) ==
             (std::set<std::string>{"CsrGenerationFailed", "KeyCurveUnsupported"}));
  BOOST_TEST(codes(casim::mockca::generate_csr(parameters(ecc("P-521")))) ==
             (std::set<std::string>{"CsrGenerationFailed", "KeyCurveUnsupported"}));
  BOOST_CHECK_THROW(casim::mockca::generate_key(rsa(1024)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(key_pool_reuses_keys_round_robin) {
  casim::mockca::KeyPool pool(2);
  std::vector<casim::mockca::SharedKey> keys;
  for (int index = 0; index < 5; ++index) keys.push_back(pool.acquire(ecc("P-256")));
  BOOST_TEST(pool.generated() == 2u);
  BOOST_TEST(EVP_PKEY_eq(keys[0]->get(), keys[1]->get()) != 1);
  BOOST_TEST(EVP_PKEY_eq(keys[0]->get(), keys[2]->get()) == 1);
  BOOST_TEST(EVP_PKEY_eq(keys[1]->get(), keys[3]->get()) == 1);
  BOOST_TEST(EVP_PKEY_eq(keys[0]->get(), keys[4]->get()) == 1);

  // Each spec has its own slot.
  const auto p384 = pool.acquire(ecc("P-384"));
  BOOST_TEST(pool.generated() == 3u);
  BOOST_TEST(EVP_PKEY_get_bits(p384->get()) == 384);

  // RSA keys, the slow ones, are generated once and shared by the requests made from the pool.
  casim::mockca::KeyPool rsa_pool(1);
  const auto first = casim::mockca::generate_csr(parameters(rsa(2048)), rsa_pool);
  const auto second = casim::mockca::generate_csr(parameters(rsa(2048)), rsa_pool);
  BOOST_TEST_REQUIRE((first.ok() && second.ok()));
  BOOST_TEST(rsa_pool.generated() == 1u);
  BOOST_TEST(first.key.spki_sha256 == second.key.spki_sha256);

  // Without a pool (and with a pool of size 0) every key is fresh.
  casim::mockca::KeyPool fresh(0);
  const auto a = fresh.acquire(ecc("P-256"));
  const auto b = fresh.acquire(ecc("P-256"));
  BOOST_TEST(fresh.generated() == 2u);
  BOOST_TEST(EVP_PKEY_eq(a->get(), b->get()) != 1);
  const auto one = casim::mockca::generate_csr(parameters(ecc("P-256")));
  const auto two = casim::mockca::generate_csr(parameters(ecc("P-256")));
  BOOST_TEST(one.key.spki_sha256 != two.key.spki_sha256);
}

BOOST_AUTO_TEST_SUITE_END()  // test_csr_generate
