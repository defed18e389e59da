#!/usr/bin/env python3
"""Verifies an issued server certificate with Python cryptography's WebPKI path validator
(cryptography.x509.verification, cryptography >= 42), written apart from OpenSSL's verifier.

usage: verify_with_cryptography.py --root ROOT.pem --cert CERT.pem [--chain CHAIN.pem]
                                   --time EPOCH_SECONDS NAME [NAME ...]

Builds a server verifier for each NAME (a DNS name the certificate must be valid for) at the
given time and verifies the certificate against the root, with the chain's intermediates.
Exit 0: verified for every name. 1: some name failed (each is printed). 3: SKIPPED, this Python
has no cryptography >= 42.
"""
import argparse
import datetime
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="trusted root certificate(s), PEM")
    parser.add_argument("--cert", required=True, help="the server certificate, PEM")
    parser.add_argument("--chain", help="intermediate certificates, PEM")
    parser.add_argument("--time", required=True, type=int, help="verification time, seconds since the epoch")
    parser.add_argument("names", nargs="+", help="DNS names to verify the certificate for")
    args = parser.parse_args()

    try:
        from cryptography import x509
        from cryptography.x509.verification import PolicyBuilder, Store, VerificationError
    except ImportError as error:
        print(f"SKIPPED: no cryptography >= 42 with x509.verification in {sys.executable}: {error}")
        return 3

    with open(args.root, "rb") as file:
        store = Store(x509.load_pem_x509_certificates(file.read()))
    with open(args.cert, "rb") as file:
        leaf = x509.load_pem_x509_certificate(file.read())
    intermediates = []
    if args.chain:
        with open(args.chain, "rb") as file:
            intermediates = x509.load_pem_x509_certificates(file.read())
    when = datetime.datetime.fromtimestamp(args.time, tz=datetime.timezone.utc)

    failures = 0
    for name in args.names:
        verifier = PolicyBuilder().store(store).time(when).build_server_verifier(x509.DNSName(name))
        try:
            chain = verifier.verify(leaf, intermediates)
            print(f"OK {name}: a path of {len(chain)} certificates")
        except VerificationError as error:
            print(f"FAIL {name}: {error}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
