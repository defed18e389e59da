// SHA-256 fingerprints of downloaded certificates.
#include <openssl/evp.h>

#include <memory>
#include <string_view>

#include "casim/order/result.hpp"

namespace casim::order {
namespace {

// SHA-256 fetched once and shared read-only: EVP_sha256() would look it up again for every digest.
const EVP_MD* fingerprint_digest() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> digest(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                        &EVP_MD_free);
  return digest.get();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string sha256_fingerprint(const std::string& pem) {
  // The digest of the certificate's DER as the PEM carries it (what X509_digest hashes), without
  // parsing the certificate: decoding its public key is most of the cost of a parse. Blocks of
  // other kinds before it are skipped, as PEM_read_bio_X509 skips them.
  constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
  constexpr std::string_view kEnd = "-----END CERTIFICATE-----";
  const std::string_view text(pem);
  const auto begin = text.find(kBegin);
  const auto end = begin == std::string_view::npos ? begin : text.find(kEnd, begin + kBegin.size());
  if (end == std::string_view::npos) return "";
  std::string base64;
  for (const char c : text.substr(begin + kBegin.size(), end - begin - kBegin.size())) {
    if (!is_space(c)) base64 += c;
  }
  if (base64.empty() || base64.size() % 4 != 0) return "";
  std::string der(base64.size() / 4 * 3, '\0');
  const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(der.data()),
                                      reinterpret_cast<const unsigned char*>(base64.data()),
                                      static_cast<int>(base64.size()));
  if (decoded < 0) return "";
  const std::size_t padding = base64.ends_with("==") ? 2 : base64.ends_with('=') ? 1 : 0;  // decoded as zeros
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(der.data(), static_cast<std::size_t>(decoded) - padding, digest, &length, fingerprint_digest(),
                 nullptr) != 1) {
    return "";
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    if (i > 0) hex += ':';
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace casim::order
