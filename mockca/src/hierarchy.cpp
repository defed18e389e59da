// Loading the local test hierarchy (root and issuing intermediates) once, for signing; key types
// and brand names. Creating one is hierarchy_init.cpp's, ca.json ca_description.cpp's.
#include "casim/mockca/hierarchy.hpp"

#include <algorithm>
#include <cctype>

#include <sys/stat.h>

#include <fmt/format.h>

#include "ca_description.hpp"
#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/text.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
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

// A warning for each of `paths` that group or others may use.
std::vector<std::string> open_to_others(const std::vector<fs::path>& paths) {
  std::vector<std::string> found;
  for (const auto& path : paths) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
      found.push_back(fmt::format("{} has mode {:04o}: group or others may read or replace the CA's keys (casim makes "
                                  "its folders 0700 and private files 0600)",
                                  path.string(), info.st_mode & 07777));
    }
  }
  return found;
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
    if (ca.level == level && sim::equal_ignoring_case(ca.brand, wanted)) return &ca;
  }
  return nullptr;
}

Hierarchy Hierarchy::load(const fs::path& dir) {
  const CaDescription description = read_ca_description(dir);
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
  std::vector<fs::path> private_paths{dir, dir / "state.json", dir / "root", dir / "root" / "key.pem"};
  for (const auto& entry : description.cas) {
    for (fs::path part = entry.dir; !part.empty(); part = part.parent_path()) private_paths.push_back(dir / part);
    private_paths.push_back(dir / entry.dir / "key.pem");
  }
  std::sort(private_paths.begin(), private_paths.end());
  private_paths.erase(std::unique(private_paths.begin(), private_paths.end()), private_paths.end());
  hierarchy.open_permissions_ = open_to_others(private_paths);
  if (hierarchy.find(hierarchy.default_brand_, ValidationLevel::DV) == nullptr) {
    throw InputError((dir / "ca.json").string(),
                     "default_brand '" + hierarchy.default_brand_ + "' has no issuing CAs");
  }
  return hierarchy;
}

}  // namespace casim::mockca
