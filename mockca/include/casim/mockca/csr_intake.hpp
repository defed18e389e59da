// CSR intake: the checks a CA applies to a certificate request before anything else — format,
// self-signature and signature algorithm, the key, and every name. Every problem found is
// reported (not only the first), each as a reason from the catalogue.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/openssl.hpp"
#include "casim/mockca/reason.hpp"

namespace casim::mockca {

// What a CA's intake accepts; the defaults are those of a Baseline Requirements CA.
struct IntakePolicy {
  bool allow_p521 = false;                 // P-521 only by policy
  std::size_t max_names = 100;             // after the CN is merged and duplicates removed
  std::set<std::string> blocked_key_digests;  // lower-case hex SHA-256 of the SubjectPublicKeyInfo DER
  std::vector<std::string> blocked_names;  // exact names, and their subdomains
};

struct KeyInfo {
  std::string type;   // "RSA", "EC", or what OpenSSL calls an unsupported type ("ED25519", "DSA", …)
  int bits = 0;
  std::string curve;  // "P-256", "P-384", "P-521", another curve's name, "explicit", or "" for RSA
  std::string spki_sha256;  // lower-case hex SHA-256 of the SubjectPublicKeyInfo DER ("" if unknown)
};
// "RSA 2048", "ECC P-256" (as describe(KeySpec) names an online key), or e.g. "ED25519".
std::string describe(const KeyInfo& key);

struct Finding {
  Reason reason;
  std::string message;  // this instance, e.g. "RSA modulus of 1024 bits (2048, 3072 or 4096 required)"
  std::string name;     // the identifier concerned, for name findings; "" otherwise
};

struct IntakeVerdict {
  enum class Verdict { Accepted, Rejected, Unreadable };
  Verdict verdict = Verdict::Unreadable;
  std::vector<std::string> names;  // the CN merged into the SANs, duplicates removed, in CSR order
  std::string common_name;         // the CSR subject's CN, "" when it has none
  KeyInfo key;
  std::vector<Finding> findings;   // empty exactly when accepted
  ossl::X509Req request;           // the parsed request (null when unreadable)
  ossl::Pkey public_key;           // the subscriber's public key (null when unreadable)
};

// Checks a CSR given as PEM or DER bytes. Never throws for bad content: an unreadable request is
// a verdict, with the findings that say why.
IntakeVerdict check_csr(std::string_view bytes, const IntakePolicy& policy = {});

}  // namespace casim::mockca
