// The bad-CSR generators a scenario names with `csr: {bad: KIND}`: one certificate request per
// class of the mock CA's intake checks (format, signature, key, names), each refused by
// mockca::check_csr. Built with OpenSSL 3 directly; expensive keys are made once per process.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace casim::scenario {

// The kinds, each with what its request holds. `names` is the order's names (at least one); the
// first is the request's CN and every one is a dNSName SAN, unless the kind says otherwise. Names
// below are derived from `base`, the first name without a leading "*.".
//   format:
//     truncated                  the DER of a sound request cut in half, as PEM (CsrTruncated)
//     not-a-csr                  a self-signed certificate for the names (CsrWrongType)
//     private-key                a PKCS#8 private key instead of a request (CsrIsPrivateKey)
//   signature (ECDSA P-256 key):
//     sha1-signature             signed with ECDSA-with-SHA1 (SignatureAlgorithmWeak)
//     bad-signature              one byte of the signature changed (SignatureInvalid)
//   key (RSA keys signed with SHA-256):
//     rsa-1024                   an RSA 1024-bit key (KeyRsaSizeUnsupported)
//     rsa-exponent-3             an RSA 2048-bit key with public exponent 3 (KeyRsaExponent)
//     rsa-small-factor           a 2048-bit modulus 3·q (KeyRsaSmallFactor)
//     rsa-close-primes           a 2048-bit modulus p·q, q the next prime after p (KeyRsaFermatFactorable)
//     ec-p224                    an ECDSA key on P-224 (KeyCurveUnsupported)
//     ec-secp256k1               an ECDSA key on secp256k1 (KeyCurveUnsupported)
//     ed25519                    an Ed25519 key and signature (KeyTypeUnsupported)
//     dsa                        a DSA 2048-bit key, signed with DSA-SHA256 (KeyTypeUnsupported)
//   names (ECDSA P-256 key, SHA-256; the bad name is added to the SANs):
//     wildcard-on-public-suffix  "*.<last label of base>", e.g. *.com (NameWildcardOnPublicSuffix)
//     double-wildcard            "*.*.<base>" (NameWildcardMultiple)
//     internal-name              "intranet.internal" (NameInternal)
//     single-label               "intranet" (NameTooFewLabels)
//     underscore-name            "under_score.<base>" (NameInvalidCharacters)
//     private-ip                 the IP address SAN 10.0.0.1 (NameIpSanReserved)
//     email-san                  the email SAN "admin@<base>" (NameEmailSan)
//     cn-too-long                CN (and a SAN) "aaa….<base>" of 65 characters or more
//                                (NameCommonNameTooLong)
std::span<const std::string_view> bad_csr_kinds();

// The request of `kind` for `names`, as PEM. Throws InputError for an unknown kind (listing the
// known ones) or an empty `names`; std::runtime_error when OpenSSL fails.
std::string make_bad_csr(std::string_view kind, const std::vector<std::string>& names);

}  // namespace casim::scenario
