// Reading and writing ca.json (ca_description.hpp).
#include "ca_description.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/text.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr std::string_view kDescriptionFormat = "casim-ca/1";

std::string key_description(CaKeyType type, bool root) {
  if (type == CaKeyType::Ecdsa) return "ECDSA P-256";
  return root ? "RSA 3072" : "RSA 2048";
}

json to_json(const CaDescription& description) {
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
  return {{"format", kDescriptionFormat},
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

}  // namespace

CaDescription read_ca_description(const fs::path& dir) {
  const fs::path file = dir / "ca.json";
  if (!fs::exists(file)) {
    throw InputError(dir.string(), "not a casim CA (no ca.json); create one with 'casim ca init --dir " +
                                       dir.string() + "'");
  }
  const std::string where = file.string();
  try {
    const json root = json::parse(sim::read_input_file(file, kCaFile));
    if (root.at("format").get<std::string>() != kDescriptionFormat) {
      throw InputError(where, "unknown format '" + root.at("format").get<std::string>() + "'");
    }
    CaDescription description;
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

std::string ca_description_text(const CaDescription& description) { return to_json(description).dump(2) + "\n"; }

std::vector<std::string> brands_of(const CaDescription& description) {
  std::vector<std::string> brands;
  for (const auto& entry : description.cas) {
    if (std::find(brands.begin(), brands.end(), entry.brand) == brands.end()) brands.push_back(entry.brand);
  }
  return brands;
}

bool has_brand(const std::vector<std::string>& brands, std::string_view brand) {
  return std::any_of(brands.begin(), brands.end(),
                     [&](const std::string& known) { return sim::equal_ignoring_case(known, brand); });
}

}  // namespace casim::mockca
