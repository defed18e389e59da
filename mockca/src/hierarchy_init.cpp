// Creating a hierarchy — under a lock, whole in a temporary folder renamed into place — and
// reusing or extending one (init_hierarchy in hierarchy.hpp): key generation and the CA certificates.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "ca_description.hpp"
#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/files.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/sim/error.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTestPkiOrganization = "casim test PKI";
constexpr std::string_view kRootCommonName = "casim Test Root \u2014 NOT FOR PRODUCTION";

std::string intermediate_common_name(std::string_view brand, ValidationLevel level) {
  return fmt::format("casim Test {} {} CA \u2014 NOT FOR PRODUCTION", brand, level_name(level));
}

ossl::Pkey generate_key(CaKeyType type, bool root) {
  EVP_PKEY* key = type == CaKeyType::Ecdsa
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{root ? 3072u : 2048u});
  if (key == nullptr) throw std::runtime_error("key generation failed: " + ossl::drain_errors());
  return ossl::Pkey(key);
}

// A CA certificate for `key` named `subject`, signed by `issuer_key` (`issuer` null: self-signed).
ossl::X509Ptr make_ca_certificate(const X509_NAME& subject, EVP_PKEY& key, X509* issuer,
                                  EVP_PKEY& issuer_key,
                                  const std::vector<std::pair<int, std::string>>& extensions) {
  ossl::X509Ptr cert(X509_new());
  if (!cert) throw std::bad_alloc();
  const auto serial = x509::random_serial();
  const X509_NAME* issuer_name = issuer != nullptr ? X509_get_subject_name(issuer) : &subject;
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_serialNumber(cert.get(), serial.get()) != 1 ||
      X509_set_subject_name(cert.get(), &subject) != 1 ||
      X509_set_issuer_name(cert.get(), issuer_name) != 1 || X509_set_pubkey(cert.get(), &key) != 1) {
    throw std::runtime_error("cannot build a CA certificate: " + ossl::drain_errors());
  }
  x509::set_time(*X509_getm_notBefore(cert.get()), sim::parse_instant(kCaNotBefore));
  x509::set_time(*X509_getm_notAfter(cert.get()), sim::parse_instant(kCaNotAfter));
  X509* context_issuer = issuer != nullptr ? issuer : cert.get();
  for (const auto& [nid, value] : extensions) {
    const auto extension = x509::make_extension(nid, value, context_issuer, cert.get());
    if (X509_add_ext(cert.get(), extension.get(), -1) != 1) {
      throw std::runtime_error("cannot add an extension: " + ossl::drain_errors());
    }
  }
  if (X509_sign(cert.get(), &issuer_key, EVP_sha256()) <= 0) {
    throw std::runtime_error("cannot sign a CA certificate: " + ossl::drain_errors());
  }
  return cert;
}

void write_key_and_cert(const fs::path& dir, const EVP_PKEY& key, const X509& cert) {
  make_private_dir(dir);
  write_file_atomic(dir / "key.pem", x509::private_key_pem(key), kPrivateFileMode);
  write_file_atomic(dir / "cert.pem", x509::pem_of(cert), kPublicFileMode);
}

// Creates the three issuing intermediates of `brand` under `dir`, signed by the root.
void create_brand(const fs::path& dir, CaDescription& description, std::string_view brand,
                  X509& root, EVP_PKEY& root_key) {
  for (const auto level : kValidationLevels) {
    const std::string relative = fmt::format("{}/{}", brand, level_dir_name(level));
    auto key = generate_key(description.key_type, false);
    const auto subject = x509::make_name(
        {{"O", std::string(kTestPkiOrganization)}, {"CN", intermediate_common_name(brand, level)}});
    const auto cert = make_ca_certificate(
        *subject, *key, &root, root_key,
        {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
         {NID_key_usage, "critical,digitalSignature,keyCertSign,cRLSign"},
         {NID_ext_key_usage, "serverAuth,clientAuth"},
         {NID_certificate_policies, std::string(level_policy_oid(level))},
         {NID_subject_key_identifier, "hash"},
         {NID_authority_key_identifier, "keyid:always"},
         {NID_info_access, "caIssuers;URI:" + description.urls.root_ca_issuers},
         {NID_crl_distribution_points, "URI:" + description.urls.root_crl}});
    write_key_and_cert(dir / relative, *key, *cert);
    description.cas.push_back({std::string(brand), level, relative});
    description.subjects.push_back(x509::name_text(*X509_get_subject_name(cert.get())));
  }
}

// The description of the hierarchy in `dir`, refused when it has another key type than asked.
CaDescription read_reusable(const fs::path& dir, const InitOptions& options) {
  CaDescription description = read_ca_description(dir);
  if (options.key_type && *options.key_type != description.key_type) {
    throw InputError(dir.string(), fmt::format("already holds an {} hierarchy; not replacing it with {} "
                                               "(use another --dir, or remove this one first)",
                                               key_type_name(description.key_type), key_type_name(*options.key_type)));
  }
  return description;
}

std::vector<std::string> missing_brands(const CaDescription& description, const std::vector<std::string>& wanted) {
  const std::vector<std::string> brands = brands_of(description);
  std::vector<std::string> missing;
  for (const auto& brand : wanted) {
    if (!has_brand(brands, brand)) missing.push_back(brand);
  }
  return missing;
}

InitOutcome outcome_of(const CaDescription& description, InitOutcome::Action action,
                       std::vector<std::string> added_brands) {
  InitOutcome outcome;
  outcome.action = action;
  outcome.key_type = description.key_type;
  outcome.brands = brands_of(description);
  outcome.added_brands = std::move(added_brands);
  return outcome;
}

// Adds the brands of `wanted` that the hierarchy in `dir` lacks, under the same root (the caller
// holds the creation lock); ca.json, rewritten last, lists them only once they are complete.
InitOutcome extend(const fs::path& dir, const InitOptions& options, const std::vector<std::string>& wanted) {
  CaDescription description = read_reusable(dir, options);
  std::vector<std::string> added = missing_brands(description, wanted);
  if (!added.empty()) {
    const auto root = x509::parse_certificate_pem(sim::read_input_file(dir / "root" / "cert.pem", kCaFile), (dir / "root" / "cert.pem").string());
    const auto root_key =
        x509::parse_private_key_pem(sim::read_input_file(dir / "root" / "key.pem", kCaFile), (dir / "root" / "key.pem").string());
    for (const auto& brand : added) create_brand(dir, description, brand, *root, *root_key);
    write_file_atomic(dir / "ca.json", ca_description_text(description), kPublicFileMode);
  }
  const auto action = added.empty() ? InitOutcome::Action::Reused : InitOutcome::Action::Extended;
  return outcome_of(description, action, std::move(added));
}

// Throws InputError unless `target` (named without a trailing '/') is missing, an empty directory,
// or a hierarchy another creator has just put in place (ca.json there: the caller goes on to reuse it).
void check_creatable(const fs::path& target) {
  const std::string name = target.filename().string();
  if (name == "." || name == "..") {
    throw InputError(target.string(), "name the new CA folder by its own name, not '.' or '..'");
  }
  struct stat info {};
  if (::lstat(target.c_str(), &info) != 0) return;  // missing: made below (any other problem shows then)
  if (S_ISLNK(info.st_mode) || !S_ISDIR(info.st_mode)) {
    throw InputError(target.string(), "is a symbolic link or not a directory; keys are kept only in real directories");
  }
  std::error_code error;
  if (!fs::is_empty(target, error) && !fs::exists(target / "ca.json")) {
    throw InputError(target.string(), "exists, is not empty, and holds no casim CA (no ca.json); "
                                      "not writing into it (choose a new or empty directory)");
  }
}

// A new folder `<prefix>XXXXXX` (mode 0700) in `parent`, removed with its contents unless kept.
class TemporaryFolder {
 public:
  TemporaryFolder(const fs::path& parent, const std::string& prefix) {
    std::string name = (parent / (prefix + "XXXXXX")).string();
    if (::mkdtemp(name.data()) == nullptr) {
      throw InputError(parent.string(), std::string("cannot create a temporary folder: ") + std::strerror(errno));
    }
    path_ = name;
    if (::chmod(name.c_str(), kPrivateDirMode) != 0) {
      const std::string why = std::strerror(errno);
      ::rmdir(name.c_str());
      throw InputError(name, "cannot set mode 0700 on: " + why);
    }
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    if (!kept_) fs::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const fs::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  fs::path path_;
  bool kept_ = false;
};

// Removes the temporary folders `<prefix>XXXXXX` in `parent` that killed creators left (the
// caller holds the creation lock, so no creator is at work in one).
void remove_abandoned(const fs::path& parent, const std::string& prefix) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(parent, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() == prefix.size() + 6 && name.starts_with(prefix)) fs::remove_all(entry.path(), error);
  }
}

// Writes a new hierarchy into `dir` (an empty folder).
CaDescription write_new_hierarchy(const fs::path& dir, const InitOptions& options, const std::vector<std::string>& brands) {
  CaDescription description;
  description.key_type = options.key_type.value_or(CaKeyType::Ecdsa);
  description.default_brand = brands.front();
  auto root_key = generate_key(description.key_type, true);
  const auto root_subject =
      x509::make_name({{"O", std::string(kTestPkiOrganization)}, {"CN", std::string(kRootCommonName)}});
  auto root = make_ca_certificate(*root_subject, *root_key, nullptr, *root_key,
                                  {{NID_basic_constraints, "critical,CA:TRUE"},
                                   {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                   {NID_subject_key_identifier, "hash"}});
  write_key_and_cert(dir / "root", *root_key, *root);
  description.root_subject = x509::name_text(*root_subject);
  for (const auto& brand : brands) create_brand(dir, description, brand, *root, *root_key);
  CaState{}.save(dir / "state.json");
  // ca.json last: its presence marks a complete hierarchy.
  write_file_atomic(dir / "ca.json", ca_description_text(description), kPublicFileMode);
  return description;
}

// Creates the hierarchy in a temporary folder beside `target` and renames it into place (atomic:
// `target` is missing or an empty folder), so that no one ever sees half a CA there.
InitOutcome create(const fs::path& target, const fs::path& parent, const InitOptions& options,
                   std::vector<std::string> wanted) {
  if (wanted.empty()) wanted.emplace_back(kDefaultBrand);
  const std::string prefix = fmt::format(".{}.ca-tmp-", target.filename().string());
  remove_abandoned(parent, prefix);
  TemporaryFolder folder(parent, prefix);
  const CaDescription description = write_new_hierarchy(folder.path(), options, wanted);
  if (::rename(folder.path().c_str(), target.c_str()) != 0) {
    throw InputError(target.string(), std::string("cannot put the new CA in place: ") + std::strerror(errno));
  }
  folder.keep();
  return outcome_of(description, InitOutcome::Action::Created, std::move(wanted));
}

}  // namespace

InitOutcome init_hierarchy(const fs::path& dir, const InitOptions& options) {
  std::vector<std::string> wanted;
  for (const auto& brand : options.brands) {
    if (!is_valid_brand(brand)) throw std::invalid_argument("invalid brand name '" + brand + "'");
    if (!has_brand(wanted, brand)) wanted.push_back(brand);
  }
  const fs::path target = dir.has_filename() ? dir : dir.parent_path();  // "ca/" names "ca"
  // Unlocked first: a complete hierarchy (ca.json, written last) is only ever added to, and a
  // hierarchy on a read-only mount can be used where no lock file can be made.
  if (fs::exists(dir / "ca.json")) {
    const CaDescription description = read_reusable(dir, options);
    if (missing_brands(description, wanted).empty()) return outcome_of(description, InitOutcome::Action::Reused, {});
  } else {
    check_creatable(target);
  }
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::exists(parent)) make_private_dir(parent);
  // Creators of one CA (parallel shards sharing --ca) take turns; a later one finds it made.
  const FileLock lock(parent / fmt::format(".{}.lock", target.filename().string()), FileLock::LockFile::Remove);
  if (fs::exists(dir / "ca.json")) return extend(dir, options, wanted);
  check_creatable(target);
  return create(target, parent, options, wanted);
}

}  // namespace casim::mockca
