// make_bad_csr: builds each kind of bad request of bad_csr.hpp with OpenSSL 3 — keys (generated
// once per process, or assembled from chosen primes), the request, its SANs and its signature.
#include "casim/scenario/bad_csr.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "casim/mockca/openssl.hpp"
#include "casim/sim/error.hpp"

namespace casim::scenario {
namespace {

namespace ossl = mockca::ossl;

constexpr std::array<std::string_view, 21> kKinds{
    "truncated",       "not-a-csr",        "private-key",     "sha1-signature", "bad-signature",
    "rsa-1024",        "rsa-exponent-3",   "rsa-small-factor", "rsa-close-primes", "ec-p224",
    "ec-secp256k1",    "ed25519",          "dsa",             "wildcard-on-public-suffix",
    "double-wildcard", "internal-name",    "single-label",    "underscore-name", "private-ip",
    "email-san",       "cn-too-long"};

[[noreturn]] void fail(std::string_view what) {
  const auto why = ossl::drain_errors();
  throw std::runtime_error(why.empty() ? fmt::format("bad CSR: {} failed", what)
                                       : fmt::format("bad CSR: {} failed ({})", what, why));
}

template <typename Pointer>
Pointer checked(Pointer pointer, std::string_view what) {
  if (!pointer) fail(what);
  return pointer;
}

ossl::Pkey quick_key(const char* type, const char* parameter) {
  return checked(ossl::Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, type, parameter)), type);
}

ossl::Pkey rsa_key(unsigned bits, unsigned exponent) {
  ossl::PkeyCtx context(checked(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), "RSA context"));
  ossl::Bignum e(checked(BN_new(), "BN_new"));
  if (EVP_PKEY_keygen_init(context.get()) != 1 || BN_set_word(e.get(), exponent) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(context.get(), static_cast<int>(bits)) != 1 ||
      EVP_PKEY_CTX_set1_rsa_keygen_pubexp(context.get(), e.get()) != 1) {
    fail("RSA key parameters");
  }
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_generate(context.get(), &key) != 1) fail("RSA key generation");
  return ossl::Pkey(key);
}

ossl::Pkey dsa_key() {
  ossl::PkeyCtx parameter_context(checked(EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr), "DSA context"));
  EVP_PKEY* parameters = nullptr;
  if (EVP_PKEY_paramgen_init(parameter_context.get()) != 1 ||
      EVP_PKEY_CTX_set_dsa_paramgen_bits(parameter_context.get(), 2048) != 1 ||
      EVP_PKEY_paramgen(parameter_context.get(), &parameters) != 1) {
    fail("DSA parameter generation");
  }
  const ossl::Pkey domain(parameters);
  ossl::PkeyCtx key_context(checked(EVP_PKEY_CTX_new_from_pkey(nullptr, domain.get(), nullptr), "DSA context"));
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_keygen_init(key_context.get()) != 1 || EVP_PKEY_generate(key_context.get(), &key) != 1) {
    fail("DSA key generation");
  }
  return ossl::Pkey(key);
}

ossl::Bignum random_prime(int bits) {
  ossl::Bignum prime(checked(BN_new(), "BN_new"));
  ossl::BnCtx context(checked(BN_CTX_new(), "BN_CTX_new"));
  if (BN_generate_prime_ex2(prime.get(), bits, 0, nullptr, nullptr, nullptr, context.get()) != 1) {
    fail("prime generation");
  }
  return prime;
}

// An RSA key from its primes p and q (p·q must be the modulus wanted) with exponent 65537.
ossl::Pkey rsa_from_primes(const BIGNUM* p, const BIGNUM* q) {
  ossl::BnCtx context(checked(BN_CTX_new(), "BN_CTX_new"));
  auto fresh = [] { return ossl::Bignum(checked(BN_new(), "BN_new")); };
  auto n = fresh(), e = fresh(), d = fresh(), p1 = fresh(), q1 = fresh(), phi = fresh(), gcd = fresh(),
       lambda = fresh(), dp = fresh(), dq = fresh(), q_inverse = fresh();
  const bool computed =
      BN_mul(n.get(), p, q, context.get()) == 1 && BN_set_word(e.get(), 65537) == 1 &&
      BN_sub(p1.get(), p, BN_value_one()) == 1 && BN_sub(q1.get(), q, BN_value_one()) == 1 &&
      BN_mul(phi.get(), p1.get(), q1.get(), context.get()) == 1 &&
      BN_gcd(gcd.get(), p1.get(), q1.get(), context.get()) == 1 &&
      BN_div(lambda.get(), nullptr, phi.get(), gcd.get(), context.get()) == 1 &&
      BN_mod_inverse(d.get(), e.get(), lambda.get(), context.get()) != nullptr &&
      BN_mod(dp.get(), d.get(), p1.get(), context.get()) == 1 &&
      BN_mod(dq.get(), d.get(), q1.get(), context.get()) == 1 &&
      BN_mod_inverse(q_inverse.get(), q, p, context.get()) != nullptr;
  if (!computed) fail("RSA key arithmetic");
  std::unique_ptr<OSSL_PARAM_BLD, mockca::ossl::Deleter<OSSL_PARAM_BLD_free>> builder(
      checked(OSSL_PARAM_BLD_new(), "OSSL_PARAM_BLD_new"));
  const std::array<std::pair<const char*, const BIGNUM*>, 8> values{{
      {OSSL_PKEY_PARAM_RSA_N, n.get()},
      {OSSL_PKEY_PARAM_RSA_E, e.get()},
      {OSSL_PKEY_PARAM_RSA_D, d.get()},
      {OSSL_PKEY_PARAM_RSA_FACTOR1, p},
      {OSSL_PKEY_PARAM_RSA_FACTOR2, q},
      {OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()},
      {OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()},
      {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, q_inverse.get()},
  }};
  for (const auto& [name, value] : values) {
    if (OSSL_PARAM_BLD_push_BN(builder.get(), name, value) != 1) fail("RSA key parameters");
  }
  std::unique_ptr<OSSL_PARAM, mockca::ossl::Deleter<OSSL_PARAM_free>> parameters(
      checked(OSSL_PARAM_BLD_to_param(builder.get()), "RSA key parameters"));
  ossl::PkeyCtx key_context(checked(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), "RSA context"));
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata_init(key_context.get()) != 1 ||
      EVP_PKEY_fromdata(key_context.get(), &key, EVP_PKEY_KEYPAIR, parameters.get()) != 1) {
    fail("RSA key import");
  }
  return ossl::Pkey(key);
}

// A 2048-bit modulus 3·q: q of 2046 bits with its top two bits set keeps 3·q at 2048 bits.
ossl::Pkey rsa_small_factor_key() {
  ossl::Bignum three(checked(BN_new(), "BN_new"));
  BN_set_word(three.get(), 3);
  const auto q = random_prime(2046);
  return rsa_from_primes(three.get(), q.get());
}

// A fixed odd 1024-bit number with its top two bits set: SHA-512 of two labels, end to end.
ossl::Bignum fixed_odd_1024() {
  std::array<unsigned char, 128> bytes{};
  for (std::size_t half = 0; half < 2; ++half) {
    const std::string label = fmt::format("casim rsa-close-primes {}", half);
    if (EVP_Digest(label.data(), label.size(), bytes.data() + 64 * half, nullptr, EVP_sha512(), nullptr) != 1) {
      fail("SHA-512");
    }
  }
  bytes.front() |= 0xC0;
  bytes.back() |= 1;
  return ossl::Bignum(checked(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr), "BN_bin2bn"));
}

// p the first prime from fixed_odd_1024() and q the next one: Fermat's method factors p·q at once.
// The same key in every process, so the intake finding that quotes the factor keeps traces (and
// their fingerprints) reproducible.
ossl::Pkey rsa_close_primes_key() {
  ossl::BnCtx context(checked(BN_CTX_new(), "BN_CTX_new"));
  const auto is_prime = [&](const ossl::Bignum& n) { return BN_check_prime(n.get(), context.get(), nullptr) == 1; };
  ossl::Bignum p = fixed_odd_1024();
  while (!is_prime(p)) {
    if (BN_add_word(p.get(), 2) != 1) fail("prime search");
  }
  ossl::Bignum q(checked(BN_dup(p.get()), "BN_dup"));
  do {
    if (BN_add_word(q.get(), 2) != 1) fail("prime search");
  } while (!is_prime(q));
  return rsa_from_primes(p.get(), q.get());
}

// Each key is made on first use and kept for the process: RSA and DSA generation is slow.
const ossl::Pkey& cached_key(std::string_view kind) {
  static const ossl::Pkey p256 = quick_key("EC", "P-256");
  if (kind == "p256") return p256;
  if (kind == "ec-p224") {
    static const ossl::Pkey key = quick_key("EC", "P-224");
    return key;
  }
  if (kind == "ec-secp256k1") {
    static const ossl::Pkey key = quick_key("EC", "secp256k1");
    return key;
  }
  if (kind == "ed25519") {
    static const ossl::Pkey key = quick_key("ED25519", nullptr);
    return key;
  }
  if (kind == "rsa-1024") {
    static const ossl::Pkey key = rsa_key(1024, 65537);
    return key;
  }
  if (kind == "rsa-exponent-3") {
    static const ossl::Pkey key = rsa_key(2048, 3);
    return key;
  }
  if (kind == "rsa-small-factor") {
    static const ossl::Pkey key = rsa_small_factor_key();
    return key;
  }
  if (kind == "rsa-close-primes") {
    static const ossl::Pkey key = rsa_close_primes_key();
    return key;
  }
  if (kind == "dsa") {
    static const ossl::Pkey key = dsa_key();
    return key;
  }
  return p256;
}

// What goes in a request besides its key.
struct RequestContent {
  std::string common_name;
  std::vector<std::string> dns_names;
  std::vector<std::string> other_sans;  // OpenSSL's "IP:…" / "email:…" notation
};

void add_common_name(X509_REQ* request, const std::string& common_name) {
  X509_NAME* subject = X509_REQ_get_subject_name(request);
  // A plain UTF8String type (no MBSTRING flag) skips OpenSSL's 64-character limit on CNs.
  if (X509_NAME_add_entry_by_NID(subject, NID_commonName, V_ASN1_UTF8STRING,
                                 reinterpret_cast<const unsigned char*>(common_name.data()),
                                 static_cast<int>(common_name.size()), -1, 0) != 1) {
    fail("subject CN");
  }
}

void add_subject_alt_names(X509_REQ* request, const RequestContent& content) {
  std::string value;
  for (const auto& name : content.dns_names) value += (value.empty() ? "DNS:" : ",DNS:") + name;
  for (const auto& other : content.other_sans) value += (value.empty() ? "" : ",") + other;
  if (value.empty()) return;
  ossl::X509Ext extension(
      checked(X509V3_EXT_nconf_nid(nullptr, nullptr, NID_subject_alt_name, value.c_str()), "subjectAltName"));
  STACK_OF(X509_EXTENSION)* extensions = sk_X509_EXTENSION_new_null();
  if (extensions == nullptr || sk_X509_EXTENSION_push(extensions, extension.get()) == 0) {
    sk_X509_EXTENSION_free(extensions);
    fail("extension list");
  }
  const int added = X509_REQ_add_extensions(request, extensions);
  sk_X509_EXTENSION_free(extensions);
  if (added != 1) fail("extension request");
}

// The request for `content`, signed by `key` with `digest` (null for Ed25519), as DER.
std::string signed_request_der(const RequestContent& content, EVP_PKEY* key, const EVP_MD* digest) {
  ossl::X509Req request(checked(X509_REQ_new(), "X509_REQ_new"));
  if (X509_REQ_set_version(request.get(), 0) != 1 || X509_REQ_set_pubkey(request.get(), key) != 1) fail("request");
  add_common_name(request.get(), content.common_name);
  add_subject_alt_names(request.get(), content);
  if (X509_REQ_sign(request.get(), key, digest) <= 0) fail("request signature");
  unsigned char* der = nullptr;
  const int length = i2d_X509_REQ(request.get(), &der);
  if (length <= 0) fail("request encoding");
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return bytes;
}

std::string to_pem(std::string_view der, const char* label) {
  ossl::Bio bio(checked(BIO_new(BIO_s_mem()), "BIO_new"));
  if (PEM_write_bio(bio.get(), label, "", reinterpret_cast<const unsigned char*>(der.data()),
                    static_cast<long>(der.size())) <= 0) {
    fail("PEM encoding");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string request_pem(const RequestContent& content, EVP_PKEY* key, const EVP_MD* digest) {
  return to_pem(signed_request_der(content, key, digest), "CERTIFICATE REQUEST");
}

// A self-signed certificate for the names, valid through 2026 (fixed dates, no wall clock).
std::string certificate_pem(const RequestContent& content, EVP_PKEY* key) {
  ossl::X509Ptr certificate(checked(X509_new(), "X509_new"));
  ossl::Asn1Time not_before(checked(ASN1_TIME_new(), "ASN1_TIME_new"));
  ossl::Asn1Time not_after(checked(ASN1_TIME_new(), "ASN1_TIME_new"));
  X509_NAME* subject = X509_get_subject_name(certificate.get());
  const bool built =
      X509_set_version(certificate.get(), X509_VERSION_3) == 1 &&
      ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1) == 1 &&
      X509_NAME_add_entry_by_NID(subject, NID_commonName, V_ASN1_UTF8STRING,
                                 reinterpret_cast<const unsigned char*>(content.common_name.data()),
                                 static_cast<int>(content.common_name.size()), -1, 0) == 1 &&
      X509_set_issuer_name(certificate.get(), subject) == 1 &&
      ASN1_TIME_set_string(not_before.get(), "20260101000000Z") == 1 &&
      ASN1_TIME_set_string(not_after.get(), "20261231235959Z") == 1 &&
      X509_set1_notBefore(certificate.get(), not_before.get()) == 1 &&
      X509_set1_notAfter(certificate.get(), not_after.get()) == 1 && X509_set_pubkey(certificate.get(), key) == 1 &&
      X509_sign(certificate.get(), key, EVP_sha256()) > 0;
  if (!built) fail("certificate");
  ossl::Bio bio(checked(BIO_new(BIO_s_mem()), "BIO_new"));
  if (PEM_write_bio_X509(bio.get(), certificate.get()) != 1) fail("certificate PEM");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string private_key_pem(EVP_PKEY* key) {
  ossl::Bio bio(checked(BIO_new(BIO_s_mem()), "BIO_new"));
  if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) fail("private key PEM");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

// `name` without a leading "*." (the names below are derived from it).
std::string base_name(const std::string& name) { return name.starts_with("*.") ? name.substr(2) : name; }

std::string last_label(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// A name of at least 65 characters under `base`, with labels of at most 63.
std::string long_name(const std::string& base) {
  const std::size_t wanted = base.size() + 1 >= 65 ? 1 : 65 - base.size() - 1;
  std::string name;
  for (std::size_t left = wanted; left > 0;) {
    const std::size_t label = std::min<std::size_t>(left, 63);
    name += std::string(label, 'a') + ".";
    left -= label;
  }
  return name + base;
}

std::string make_name_kind(std::string_view kind, RequestContent content) {
  EVP_PKEY* key = cached_key("p256").get();
  const std::string base = base_name(content.common_name);
  if (kind == "wildcard-on-public-suffix") content.dns_names.push_back("*." + last_label(base));
  if (kind == "double-wildcard") content.dns_names.push_back("*.*." + base);
  if (kind == "internal-name") content.dns_names.push_back("intranet.internal");
  if (kind == "single-label") content.dns_names.push_back("intranet");
  if (kind == "underscore-name") content.dns_names.push_back("under_score." + base);
  if (kind == "private-ip") content.other_sans.push_back("IP:10.0.0.1");
  if (kind == "email-san") content.other_sans.push_back("email:admin@" + base);
  if (kind == "cn-too-long") {
    content.common_name = long_name(base);
    content.dns_names.insert(content.dns_names.begin(), content.common_name);
  }
  return request_pem(content, key, EVP_sha256());
}

}  // namespace

std::span<const std::string_view> bad_csr_kinds() { return kKinds; }

std::string make_bad_csr(std::string_view kind, const std::vector<std::string>& names) {
  const std::string where = fmt::format("csr.bad: {}", kind);
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
    throw InputError(where, fmt::format("unknown bad-CSR kind (known: {})", fmt::join(kKinds, ", ")));
  }
  if (names.empty()) throw InputError(where, "a bad CSR needs at least one name");
  const RequestContent content{names.front(), names, {}};
  EVP_PKEY* p256 = cached_key("p256").get();
  if (kind == "truncated") {
    // Signed with Ed25519, whose signatures have one length (ECDSA's vary by a byte or two): the
    // cut, and the intake message quoting the lengths, are the same in every process.
    const auto der = signed_request_der(content, cached_key("ed25519").get(), nullptr);
    return to_pem(std::string_view(der).substr(0, der.size() / 2), "CERTIFICATE REQUEST");
  }
  if (kind == "not-a-csr") return certificate_pem(content, p256);
  if (kind == "private-key") return private_key_pem(p256);
  if (kind == "sha1-signature") return request_pem(content, p256, EVP_sha1());
  if (kind == "bad-signature") {
    auto der = signed_request_der(content, p256, EVP_sha256());
    der.back() = static_cast<char>(der.back() ^ 0x01);  // the last byte of the ECDSA signature's s
    return to_pem(der, "CERTIFICATE REQUEST");
  }
  if (kind.starts_with("rsa-")) return request_pem(content, cached_key(kind).get(), EVP_sha256());
  if (kind.starts_with("ec-")) return request_pem(content, cached_key(kind).get(), EVP_sha256());
  if (kind == "ed25519") return request_pem(content, cached_key(kind).get(), nullptr);
  if (kind == "dsa") return request_pem(content, cached_key(kind).get(), EVP_sha256());
  return make_name_kind(kind, content);
}

}  // namespace casim::scenario
