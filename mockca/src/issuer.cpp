// The subscriber certificate profile (BR §7.1.2.7) and its fast issuing path.
#include "casim/mockca/issuer.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/objects.h>
#include <openssl/rand.h>

#include "casim/mockca/files.hpp"
#include "casim/mockca/validity_policy.hpp"
#include "casim/sim/error.hpp"
#include "der.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxCommonName = 64;  // X.520 ub-common-name
constexpr std::size_t kMaxOrganization = 64;
constexpr std::size_t kMaxPlace = 128;      // ub-state-name, ub-locality-name
constexpr std::size_t kMaxSerialNumber = 64;

constexpr std::array kBusinessCategories{"Private Organization", "Government Entity",
                                         "Business Entity", "Non-Commercial Entity"};

// One subject field: where it lives in SubjectFields, how it is named to users and in OpenSSL.
struct FieldSpec {
  std::string SubjectFields::*member;
  const char* label;  // "organization (O)"
  int nid;
  std::size_t max_length;
};

const FieldSpec kCountry{&SubjectFields::country, "country (C)", NID_countryName, 2};
const FieldSpec kState{&SubjectFields::state, "state (ST)", NID_stateOrProvinceName, kMaxPlace};
const FieldSpec kLocality{&SubjectFields::locality, "locality (L)", NID_localityName, kMaxPlace};
const FieldSpec kOrganization{&SubjectFields::organization, "organization (O)", NID_organizationName,
                              kMaxOrganization};
const FieldSpec kBusinessCategory{&SubjectFields::business_category, "business_category (businessCategory)",
                                  NID_businessCategory, kMaxOrganization};
const FieldSpec kJurisdictionCountry{&SubjectFields::jurisdiction_country,
                                     "jurisdiction_country (jurisdictionCountryName)",
                                     NID_jurisdictionCountryName, 2};
const FieldSpec kJurisdictionState{&SubjectFields::jurisdiction_state,
                                   "jurisdiction_state (jurisdictionStateOrProvinceName)",
                                   NID_jurisdictionStateOrProvinceName, kMaxPlace};
const FieldSpec kJurisdictionLocality{&SubjectFields::jurisdiction_locality,
                                      "jurisdiction_locality (jurisdictionLocalityName)",
                                      NID_jurisdictionLocalityName, kMaxPlace};
const FieldSpec kSerialNumber{&SubjectFields::serial_number, "serial_number (serialNumber)",
                              NID_serialNumber, kMaxSerialNumber};

// Subject attributes in the order they are encoded (BR §7.1.4.2 relative order; the EV
// attributes, which that table does not list, before the CN).
const std::array<const FieldSpec*, 9> kSubjectOrder{
    &kCountry,          &kState,           &kLocality,
    &kOrganization,     &kBusinessCategory, &kJurisdictionCountry,
    &kJurisdictionState, &kJurisdictionLocality, &kSerialNumber};

const std::array<const FieldSpec*, 5> kEvOnly{&kBusinessCategory, &kJurisdictionCountry,
                                              &kJurisdictionState, &kJurisdictionLocality,
                                              &kSerialNumber};

Finding finding(Reason reason, std::string message, std::string name = {}) {
  return Finding{reason, std::move(message), std::move(name)};
}

bool is_country_code(const std::string& text) {
  return text.size() == 2 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// PrintableString characters (X.680 §41.4); serialNumber is PrintableString only.
bool is_printable_string(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
  });
}

void check_subject(const IssueRequest& request, std::vector<Finding>& findings) {
  const SubjectFields& subject = request.subject;
  const auto level = level_name(request.level);
  const auto has = [&](const FieldSpec& field) { return !(subject.*field.member).empty(); };
  const auto require = [&](const FieldSpec& field) {
    if (!has(field)) {
      findings.push_back(finding(Reason::IssuanceSubjectFieldMissing,
                                 fmt::format("{} subject needs {}", level, field.label)));
    }
  };
  const auto forbid = [&](const FieldSpec& field) {
    if (has(field)) {
      findings.push_back(finding(Reason::IssuanceSubjectFieldNotAllowed,
                                 fmt::format("{} subject cannot carry {}", level, field.label)));
    }
  };

  switch (request.level) {
    case ValidationLevel::DV:
      for (const auto* field : kSubjectOrder) forbid(*field);
      return;
    case ValidationLevel::OV:
      require(kCountry);
      require(kOrganization);
      for (const auto* field : kEvOnly) forbid(*field);
      break;
    case ValidationLevel::EV:
      require(kOrganization);
      require(kBusinessCategory);
      require(kJurisdictionCountry);
      require(kSerialNumber);
      require(kCountry);
      break;
  }
  if (!has(kState) && !has(kLocality)) {
    findings.push_back(finding(Reason::IssuanceSubjectFieldMissing,
                               fmt::format("{} subject needs state (ST) or locality (L)", level)));
  }
  for (const auto* field : kSubjectOrder) {
    const std::string& value = subject.*field->member;
    if (value.empty()) continue;
    if (!der::is_utf8(value)) {
      findings.push_back(finding(Reason::IssuanceSubjectFieldInvalid,
                                 fmt::format("{} is not valid UTF-8", field->label)));
    } else if ((field == &kCountry || field == &kJurisdictionCountry) && !is_country_code(value)) {
      findings.push_back(finding(Reason::IssuanceSubjectFieldInvalid,
                                 fmt::format("{} '{}' is not a two-letter upper-case country code",
                                             field->label, value)));
    } else if (field == &kSerialNumber && !is_printable_string(value)) {
      findings.push_back(finding(Reason::IssuanceSubjectFieldInvalid,
                                 fmt::format("{} '{}' has characters outside PrintableString "
                                             "(letters, digits, space and '()+,-./:=?)",
                                             field->label, value)));
    } else if (value.size() > field->max_length) {
      findings.push_back(finding(Reason::IssuanceSubjectFieldInvalid,
                                 fmt::format("{} is {} characters long (at most {})", field->label,
                                             value.size(), field->max_length)));
    }
  }
  if (has(kBusinessCategory) &&
      std::find(kBusinessCategories.begin(), kBusinessCategories.end(), subject.business_category) ==
          kBusinessCategories.end()) {
    findings.push_back(finding(
        Reason::IssuanceSubjectFieldInvalid,
        fmt::format("business_category '{}' is not one of Private Organization, Government Entity, "
                    "Business Entity, Non-Commercial Entity",
                    subject.business_category)));
  }
}

// Upper-case hex of a serial's magnitude without leading zero bytes, as OpenSSL prints serials.
std::string serial_hex(std::span<const unsigned char> magnitude) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t first = 0;
  while (first + 1 < magnitude.size() && magnitude[first] == 0) ++first;
  std::string text;
  for (std::size_t i = first; i < magnitude.size(); ++i) {
    text += kHex[magnitude[i] >> 4];
    text += kHex[magnitude[i] & 15];
  }
  return text;
}

std::string signature_algorithm_der(const EVP_PKEY& key, const std::string& where) {
  const int type = EVP_PKEY_get_base_id(&key);
  if (type != EVP_PKEY_EC && type != EVP_PKEY_RSA) throw InputError(where, "issuing CA key is neither EC nor RSA");
  return x509::signature_algorithm_der(key);
}

}  // namespace

// Declared in subject_fields.hpp; here, next to the table the issuer encodes subjects with.
SubjectAttributes subject_attributes(const SubjectFields& fields, const std::string& common_name) {
  SubjectAttributes attributes;
  const auto present = std::count_if(kSubjectOrder.begin(), kSubjectOrder.end(),
                                     [&](const FieldSpec* field) { return !(fields.*field->member).empty(); });
  attributes.reserve(static_cast<std::size_t>(present) + 1);  // and the common name
  for (const FieldSpec* field : kSubjectOrder) {
    const std::string& value = fields.*field->member;
    if (!value.empty()) attributes.emplace_back(OBJ_nid2sn(field->nid), value);
  }
  attributes.emplace_back(OBJ_nid2sn(NID_commonName), common_name);
  return attributes;
}

SubscriberKey::SubscriberKey(const X509_PUBKEY& encoded) {
  ASN1_OBJECT* algorithm = nullptr;
  const unsigned char* bits = nullptr;
  int bits_length = 0;
  if (X509_PUBKEY_get0_param(&algorithm, &bits, &bits_length, nullptr, &encoded) != 1 || algorithm == nullptr) {
    throw std::invalid_argument("a public key without an algorithm");
  }
  unsigned char* der = nullptr;
  const int size = i2d_X509_PUBKEY(&encoded, &der);
  if (size <= 0) throw std::invalid_argument("cannot encode a public key: " + ossl::drain_errors());
  spki_der_.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  // The subjectPublicKey BIT STRING closes the SubjectPublicKeyInfo, so its bits are its last bytes.
  const auto length = static_cast<std::size_t>(bits_length);
  if (length > spki_der_.size() || spki_der_.compare(spki_der_.size() - length, length,
                                                     reinterpret_cast<const char*>(bits), length) != 0) {
    throw std::logic_error("SubjectPublicKeyInfo does not end with its key bits");
  }
  bits_offset_ = spki_der_.size() - length;
  switch (OBJ_obj2nid(algorithm)) {
    case NID_rsaEncryption: kind_ = Kind::Rsa; break;
    case NID_X9_62_id_ecPublicKey: kind_ = Kind::Ec; break;
    default: kind_ = Kind::Other; break;
  }
}

SubscriberKey SubscriberKey::from_request(const X509_REQ& request) {
  const X509_PUBKEY* encoded = X509_REQ_get_X509_PUBKEY(const_cast<X509_REQ*>(&request));
  if (encoded == nullptr) throw std::invalid_argument("a request without a public key");
  return SubscriberKey(*encoded);
}

SubscriberKey SubscriberKey::from_key(const EVP_PKEY& key) {
  X509_PUBKEY* encoded = nullptr;
  if (X509_PUBKEY_set(&encoded, const_cast<EVP_PKEY*>(&key)) != 1) {
    throw std::invalid_argument("cannot encode a public key: " + ossl::drain_errors());
  }
  const ossl::X509Pubkey owned(encoded);
  return SubscriberKey(*owned);
}

SubscriberKey SubscriberKey::from_spki_der(std::string der) {
  static const std::string rsa = der::object_der(NID_rsaEncryption);
  static const std::string ec = der::object_der(NID_X9_62_id_ecPublicKey);
  const auto spki = der::read_element(der);
  const auto algorithm = spki ? der::read_element(spki->content) : std::nullopt;
  const auto oid = algorithm ? der::read_element(algorithm->content) : std::nullopt;
  const auto bits = algorithm ? der::read_element(algorithm->rest) : std::nullopt;
  if (!spki || spki->tag != der::kSequence || !spki->rest.empty() || algorithm->tag != der::kSequence || !oid ||
      !bits || bits->tag != der::kBitString || bits->content.empty() || !bits->rest.empty()) {
    throw std::invalid_argument("not a SubjectPublicKeyInfo");
  }
  const std::string_view oid_der(algorithm->content.data(), algorithm->content.size() - oid->rest.size());
  SubscriberKey key;
  key.kind_ = oid_der == rsa ? Kind::Rsa : oid_der == ec ? Kind::Ec : Kind::Other;
  key.bits_offset_ = der.size() - bits->content.size() + 1;  // past the unused-bits byte
  key.spki_der_ = std::move(der);
  return key;
}

// What one issuing CA puts into every certificate, encoded once, and its signing context.
struct Issuer::Prepared {
  const IssuingCa* ca = nullptr;
  std::string signature_algorithm;  // AlgorithmIdentifier
  std::string issuer_name;          // Name
  std::string basic_constraints;    // Extension, each of these
  std::string key_usage_rsa;
  std::string key_usage_ec;
  std::string server_auth;
  std::string server_and_client_auth;
  std::string authority_key_id_and_info_access;
  std::string policies_and_crl_points;
  ossl::PkeyCtx signer;
  std::size_t max_signature = 0;
};

Issuer::Issuer(const Hierarchy& hierarchy)
    : hierarchy_(&hierarchy),
      sha1_(EVP_MD_fetch(nullptr, "SHA1", nullptr)),
      digest_(EVP_MD_CTX_new()) {
  if (!sha1_ || !digest_) throw std::runtime_error("digests unavailable: " + ossl::drain_errors());
  for (const auto* field : kSubjectOrder) subject_oids_.push_back(der::object_der(field->nid));
  common_name_oid_ = der::object_der(NID_commonName);
  key_id_oid_ = der::object_der(NID_subject_key_identifier);
  alt_name_oid_ = der::object_der(NID_subject_alt_name);

  for (const auto& ca : hierarchy.issuing_cas()) {
    const std::string where = (ca.dir / "cert.pem").string();
    Prepared prepared;
    prepared.ca = &ca;
    prepared.signature_algorithm = signature_algorithm_der(*ca.key, where);
    prepared.issuer_name = der::name_der(*X509_get_subject_name(ca.cert.get()));
    const auto extension = [](int nid, const std::string& value) {
      return der::extension_der(*x509::make_extension(nid, value, nullptr, nullptr));
    };
    prepared.basic_constraints = extension(NID_basic_constraints, "critical,CA:FALSE");
    prepared.key_usage_rsa = extension(NID_key_usage, "critical,digitalSignature,keyEncipherment");
    prepared.key_usage_ec = extension(NID_key_usage, "critical,digitalSignature");
    prepared.server_auth = extension(NID_ext_key_usage, "serverAuth");
    prepared.server_and_client_auth = extension(NID_ext_key_usage, "serverAuth,clientAuth");

    const ASN1_OCTET_STRING* ca_key_id = X509_get0_subject_key_id(ca.cert.get());
    if (ca_key_id == nullptr) throw InputError(where, "issuing CA without a subject key identifier");
    const std::unique_ptr<AUTHORITY_KEYID, ossl::Deleter<AUTHORITY_KEYID_free>> authority(AUTHORITY_KEYID_new());
    if (!authority) throw std::bad_alloc();
    authority->keyid = ASN1_OCTET_STRING_dup(ca_key_id);
    const ossl::X509Ext authority_key_id(X509V3_EXT_i2d(NID_authority_key_identifier, 0, authority.get()));
    if (!authority_key_id) throw std::runtime_error("cannot build an AKI: " + ossl::drain_errors());
    prepared.authority_key_id_and_info_access = der::extension_der(*authority_key_id) +
                                                extension(NID_info_access, "caIssuers;URI:" + ca.ca_issuers_url);
    prepared.policies_and_crl_points = extension(NID_certificate_policies, std::string(level_policy_oid(ca.level))) +
                                       extension(NID_crl_distribution_points, "URI:" + ca.crl_url);
    prepared.signer = x509::make_signer(*ca.key);
    prepared.max_signature = static_cast<std::size_t>(EVP_PKEY_get_size(ca.key.get()));
    prepared_.push_back(std::move(prepared));
  }
}

Issuer::~Issuer() = default;
Issuer::Issuer(Issuer&&) noexcept = default;
Issuer& Issuer::operator=(Issuer&&) noexcept = default;

std::span<const unsigned char, 16> Issuer::next_serial_bytes() {
  constexpr std::size_t kBatch = 64 * 16;
  if (random_used_ + 16 > random_.size()) {
    random_.resize(kBatch);
    if (RAND_bytes(random_.data(), static_cast<int>(random_.size())) != 1) {
      throw std::runtime_error("RAND_bytes failed: " + ossl::drain_errors());
    }
    random_used_ = 0;
  }
  unsigned char* bytes = random_.data() + random_used_;
  random_used_ += 16;
  bytes[0] &= 0x7f;  // positive, below 2^127
  if (std::all_of(bytes, bytes + 16, [](unsigned char byte) { return byte == 0; })) return next_serial_bytes();
  return std::span<const unsigned char, 16>(bytes, 16);
}

IssueOutcome Issuer::issue(const IssueRequest& request, const SubscriberKey& key) {
  if (request.days && *request.days <= 0) throw std::invalid_argument("IssueRequest::days must be positive");
  for (const auto& name : request.names) {
    if (name.empty() || std::any_of(name.begin(), name.end(), [](char c) { return (c & 0x80) != 0; })) {
      throw std::invalid_argument("IssueRequest::names must be checked ASCII DNS names: '" + name + "'");
    }
  }
  IssueOutcome outcome;
  auto& findings = outcome.findings;

  const IssuingCa* ca = hierarchy_->find(request.brand, request.level);
  if (ca == nullptr) {
    findings.push_back(finding(Reason::IssuanceBrandUnknown,
                               fmt::format("no {} issuing CA for brand '{}' (brands: {})",
                                           level_name(request.level), request.brand,
                                           fmt::join(hierarchy_->brands(), ", "))));
  }
  if (request.names.empty()) {
    findings.push_back(finding(Reason::IssuanceNoNames, "the request names no DNS name"));
  } else if (request.names.front().size() > kMaxCommonName) {
    findings.push_back(finding(Reason::IssuanceSubjectFieldInvalid,
                               fmt::format("the first name, which becomes the CN, is {} characters "
                                           "long (at most {})",
                                           request.names.front().size(), kMaxCommonName),
                               request.names.front()));
  }
  if (key.kind() == SubscriberKey::Kind::Other) {
    findings.push_back(finding(Reason::IssuanceKeyUnsupported, "the subscriber key is neither RSA nor ECDSA"));
  }
  if (request.level == ValidationLevel::EV) {
    for (const auto& name : request.names) {
      if (name.starts_with("*.")) {
        findings.push_back(finding(Reason::IssuanceEvWildcard,
                                   fmt::format("EV certificates cannot name the wildcard {}", name), name));
      }
    }
  }
  check_subject(request, findings);

  const int max_days = max_validity_days(request.not_before);
  const int asked = request.days.value_or(max_days);
  const int granted = std::min(asked, max_days);
  const sim::Instant not_after = validity_end(request.not_before, granted);
  if (ca != nullptr && (request.not_before < ca->not_before || not_after > ca->not_after)) {
    findings.push_back(finding(
        Reason::IssuanceOutsideCaValidity,
        fmt::format("{} to {} is outside the issuing CA's validity ({} to {})",
                    sim::format_instant(request.not_before), sim::format_instant(not_after),
                    sim::format_instant(ca->not_before), sim::format_instant(ca->not_after))));
  }
  if (!findings.empty()) return outcome;

  Prepared& prepared = prepared_[static_cast<std::size_t>(ca - hierarchy_->issuing_cas().data())];
  const auto serial = next_serial_bytes();

  // TBSCertificate contents, in field order.
  std::string& body = scratch_;
  body.clear();
  body.append("\xa0\x03\x02\x01\x02", 5);  // version [0] EXPLICIT INTEGER 2 (v3)
  der::append_unsigned_integer(body, serial);
  body += prepared.signature_algorithm;
  body += prepared.issuer_name;
  std::string validity;
  der::append_time(validity, request.not_before);
  der::append_time(validity, not_after);
  der::append_tlv(body, der::kSequence, validity);

  std::string attributes;
  for (std::size_t i = 0; i < kSubjectOrder.size(); ++i) {
    const FieldSpec& field = *kSubjectOrder[i];
    const std::string& value = request.subject.*field.member;
    if (value.empty()) continue;
    const bool printable = field.nid == NID_countryName || field.nid == NID_jurisdictionCountryName ||
                           field.nid == NID_serialNumber;
    der::append_rdn(attributes, subject_oids_[i], printable ? der::kPrintableString : der::kUtf8String, value);
  }
  der::append_rdn(attributes, common_name_oid_, der::kUtf8String, request.names.front());
  der::append_tlv(body, der::kSequence, attributes);
  body += key.spki_der();

  // Extensions: basicConstraints, keyUsage, extKeyUsage, SKI, AKI, AIA, SAN, policies, CRL DP.
  std::string extensions;
  extensions += prepared.basic_constraints;
  extensions += key.kind() == SubscriberKey::Kind::Rsa ? prepared.key_usage_rsa : prepared.key_usage_ec;
  extensions += request.client_auth ? prepared.server_and_client_auth : prepared.server_auth;
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int hash_length = 0;
  const std::string_view bits = key.key_bits();
  if (EVP_DigestInit_ex2(digest_.get(), sha1_.get(), nullptr) != 1 ||
      EVP_DigestUpdate(digest_.get(), bits.data(), bits.size()) != 1 ||
      EVP_DigestFinal_ex(digest_.get(), hash, &hash_length) != 1) {
    throw std::runtime_error("cannot hash the subscriber key: " + ossl::drain_errors());
  }
  std::string key_id;
  der::append_tlv(key_id, der::kOctetString,
                  std::string_view(reinterpret_cast<const char*>(hash), hash_length));
  std::string extension = key_id_oid_;
  der::append_tlv(extension, der::kOctetString, key_id);
  der::append_tlv(extensions, der::kSequence, extension);
  extensions += prepared.authority_key_id_and_info_access;
  std::string& names = names_;
  names.clear();
  for (const auto& name : request.names) der::append_tlv(names, der::kDnsName, name);
  std::string alt_names;
  der::append_tlv(alt_names, der::kSequence, names);
  extension = alt_name_oid_;
  der::append_tlv(extension, der::kOctetString, alt_names);
  der::append_tlv(extensions, der::kSequence, extension);
  extensions += prepared.policies_and_crl_points;
  std::string extension_list;
  der::append_tlv(extension_list, der::kSequence, extensions);
  der::append_tlv(body, der::kExplicit3, extension_list);

  std::string& tbs = tbs_;
  tbs.clear();
  der::append_tlv(tbs, der::kSequence, body);

  // Sign the digest of the TBSCertificate with the CA's prepared context.
  if (EVP_DigestInit_ex2(digest_.get(), &x509::sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(digest_.get(), tbs.data(), tbs.size()) != 1 ||
      EVP_DigestFinal_ex(digest_.get(), hash, &hash_length) != 1) {
    throw std::runtime_error("cannot hash the certificate: " + ossl::drain_errors());
  }
  std::string signature(prepared.max_signature + 1, '\0');
  std::size_t signature_length = prepared.max_signature;
  if (EVP_PKEY_sign(prepared.signer.get(), reinterpret_cast<unsigned char*>(signature.data()) + 1,
                    &signature_length, hash, hash_length) != 1) {
    throw std::runtime_error("cannot sign: " + ossl::drain_errors());
  }
  signature.resize(signature_length + 1);  // the leading 0: no unused bits in the BIT STRING

  std::string certificate = std::move(tbs);
  certificate += prepared.signature_algorithm;
  der::append_tlv(certificate, der::kBitString, signature);
  IssuedCertificate issued;
  der::append_tlv(issued.der, der::kSequence, certificate);
  tbs_ = std::move(certificate);

  issued.issuer = ca;
  issued.granted_days = granted;
  issued.capped = asked > max_days;
  issued.max_days = max_days;
  issued.record.serial = serial_hex(serial);
  issued.record.brand = ca->brand;
  issued.record.level = request.level;
  issued.record.names = request.names;
  issued.record.not_before = request.not_before;
  issued.record.not_after = not_after;
  outcome.certificate = std::move(issued);
  return outcome;
}

void write_issued(const fs::path& out, const IssuedCertificate& issued, const EVP_PKEY* private_key) {
  if (fs::exists(out / "cert.pem")) {
    throw InputError((out / "cert.pem").string(),
                     "already exists; not writing over an earlier certificate (choose another --out)");
  }
  std::error_code error;
  const bool created = fs::create_directories(out, error);
  if (error) throw InputError(out.string(), "cannot create directory: " + error.message());
  const std::string leaf = x509::pem_from_der("CERTIFICATE", issued.der);
  if (private_key != nullptr) {
    if (created) make_private_dir(out);
    write_file_atomic(out / "key.pem", x509::private_key_pem(*private_key), kPrivateFileMode);
  }
  write_file_atomic(out / "chain.pem", issued.issuer->cert_pem, kPublicFileMode);
  write_file_atomic(out / "fullchain.pem", leaf + issued.issuer->cert_pem, kPublicFileMode);
  write_file_atomic(out / "cert.pem", leaf, kPublicFileMode);
}

}  // namespace casim::mockca
