// Test helpers for the mock CA's PKI: hierarchies made once per test process (ECDSA and RSA),
// subscriber keys, DER/PEM conversions, certificate parsing, and finding programs on PATH.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/openssl.hpp"
#include "temp_dir.hpp"

namespace casim::test {

// The full path of `name` found on PATH, or "" when it is not there.
inline std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream directories(path == nullptr ? "/usr/bin:/bin" : path);
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    const auto candidate = std::filesystem::path(directory.empty() ? "." : directory) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// A hierarchy (default brand "casim") created on first use and kept for the whole test process.
struct TestCa {
  std::unique_ptr<TempDir> dir;
  std::filesystem::path path;
  mockca::Hierarchy hierarchy;
};

inline const TestCa& test_ca(mockca::CaKeyType type) {
  static std::map<mockca::CaKeyType, std::unique_ptr<TestCa>> cas;
  auto& slot = cas[type];
  if (!slot) {
    auto dir = std::make_unique<TempDir>();
    const auto path = dir->path() / "ca";
    mockca::init_hierarchy(path, {type, {}});
    slot.reset(new TestCa{std::move(dir), path, mockca::Hierarchy::load(path)});
  }
  return *slot;
}

// A fresh subscriber key: ECDSA P-256, or RSA 2048.
inline mockca::ossl::Pkey make_key(bool rsa) {
  EVP_PKEY* key = rsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048})
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) throw std::runtime_error("key generation failed");
  return mockca::ossl::Pkey(key);
}

inline mockca::ossl::X509Ptr parse_der(const std::string& der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  return mockca::ossl::X509Ptr(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
}

inline std::string memory_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

inline std::string der_to_pem(const std::string& der) {
  const auto cert = parse_der(der);
  const mockca::ossl::Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert.get());
  return memory_text(bio.get());
}

inline std::string key_pem(const EVP_PKEY& key) {
  const mockca::ossl::Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), &key, nullptr, nullptr, 0, nullptr, nullptr);
  return memory_text(bio.get());
}

inline mockca::ossl::X509Ptr parse_pem(const std::string& pem) {
  const mockca::ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return mockca::ossl::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// The instant an ASN1_TIME names.
inline sim::Instant instant_of(const ASN1_TIME& time) {
  std::tm parts{};
  ASN1_TIME_to_tm(&time, &parts);
  return sim::Instant{std::chrono::seconds{timegm(&parts)}};
}

// A SHA-256 PKCS#10 request for `key` with CN = the first name and every name in the SANs.
inline std::string make_csr_pem(EVP_PKEY& key, const std::vector<std::string>& names) {
  const mockca::ossl::X509Req request(X509_REQ_new());
  X509_REQ_set_version(request.get(), 0);
  X509_NAME* subject = X509_REQ_get_subject_name(request.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(names.front().c_str()),
                             -1, -1, 0);
  X509_REQ_set_pubkey(request.get(), &key);
  std::string alt_names;
  for (const auto& name : names) alt_names += (alt_names.empty() ? "DNS:" : ",DNS:") + name;
  STACK_OF(X509_EXTENSION)* extensions = sk_X509_EXTENSION_new_null();
  sk_X509_EXTENSION_push(extensions, X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, alt_names.c_str()));
  X509_REQ_add_extensions(request.get(), extensions);
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  X509_REQ_sign(request.get(), &key, EVP_sha256());
  const mockca::ossl::Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_REQ(bio.get(), request.get());
  return memory_text(bio.get());
}

}  // namespace casim::test
