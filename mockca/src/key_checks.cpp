// Public-key checks of the intake: RSA size, exponent, small factors (one gcd with the product of
// the primes below 752), Fermat factoring of close primes; ECDSA curve and point validation; the
// blocked-key list by SPKI digest.
#include "casim/mockca/key_checks.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

#include "casim/mockca/openssl.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

constexpr std::array kRsaSizes{2048, 3072, 4096};
constexpr unsigned long kRsaExponent = 65537;
constexpr std::string_view kExplicitCurve = "explicit";

ossl::Bignum new_bignum() {
  ossl::Bignum value(BN_new());
  if (!value) throw std::runtime_error("BN_new failed");
  return value;
}

// Every prime below kSmallPrimeBound, sieved once.
const std::vector<unsigned>& small_primes() {
  static const std::vector<unsigned> primes = [] {
    std::vector<unsigned> found;
    std::array<bool, kSmallPrimeBound> composite{};
    for (unsigned candidate = 2; candidate < kSmallPrimeBound; ++candidate) {
      if (composite[candidate]) continue;
      found.push_back(candidate);
      for (unsigned multiple = candidate * candidate; multiple < kSmallPrimeBound; multiple += candidate) {
        composite[multiple] = true;
      }
    }
    return found;
  }();
  return primes;
}

// gcd(n, the product of the primes below kSmallPrimeBound): since that product is square-free,
// it is the product of the small primes dividing n, found here prime by prime (far cheaper than
// OpenSSL 3's constant-time BN_gcd on a public modulus). 1 for a sound modulus.
ossl::Bignum small_factor_gcd(const BIGNUM* n) {
  auto gcd = new_bignum();
  BN_one(gcd.get());
  for (const unsigned prime : small_primes()) {
    if (BN_mod_word(n, prime) == 0) BN_mul_word(gcd.get(), prime);
  }
  return gcd;
}

// floor(sqrt(n)) by Newton's iteration.
ossl::Bignum integer_sqrt(const BIGNUM* n, BN_CTX* ctx) {
  auto x = new_bignum();
  if (BN_is_zero(n)) return x;
  BN_set_bit(x.get(), (BN_num_bits(n) + 1) / 2);  // 2^ceil(bits/2) >= sqrt(n)
  auto quotient = new_bignum();
  auto next = new_bignum();
  while (true) {
    BN_div(quotient.get(), nullptr, n, x.get(), ctx);
    BN_add(next.get(), x.get(), quotient.get());
    BN_rshift1(next.get(), next.get());
    if (BN_cmp(next.get(), x.get()) >= 0) return x;
    std::swap(x, next);
  }
}

// Quadratic residues modulo kSquareFilterModuli: a number that is not a residue of each is not
// a square, which spares most rounds of Fermat's method an integer square root.
constexpr std::array<unsigned, 4> kSquareFilterModuli{64, 63, 65, 11};

bool may_be_square(const BIGNUM* value) {
  static const auto residues = [] {
    std::array<std::vector<bool>, kSquareFilterModuli.size()> tables;
    for (std::size_t index = 0; index < kSquareFilterModuli.size(); ++index) {
      const unsigned modulus = kSquareFilterModuli[index];
      tables[index].assign(modulus, false);
      for (unsigned x = 0; x < modulus; ++x) tables[index][(x * x) % modulus] = true;
    }
    return tables;
  }();
  const BN_ULONG remainder = BN_mod_word(value, 64 * 63 * 65 * 11);
  for (std::size_t index = 0; index < kSquareFilterModuli.size(); ++index) {
    if (!residues[index][remainder % kSquareFilterModuli[index]]) return false;
  }
  return true;
}

// The factor Fermat's method finds within kFermatRounds rounds, or null: with a = ceil(sqrt(n)),
// n = (a - b)(a + b) as soon as a^2 - n is a square b^2.
ossl::Bignum fermat_factor(const BIGNUM* n, BN_CTX* ctx) {
  auto a = integer_sqrt(n, ctx);
  auto b_squared = new_bignum();
  BN_sqr(b_squared.get(), a.get(), ctx);
  if (BN_cmp(b_squared.get(), n) < 0) {
    BN_add_word(a.get(), 1);
    BN_sqr(b_squared.get(), a.get(), ctx);
  }
  BN_sub(b_squared.get(), b_squared.get(), n);
  auto square = new_bignum();
  auto step = new_bignum();
  for (int round = 0; round < kFermatRounds; ++round) {
    if (may_be_square(b_squared.get())) {
      auto b = integer_sqrt(b_squared.get(), ctx);
      BN_sqr(square.get(), b.get(), ctx);
      if (BN_cmp(square.get(), b_squared.get()) == 0) {
        auto factor = new_bignum();
        BN_sub(factor.get(), a.get(), b.get());
        return factor;
      }
    }
    // (a + 1)^2 - n = a^2 - n + 2a + 1
    BN_lshift1(step.get(), a.get());
    BN_add_word(step.get(), 1);
    BN_add(b_squared.get(), b_squared.get(), step.get());
    BN_add_word(a.get(), 1);
  }
  return nullptr;
}

std::string sha256_hex(const unsigned char* data, std::size_t length) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned digest_length = 0;
  if (EVP_Digest(data, length, digest.data(), &digest_length, &x509::sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed: " + ossl::drain_errors());
  }
  std::string hex;
  for (unsigned index = 0; index < digest_length; ++index) hex += fmt::format("{:02x}", digest[index]);
  return hex;
}

std::string decimal(const BIGNUM* value) {
  char* text = BN_bn2dec(value);
  if (text == nullptr) return "?";
  std::string result = text;
  OPENSSL_free(text);
  if (result.size() > 40) result = fmt::format("{}...({} digits)", result.substr(0, 20), result.size());
  return result;
}

struct RsaNumbers {
  ossl::Bignum n;
  ossl::Bignum e;
};

RsaNumbers rsa_numbers(const EVP_PKEY* key) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e);
  ossl::drain_errors();
  return RsaNumbers{ossl::Bignum(n), ossl::Bignum(e)};
}

// The curve of an EC key: its NIST name where it has one, else OpenSSL's group name; "explicit"
// for a key with explicit curve parameters.
std::string curve_name(const EVP_PKEY* key) {
  std::array<char, 80> group{};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &length) != 1) {
    ossl::drain_errors();
    return std::string(kExplicitCurve);
  }
  const char* nist = EC_curve_nid2nist(OBJ_txt2nid(group.data()));
  return nist != nullptr ? nist : group.data();
}

void check_rsa(const EVP_PKEY* key, KeyCheck& check) {
  const auto [n, e] = rsa_numbers(key);
  if (!n || !e) {
    check.findings.push_back(Finding{Reason::KeyUndecodable, "the RSA modulus or exponent cannot be read", ""});
    return;
  }
  const int bits = BN_num_bits(n.get());
  auto add = [&](Reason reason, std::string message) {
    check.findings.push_back(Finding{reason, std::move(message), ""});
  };
  if (std::find(kRsaSizes.begin(), kRsaSizes.end(), bits) == kRsaSizes.end()) {
    add(Reason::KeyRsaSizeUnsupported, fmt::format("an RSA modulus of {} bits (2048, 3072 or 4096 required)", bits));
  }
  if (bits % 8 != 0) {
    add(Reason::KeyRsaModulusNotByteMultiple, fmt::format("the RSA modulus has {} bits, not a multiple of 8", bits));
  }
  if (!BN_is_word(e.get(), kRsaExponent)) {
    add(Reason::KeyRsaExponent, fmt::format("the RSA public exponent is {} (65537 required)", decimal(e.get())));
  }
  if (bits > kMaxWeaknessCheckBits) return;
  ossl::BnCtx ctx(BN_CTX_new());
  if (!ctx) throw std::runtime_error("BN_CTX_new failed");
  const auto gcd = small_factor_gcd(n.get());
  if (!BN_is_one(gcd.get())) {
    add(Reason::KeyRsaSmallFactor, fmt::format("the RSA modulus is divisible by {} (a product of primes below {})",
                                               decimal(gcd.get()), kSmallPrimeBound));
  }
  if (const auto factor = fermat_factor(n.get(), ctx.get())) {
    add(Reason::KeyRsaFermatFactorable,
        fmt::format("Fermat's method factors the RSA modulus within {} rounds (factor {})", kFermatRounds,
                    decimal(factor.get())));
  }
}

// True when the key's curve is given by explicit parameters, even ones OpenSSL matches to a
// named curve.
bool has_explicit_parameters(const EVP_PKEY* key) {
  std::array<char, 32> encoding{};
  std::size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_EC_ENCODING, encoding.data(), encoding.size(), &length) !=
      1) {
    ossl::drain_errors();
    return false;
  }
  return std::string_view(encoding.data(), length) == OSSL_PKEY_EC_ENCODING_EXPLICIT;
}

void check_ec(EVP_PKEY* key, const IntakePolicy& policy, KeyCheck& check) {
  const auto& curve = check.info.curve;
  if (curve == kExplicitCurve || has_explicit_parameters(key)) {
    check.findings.push_back(Finding{
        Reason::KeyCurveUnsupported,
        curve == kExplicitCurve
            ? "the ECDSA key has explicit curve parameters (a named curve is required)"
            : fmt::format("the ECDSA key has explicit curve parameters (those of {}); a named curve is required",
                          curve),
        ""});
  } else if (curve == "P-521" && !policy.allow_p521) {
    check.findings.push_back(
        Finding{Reason::KeyCurveUnsupported, "an ECDSA key on P-521, which this CA's policy does not allow", ""});
  } else if (curve != "P-256" && curve != "P-384" && curve != "P-521") {
    check.findings.push_back(
        Finding{Reason::KeyCurveUnsupported, fmt::format("an ECDSA key on {} (P-256 or P-384 required)", curve), ""});
  }
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_public_check(ctx.get()) != 1) {
    const auto why = ossl::drain_errors();
    check.findings.push_back(Finding{
        Reason::KeyEcPointInvalid,
        why.empty() ? "the public point fails validation" : fmt::format("the public point fails validation: {}", why),
        ""});
  }
}

// The SHA-256 of DER written by `encode` (i2d_PUBKEY, i2d_X509_PUBKEY), in hex; "" on failure.
template <typename T>
std::string der_sha256_hex(const T* object, int (*encode)(const T*, unsigned char**)) {
  unsigned char* der = nullptr;
  const int length = encode(object, &der);
  if (length <= 0) {
    ossl::drain_errors();
    return "";
  }
  auto hex = sha256_hex(der, static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return hex;
}

}  // namespace

std::string spki_sha256_hex(const EVP_PKEY* key) { return der_sha256_hex(key, &i2d_PUBKEY); }

std::string spki_sha256_hex(const X509_PUBKEY* spki) { return der_sha256_hex(spki, &i2d_X509_PUBKEY); }

KeyInfo describe_key(EVP_PKEY* key, const X509_PUBKEY* spki) {
  KeyInfo info;
  const int id = EVP_PKEY_get_base_id(key);
  info.bits = EVP_PKEY_get_bits(key);
  if (id == EVP_PKEY_RSA) {
    info.type = "RSA";
    if (const auto numbers = rsa_numbers(key); numbers.n) info.bits = BN_num_bits(numbers.n.get());
  } else if (id == EVP_PKEY_EC) {
    info.type = "EC";
    info.curve = curve_name(key);
  } else {
    const char* type_name = EVP_PKEY_get0_type_name(key);
    info.type = type_name != nullptr ? type_name : OBJ_nid2sn(id);
  }
  info.spki_sha256 = spki != nullptr ? spki_sha256_hex(spki) : spki_sha256_hex(key);
  return info;
}

KeyCheck check_public_key(EVP_PKEY* key, const IntakePolicy& policy, const X509_PUBKEY* spki) {
  KeyCheck check;
  check.info = describe_key(key, spki);
  if (check.info.type == "RSA") {
    check_rsa(key, check);
  } else if (check.info.type == "EC") {
    check_ec(key, policy, check);
  } else {
    check.findings.push_back(
        Finding{Reason::KeyTypeUnsupported, fmt::format("a {} key (RSA or ECDSA required)", check.info.type), ""});
  }
  if (policy.blocked_key_digests.contains(check.info.spki_sha256)) {
    check.findings.push_back(
        Finding{Reason::KeyBlocked,
                fmt::format("the key (SPKI SHA-256 {}) is on the blocked-key list", check.info.spki_sha256), ""});
  }
  return check;
}

}  // namespace casim::mockca
