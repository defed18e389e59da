// Names and policy OIDs of the validation levels.
#include "casim/mockca/validation_level.hpp"

namespace casim::mockca {

std::string_view level_name(ValidationLevel level) {
  switch (level) {
    case ValidationLevel::DV: return "DV";
    case ValidationLevel::OV: return "OV";
    case ValidationLevel::EV: return "EV";
  }
  return "?";
}

std::string_view level_dir_name(ValidationLevel level) {
  switch (level) {
    case ValidationLevel::DV: return "dv";
    case ValidationLevel::OV: return "ov";
    case ValidationLevel::EV: return "ev";
  }
  return "?";
}

std::string_view level_policy_oid(ValidationLevel level) {
  switch (level) {
    case ValidationLevel::DV: return "2.23.140.1.2.1";
    case ValidationLevel::OV: return "2.23.140.1.2.2";
    case ValidationLevel::EV: return "2.23.140.1.1";
  }
  return "";
}

std::optional<ValidationLevel> parse_level(std::string_view text) {
  for (const auto level : kValidationLevels) {
    if (text == level_name(level) || text == level_dir_name(level)) return level;
  }
  return std::nullopt;
}

}  // namespace casim::mockca
