// The mock CA's local PKI: a self-signed test root and, per brand, one issuing intermediate for
// each validation level, kept in a directory a person can read:
//
//   DIR/ca.json                       what the hierarchy is (key type, brands, URLs, subjects)
//   DIR/state.json                    issued certificates, revocations, CRL numbers (ca_state.hpp)
//   DIR/root/{cert.pem,key.pem}       the root
//   DIR/<brand>/<dv|ov|ev>/{cert.pem,key.pem}   the issuing intermediates (and their CRLs)
//
// Directories are 0700, keys 0600, and every file is written through a temporary file and a
// rename; a new hierarchy is made whole in a temporary folder beside DIR and renamed into place.
// `init_hierarchy` creates or reuses one; `Hierarchy::load` reads it once, keeping the
// parsed keys and certificates in memory for signing.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/openssl.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

enum class CaKeyType { Ecdsa, Rsa };  // ECDSA P-256, or RSA (2048 intermediates, 3072 root)

std::string_view key_type_name(CaKeyType type);  // "ecdsa", "rsa"
std::optional<CaKeyType> parse_key_type(std::string_view text);

inline constexpr std::string_view kDefaultBrand = "casim";
// Every CA certificate of a hierarchy is valid over this window, so that simulated issuance at
// any date from the 825-day era to the 47-day era chains to a valid root.
inline constexpr std::string_view kCaNotBefore = "2015-01-01T00:00:00Z";
inline constexpr std::string_view kCaNotAfter = "2049-12-31T23:59:59Z";

// A brand name: 1 to 20 letters, digits or hyphens, not "root" (it names a directory).
bool is_valid_brand(std::string_view brand);

// One issuing intermediate, parsed once.
struct IssuingCa {
  std::string brand;
  ValidationLevel level = ValidationLevel::DV;
  std::filesystem::path dir;       // DIR/<brand>/<level>
  ossl::X509Ptr cert;
  ossl::Pkey key;
  std::string cert_pem;            // as on disk; what chain.pem holds
  std::string ca_issuers_url;      // this CA's certificate, for its leaves' AIA
  std::string crl_url;             // this CA's CRL, for its leaves' CRL distribution point
  sim::Instant not_before;
  sim::Instant not_after;
};

class Hierarchy {
 public:
  // Reads DIR once: ca.json, every certificate and key. Throws InputError (naming the file)
  // when DIR is not a hierarchy or a file is missing, unreadable, or does not match its key.
  static Hierarchy load(const std::filesystem::path& dir);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path state_file() const { return dir_ / "state.json"; }
  CaKeyType key_type() const { return key_type_; }
  const std::string& default_brand() const { return default_brand_; }
  std::vector<std::string> brands() const;  // in ca.json order

  const X509& root() const { return *root_; }
  const EVP_PKEY& root_key() const { return *root_key_; }
  const std::string& root_pem() const { return root_pem_; }

  // The CA's folders and private files (keys, state.json) that load found open to group or others,
  // each as "PATH has mode 0MMM: group or others may read or replace the CA's keys (…)": casim
  // makes them 0700 and 0600; a shared setup may want them open, so this is a warning, not an error.
  const std::vector<std::string>& open_permissions() const { return open_permissions_; }

  // The issuing CA for a brand ("" = the default brand) and level; null when there is none.
  const IssuingCa* find(std::string_view brand, ValidationLevel level) const;
  std::span<const IssuingCa> issuing_cas() const { return issuing_cas_; }

 private:
  std::filesystem::path dir_;
  CaKeyType key_type_ = CaKeyType::Ecdsa;
  std::string default_brand_;
  ossl::X509Ptr root_;
  ossl::Pkey root_key_;
  std::string root_pem_;
  std::vector<IssuingCa> issuing_cas_;
  std::vector<std::string> open_permissions_;
};

struct InitOptions {
  std::optional<CaKeyType> key_type;  // none: ECDSA for a new hierarchy, whatever an old one has
  std::vector<std::string> brands;    // none: the default brand for a new hierarchy
};

struct InitOutcome {
  enum class Action { Created, Reused, Extended };
  Action action = Action::Created;
  CaKeyType key_type = CaKeyType::Ecdsa;
  std::vector<std::string> brands;        // all brands the hierarchy now has
  std::vector<std::string> added_brands;  // created by this call
};

// Creates a hierarchy in DIR, or reuses the one there (adding brands it lacks). Never overwrites:
// throws InputError when DIR holds a hierarchy with another key type than asked, or something that
// is not a hierarchy. Brand names must pass is_valid_brand (std::invalid_argument otherwise).
// Safe for concurrent callers, in any process: creating and adding brands happen under a lock
// (flock on the file .NAME.lock beside DIR, removed when done), so they all get one hierarchy.
InitOutcome init_hierarchy(const std::filesystem::path& dir, const InitOptions& options);

}  // namespace casim::mockca
