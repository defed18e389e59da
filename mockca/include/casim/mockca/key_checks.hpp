// The key checks of the mock CA's intake (Boulder's goodkey, adapted): RSA 2048/3072/4096 with
// exponent 65537, no small prime factor, not Fermat-factorable; ECDSA on P-256 or P-384 (P-521
// by policy) with a valid point; no other key type; no key on the blocked list.
#pragma once

#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "casim/mockca/csr_intake.hpp"

namespace casim::mockca {

inline constexpr unsigned kSmallPrimeBound = 752;    // an RSA modulus may have no prime factor below
inline constexpr int kFermatRounds = 100;            // rounds of Fermat's method tried on a modulus
inline constexpr int kMaxWeaknessCheckBits = 16384;  // larger moduli are refused by size alone

struct KeyCheck {
  KeyInfo info;
  std::vector<Finding> findings;
};

// Every problem of a subscriber's public key; `info` describes the key. `spki` is the key as the
// request encodes it, when the caller has it: digesting it is much cheaper than re-encoding `key`.
KeyCheck check_public_key(EVP_PKEY* key, const IntakePolicy& policy, const X509_PUBKEY* spki = nullptr);

// What a key is (type, bits, curve, SPKI digest), without judging it; `spki` as above.
KeyInfo describe_key(EVP_PKEY* key, const X509_PUBKEY* spki = nullptr);

// The lower-case hex SHA-256 of the key's SubjectPublicKeyInfo DER: what the blocked-key list
// holds; "" for a key OpenSSL cannot encode (such as an EC point at infinity).
std::string spki_sha256_hex(const EVP_PKEY* key);
std::string spki_sha256_hex(const X509_PUBKEY* spki);

}  // namespace casim::mockca
