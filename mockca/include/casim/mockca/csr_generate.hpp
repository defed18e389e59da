// Online CSR generation (the reseller's "Generate CSR online", GenCsrType=online): a key (RSA
// 2048/3072/4096 or ECDSA P-256/P-384) and a SHA-256 request naming the CN and every SAN, with the
// private key as PKCS#8 PEM, encrypted with AES-256-CBC when a password is given. The names must
// pass the intake's name checks first: the reseller refuses to generate for names it would refuse.
// KeyPool lets simulations reuse keys, since RSA generation is slow, and each key's encodings,
// since OpenSSL 3.0's key encoders are.
#pragma once

#include <compare>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/openssl.hpp"

namespace casim::mockca {

enum class KeyAlgorithm { Rsa, Ecc };

struct KeySpec {
  KeyAlgorithm algorithm = KeyAlgorithm::Ecc;
  int rsa_bits = 2048;          // RSA only: 2048, 3072 or 4096
  std::string curve = "P-256";  // ECC only: "P-256" or "P-384"

  auto operator<=>(const KeySpec&) const = default;
};

// "RSA 2048" or "ECC P-256".
std::string describe(const KeySpec& spec);

// Why a key of `spec` cannot be generated (a size or curve outside the offer); empty when it can.
std::vector<Finding> key_spec_findings(const KeySpec& spec);

// A fresh key. Throws std::invalid_argument for a spec key_spec_findings refuses, and
// std::runtime_error when OpenSSL fails.
ossl::Pkey generate_key(const KeySpec& spec);

// A generated key with what every request and download made from it needs, encoded once: its
// SubjectPublicKeyInfo, its unencrypted PKCS#8 PEM and its description. Immutable, so KeyPool
// shares one between threads; sign() is thread-safe too.
class GeneratedKey {
 public:
  // Encodes and describes `key`; throws std::runtime_error when OpenSSL cannot.
  explicit GeneratedKey(ossl::Pkey key);
  ~GeneratedKey();
  GeneratedKey(const GeneratedKey&) = delete;
  GeneratedKey& operator=(const GeneratedKey&) = delete;

  EVP_PKEY* get() const noexcept { return key_.get(); }
  const std::string& spki_der() const noexcept { return spki_der_; }
  const std::string& pkcs8_pem() const noexcept { return pkcs8_pem_; }
  const KeyInfo& info() const noexcept { return info_; }

  // The DER AlgorithmIdentifier of sign(): sha256WithRSAEncryption or ecdsa-with-SHA256.
  const std::string& signature_algorithm_der() const noexcept { return signature_algorithm_; }
  // The signature of `data` (SHA-256; PKCS#1 v1.5 for RSA). Signing contexts are set up once
  // and reused, one per thread signing at the same time.
  std::string sign(std::string_view data) const;

 private:
  ossl::Pkey key_;
  std::string spki_der_;
  std::string pkcs8_pem_;
  KeyInfo info_;
  std::string signature_algorithm_;
  mutable std::mutex signers_mutex_;
  mutable std::vector<ossl::PkeyCtx> idle_signers_;
};

using SharedKey = std::shared_ptr<const GeneratedKey>;

// Hands out keys per KeySpec: the first `pool_size` requests for a spec generate keys, later ones
// reuse them round-robin. A pool size of 0 generates a fresh key every time. Thread-safe; keys
// are generated outside the lock.
class KeyPool {
 public:
  explicit KeyPool(std::size_t pool_size) : pool_size_(pool_size) {}

  // A pooled (or fresh) key of `spec`; throws as generate_key does.
  SharedKey acquire(const KeySpec& spec);

  std::size_t pool_size() const noexcept { return pool_size_; }
  std::size_t generated() const;  // keys generated so far, over all specs

 private:
  struct Slot {
    std::vector<SharedKey> keys;
    std::size_t next = 0;
  };

  std::size_t pool_size_;
  mutable std::mutex mutex_;
  std::map<KeySpec, Slot> slots_;
  std::size_t generated_ = 0;
};

struct CsrParameters {
  KeySpec key;
  std::string common_name;        // required; also put in the SANs
  std::vector<std::string> sans;  // the other names
  std::string organization;       // O, OU, L, ST, C: optional ("" leaves them out)
  std::string organizational_unit;
  std::string locality;
  std::string state;
  std::string country;                  // ISO 3166 two-letter code
  std::optional<std::string> password;  // encrypts the private key (must not be empty)
};

struct GeneratedCsr {
  std::vector<Finding> findings;   // empty on success; else CsrGenerationFailed, then the causes
  std::vector<std::string> names;  // the SANs of the request: CN first, lower-cased, no duplicates
  KeyInfo key;
  std::string csr_pem;
  std::string key_pem;     // PKCS#8 ("ENCRYPTED PRIVATE KEY" when a password was given)
  std::string public_key;  // the request's SubjectPublicKeyInfo (DER), for the issuer

  bool ok() const noexcept { return findings.empty(); }
};

// Checks the parameters (names as the intake checks them, subject fields, key spec) and, when
// they pass, generates a fresh key and the request. Throws std::invalid_argument for an empty
// password (misuse); every other failure is a finding.
GeneratedCsr generate_csr(const CsrParameters& parameters, const IntakePolicy& policy = {});

// The same with the key taken from `pool`.
GeneratedCsr generate_csr(const CsrParameters& parameters, KeyPool& pool, const IntakePolicy& policy = {});

// generate_csr's checks alone: the findings and the names, no key and no request (for timing-only
// runs, which never sign). Throws as generate_csr does.
GeneratedCsr check_csr_parameters(const CsrParameters& parameters, const IntakePolicy& policy = {});

}  // namespace casim::mockca
