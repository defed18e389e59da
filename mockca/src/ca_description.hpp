// ca.json, what a hierarchy is — key type, default brand, URL templates, the root's subject and
// the issuing CAs (brand, level, folder) — read and written in one place. Internal to casim_mockca.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/hierarchy.hpp"

namespace casim::mockca {

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
struct CaDescription {
  CaKeyType key_type = CaKeyType::Ecdsa;
  std::string default_brand{kDefaultBrand};
  CaUrls urls;
  std::string root_subject;
  std::vector<CaEntry> cas;
  std::vector<std::string> subjects;  // per entry of `cas`, for people reading the file
};

// DIR/ca.json; throws InputError naming it when it is missing or malformed.
CaDescription read_ca_description(const std::filesystem::path& dir);
// The text of ca.json for `description`.
std::string ca_description_text(const CaDescription& description);

std::vector<std::string> brands_of(const CaDescription& description);  // in ca.json order
bool has_brand(const std::vector<std::string>& brands, std::string_view brand);  // without regard to case

}  // namespace casim::mockca
