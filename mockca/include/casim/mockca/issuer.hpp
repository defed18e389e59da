// Issuance: turns an accepted request (names, subscriber key, organization identity, level,
// brand, notBefore) into a subscriber certificate per the Baseline Requirements profile
// (BR §7.1.2.7): one reserved policy OID per level, the level's subject fields, every name in the
// SAN (CN = the first), critical keyUsage by key type, EKU serverAuth, basicConstraints CA:FALSE,
// SKI/AKI, AIA caIssuers and a CRL distribution point, a 128-bit random serial, and a validity of
// the lesser of what was asked and the BR maximum for the issuance date. What it refuses comes
// back as findings, never as exceptions.
//
// The path is built for speed. OpenSSL 3.0's X509 object path costs ~165 µs a certificate (key
// re-encoding, extension copies through i2d/d2i, a signing context set up per call), several
// times the ECDSA signature itself; so the TBSCertificate is assembled as DER: each issuing CA's
// issuer name, signature algorithm and constant extensions are encoded once, the subscriber's
// SubjectPublicKeyInfo goes in as it came, the SKI is hashed from the key bits, digests are
// fetched once, and each CA's key has one signing context kept across certificates.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/openssl.hpp"
#include "casim/mockca/subject_fields.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

// A subscriber's public key as it goes into a certificate: its SubjectPublicKeyInfo exactly as
// encoded (never decoded and re-encoded).
class SubscriberKey {
 public:
  enum class Kind { Rsa, Ec, Other };

  // The key of a parsed request (cheap: copies the encoded key).
  static SubscriberKey from_request(const X509_REQ& request);
  // The public half of a key (encodes it once; keep the result to issue many times).
  static SubscriberKey from_key(const EVP_PKEY& key);
  // A SubjectPublicKeyInfo's DER, taken as it is (as generate_csr hands it over: cheap, nothing is
  // decoded). Throws std::invalid_argument when `der` is not a SubjectPublicKeyInfo.
  static SubscriberKey from_spki_der(std::string der);

  Kind kind() const { return kind_; }
  const std::string& spki_der() const { return spki_der_; }
  // The subjectPublicKey bits (what the subject key identifier hashes).
  std::string_view key_bits() const { return std::string_view(spki_der_).substr(bits_offset_); }

 private:
  explicit SubscriberKey(const X509_PUBKEY& encoded);
  SubscriberKey() = default;
  std::string spki_der_;
  std::size_t bits_offset_ = 0;
  Kind kind_ = Kind::Other;
};

struct IssueRequest {
  ValidationLevel level = ValidationLevel::DV;
  std::string brand;               // "" = the hierarchy's default brand
  std::vector<std::string> names;  // DNS names; the first becomes the subject CN
  SubjectFields subject;           // OV/EV organization identity; must be empty for DV
  sim::Instant not_before;         // the issuance instant (simulated time)
  std::optional<int> days;         // validity asked for (> 0); none = the BR maximum
  bool client_auth = false;        // add id-kp-clientAuth to the EKU
};

struct IssuedCertificate {
  std::string der;             // the certificate
  IssuedRecord record;         // what the CA's state keeps about it
  const IssuingCa* issuer = nullptr;
  int granted_days = 0;        // validity in days
  bool capped = false;         // the request asked for more than the BR maximum
  int max_days = 0;            // the BR maximum for the issuance date
};

struct IssueOutcome {
  std::vector<Finding> findings;                 // empty exactly when issued
  std::optional<IssuedCertificate> certificate;  // set exactly when issued
};

// Issues from one loaded hierarchy. Not thread-safe (keep one Issuer per thread); the hierarchy
// it reads must outlive it and may be shared.
class Issuer {
 public:
  explicit Issuer(const Hierarchy& hierarchy);
  ~Issuer();
  Issuer(Issuer&&) noexcept;
  Issuer& operator=(Issuer&&) noexcept;

  // Issues a certificate for `key`, or says why not (findings of category Issuance).
  // Throws std::invalid_argument for misuse (days ≤ 0).
  IssueOutcome issue(const IssueRequest& request, const SubscriberKey& key);
  const Hierarchy& hierarchy() const { return *hierarchy_; }

 private:
  struct Prepared;
  // 16 random bytes for a serial, top bit cleared and not all zero, drawn from RAND_bytes in batches.
  std::span<const unsigned char, 16> next_serial_bytes();

  const Hierarchy* hierarchy_;
  std::vector<Prepared> prepared_;  // one per issuing CA, in hierarchy order
  ossl::Md sha1_;
  ossl::MdCtx digest_;
  std::vector<std::string> subject_oids_;  // DER of each subject attribute's OID, in encoding order
  std::string common_name_oid_;
  std::string key_id_oid_;
  std::string alt_name_oid_;
  std::vector<unsigned char> random_;      // serial bytes not used yet
  std::size_t random_used_ = 0;
  std::string tbs_;                        // scratch buffers, reused to spare allocations
  std::string scratch_;
  std::string names_;
};

// Writes cert.pem, chain.pem (the intermediate), fullchain.pem (leaf then intermediate) into
// `out` (created if missing), and key.pem (mode 0600) when `private_key` is given. Refuses
// (InputError) to write over an earlier certificate in `out`.
void write_issued(const std::filesystem::path& out, const IssuedCertificate& issued,
                  const EVP_PKEY* private_key = nullptr);

}  // namespace casim::mockca
