#!/usr/bin/python3
"""Generates casim's corpus of bad (and a few good) certificate requests.

Usage: make_bad_csrs.py OUTPUT_DIR

Writes one CSR file per intake check of the mock CA into OUTPUT_DIR, plus manifest.json naming,
for each file, the expected verdict (accepted | rejected | unreadable), the expected reason codes
and categories, and the intake policy to check it under when it is not the default. Needs only
Debian 12 packages: python3, python3-cryptography (38 or later) and the openssl command.

Keys that no library will build (small prime factors, primes close enough for Fermat's method,
exponent 3) are made here from chosen primes, and such requests are encoded and signed by hand
(PKCS#1 v1.5 with Python integers); so are requests signed with SHA-1 and MD5, and the ones with
malformed content. The corpus is generated at test time and never committed.
"""

import base64
import datetime
import hashlib
import ipaddress
import json
import math
import os
import random
import subprocess
import sys
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa, x25519
from cryptography.x509.oid import NameOID

# ---------------------------------------------------------------------------------------------
# DER encoding, just enough for PKCS#10.


def der_length(length):
    if length < 0x80:
        return bytes([length])
    octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def tlv(tag, content):
    return bytes([tag]) + der_length(len(content)) + content


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_of(*items):
    return tlv(0x31, b"".join(sorted(items)))


def integer(value):
    return tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def oid(dotted):
    arcs = [int(arc) for arc in dotted.split(".")]
    body = bytearray()
    for arc in [40 * arcs[0] + arcs[1]] + arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body.extend(reversed(chunk))
    return tlv(0x06, bytes(body))


def null():
    return b"\x05\x00"


def bit_string(data):
    return tlv(0x03, b"\x00" + data)


def octet_string(data):
    return tlv(0x04, data)


def utf8_string(text):
    return tlv(0x0C, text.encode("utf-8"))


OID_CN = "2.5.4.3"
OID_RSA = "1.2.840.113549.1.1.1"
OID_EC = "1.2.840.10045.2.1"
OID_P256 = "1.2.840.10045.3.1.7"
OID_X25519 = "1.3.101.110"
OID_EXTENSION_REQUEST = "1.2.840.113549.1.9.14"
OID_SAN = "2.5.29.17"
OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2"

# Signature algorithm OID and DigestInfo prefix for PKCS#1 v1.5.
RSA_DIGESTS = {
    "sha256": ("1.2.840.113549.1.1.11", bytes.fromhex("3031300d060960864801650304020105000420")),
    "sha1": ("1.2.840.113549.1.1.5", bytes.fromhex("3021300906052b0e03021a05000414")),
    "md5": ("1.2.840.113549.1.1.4", bytes.fromhex("3020300c06082a864886f70d020505000410")),
}


def subject(common_names):
    return seq(*[set_of(seq(oid(OID_CN), utf8_string(cn))) for cn in common_names])


def rsa_spki(n, e):
    return seq(seq(oid(OID_RSA), null()), bit_string(seq(integer(n), integer(e))))


def san_extension_value(general_names):
    return seq(*general_names)


def dns_name(name):
    return tlv(0x82, name.encode() if isinstance(name, str) else name)


def extension_request(extensions):
    attribute = seq(oid(OID_EXTENSION_REQUEST), set_of(seq(*extensions)))
    return tlv(0xA0, attribute)


def san_extension(extension_value):
    return seq(oid(OID_SAN), octet_string(extension_value))


def request_info(common_names, spki, extensions):
    attributes = extension_request(extensions) if extensions else tlv(0xA0, b"")
    return seq(integer(0), subject(common_names), spki, attributes)


def rsa_sign(n, d, digest_name, message):
    algorithm, prefix = RSA_DIGESTS[digest_name]
    digest_info = prefix + hashlib.new(digest_name, message).digest()
    size = (n.bit_length() + 7) // 8
    encoded = b"\x00\x01" + b"\xff" * (size - len(digest_info) - 3) + b"\x00" + digest_info
    signature = pow(int.from_bytes(encoded, "big"), d, n).to_bytes(size, "big")
    return seq(oid(algorithm), null()), signature


def hand_csr_rsa(n, e, d, common_names, sans=(), digest_name="sha256", extensions=None):
    """A request for the RSA key (n, e), signed by hand with the private exponent d."""
    if extensions is None:
        extensions = [san_extension(san_extension_value([dns_name(s) for s in sans]))] if sans else []
    info = request_info(common_names, rsa_spki(n, e), extensions)
    algorithm, signature = rsa_sign(n, d, digest_name, info)
    return seq(info, algorithm, bit_string(signature))


def hand_csr_signed_by(spki, signer, common_names, sans):
    """A request carrying `spki`, signed by another key `signer` (an RSA or EC private key)."""
    extensions = [san_extension(san_extension_value([dns_name(s) for s in sans]))] if sans else []
    info = request_info(common_names, spki, extensions)
    if isinstance(signer, ec.EllipticCurvePrivateKey):
        return seq(info, seq(oid(OID_ECDSA_SHA256)), bit_string(signer.sign(info, ec.ECDSA(hashes.SHA256()))))
    numbers = signer.private_numbers()
    algorithm, signature = rsa_sign(numbers.public_numbers.n, numbers.d, "sha256", info)
    return seq(info, algorithm, bit_string(signature))


# ---------------------------------------------------------------------------------------------
# Primes for hand-made RSA keys (deterministic, so the corpus is the same on every run).

RNG = random.Random(20260315)
SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p**0.5) + 1))]


def is_probable_prime(n, rounds=24):
    if n < 2:
        return False
    for p in SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(RNG.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def next_prime(start, accept=lambda p: True):
    candidate = start | 1
    while not (accept(candidate) and is_probable_prime(candidate)):
        candidate += 2
    return candidate


def random_prime(bits, accept=lambda p: True):
    """A prime of exactly `bits` bits with its top two bits set (so p*q has 2*bits bits)."""
    start = RNG.getrandbits(bits) | (3 << (bits - 2))
    prime = next_prime(start, accept)
    assert prime.bit_length() == bits
    return prime


def private_exponent(e, primes):
    return pow(e, -1, math.lcm(*[p - 1 for p in primes]))


# ---------------------------------------------------------------------------------------------
# Helpers for requests built with the cryptography library.


def name_of(common_names):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn) for cn in common_names])


def build_csr(key, common_names, sans=(), algorithm="sha256", general_names=None):
    builder = x509.CertificateSigningRequestBuilder().subject_name(name_of(common_names))
    entries = list(general_names) if general_names is not None else [x509.DNSName(s) for s in sans]
    if entries:
        builder = builder.add_extension(x509.SubjectAlternativeName(entries), critical=False)
    digest = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha224": hashes.SHA224(), None: None}[algorithm]
    return builder.sign(key, digest)


def pem(csr):
    return csr.public_bytes(serialization.Encoding.PEM)


def der(csr):
    return csr.public_bytes(serialization.Encoding.DER)


def spki_sha256(key):
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def der_to_pem(data, label="CERTIFICATE REQUEST"):
    body = base64.b64encode(data).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return ("-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)).encode()


def openssl(*args, stdin=None):
    return subprocess.run(["openssl", *args], input=stdin, check=True, capture_output=True).stdout


# ---------------------------------------------------------------------------------------------


class Corpus:
    def __init__(self, directory):
        self.directory = directory
        self.entries = []

    def add(self, file_name, data, check, verdict, codes=(), categories=(), policy=None, names=None):
        path = os.path.join(self.directory, file_name)
        if data is not None:
            with open(path, "wb") as out:
                out.write(data)
        entry = {"file": file_name, "check": check, "verdict": verdict, "codes": sorted(set(codes)),
                 "categories": sorted(set(categories))}
        if policy:
            entry["policy"] = policy
        if names is not None:
            entry["names"] = names
        self.entries.append(entry)

    def write_manifest(self):
        manifest = {
            "generator": "tests/mockca/make_bad_csrs.py",
            "policy_fields": "max_names, allow_p521, blocked_key_digests, blocked_names (defaults otherwise)",
            "entries": self.entries,
        }
        with open(os.path.join(self.directory, "manifest.json"), "w") as out:
            json.dump(manifest, out, indent=2)
            out.write("\n")


def make_good(corpus, rsa_key, ec_key):
    corpus.add("good-rsa-2048.pem", pem(build_csr(rsa_key, ["www.example.com"], ["www.example.com", "example.com"])),
               "RSA 2048, SHA-256, CN in the SANs", "accepted", names=["www.example.com", "example.com"])
    rsa3072 = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    corpus.add("good-rsa-3072.der", der(build_csr(rsa3072, ["shop.example.net"], ["shop.example.net"])),
               "RSA 3072 in DER", "accepted", names=["shop.example.net"])
    rsa4096 = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    corpus.add("good-rsa-4096-sha512.pem",
               pem(x509.CertificateSigningRequestBuilder().subject_name(name_of(["api.example.org"]))
                   .sign(rsa4096, hashes.SHA512())),
               "RSA 4096 signed with SHA-512, CN only", "accepted", names=["api.example.org"])
    corpus.add("good-ec-p256.pem", pem(build_csr(ec_key, ["mail.example.com"], ["mail.example.com"])),
               "ECDSA P-256", "accepted", names=["mail.example.com"])
    p384 = ec.generate_private_key(ec.SECP384R1())
    corpus.add("good-ec-p384-sha384.pem", pem(build_csr(p384, ["vpn.example.com"], ["vpn.example.com"], "sha384")),
               "ECDSA P-384 signed with SHA-384", "accepted", names=["vpn.example.com"])
    corpus.add("good-cn-merged.pem", pem(build_csr(ec_key, ["shop.example.org"], ["www.example.org"])),
               "a CN missing from the SANs is merged into them", "accepted",
               names=["shop.example.org", "www.example.org"])
    corpus.add("good-duplicates.pem",
               pem(build_csr(ec_key, ["WWW.Example.COM"], ["www.example.com", "WWW.EXAMPLE.COM", "Example.com"])),
               "duplicate names differing in case are merged and lower-cased", "accepted",
               names=["www.example.com", "example.com"])
    corpus.add("good-wildcard.pem", pem(build_csr(ec_key, ["*.example.co.uk"], ["*.example.co.uk", "example.co.uk"])),
               "a wildcard under a registered domain below a public suffix", "accepted",
               names=["*.example.co.uk", "example.co.uk"])
    corpus.add("good-punycode.pem",
               pem(build_csr(ec_key, ["xn--bcher-kva.de"], ["xn--bcher-kva.de", "xn--d1acufc.xn--p1ai"])),
               "valid punycode labels, an internationalized TLD", "accepted",
               names=["xn--bcher-kva.de", "xn--d1acufc.xn--p1ai"])
    corpus.add("good-private-suffix.pem", pem(build_csr(ec_key, ["myproject.github.io"], ["myproject.github.io"])),
               "a name under a suffix of the PSL's private section (only the ICANN section counts)", "accepted",
               names=["myproject.github.io"])


def make_format(corpus, rsa_key, ec_key):
    good = build_csr(rsa_key, ["www.example.com"], ["www.example.com"])
    good_pem, good_der = pem(good), der(good)
    cert = (x509.CertificateBuilder().subject_name(name_of(["www.example.com"])).issuer_name(name_of(["www.example.com"]))
            .public_key(ec_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(datetime.datetime(2026, 1, 1)).not_valid_after(datetime.datetime(2026, 6, 1))
            .sign(ec_key, hashes.SHA256()))
    unreadable = "unreadable"
    corpus.add("format-empty.pem", b"", "an empty file", unreadable, ["CsrUnparsable"], ["format"])
    corpus.add("format-garbage.txt", b"this is not a certificate request\n", "text that is neither PEM nor DER",
               unreadable, ["CsrUnparsable"], ["format"])
    lines = good_pem.decode().splitlines()
    lines[3] = "!!!!" + lines[3][4:]
    corpus.add("format-bad-base64.pem", ("\n".join(lines) + "\n").encode(), "a PEM body that is not base64",
               unreadable, ["CsrUnparsable"], ["format"])
    corpus.add("format-truncated.pem", ("\n".join(good_pem.decode().splitlines()[:6]) + "\n").encode(),
               "PEM cut off before its END line", unreadable, ["CsrTruncated"], ["format"])
    lines = good_pem.decode().splitlines()
    corpus.add("format-truncated-body.pem", ("\n".join(lines[:5] + lines[-1:]) + "\n").encode(),
               "PEM with lines missing from its body", unreadable, ["CsrTruncated"], ["format"])
    corpus.add("format-truncated.der", good_der[: len(good_der) // 2], "DER cut in half", unreadable,
               ["CsrTruncated"], ["format"])
    corpus.add("format-trailing-garbage.pem", good_pem + b"garbage after the request\n", "text after the PEM block",
               "rejected", ["CsrExtraData"], ["format"])
    corpus.add("format-trailing-bytes.der", good_der + b"\x00\x01\x02garbage", "bytes after the DER request",
               "rejected", ["CsrExtraData"], ["format"])
    other = build_csr(ec_key, ["www.example.com"], ["www.example.com"])
    corpus.add("format-two-requests.pem", good_pem + pem(other), "two requests in one file", "rejected",
               ["CsrExtraData"], ["format"])
    corpus.add("format-certificate.pem", cert.public_bytes(serialization.Encoding.PEM),
               "a certificate instead of a CSR (PEM)", unreadable, ["CsrWrongType"], ["format"])
    corpus.add("format-certificate.der", cert.public_bytes(serialization.Encoding.DER),
               "a certificate instead of a CSR (DER)", unreadable, ["CsrWrongType"], ["format"])
    key_pem = ec_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())
    corpus.add("format-private-key.pem", key_pem, "a private key instead of a CSR (PEM)", unreadable,
               ["CsrIsPrivateKey"], ["format"])
    corpus.add("format-private-key.der",
               ec_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()),
               "a private key instead of a CSR (DER)", unreadable, ["CsrIsPrivateKey"], ["format"])
    corpus.add("format-public-key.pem",
               ec_key.public_key().public_bytes(serialization.Encoding.PEM,
                                                serialization.PublicFormat.SubjectPublicKeyInfo),
               "a public key instead of a CSR", unreadable, ["CsrWrongType"], ["format"])
    corpus.add("format-csr-with-key.pem", pem(other) + key_pem, "a CSR pasted together with its private key",
               "rejected", ["CsrIsPrivateKey"], ["format"])
    numbers = rsa_key.private_numbers()
    broken_san = san_extension(b"\x30\x05\x82\x09ab")  # the dNSName claims more bytes than there are
    corpus.add("format-bad-extension.der",
               hand_csr_rsa(numbers.public_numbers.n, numbers.public_numbers.e, numbers.d, ["www.example.com"],
                            extensions=[broken_san]),
               "a subjectAltName extension that does not decode", "rejected", ["CsrExtensionsInvalid"], ["format"])


def make_signature(corpus, rsa_key, ec_key, workdir):
    good_der = bytearray(der(build_csr(rsa_key, ["www.example.com"], ["www.example.com"])))
    good_der[-1] ^= 0x01
    corpus.add("sig-bad-signature.der", bytes(good_der), "a self-signature that does not verify (a byte flipped)",
               "rejected", ["SignatureInvalid"], ["signature"])
    numbers = rsa_key.private_numbers()
    n, e, d = numbers.public_numbers.n, numbers.public_numbers.e, numbers.d
    corpus.add("sig-sha1.pem", der_to_pem(hand_csr_rsa(n, e, d, ["www.example.com"], ["www.example.com"], "sha1")),
               "signed with SHA-1", "rejected", ["SignatureAlgorithmWeak"], ["signature"])
    corpus.add("sig-md5.pem", der_to_pem(hand_csr_rsa(n, e, d, ["www.example.com"], ["www.example.com"], "md5")),
               "signed with MD5", "rejected", ["SignatureAlgorithmWeak"], ["signature"])
    key_file = os.path.join(workdir, "rsa.key")
    with open(key_file, "wb") as out:
        out.write(rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    corpus.add("sig-rsa-pss.pem",
               openssl("req", "-new", "-key", key_file, "-subj", "/CN=www.example.com", "-sha256",
                       "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"),
               "signed with RSASSA-PSS (refused: the CA takes PKCS#1 v1.5 or ECDSA)", "rejected",
               ["SignatureAlgorithmUnsupported"], ["signature"])
    corpus.add("sig-ecdsa-sha224.pem", pem(build_csr(ec_key, ["www.example.com"], ["www.example.com"], "sha224")),
               "ECDSA with SHA-224", "rejected", ["SignatureAlgorithmUnsupported"], ["signature"])


def make_keys(corpus, rsa_key, ec_key, workdir):
    names = (["www.example.com"], ["www.example.com"])
    for bits, codes in [(1024, ["KeyRsaSizeUnsupported"]), (2056, ["KeyRsaSizeUnsupported"]),
                        (2052, ["KeyRsaSizeUnsupported", "KeyRsaModulusNotByteMultiple"])]:
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        check = "RSA %d bits" % bits + (" (not a multiple of 8)" if bits % 8 else "")
        corpus.add("key-rsa-%d.pem" % bits, pem(build_csr(key, *names)), check, "rejected", codes, ["key"])

    p = random_prime(1024, lambda c: c % 3 == 2)
    q = random_prime(1024, lambda c: c % 3 == 2)
    corpus.add("key-rsa-exponent-3.pem",
               der_to_pem(hand_csr_rsa(p * q, 3, private_exponent(3, [p, q]), *names)),
               "RSA public exponent 3", "rejected", ["KeyRsaExponent"], ["key"])

    n = 0
    while n.bit_length() != 2048:
        q1, q2 = random_prime(1019), random_prime(1020)
        n = 701 * q1 * q2
    corpus.add("key-rsa-small-factor.pem",
               der_to_pem(hand_csr_rsa(n, 65537, private_exponent(65537, [701, q1, q2]), *names)),
               "RSA modulus with the prime factor 701", "rejected", ["KeyRsaSmallFactor"], ["key"])

    p = random_prime(1024)
    q = next_prime(p + (1 << 500))
    assert (p * q).bit_length() == 2048
    corpus.add("key-rsa-fermat.pem",
               der_to_pem(hand_csr_rsa(p * q, 65537, private_exponent(65537, [p, q]), *names)),
               "RSA primes close enough for Fermat's method", "rejected", ["KeyRsaFermatFactorable"], ["key"])

    pss_key = os.path.join(workdir, "rsa-pss.key")
    openssl("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pss_key)
    corpus.add("key-rsa-pss.pem", openssl("req", "-new", "-key", pss_key, "-subj", "/CN=www.example.com"),
               "an RSA-PSS key (id-RSASSA-PSS)", "rejected", ["KeyTypeUnsupported", "SignatureAlgorithmUnsupported"],
               ["key", "signature"])
    corpus.add("key-dsa.pem", pem(build_csr(dsa.generate_private_key(key_size=2048), *names)), "a DSA key",
               "rejected", ["KeyTypeUnsupported", "SignatureAlgorithmUnsupported"], ["key", "signature"])
    corpus.add("key-ed25519.pem", pem(build_csr(ed25519.Ed25519PrivateKey.generate(), *names, algorithm=None)),
               "an Ed25519 key", "rejected", ["KeyTypeUnsupported", "SignatureAlgorithmUnsupported"],
               ["key", "signature"])
    corpus.add("key-ed448.pem", pem(build_csr(ed448.Ed448PrivateKey.generate(), *names, algorithm=None)),
               "an Ed448 key", "rejected", ["KeyTypeUnsupported", "SignatureAlgorithmUnsupported"],
               ["key", "signature"])
    x_public = x25519.X25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                             serialization.PublicFormat.Raw)
    corpus.add("key-x25519.der", hand_csr_signed_by(seq(seq(oid(OID_X25519)), bit_string(x_public)), rsa_key, *names),
               "an X25519 key (cannot sign; the request is signed by another key)", "rejected",
               ["KeyTypeUnsupported", "SignatureInvalid"], ["key", "signature"])
    corpus.add("key-ec-secp256k1.pem", pem(build_csr(ec.generate_private_key(ec.SECP256K1()), *names)),
               "ECDSA on secp256k1", "rejected", ["KeyCurveUnsupported"], ["key"])
    corpus.add("key-ec-brainpool.pem", pem(build_csr(ec.generate_private_key(ec.BrainpoolP256R1()), *names)),
               "ECDSA on brainpoolP256r1", "rejected", ["KeyCurveUnsupported"], ["key"])
    p521 = pem(build_csr(ec.generate_private_key(ec.SECP521R1()), *names, algorithm="sha384"))
    corpus.add("key-ec-p521.pem", p521, "ECDSA on P-521, refused by default", "rejected", ["KeyCurveUnsupported"],
               ["key"])
    corpus.add("key-ec-p521.pem", None, "ECDSA on P-521 where policy allows it", "accepted",
               policy={"allow_p521": True}, names=["www.example.com"])
    explicit_key = os.path.join(workdir, "explicit.key")
    openssl("ecparam", "-name", "prime256v1", "-param_enc", "explicit", "-genkey", "-noout", "-out", explicit_key)
    corpus.add("key-ec-explicit.pem", openssl("req", "-new", "-key", explicit_key, "-subj", "/CN=www.example.com"),
               "ECDSA with explicit curve parameters", "rejected", ["KeyCurveUnsupported"], ["key"])
    off_curve = seq(seq(oid(OID_EC), oid(OID_P256)), bit_string(b"\x04" + (1).to_bytes(32, "big") * 2))
    corpus.add("key-ec-point-off-curve.der", hand_csr_signed_by(off_curve, ec_key, *names),
               "an ECDSA P-256 public point that is not on the curve", "rejected", ["KeyEcPointInvalid"], ["key"])
    infinity = seq(seq(oid(OID_EC), oid(OID_P256)), bit_string(b"\x00"))
    corpus.add("key-ec-point-infinity.der", hand_csr_signed_by(infinity, ec_key, *names),
               "an ECDSA P-256 public key that is the point at infinity (the signature cannot verify either)",
               "rejected", ["KeyEcPointInvalid", "SignatureInvalid"], ["key", "signature"])
    unknown = seq(seq(oid("1.3.6.1.4.1.55555.1")), bit_string(b"\x01\x02\x03\x04"))
    corpus.add("key-unknown-algorithm.der", hand_csr_signed_by(unknown, rsa_key, *names),
               "a public key of an algorithm nobody knows", "rejected", ["KeyUndecodable"], ["key"])
    blocked = ec.generate_private_key(ec.SECP256R1())
    corpus.add("key-blocked.pem", pem(build_csr(blocked, *names)), "a key on the blocked-key list", "rejected",
               ["KeyBlocked"], ["key"], policy={"blocked_key_digests": [spki_sha256(blocked)]})
    corpus.add("key-blocked.pem", None, "the same key when no key is blocked", "accepted", names=["www.example.com"])


def make_names(corpus, rsa_key, ec_key):
    def add(file_name, common_names, sans, check, codes, policy=None, key=ec_key, general_names=None):
        corpus.add(file_name, pem(build_csr(key, common_names, sans, general_names=general_names)), check, "rejected",
                   codes, ["name"], policy)

    add("name-wildcard-public-suffix.pem", ["*.co.uk"], ["*.co.uk"], "a wildcard directly on a public suffix",
        ["NameWildcardOnPublicSuffix"])
    add("name-two-wildcards.pem", ["www.example.com"], ["*.*.example.com"], "two wildcards", ["NameWildcardMultiple"])
    add("name-wildcard-not-leftmost.pem", ["www.example.com"], ["www.*.example.com"], "a wildcard not leftmost",
        ["NameWildcardNotLeftmost"])
    add("name-partial-wildcard.pem", ["www.example.com"], ["w*.example.com"], "a wildcard that is part of a label",
        ["NameWildcardNotLeftmost"])
    add("name-internal.pem", ["www.example.com"], ["host.local", "intranet.corp", "app.internal"],
        "internal names (.local, .corp, .internal)", ["NameInternal"])
    add("name-single-label.pem", ["www.example.com"], ["intranet"], "a single-label name", ["NameTooFewLabels"])
    add("name-ip-san-private.pem", ["www.example.com"], None, "a private IP address SAN", ["NameIpSanReserved"],
        general_names=[x509.DNSName("www.example.com"), x509.IPAddress(ipaddress.ip_address("10.0.0.1"))])
    add("name-ip-san-public.pem", ["www.example.com"], None, "a public IP address SAN (refused: domain names only)",
        ["NameIpSanUnsupported"],
        general_names=[x509.DNSName("www.example.com"), x509.IPAddress(ipaddress.ip_address("8.8.8.8"))])
    add("name-ip-in-dns-name.pem", ["www.example.com"], ["www.example.com", "192.0.2.7"],
        "an IP address written as a dNSName", ["NameIsIpAddress"])
    long_cn = "a" * 53 + ".example.com"
    assert len(long_cn) == 65
    numbers = rsa_key.private_numbers()
    n, e, d = numbers.public_numbers.n, numbers.public_numbers.e, numbers.d
    corpus.add("name-cn-too-long.pem", der_to_pem(hand_csr_rsa(n, e, d, [long_cn], [long_cn])),
               "a CN of 65 characters (encoded by hand: libraries refuse to)", "rejected",
               ["NameCommonNameTooLong"], ["name"])
    add("name-cn-ip.pem", ["203.0.113.9"], ["www.example.com"], "an IP address as the CN", ["NameCommonNameIsIp"])
    add("name-bad-punycode.pem", ["www.example.com"], ["xn--999999999999a.example.com"],
        "an xn-- label that is not valid punycode", ["NamePunycodeInvalid"])
    add("name-reserved-label.pem", ["www.example.com"], ["ab--cd.example.com"], "a reserved ??-- label that is not xn--",
        ["NameReservedLabel"])
    add("name-trailing-dot.pem", ["www.example.com"], ["example.com."], "a trailing dot", ["NameTrailingDot"])
    add("name-label-too-long.pem", ["www.example.com"], ["a" * 64 + ".example.com"], "a label of 64 characters",
        ["NameLabelTooLong"])
    add("name-empty-label.pem", ["www.example.com"], ["www..example.com"], "an empty label", ["NameLabelEmpty"])
    add("name-leading-hyphen.pem", ["www.example.com"], ["-www.example.com"], "a label starting with a hyphen",
        ["NameLabelHyphen"])
    add("name-trailing-hyphen.pem", ["www.example.com"], ["www-.example.com"], "a label ending with a hyphen",
        ["NameLabelHyphen"])
    add("name-bad-characters.pem", ["www.example.com"], ["under_score.example.com"], "an underscore in a name",
        ["NameInvalidCharacters"])
    corpus.add("name-unicode.pem",
               der_to_pem(hand_csr_rsa(n, e, d, ["www.example.com"], ["www.example.com", "bücher.example.com".encode()])),
               "a name in Unicode instead of punycode", "rejected", ["NameInvalidCharacters"], ["name"])
    long_name = ".".join(["a" * 63] * 4) + ".com"
    assert len(long_name) > 253
    add("name-too-long.pem", ["www.example.com"], [long_name], "a name over 253 characters", ["NameTooLong"])
    add("name-public-suffix.pem", ["www.example.com"], ["co.uk"], "a name that is itself a public suffix",
        ["NameIsPublicSuffix"])
    add("name-empty-dns-name.pem", ["www.example.com"], ["www.example.com", ""], "an empty dNSName", ["NameEmpty"])
    add("name-none.pem", [], [], "no CN and no SAN", ["NameMissing"])
    many = ["host%d.example.com" % i for i in range(101)]
    add("name-too-many.pem", [many[0]], many, "101 names (the default limit is 100)", ["NameTooMany"])
    add("name-over-policy-limit.pem", ["a.example.com"], ["a.example.com", "b.example.com", "c.example.com"],
        "3 names where policy allows 2", ["NameTooMany"], policy={"max_names": 2})
    add("name-email-san.pem", ["www.example.com"], None, "an email address SAN", ["NameEmailSan"],
        general_names=[x509.DNSName("www.example.com"), x509.RFC822Name("admin@example.com")])
    add("name-uri-san.pem", ["www.example.com"], None, "a URI SAN", ["NameUriSan"],
        general_names=[x509.DNSName("www.example.com"), x509.UniformResourceIdentifier("https://www.example.com/")])
    add("name-othername-san.pem", ["www.example.com"], None, "an otherName SAN (a UPN)", ["NameSanTypeUnsupported"],
        general_names=[x509.DNSName("www.example.com"),
                       x509.OtherName(x509.ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), utf8_string("admin@example.com"))])
    add("name-blocked.pem", ["shop.blocked-brand.com"], ["shop.blocked-brand.com"],
        "a subdomain of a name blocked by policy", ["NameBlocked"], policy={"blocked_names": ["blocked-brand.com"]})
    add("name-two-cns.pem", ["www.example.com", "example.com"], ["www.example.com", "example.com"], "two CNs",
        ["NameCommonNameMultiple"])


def make_mixed(corpus):
    ed = ed25519.Ed25519PrivateKey.generate()
    corpus.add("mixed-ed25519-bad-names.pem",
               pem(build_csr(ed, ["*.co.uk"], ["*.co.uk", "host.local"], algorithm=None)),
               "an unsupported key does not hide the name problems", "rejected",
               ["KeyTypeUnsupported", "SignatureAlgorithmUnsupported", "NameWildcardOnPublicSuffix", "NameInternal"],
               ["key", "signature", "name"])
    p = random_prime(512)
    q = random_prime(512)
    corpus.add("mixed-everything-wrong.pem",
               der_to_pem(hand_csr_rsa(p * q, 65537, private_exponent(65537, [p, q]), ["10.1.2.3"],
                                       [b"intranet", b"*.com", b"www.example.com"], "sha1")),
               "RSA 1024, SHA-1, an IP CN, a single-label name, a wildcard on a TLD", "rejected",
               ["SignatureAlgorithmWeak", "KeyRsaSizeUnsupported", "NameCommonNameIsIp", "NameTooFewLabels",
                "NameWildcardOnPublicSuffix"],
               ["signature", "key", "name"])


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make_bad_csrs.py OUTPUT_DIR\n")
        return 2
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    manifest_path = os.path.join(directory, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as previous:
            stale = {entry["file"] for entry in json.load(previous)["entries"]}
        for file_name in stale | {"manifest.json"}:
            if os.path.exists(os.path.join(directory, file_name)):
                os.remove(os.path.join(directory, file_name))
    elif os.listdir(directory):
        sys.stderr.write("make_bad_csrs.py: %s is not empty and holds no corpus; not writing there\n" % directory)
        return 2
    corpus = Corpus(directory)
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    with tempfile.TemporaryDirectory() as workdir:
        make_good(corpus, rsa_key, ec_key)
        make_format(corpus, rsa_key, ec_key)
        make_signature(corpus, rsa_key, ec_key, workdir)
        make_keys(corpus, rsa_key, ec_key, workdir)
        make_names(corpus, rsa_key, ec_key)
        make_mixed(corpus)
    corpus.write_manifest()
    print("wrote %d corpus entries to %s" % (len(corpus.entries), directory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
