// Small OpenSSL helpers the hierarchy, issuer, revocation and chain check share: serials, times,
// names, PEM and DER forms, and extensions built once from configuration strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/openssl.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca::x509 {

// A fresh serial: 128 bits from RAND_bytes with the top bit cleared (positive, < 2^159), non-zero.
ossl::Asn1Integer random_serial();
// Upper-case hex of a serial, as `openssl x509 -noout -serial` prints it.
std::string serial_hex(const ASN1_INTEGER& serial);

// Sets `time` to `instant` (whole seconds; UTCTime before 2050, GeneralizedTime after).
void set_time(ASN1_TIME& time, sim::Instant instant);
// The instant an ASN1_TIME names; throws InputError when it is malformed.
sim::Instant to_instant(const ASN1_TIME& time);

// A name from (short name, UTF-8 value) pairs in order, e.g. {{"O", "casim test PKI"}, {"CN", …}}.
ossl::X509Name make_name(const std::vector<std::pair<std::string, std::string>>& entries);
// One-line form of a name: "CN=…, O=…" (RFC 2253 order, UTF-8).
std::string name_text(const X509_NAME& name);

// An extension from OpenSSL's configuration syntax ("critical,CA:TRUE"), with `issuer` and
// `subject` as the context for "hash" and "keyid" values. Only for things built once.
ossl::X509Ext make_extension(int nid, const std::string& value, X509* issuer, X509* subject);

// SHA-256, fetched once and shared (a fetched EVP_MD is read-only, so safe between threads).
const EVP_MD& sha256();
// The AlgorithmIdentifier (DER) of a SHA-256 signature by `key`: ecdsa-with-SHA256 or
// sha256WithRSAEncryption. Throws std::invalid_argument for a key that is neither EC nor RSA.
std::string signature_algorithm_der(const EVP_PKEY& key);
// A context that signs SHA-256 digests with `key` (PKCS#1 v1.5 for RSA), to set up once and
// reuse; one thread at a time.
ossl::PkeyCtx make_signer(EVP_PKEY& key);

std::string pem_of(const X509& cert);
// Whether a PEM label ("PRIVATE KEY", "EC PRIVATE KEY", ...) announces a private key.
inline bool is_private_key_label(std::string_view label) { return label.ends_with("PRIVATE KEY"); }
// PEM text with the given label ("CERTIFICATE", "X509 CRL") around DER bytes.
std::string pem_from_der(const char* label, std::string_view der);
std::string private_key_pem(const EVP_PKEY& key);

// Parses one PEM certificate (the first in `pem`); throws InputError naming `where`.
ossl::X509Ptr parse_certificate_pem(std::string_view pem, const std::string& where);
// Parses a PEM private key; throws InputError naming `where`.
ossl::Pkey parse_private_key_pem(std::string_view pem, const std::string& where);

}  // namespace casim::mockca::x509
