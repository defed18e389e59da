// The intake's key checks on keys built for each rule: RSA sizes, the byte-multiple rule, the
// exponent, small factors at the 752 boundary, Fermat factoring inside and outside 100 rounds,
// curves (P-521 by policy), other key types, the blocked-key list and its SPKI digest.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include "casim/mockca/key_checks.hpp"

BOOST_AUTO_TEST_SUITE(test_key_checks)

namespace {

using casim::mockca::IntakePolicy;
using casim::mockca::KeyCheck;
namespace ossl = casim::mockca::ossl;

std::set<std::string> codes(const KeyCheck& check) {
  std::set<std::string> out;
  for (const auto& finding : check.findings) out.emplace(casim::mockca::info(finding.reason).code);
  return out;
}

std::set<std::string> set_of(std::initializer_list<std::string> items) { return items; }

ossl::Bignum bignum() { return ossl::Bignum(BN_new()); }

ossl::Bignum prime(int bits) {
  auto p = bignum();
  BOOST_TEST_REQUIRE(BN_generate_prime_ex(p.get(), bits, 0, nullptr, nullptr, nullptr) == 1);
  return p;
}

// The first prime at or above `start`.
ossl::Bignum next_prime(const BIGNUM* start) {
  ossl::Bignum candidate(BN_dup(start));
  ossl::BnCtx ctx(BN_CTX_new());
  if (!BN_is_odd(candidate.get())) BN_add_word(candidate.get(), 1);
  while (BN_check_prime(candidate.get(), ctx.get(), nullptr) != 1) BN_add_word(candidate.get(), 2);
  return candidate;
}

ossl::Bignum product(const BIGNUM* a, const BIGNUM* b) {
  auto out = bignum();
  ossl::BnCtx ctx(BN_CTX_new());
  BN_mul(out.get(), a, b, ctx.get());
  return out;
}

ossl::Bignum word(unsigned long value) {
  auto out = bignum();
  BN_set_word(out.get(), value);
  return out;
}

// A public RSA key with modulus n and exponent e.
ossl::Pkey rsa_public(const BIGNUM* n, const BIGNUM* e) {
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n);
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  const bool ok =
      EVP_PKEY_fromdata_init(ctx.get()) == 1 && EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(builder);
  BOOST_TEST_REQUIRE(ok);
  return ossl::Pkey(key);
}

ossl::Bignum rsa_modulus(const EVP_PKEY* key) {
  BIGNUM* n = nullptr;
  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n);
  return ossl::Bignum(n);
}

const EVP_PKEY* rsa2048() {
  static const ossl::Pkey key(EVP_RSA_gen(2048u));
  return key.get();
}

ossl::Pkey generated(const char* type) { return ossl::Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, type)); }

ossl::Pkey public_key_from_pem(std::string_view pem) {
  ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return ossl::Pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

KeyCheck check(const ossl::Pkey& key, const IntakePolicy& policy = {}) {
  BOOST_TEST_REQUIRE(key != nullptr);
  return casim::mockca::check_public_key(key.get(), policy);
}

}  // namespace

BOOST_AUTO_TEST_CASE(rsa_2048_3072_4096_with_65537_pass) {
  const auto generated_key = check(ossl::Pkey(EVP_RSA_gen(2048u)));
  BOOST_TEST(generated_key.findings.empty());
  BOOST_TEST(generated_key.info.type == "RSA");
  BOOST_TEST(generated_key.info.bits == 2048);
  BOOST_TEST(generated_key.info.curve.empty());
  // Multi-prime moduli of 1024-bit primes are quicker to make than two-prime ones and are judged
  // the same way: by size, exponent, small factors and Fermat.
  auto modulus_of_1024_bit_primes = [](int bits) {
    ossl::Bignum n;
    do {
      n = prime(1024);
      for (int count = 1; count < bits / 1024; ++count) n = product(n.get(), prime(1024).get());
    } while (BN_num_bits(n.get()) != bits);
    return n;
  };
  const auto p3072 = modulus_of_1024_bit_primes(3072);
  const auto p4096 = modulus_of_1024_bit_primes(4096);
  for (const auto* n : {p3072.get(), p4096.get()}) {
    const auto result = check(rsa_public(n, word(65537).get()));
    BOOST_TEST(result.findings.empty(), BN_num_bits(n));
    BOOST_TEST(result.info.bits == BN_num_bits(n));
  }
  BOOST_TEST(BN_num_bits(p3072.get()) == 3072);
  BOOST_TEST(BN_num_bits(p4096.get()) == 4096);
}

BOOST_AUTO_TEST_CASE(rsa_sizes_outside_the_offer_are_refused) {
  const ossl::Pkey small(EVP_RSA_gen(1024u));
  BOOST_TEST(codes(check(small)) == set_of({"KeyRsaSizeUnsupported"}));
  const auto n2056 = product(prime(1028).get(), prime(1028).get());
  BOOST_TEST(codes(check(rsa_public(n2056.get(), word(65537).get()))) == set_of({"KeyRsaSizeUnsupported"}));
  const auto n2052 = product(prime(1026).get(), prime(1026).get());
  BOOST_TEST(BN_num_bits(n2052.get()) == 2052);
  const auto odd = check(rsa_public(n2052.get(), word(65537).get()));
  BOOST_TEST(codes(odd) == set_of({"KeyRsaSizeUnsupported", "KeyRsaModulusNotByteMultiple"}));
  BOOST_TEST(odd.info.bits == 2052);
}

BOOST_AUTO_TEST_CASE(only_exponent_65537_is_accepted) {
  const auto n = rsa_modulus(rsa2048());
  for (const unsigned long exponent : {3ul, 17ul, 65539ul}) {
    const auto result = check(rsa_public(n.get(), word(exponent).get()));
    BOOST_TEST(codes(result) == set_of({"KeyRsaExponent"}), exponent);
    BOOST_TEST(result.findings.front().message.find(std::to_string(exponent)) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_prime_factor_below_752_is_found_and_757_is_not) {
  // 751 is the largest prime below 752, 757 the smallest above; both times two large primes.
  ossl::Bignum weak;
  ossl::Bignum beyond;
  do {
    const auto large = product(prime(1019).get(), prime(1020).get());
    weak = product(word(751).get(), large.get());
    beyond = product(word(757).get(), large.get());
  } while (BN_num_bits(weak.get()) != 2048 || BN_num_bits(beyond.get()) != 2048);
  const auto result = check(rsa_public(weak.get(), word(65537).get()));
  BOOST_TEST(codes(result) == set_of({"KeyRsaSmallFactor"}));
  BOOST_TEST(result.findings.front().message.find("751") != std::string::npos);
  BOOST_TEST(check(rsa_public(beyond.get(), word(65537).get())).findings.empty());
}

BOOST_AUTO_TEST_CASE(fermat_factors_close_primes_within_100_rounds_only) {
  const auto p = prime(1024);
  auto shifted = [&](int power) {
    auto start = bignum();
    BN_set_bit(start.get(), power);
    BN_add(start.get(), start.get(), p.get());
    return next_prime(start.get());
  };
  // |p - q| about 2^516 needs some 40 rounds; about 2^518 some 700.
  const auto close = product(p.get(), shifted(516).get());
  const auto far = product(p.get(), shifted(518).get());
  BOOST_TEST(codes(check(rsa_public(close.get(), word(65537).get()))) == set_of({"KeyRsaFermatFactorable"}));
  BOOST_TEST(check(rsa_public(far.get(), word(65537).get())).findings.empty());
  const auto square = product(p.get(), p.get());
  BOOST_TEST(codes(check(rsa_public(square.get(), word(65537).get()))) == set_of({"KeyRsaFermatFactorable"}));
}

BOOST_AUTO_TEST_CASE(ecdsa_curves) {
  for (const auto* curve : {"P-256", "P-384"}) {
    const auto result = check(ossl::Pkey(EVP_EC_gen(curve)));
    BOOST_TEST(result.findings.empty(), curve);
    BOOST_TEST(result.info.type == "EC");
    BOOST_TEST(result.info.curve == curve);
  }
  const ossl::Pkey p521(EVP_EC_gen("P-521"));
  BOOST_TEST(codes(check(p521)) == set_of({"KeyCurveUnsupported"}));
  IntakePolicy allow;
  allow.allow_p521 = true;
  BOOST_TEST(check(p521, allow).findings.empty());
  BOOST_TEST(check(p521).info.curve == "P-521");
  const std::vector<std::pair<std::string, std::string>> refused{
      {"secp256k1", "secp256k1"}, {"brainpoolP256r1", "brainpoolP256r1"}, {"secp224r1", "P-224"}};
  for (const auto& [curve, shown] : refused) {
    const auto result = check(ossl::Pkey(EVP_EC_gen(curve.c_str())), allow);
    BOOST_TEST(codes(result) == set_of({"KeyCurveUnsupported"}), curve);
    BOOST_TEST(result.info.curve == shown);
  }
}

BOOST_AUTO_TEST_CASE(other_key_types_are_refused) {
  for (const auto* type : {"ED25519", "ED448", "X25519", "X448"}) {
    const auto result = check(generated(type));
    BOOST_TEST(codes(result) == set_of({"KeyTypeUnsupported"}), type);
    BOOST_TEST(result.info.type == type);
  }
  // An RSA-PSS (id-RSASSA-PSS) public key from `openssl genpkey -algorithm RSA-PSS`.
  constexpr std::string_view kPssPem =
      "-----BEGIN PUBLIC KEY-----\n"
      "MIIBIDALBgkqhkiG9w0BAQoDggEPADCCAQoCggEBAM2rv62FH+GZk3kJJEYSFlsS\n"
      "pF6T8plJJ0Ea1qh7xGp+Ml8AKPU+l5Ci6tD/3GvV4jDIxxsKqO/b6tcs49vnJksb\n"
      "wJ28BAWLMP+fHlJYztn3D4VOEKcQF8Ka9lwQLYsMEwgRRMCha/HovOhI4lb6dM3T\n"
      "WQVyciAAWYLKrmU/WAuC/ZfwQ5zhxtD3n0jKlJoJO5efomQnnMPIAl5pOZr7ljHW\n"
      "mfPLgZotruiRqVgo0UYSsZW4f8tFW5+EvSDbGqTi3Vcr+bEeIRAPJ5rDUsB32BwV\n"
      "9V4UEYCXqvvZA9KbYV1cAXLA7GbFei5yu4VcZ+oNUqfagO0hU5B1gSUKevggYicC\n"
      "AwEAAQ==\n"
      "-----END PUBLIC KEY-----\n";
  const auto result = check(public_key_from_pem(kPssPem));
  BOOST_TEST(codes(result) == set_of({"KeyTypeUnsupported"}));
  BOOST_TEST(result.info.type == "RSA-PSS");
}

BOOST_AUTO_TEST_CASE(blocked_keys_by_spki_digest) {
  // A fixed key and the digest `openssl pkey -pubin -outform DER | sha256sum` gives for it.
  constexpr std::string_view kPem =
      "-----BEGIN PUBLIC KEY-----\n"
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+lt1yN5rQ10vfegtBMoMY7SfiqUk\n"
      "2xdzQFeuhOlOb9zWf8655Bysw1grLDLGOtf9eZb5DfVPQFBkRRW5c3qpCQ==\n"
      "-----END PUBLIC KEY-----\n";
  constexpr std::string_view kDigest = "795784ae774af4bb9210114768f7a876568600170170003f564263c8fdf526bc";
  const auto key = public_key_from_pem(kPem);
  BOOST_TEST(casim::mockca::spki_sha256_hex(key.get()) == kDigest);
  BOOST_TEST(check(key).findings.empty());
  BOOST_TEST(check(key).info.spki_sha256 == kDigest);
  IntakePolicy policy;
  policy.blocked_key_digests.insert(std::string(kDigest));
  const auto blocked = check(key, policy);
  BOOST_TEST(codes(blocked) == set_of({"KeyBlocked"}));
  BOOST_TEST(blocked.findings.front().message.find(kDigest) != std::string::npos);
  // Problems add up: a blocked key with a bad exponent reports both.
  const auto weak = rsa_public(rsa_modulus(rsa2048()).get(), word(3).get());
  policy.blocked_key_digests.insert(casim::mockca::spki_sha256_hex(weak.get()));
  BOOST_TEST(codes(check(weak, policy)) == set_of({"KeyRsaExponent", "KeyBlocked"}));
}

BOOST_AUTO_TEST_SUITE_END()  // test_key_checks
