// Validation levels (DV, OV, EV): their names and the one reserved certificate policy OID each
// carries in issued certificates (BR §7.1.2.7, EVG §9.3).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace casim::mockca {

enum class ValidationLevel { DV, OV, EV };

inline constexpr std::array kValidationLevels{ValidationLevel::DV, ValidationLevel::OV,
                                              ValidationLevel::EV};

std::string_view level_name(ValidationLevel level);       // "DV", "OV", "EV"
std::string_view level_dir_name(ValidationLevel level);   // "dv", "ov", "ev"
std::string_view level_policy_oid(ValidationLevel level); // 2.23.140.1.2.1, 2.23.140.1.2.2, 2.23.140.1.1
// "DV", "dv", … → the level; nothing for anything else.
std::optional<ValidationLevel> parse_level(std::string_view text);

}  // namespace casim::mockca
