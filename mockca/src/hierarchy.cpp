// Creating, reusing and loading the local test hierarchy (root and issuing intermediates).
#include "casim/mockca/hierarchy.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr std::string_view kFormat = "casim-ca/1";
constexpr std::string_view kOrganization = "casim test PKI";
constexpr std::string_view kRootCommonName = "casim Test Root \u2014 NOT FOR PRODUCTION";

// Where issued certificates point relying parties (ca.json "urls"); {brand} and {level} (dv, ov,
// ev) are replaced in the issuing CAs' templates.
struct CaUrls {
  std::string ca_issuers = "http://casim.test/{brand}/{level}/ca.crt";
  std::string crl = "http://casim.test/{brand}/{level}/crl.der";
  std::string root_ca_issuers = "http://casim.test/root/ca.crt";
  std::string root_crl = "http://casim.test/root/crl.der";
};

struct CaEntry {
  std::string brand;
  ValidationLevel level = ValidationLevel::DV;
  std::string dir;  // relative to the hierarchy's directory
};

// What ca.json says.
struct Description {
  CaKeyType key_type = CaKeyType::Ecdsa;
  std::string default_brand{kDefaultBrand};
  CaUrls urls;
  std::string root_subject;
  std::vector<CaEntry> cas;
  std::vector<std::string> subjects;  // per entry of `cas`, for people reading the file
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string key_description(CaKeyType type, bool root) {
  if (type == CaKeyType::Ecdsa) return "ECDSA P-256";
  return root ? "RSA 3072" : "RSA 2048";
}

std::string expand(std::string_view pattern, std::string_view brand, ValidationLevel level) {
  std::string out(pattern);
  for (const auto& [field, value] : {std::pair<std::string_view, std::string_view>{"{brand}", brand},
                                     {"{level}", level_dir_name(level)}}) {
    for (auto at = out.find(field); at != std::string::npos; at = out.find(field, at + value.size())) {
      out.replace(at, field.size(), value);
    }
  }
  return out;
}

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
void create_brand(const fs::path& dir, Description& description, std::string_view brand,
                  X509& root, EVP_PKEY& root_key) {
  for (const auto level : kValidationLevels) {
    const std::string relative = fmt::format("{}/{}", brand, level_dir_name(level));
    auto key = generate_key(description.key_type, false);
    const auto subject = x509::make_name(
        {{"O", std::string(kOrganization)}, {"CN", intermediate_common_name(brand, level)}});
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

json to_json(const Description& description) {
  json cas = json::array();
  for (std::size_t i = 0; i < description.cas.size(); ++i) {
    const auto& entry = description.cas[i];
    cas.push_back({{"brand", entry.brand},
                   {"level", level_name(entry.level)},
                   {"dir", entry.dir},
                   {"subject", description.subjects[i]},
                   {"key", key_description(description.key_type, false)},
                   {"policy", level_policy_oid(entry.level)}});
  }
  return {{"format", kFormat},
          {"note", "casim test PKI: NOT FOR PRODUCTION. The keys here are unprotected test keys."},
          {"key_type", key_type_name(description.key_type)},
          {"default_brand", description.default_brand},
          {"validity", {{"not_before", kCaNotBefore}, {"not_after", kCaNotAfter}}},
          {"root",
           {{"subject", description.root_subject},
            {"key", key_description(description.key_type, true)},
            {"dir", "root"}}},
          {"urls",
           {{"ca_issuers", description.urls.ca_issuers},
            {"crl", description.urls.crl},
            {"root_ca_issuers", description.urls.root_ca_issuers},
            {"root_crl", description.urls.root_crl}}},
          {"issuing_cas", cas}};
}

Description read_description(const fs::path& dir) {
  const fs::path file = dir / "ca.json";
  if (!fs::exists(file)) {
    throw InputError(dir.string(), "not a casim CA (no ca.json); create one with 'casim ca init --dir " +
                                       dir.string() + "'");
  }
  const std::string where = file.string();
  try {
    const json root = json::parse(sim::read_input_file(file, kCaFile));
    if (root.at("format").get<std::string>() != kFormat) {
      throw InputError(where, "unknown format '" + root.at("format").get<std::string>() + "'");
    }
    Description description;
    const auto key_type = parse_key_type(root.at("key_type").get<std::string>());
    if (!key_type) throw InputError(where, "key_type must be \"ecdsa\" or \"rsa\"");
    description.key_type = *key_type;
    description.default_brand = root.at("default_brand").get<std::string>();
    description.root_subject = root.at("root").at("subject").get<std::string>();
    const auto& urls = root.at("urls");
    description.urls = {urls.at("ca_issuers").get<std::string>(), urls.at("crl").get<std::string>(),
                        urls.at("root_ca_issuers").get<std::string>(),
                        urls.at("root_crl").get<std::string>()};
    for (const auto& entry : root.at("issuing_cas")) {
      const auto brand = entry.at("brand").get<std::string>();
      const auto level = parse_level(entry.at("level").get<std::string>());
      const auto relative = entry.at("dir").get<std::string>();
      if (!is_valid_brand(brand)) throw InputError(where, "invalid brand '" + brand + "'");
      if (!level) throw InputError(where, "invalid level in issuing_cas for brand " + brand);
      const fs::path path(relative);
      if (path.is_absolute() || std::any_of(path.begin(), path.end(), [](const fs::path& part) {
            return part == "..";
          })) {
        throw InputError(where, "issuing CA dir '" + relative + "' must stay inside the CA directory");
      }
      description.cas.push_back({brand, *level, relative});
      description.subjects.push_back(entry.value("subject", ""));
    }
    return description;
  } catch (const json::exception& error) {
    throw InputError(where, std::string("malformed ca.json: ") + error.what());
  }
}

std::vector<std::string> brands_of(const Description& description) {
  std::vector<std::string> brands;
  for (const auto& entry : description.cas) {
    if (std::find(brands.begin(), brands.end(), entry.brand) == brands.end()) brands.push_back(entry.brand);
  }
  return brands;
}

bool has_brand(const std::vector<std::string>& brands, std::string_view brand) {
  return std::any_of(brands.begin(), brands.end(),
                     [&](const std::string& known) { return equal_ignoring_case(known, brand); });
}

}  // namespace

std::string_view key_type_name(CaKeyType type) { return type == CaKeyType::Ecdsa ? "ecdsa" : "rsa"; }

std::optional<CaKeyType> parse_key_type(std::string_view text) {
  const auto name = lower(text);
  if (name == "ecdsa" || name == "ec") return CaKeyType::Ecdsa;
  if (name == "rsa") return CaKeyType::Rsa;
  return std::nullopt;
}

bool is_valid_brand(std::string_view brand) {
  return !brand.empty() && brand.size() <= 20 && lower(brand) != "root" &&
         std::all_of(brand.begin(), brand.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
         });
}

std::vector<std::string> Hierarchy::brands() const {
  std::vector<std::string> brands;
  for (const auto& ca : issuing_cas_) {
    if (std::find(brands.begin(), brands.end(), ca.brand) == brands.end()) brands.push_back(ca.brand);
  }
  return brands;
}

const IssuingCa* Hierarchy::find(std::string_view brand, ValidationLevel level) const {
  const std::string_view wanted = brand.empty() ? std::string_view(default_brand_) : brand;
  for (const auto& ca : issuing_cas_) {
    if (ca.level == level && equal_ignoring_case(ca.brand, wanted)) return &ca;
  }
  return nullptr;
}

Hierarchy Hierarchy::load(const fs::path& dir) {
  const Description description = read_description(dir);
  Hierarchy hierarchy;
  hierarchy.dir_ = dir;
  hierarchy.key_type_ = description.key_type;
  hierarchy.default_brand_ = description.default_brand;

  const auto load_pair = [&](const fs::path& ca_dir, ossl::X509Ptr& cert, ossl::Pkey& key,
                             std::string& cert_pem) {
    cert_pem = sim::read_input_file(ca_dir / "cert.pem", kCaFile);
    cert = x509::parse_certificate_pem(cert_pem, (ca_dir / "cert.pem").string());
    key = x509::parse_private_key_pem(sim::read_input_file(ca_dir / "key.pem", kCaFile), (ca_dir / "key.pem").string());
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
      ossl::drain_errors();
      throw InputError((ca_dir / "key.pem").string(), "does not match " + (ca_dir / "cert.pem").string());
    }
  };
  load_pair(dir / "root", hierarchy.root_, hierarchy.root_key_, hierarchy.root_pem_);
  for (const auto& entry : description.cas) {
    IssuingCa ca;
    ca.brand = entry.brand;
    ca.level = entry.level;
    ca.dir = dir / entry.dir;
    load_pair(ca.dir, ca.cert, ca.key, ca.cert_pem);
    if (X509_check_issued(hierarchy.root_.get(), ca.cert.get()) != X509_V_OK) {
      throw InputError((ca.dir / "cert.pem").string(), "is not issued by the hierarchy's root");
    }
    ca.ca_issuers_url = expand(description.urls.ca_issuers, ca.brand, ca.level);
    ca.crl_url = expand(description.urls.crl, ca.brand, ca.level);
    ca.not_before = x509::to_instant(*X509_get0_notBefore(ca.cert.get()));
    ca.not_after = x509::to_instant(*X509_get0_notAfter(ca.cert.get()));
    hierarchy.issuing_cas_.push_back(std::move(ca));
  }
  if (hierarchy.find(hierarchy.default_brand_, ValidationLevel::DV) == nullptr) {
    throw InputError((dir / "ca.json").string(),
                     "default_brand '" + hierarchy.default_brand_ + "' has no issuing CAs");
  }
  return hierarchy;
}

InitOutcome init_hierarchy(const fs::path& dir, const InitOptions& options) {
  std::vector<std::string> wanted;
  for (const auto& brand : options.brands) {
    if (!is_valid_brand(brand)) throw std::invalid_argument("invalid brand name '" + brand + "'");
    if (!has_brand(wanted, brand)) wanted.push_back(brand);
  }

  InitOutcome outcome;
  if (fs::exists(dir / "ca.json")) {
    Description description = read_description(dir);
    if (options.key_type && *options.key_type != description.key_type) {
      throw InputError(dir.string(), fmt::format("already holds an {} hierarchy; not replacing it with {} "
                                                 "(use another --dir, or remove this one first)",
                                                 key_type_name(description.key_type),
                                                 key_type_name(*options.key_type)));
    }
    std::vector<std::string> brands = brands_of(description);
    for (const auto& brand : wanted) {
      if (!has_brand(brands, brand)) outcome.added_brands.push_back(brand);
    }
    if (!outcome.added_brands.empty()) {
      auto root = x509::parse_certificate_pem(sim::read_input_file(dir / "root" / "cert.pem", kCaFile),
                                              (dir / "root" / "cert.pem").string());
      auto root_key = x509::parse_private_key_pem(sim::read_input_file(dir / "root" / "key.pem", kCaFile),
                                                  (dir / "root" / "key.pem").string());
      for (const auto& brand : outcome.added_brands) {
        create_brand(dir, description, brand, *root, *root_key);
        brands.push_back(brand);
      }
      write_file_atomic(dir / "ca.json", to_json(description).dump(2) + "\n", kPublicFileMode);
    }
    outcome.action = outcome.added_brands.empty() ? InitOutcome::Action::Reused
                                                  : InitOutcome::Action::Extended;
    outcome.key_type = description.key_type;
    outcome.brands = std::move(brands);
    return outcome;
  }

  std::error_code error;
  if (fs::exists(dir) && !fs::is_empty(dir, error)) {
    throw InputError(dir.string(), "exists, is not empty, and holds no casim CA (no ca.json); "
                                   "not writing into it (choose a new or empty directory)");
  }
  Description description;
  description.key_type = options.key_type.value_or(CaKeyType::Ecdsa);
  if (wanted.empty()) wanted.emplace_back(kDefaultBrand);
  description.default_brand = wanted.front();

  make_private_dir(dir);
  auto root_key = generate_key(description.key_type, true);
  const auto root_subject =
      x509::make_name({{"O", std::string(kOrganization)}, {"CN", std::string(kRootCommonName)}});
  auto root = make_ca_certificate(*root_subject, *root_key, nullptr, *root_key,
                                  {{NID_basic_constraints, "critical,CA:TRUE"},
                                   {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                   {NID_subject_key_identifier, "hash"}});
  write_key_and_cert(dir / "root", *root_key, *root);
  description.root_subject = x509::name_text(*root_subject);
  for (const auto& brand : wanted) create_brand(dir, description, brand, *root, *root_key);
  CaState{}.save(dir / "state.json");
  // ca.json last: its presence marks a complete hierarchy.
  write_file_atomic(dir / "ca.json", to_json(description).dump(2) + "\n", kPublicFileMode);

  outcome.action = InitOutcome::Action::Created;
  outcome.key_type = description.key_type;
  outcome.brands = wanted;
  outcome.added_brands = wanted;
  return outcome;
}

}  // namespace casim::mockca
