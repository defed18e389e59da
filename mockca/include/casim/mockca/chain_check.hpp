// Checks of a certificate file as a subscriber uploads it (the reseller's UploadCertificate and
// CheckCertificateChain): whether it parses (PEM blocks, nothing between them, intact base64, no
// private key pasted in), whether the certificates come in order (server certificate first, then
// each issuer), whether an intermediate is missing, whether each certificate is valid at an
// instant, whether a private key matches the server certificate, and whether the chain reaches a
// trusted root. Every problem found is reported, each a reason of category Chain.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/openssl.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

struct ChainCheckOptions {
  sim::Instant at;                                // validity is checked at this instant
  std::optional<std::string> private_key;         // the key file's content (PEM or DER), if any
  const std::vector<ossl::X509Ptr>* roots = nullptr;  // trusted roots; null: trust not checked
};

struct ChainCertificate {
  std::size_t line = 0;        // where its PEM block starts (1 for DER input)
  std::string subject;         // one-line form, "CN=…, O=…"
  std::string common_name;     // the subject's CN ("" when none)
  std::vector<std::string> dns_names;  // the subjectAltName's dNSNames, in order
  std::string pem;             // the certificate as PEM
  std::string issuer;
  std::string serial;          // upper-case hex
  sim::Instant not_before;
  sim::Instant not_after;
  bool ca = false;             // basicConstraints CA:TRUE
  bool self_signed = false;
};

struct ChainReport {
  std::vector<ChainCertificate> certificates;  // as found in the file, in file order
  std::vector<std::size_t> path;       // indexes into `certificates`: the server certificate first,
                                       // then each issuer found in the file
  std::optional<std::string> root;     // subject of the trusted root reached (roots given)
  bool key_matches = false;            // a private key was given and matches the server certificate
  std::vector<Finding> findings;       // empty exactly when nothing is wrong
  sim::Instant checked_at;             // the instant validity was checked at

  // No certificate could be read at all: the input is unreadable rather than merely wrong.
  bool unreadable() const { return certificates.empty(); }
};

// The most certificates check_chain orders and checks: a chain has 2 to 5, cross-signed ones a few
// more. A file with more gets one finding (ChainTooLong) and no other check, which keeps the
// ordering (quadratic in the count) fast whatever the file holds.
inline constexpr std::size_t kMaxChainCertificates = 32;

// Checks the content of a certificate file. Never throws for bad content.
ChainReport check_chain(std::string_view content, const ChainCheckOptions& options);

// The certificates in a PEM file, or in every *.pem, *.crt and *.cer file of a directory.
// Throws InputError when the path is missing or holds no certificate.
std::vector<ossl::X509Ptr> load_roots(const std::filesystem::path& path);

}  // namespace casim::mockca
