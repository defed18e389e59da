// Serials, times, names, PEM/DER forms and configured extensions over OpenSSL.
#include "x509_util.hpp"

#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/conf.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "casim/sim/error.hpp"

namespace casim::mockca::x509 {
namespace {

std::string bio_text(BIO& bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(&bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

ossl::Bio memory_bio() {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) throw std::bad_alloc();
  return bio;
}

ossl::Bio read_bio(std::string_view bytes) {
  ossl::Bio bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) throw std::bad_alloc();
  return bio;
}

// Never prompts for a passphrase: an encrypted key is simply unreadable here.
int no_passphrase(char*, int, int, void*) { return 0; }

}  // namespace

ossl::Asn1Integer random_serial() {
  unsigned char bytes[16];
  ossl::Bignum number(BN_new());
  if (!number) throw std::bad_alloc();
  do {
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
    bytes[0] &= 0x7f;
    if (BN_bin2bn(bytes, sizeof bytes, number.get()) == nullptr) throw std::bad_alloc();
  } while (BN_is_zero(number.get()));
  ossl::Asn1Integer serial(BN_to_ASN1_INTEGER(number.get(), nullptr));
  if (!serial) throw std::bad_alloc();
  return serial;
}

std::string serial_hex(const ASN1_INTEGER& serial) {
  ossl::Bignum number(ASN1_INTEGER_to_BN(&serial, nullptr));
  if (!number) throw std::runtime_error("unreadable serial number");
  char* hex = BN_bn2hex(number.get());
  if (hex == nullptr) throw std::bad_alloc();
  std::string text(hex);
  OPENSSL_free(hex);
  if (text == "0") text = "00";
  return text;
}

void set_time(ASN1_TIME& time, sim::Instant instant) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  if (ASN1_TIME_set(&time, static_cast<time_t>(seconds)) == nullptr) {
    throw std::invalid_argument("instant out of the range of X.509 times");
  }
}

sim::Instant to_instant(const ASN1_TIME& time) {
  std::tm parts{};
  if (ASN1_TIME_to_tm(&time, &parts) != 1) throw InputError("certificate", "malformed time");
  return sim::Instant{std::chrono::seconds{timegm(&parts)}};
}

ossl::X509Name make_name(const std::vector<std::pair<std::string, std::string>>& entries) {
  ossl::X509Name name(X509_NAME_new());
  if (!name) throw std::bad_alloc();
  for (const auto& [field, value] : entries) {
    if (X509_NAME_add_entry_by_txt(name.get(), field.c_str(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.data()),
                                   static_cast<int>(value.size()), -1, 0) != 1) {
      throw std::invalid_argument("cannot add " + field + "=" + value + " to a name: " +
                                  ossl::drain_errors());
    }
  }
  return name;
}

std::string name_text(const X509_NAME& name) {
  auto bio = memory_bio();
  X509_NAME_print_ex(bio.get(), &name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return bio_text(*bio);
}

ossl::X509Ext make_extension(int nid, const std::string& value, X509* issuer, X509* subject) {
  // Some extensions (certificatePolicies) need a configuration database, even an empty one.
  const std::unique_ptr<CONF, ossl::Deleter<NCONF_free>> config(NCONF_new(nullptr));
  if (!config) throw std::bad_alloc();
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, subject, nullptr, nullptr, 0);
  X509V3_set_nconf(&context, config.get());
  ossl::X509Ext extension(X509V3_EXT_nconf_nid(config.get(), &context, nid, value.c_str()));
  if (!extension) {
    throw std::invalid_argument("cannot build extension " + std::string(OBJ_nid2sn(nid)) + " = " +
                                value + ": " + ossl::drain_errors());
  }
  return extension;
}

const EVP_MD& sha256() {
  static const ossl::Md digest(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  if (!digest) throw std::runtime_error("SHA-256 unavailable: " + ossl::drain_errors());
  return *digest;
}

std::string signature_algorithm_der(const EVP_PKEY& key) {
  const int type = EVP_PKEY_get_base_id(&key);
  if (type != EVP_PKEY_EC && type != EVP_PKEY_RSA) throw std::invalid_argument("a key that is neither EC nor RSA");
  std::unique_ptr<X509_ALGOR, ossl::Deleter<X509_ALGOR_free>> algorithm(X509_ALGOR_new());
  if (!algorithm) throw std::bad_alloc();
  if (type == EVP_PKEY_EC) {
    X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_ecdsa_with_SHA256), V_ASN1_UNDEF, nullptr);
  } else {
    X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256WithRSAEncryption), V_ASN1_NULL, nullptr);
  }
  unsigned char* bytes = nullptr;
  const int size = i2d_X509_ALGOR(algorithm.get(), &bytes);
  if (size <= 0) throw std::runtime_error("cannot encode a signature algorithm");
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  OPENSSL_free(bytes);
  return out;
}

ossl::PkeyCtx make_signer(EVP_PKEY& key) {
  ossl::PkeyCtx signer(EVP_PKEY_CTX_new_from_pkey(nullptr, &key, nullptr));
  if (!signer || EVP_PKEY_sign_init(signer.get()) != 1 ||
      (EVP_PKEY_get_base_id(&key) == EVP_PKEY_RSA &&
       EVP_PKEY_CTX_set_rsa_padding(signer.get(), RSA_PKCS1_PADDING) != 1) ||
      EVP_PKEY_CTX_set_signature_md(signer.get(), &sha256()) != 1) {
    throw std::runtime_error("cannot set up signing: " + ossl::drain_errors());
  }
  return signer;
}

std::string pem_of(const X509& cert) {
  auto bio = memory_bio();
  if (PEM_write_bio_X509(bio.get(), &cert) != 1) throw std::runtime_error("cannot write PEM");
  return bio_text(*bio);
}

std::string pem_from_der(const char* label, std::string_view der) {
  // As PEM_write_bio writes it (lines of 64 characters), without a BIO.
  std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()),
                                     reinterpret_cast<const unsigned char*>(der.data()), static_cast<int>(der.size()));
  base64.resize(static_cast<std::size_t>(length));
  std::string pem = fmt::format("-----BEGIN {}-----\n", label);
  pem.reserve(pem.size() * 2 + base64.size() + base64.size() / 64 + 2);
  for (std::size_t at = 0; at < base64.size(); at += 64) {
    pem.append(base64, at, 64);
    pem += '\n';
  }
  return pem + fmt::format("-----END {}-----\n", label);
}

std::string private_key_pem(const EVP_PKEY& key) {
  auto bio = memory_bio();
  if (PEM_write_bio_PrivateKey(bio.get(), &key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot write a private key: " + ossl::drain_errors());
  }
  return bio_text(*bio);
}

ossl::X509Ptr parse_certificate_pem(std::string_view pem, const std::string& where) {
  auto bio = read_bio(pem);
  ossl::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, no_passphrase, nullptr));
  if (!cert) throw InputError(where, "not a PEM certificate (" + ossl::drain_errors() + ")");
  return cert;
}

ossl::Pkey parse_private_key_pem(std::string_view pem, const std::string& where) {
  auto bio = read_bio(pem);
  ossl::Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) throw InputError(where, "not a PEM private key (" + ossl::drain_errors() + ")");
  return key;
}

}  // namespace casim::mockca::x509
