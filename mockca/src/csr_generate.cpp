// Key and CSR generation for "Generate CSR online", and the KeyPool that reuses keys.
#include "casim/mockca/csr_generate.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "casim/mockca/key_checks.hpp"
#include "casim/mockca/name_checks.hpp"
#include "intake_text.hpp"

namespace casim::mockca {
namespace {

constexpr std::size_t kMaxOrganizationLength = 64;  // ub-organization-name, ub-organizational-unit-name
constexpr std::size_t kMaxLocalityLength = 128;     // ub-locality-name, ub-state-name

ossl::Pkey share(const ossl::Pkey& key) {
  EVP_PKEY_up_ref(key.get());
  return ossl::Pkey(key.get());
}

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

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

// Signals an OpenSSL failure while building the request; caught in generate_with.
struct BuildFailure {
  std::string what;
};

void require(int result, std::string_view step) {
  if (result <= 0) throw BuildFailure{fmt::format("{}: {}", step, ossl::drain_errors())};
}

void add_subject_entry(X509_NAME* name, int nid, const std::string& value) {
  if (value.empty()) return;
  require(X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                     static_cast<int>(value.size()), -1, 0),
          "adding a subject field");
}

ossl::X509Req build_request(const CsrParameters& parameters, const std::vector<std::string>& names, EVP_PKEY* key) {
  ossl::X509Req request(X509_REQ_new());
  ossl::X509Name subject(X509_NAME_new());
  if (!request || !subject) throw BuildFailure{"out of memory"};
  require(X509_REQ_set_version(request.get(), X509_REQ_VERSION_1), "setting the version");
  std::string country = parameters.country;
  std::transform(country.begin(), country.end(), country.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; });
  add_subject_entry(subject.get(), NID_countryName, country);
  add_subject_entry(subject.get(), NID_stateOrProvinceName, parameters.state);
  add_subject_entry(subject.get(), NID_localityName, parameters.locality);
  add_subject_entry(subject.get(), NID_organizationName, parameters.organization);
  add_subject_entry(subject.get(), NID_organizationalUnitName, parameters.organizational_unit);
  add_subject_entry(subject.get(), NID_commonName, names.front());
  require(X509_REQ_set_subject_name(request.get(), subject.get()), "setting the subject");
  require(X509_REQ_set_pubkey(request.get(), key), "setting the public key");

  ossl::GeneralNames alt_names(sk_GENERAL_NAME_new_null());
  if (!alt_names) throw BuildFailure{"out of memory"};
  for (const auto& name : names) {
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    GENERAL_NAME* entry = GENERAL_NAME_new();
    if (text == nullptr || entry == nullptr || ASN1_STRING_set(text, name.data(), static_cast<int>(name.size())) != 1) {
      ASN1_IA5STRING_free(text);
      GENERAL_NAME_free(entry);
      throw BuildFailure{"out of memory"};
    }
    GENERAL_NAME_set0_value(entry, GEN_DNS, text);
    if (sk_GENERAL_NAME_push(alt_names.get(), entry) == 0) {
      GENERAL_NAME_free(entry);
      throw BuildFailure{"out of memory"};
    }
  }
  ossl::X509Ext extension(X509V3_EXT_i2d(NID_subject_alt_name, 0, alt_names.get()));
  if (!extension) throw BuildFailure{"encoding the subjectAltName: " + ossl::drain_errors()};
  STACK_OF(X509_EXTENSION)* extensions = sk_X509_EXTENSION_new_null();
  if (extensions == nullptr || sk_X509_EXTENSION_push(extensions, extension.get()) == 0) {
    sk_X509_EXTENSION_free(extensions);
    throw BuildFailure{"out of memory"};
  }
  const int added = X509_REQ_add_extensions(request.get(), extensions);
  sk_X509_EXTENSION_free(extensions);  // `extension` still owns the one entry
  require(added, "adding the extension request");
  if (X509_REQ_sign(request.get(), key, EVP_sha256()) <= 0) {
    throw BuildFailure{"signing the request: " + ossl::drain_errors()};
  }
  return request;
}

std::string request_pem(X509_REQ* request) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) throw BuildFailure{"out of memory"};
  require(PEM_write_bio_X509_REQ(bio.get(), request), "writing the request as PEM");
  return bio_text(bio.get());
}

std::string private_key_pem(EVP_PKEY* key, const std::optional<std::string>& password) {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) throw BuildFailure{"out of memory"};
  const EVP_CIPHER* cipher = password ? EVP_aes_256_cbc() : nullptr;
  const char* secret = password ? password->c_str() : nullptr;
  const int length = password ? static_cast<int>(password->size()) : 0;
  require(PEM_write_bio_PKCS8PrivateKey(bio.get(), key, cipher, secret, length, nullptr, nullptr),
          "writing the private key");
  return bio_text(bio.get());
}

GeneratedCsr generate_with(const CsrParameters& parameters, const IntakePolicy& policy,
                           const std::function<ossl::Pkey()>& make_key) {
  GeneratedCsr result = check_csr_parameters(parameters, policy);
  if (!result.ok()) return result;
  try {
    auto key = make_key();
    auto request = build_request(parameters, result.names, key.get());
    result.csr_pem = request_pem(request.get());
    result.key_pem = private_key_pem(key.get(), parameters.password);
    result.key = describe_key(key.get());
  } catch (const BuildFailure& failure) {
    result.csr_pem.clear();
    result.key_pem.clear();
    result.findings.push_back(Finding{Reason::CsrGenerationFailed, failure.what, ""});
  }
  return result;
}

}  // namespace

std::string describe(const KeySpec& spec) {
  return spec.algorithm == KeyAlgorithm::Rsa ? fmt::format("RSA {}", spec.rsa_bits) : fmt::format("ECC {}", spec.curve);
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

ossl::Pkey KeyPool::acquire(const KeySpec& spec) {
  if (pool_size_ > 0) {
    const std::lock_guard lock(mutex_);
    auto& slot = slots_[spec];
    if (slot.keys.size() >= pool_size_) return share(slot.keys[slot.next++ % pool_size_]);
  }
  auto key = generate_key(spec);
  const std::lock_guard lock(mutex_);
  ++generated_;
  if (pool_size_ > 0) {
    auto& slot = slots_[spec];
    if (slot.keys.size() < pool_size_) slot.keys.push_back(share(key));
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
  const std::vector<std::string> common_names{parameters.common_name};
  auto names = check_requested_names(common_names, parameters.sans, policy);
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
  return generate_with(parameters, policy, [&] { return generate_key(parameters.key); });
}

GeneratedCsr generate_csr(const CsrParameters& parameters, KeyPool& pool, const IntakePolicy& policy) {
  return generate_with(parameters, policy, [&] { return pool.acquire(parameters.key); });
}

}  // namespace casim::mockca
