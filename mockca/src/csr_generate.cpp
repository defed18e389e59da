// Key and CSR generation for "Generate CSR online", and the KeyPool that reuses keys.
#include "casim/mockca/csr_generate.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include "casim/mockca/key_checks.hpp"
#include "casim/mockca/name_checks.hpp"
#include "der.hpp"
#include "intake_text.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

constexpr std::size_t kMaxOrganizationLength = 64;  // ub-organization-name, ub-organizational-unit-name
constexpr std::size_t kMaxLocalityLength = 128;     // ub-locality-name, ub-state-name

void check_subject_field(std::string_view field, std::string_view value, std::size_t limit,
                         std::vector<Finding>& findings) {
  if (value.empty()) return;
  const bool control =
      std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (control) {
    findings.push_back(Finding{Reason::SubjectFieldInvalid,
                               fmt::format("the {} {} has control characters", field, in_quotes(value)), ""});
  }
  if (utf8_length(value) > limit) {
    findings.push_back(Finding{Reason::SubjectFieldInvalid,
                               fmt::format("the {} has {} characters (at most {})", field, utf8_length(value), limit),
                               ""});
  }
}

std::vector<Finding> subject_findings(const CsrParameters& parameters) {
  std::vector<Finding> findings;
  check_subject_field("organization (O)", parameters.organization, kMaxOrganizationLength, findings);
  check_subject_field("organizational unit (OU)", parameters.organizational_unit, kMaxOrganizationLength, findings);
  check_subject_field("locality (L)", parameters.locality, kMaxLocalityLength, findings);
  check_subject_field("state (ST)", parameters.state, kMaxLocalityLength, findings);
  const auto& country = parameters.country;
  const bool two_letters = country.size() == 2 && std::all_of(country.begin(), country.end(), [](char c) {
                             return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                           });
  if (!country.empty() && !two_letters) {
    findings.push_back(Finding{Reason::SubjectFieldInvalid,
                               fmt::format("the country (C) {} is not a two-letter ISO 3166 code", in_quotes(country)),
                               ""});
  }
  return findings;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

// Signals a failure to build the request or write the key; caught in generate_with.
struct BuildFailure {
  std::string what;
};

// The request's subject, C ST L O OU CN, as OpenSSL would encode it: C a PrintableString, the
// others UTF8String (their lengths were checked with the parameters).
std::string subject_der(const CsrParameters& parameters, const std::string& common_name) {
  static const std::array<std::string, 6> oids{
      der::object_der(NID_countryName),      der::object_der(NID_stateOrProvinceName),
      der::object_der(NID_localityName),     der::object_der(NID_organizationName),
      der::object_der(NID_organizationalUnitName), der::object_der(NID_commonName)};
  constexpr std::array<std::string_view, 6> kLabels{"country (C)",      "state (ST)",
                                                    "locality (L)",     "organization (O)",
                                                    "organizational unit (OU)", "common name (CN)"};
  std::string country = parameters.country;
  std::transform(country.begin(), country.end(), country.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
  const std::array<std::string_view, 6> values{country,
                                               parameters.state,
                                               parameters.locality,
                                               parameters.organization,
                                               parameters.organizational_unit,
                                               common_name};
  std::string rdns;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].empty()) continue;
    if (!der::is_utf8(values[i])) throw BuildFailure{fmt::format("the {} is not valid UTF-8", kLabels[i])};
    der::append_rdn(rdns, oids[i], i == 0 ? der::kPrintableString : der::kUtf8String, values[i]);
  }
  std::string name;
  der::append_tlv(name, der::kSequence, rdns);
  return name;
}

// The signed PKCS#10 request (version 1, the subject, the key, an extension request for a SAN
// of every name), assembled as DER around the key's SubjectPublicKeyInfo encoded once.
std::string request_der(const CsrParameters& parameters, const std::vector<std::string>& names,
                        const GeneratedKey& key) {
  static const std::string alt_name_oid = der::object_der(NID_subject_alt_name);
  static const std::string extension_request_oid = der::object_der(NID_ext_req);
  std::string info("\x02\x01\x00", 3);  // version INTEGER 0 (v1)
  info += subject_der(parameters, names.front());
  info += key.spki_der();
  std::string general_names;
  for (const auto& name : names) der::append_tlv(general_names, der::kDnsName, name);
  std::string alt_names;
  der::append_tlv(alt_names, der::kSequence, general_names);
  std::string extension = alt_name_oid;
  der::append_tlv(extension, der::kOctetString, alt_names);
  std::string extensions;
  der::append_tlv(extensions, der::kSequence, extension);
  std::string attribute = extension_request_oid;
  std::string values;
  der::append_tlv(values, der::kSequence, extensions);
  der::append_tlv(attribute, der::kSet, values);
  std::string attributes;
  der::append_tlv(attributes, der::kSequence, attribute);
  der::append_tlv(info, der::kImplicit0, attributes);

  std::string request;
  der::append_tlv(request, der::kSequence, info);
  const std::string signature = '\0' + key.sign(request);  // no unused bits in the BIT STRING
  request += key.signature_algorithm_der();
  der::append_tlv(request, der::kBitString, signature);
  std::string out;
  der::append_tlv(out, der::kSequence, request);
  return out;
}

std::string private_key_pem(const GeneratedKey& key, const std::optional<std::string>& password) {
  if (!password) return key.pkcs8_pem();
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) throw BuildFailure{"out of memory"};
  if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(), password->c_str(),
                                    static_cast<int>(password->size()), nullptr, nullptr) != 1) {
    throw BuildFailure{"writing the private key: " + ossl::drain_errors()};
  }
  return bio_text(bio.get());
}

GeneratedCsr generate_with(const CsrParameters& parameters, const IntakePolicy& policy,
                           const std::function<SharedKey()>& make_key) {
  GeneratedCsr result = check_csr_parameters(parameters, policy);
  if (!result.ok()) return result;
  try {
    const SharedKey key = make_key();
    result.csr_pem = x509::pem_from_der("CERTIFICATE REQUEST", request_der(parameters, result.names, *key));
    result.key_pem = private_key_pem(*key, parameters.password);
    result.key = key->info();
    result.public_key = key->spki_der();
  } catch (const BuildFailure& failure) {
    result.csr_pem.clear();
    result.key_pem.clear();
    result.findings.push_back(Finding{Reason::CsrGenerationFailed, failure.what, ""});
  }
  return result;
}

}  // namespace

std::string describe(const KeySpec& spec) {
  return spec.algorithm == KeyAlgorithm::Rsa ? "RSA " + std::to_string(spec.rsa_bits) : "ECC " + spec.curve;
}

std::vector<Finding> key_spec_findings(const KeySpec& spec) {
  std::vector<Finding> findings;
  if (spec.algorithm == KeyAlgorithm::Rsa && spec.rsa_bits != 2048 && spec.rsa_bits != 3072 && spec.rsa_bits != 4096) {
    findings.push_back(Finding{Reason::KeyRsaSizeUnsupported,
                               fmt::format("RSA keys of {} bits are not offered (2048, 3072 or 4096)", spec.rsa_bits),
                               ""});
  }
  if (spec.algorithm == KeyAlgorithm::Ecc && spec.curve != "P-256" && spec.curve != "P-384") {
    findings.push_back(Finding{Reason::KeyCurveUnsupported,
                               fmt::format("ECC keys on {} are not offered (P-256 or P-384)", in_quotes(spec.curve)), ""});
  }
  return findings;
}

ossl::Pkey generate_key(const KeySpec& spec) {
  if (!key_spec_findings(spec).empty()) throw std::invalid_argument("generate_key: unsupported key " + describe(spec));
  ossl::Pkey key(spec.algorithm == KeyAlgorithm::Rsa ? EVP_RSA_gen(static_cast<unsigned>(spec.rsa_bits))
                                                     : EVP_EC_gen(spec.curve.c_str()));
  if (!key) throw std::runtime_error("generating a " + describe(spec) + " key failed: " + ossl::drain_errors());
  return key;
}

GeneratedKey::GeneratedKey(ossl::Pkey key) : key_(std::move(key)) {
  X509_PUBKEY* encoded = nullptr;
  if (X509_PUBKEY_set(&encoded, key_.get()) != 1) {
    throw std::runtime_error("cannot encode a public key: " + ossl::drain_errors());
  }
  const ossl::X509Pubkey spki(encoded);
  unsigned char* der = nullptr;
  const int size = i2d_X509_PUBKEY(spki.get(), &der);
  if (size <= 0) throw std::runtime_error("cannot encode a public key: " + ossl::drain_errors());
  spki_der_.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  info_ = describe_key(key_.get(), spki.get());
  signature_algorithm_ = x509::signature_algorithm_der(*key_);
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot write a private key: " + ossl::drain_errors());
  }
  pkcs8_pem_ = bio_text(bio.get());
}

GeneratedKey::~GeneratedKey() = default;

std::string GeneratedKey::sign(std::string_view data) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &digest_length, &x509::sha256(), nullptr) != 1) {
    throw std::runtime_error("cannot hash for a signature: " + ossl::drain_errors());
  }
  ossl::PkeyCtx signer;
  {
    const std::lock_guard lock(signers_mutex_);
    if (!idle_signers_.empty()) {
      signer = std::move(idle_signers_.back());
      idle_signers_.pop_back();
    }
  }
  if (!signer) signer = x509::make_signer(*key_);
  std::string signature(static_cast<std::size_t>(EVP_PKEY_get_size(key_.get())), '\0');
  std::size_t length = signature.size();
  if (EVP_PKEY_sign(signer.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, digest,
                    digest_length) != 1) {
    throw std::runtime_error("cannot sign: " + ossl::drain_errors());
  }
  signature.resize(length);
  const std::lock_guard lock(signers_mutex_);
  idle_signers_.push_back(std::move(signer));
  return signature;
}

SharedKey KeyPool::acquire(const KeySpec& spec) {
  if (pool_size_ > 0) {
    const std::lock_guard lock(mutex_);
    auto& slot = slots_[spec];
    if (slot.keys.size() >= pool_size_) return slot.keys[slot.next++ % pool_size_];
  }
  auto key = std::make_shared<const GeneratedKey>(generate_key(spec));
  const std::lock_guard lock(mutex_);
  ++generated_;
  if (pool_size_ > 0) {
    auto& slot = slots_[spec];
    if (slot.keys.size() < pool_size_) slot.keys.push_back(key);
  }
  return key;
}

std::size_t KeyPool::generated() const {
  const std::lock_guard lock(mutex_);
  return generated_;
}

GeneratedCsr check_csr_parameters(const CsrParameters& parameters, const IntakePolicy& policy) {
  if (parameters.password && parameters.password->empty()) {
    throw std::invalid_argument("generate_csr: the key password is empty");
  }
  GeneratedCsr result;
  std::vector<Finding> causes = key_spec_findings(parameters.key);
  auto names = check_requested_names({&parameters.common_name, 1}, parameters.sans, policy);
  causes.insert(causes.end(), names.findings.begin(), names.findings.end());
  auto subject = subject_findings(parameters);
  causes.insert(causes.end(), subject.begin(), subject.end());
  result.names = std::move(names.names);
  if (!causes.empty()) {
    result.findings.push_back(
        Finding{Reason::CsrGenerationFailed,
                fmt::format("the CSR was not generated: {} problem(s) with the parameters", causes.size()), ""});
    result.findings.insert(result.findings.end(), causes.begin(), causes.end());
  }
  return result;
}

GeneratedCsr generate_csr(const CsrParameters& parameters, const IntakePolicy& policy) {
  return generate_with(parameters, policy,
                       [&] { return std::make_shared<const GeneratedKey>(generate_key(parameters.key)); });
}

GeneratedCsr generate_csr(const CsrParameters& parameters, KeyPool& pool, const IntakePolicy& policy) {
  return generate_with(parameters, policy, [&] { return pool.acquire(parameters.key); });
}

}  // namespace casim::mockca
