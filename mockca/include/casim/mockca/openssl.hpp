// Owning handles for OpenSSL objects and the error text of OpenSSL's queue. Every mockca file that
// touches OpenSSL uses these instead of raw pointers.
#pragma once

#include <memory>
#include <string>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace casim::mockca::ossl {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* pointer) const noexcept { Free(pointer); }
};

using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using BnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using X509Req = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using X509Crl = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using X509Name = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using X509Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using X509Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using X509StoreCtx = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using GeneralNames = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using Asn1Integer = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;
using Asn1Time = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;
using Md = std::unique_ptr<EVP_MD, Deleter<EVP_MD_free>>;
using X509Pubkey = std::unique_ptr<X509_PUBKEY, Deleter<X509_PUBKEY_free>>;
using X509Revoked = std::unique_ptr<X509_REVOKED, Deleter<X509_REVOKED_free>>;
using Asn1OctetString = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING_free>>;
using Asn1Enumerated = std::unique_ptr<ASN1_ENUMERATED, Deleter<ASN1_ENUMERATED_free>>;

// Drains OpenSSL's error queue into one line ("" when it is empty).
std::string drain_errors();

}  // namespace casim::mockca::ossl
