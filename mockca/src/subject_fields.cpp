// Reading the subject file (YAML or JSON) into SubjectFields.
#include "casim/mockca/subject_fields.hpp"

#include <array>

#include <yaml-cpp/yaml.h>

#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"

namespace casim::mockca {
namespace {

constexpr std::array kFields{
    std::pair{"country", &SubjectFields::country},
    std::pair{"state", &SubjectFields::state},
    std::pair{"locality", &SubjectFields::locality},
    std::pair{"organization", &SubjectFields::organization},
    std::pair{"business_category", &SubjectFields::business_category},
    std::pair{"jurisdiction_country", &SubjectFields::jurisdiction_country},
    std::pair{"jurisdiction_state", &SubjectFields::jurisdiction_state},
    std::pair{"jurisdiction_locality", &SubjectFields::jurisdiction_locality},
    std::pair{"serial_number", &SubjectFields::serial_number},
};

}  // namespace

SubjectFields parse_subject_fields(std::string_view text, const std::string& where) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    throw InputError(where + ":" + std::to_string(error.mark.line + 1) + ":" +
                         std::to_string(error.mark.column + 1),
                     error.msg);
  }
  if (!root.IsMap()) throw InputError(where, "expected a mapping of subject fields (country: …)");
  SubjectFields fields;
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    const auto line = std::to_string(entry.first.Mark().line + 1);
    bool known = false;
    for (const auto& [name, member] : kFields) {
      if (key != name) continue;
      known = true;
      if (!entry.second.IsScalar()) throw InputError(where + ":" + line, key + " must be a string");
      fields.*member = entry.second.as<std::string>();
    }
    if (!known) {
      throw InputError(where + ":" + line,
                       "unknown field '" + key + "' (known: country, state, locality, organization, "
                       "business_category, jurisdiction_country, jurisdiction_state, "
                       "jurisdiction_locality, serial_number)");
    }
  }
  return fields;
}

SubjectFields load_subject_fields(const std::filesystem::path& file) {
  return parse_subject_fields(sim::read_input_file(file, kSubjectFile), file.string());
}

}  // namespace casim::mockca
