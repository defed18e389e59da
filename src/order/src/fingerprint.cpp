// SHA-256 fingerprints of downloaded certificates.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <string_view>

#include "casim/order/result.hpp"

namespace casim::order {

std::string sha256_fingerprint(const std::string& pem) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return "";
  // The digest of the certificate's DER as the PEM carries it (what X509_digest hashes), without
  // parsing the certificate: decoding its public key is most of the cost of a parse. Blocks of
  // other kinds before it are skipped, as PEM_read_bio_X509 skips them.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  bool found = false;
  bool hashed = false;
  while (!found) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* der = nullptr;
    long der_length = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &der, &der_length) != 1) break;
    found = std::string_view(name) == PEM_STRING_X509;
    hashed = found && EVP_Digest(der, static_cast<std::size_t>(der_length), digest, &length, EVP_sha256(), nullptr) == 1;
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(der);
  }
  if (!hashed) return "";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    if (i > 0) text += ':';
    text += kHex[digest[i] >> 4];
    text += kHex[digest[i] & 0xF];
  }
  return text;
}

}  // namespace casim::order
