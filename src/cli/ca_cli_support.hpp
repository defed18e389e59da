// What the `ca`, `chain` and `csr` commands share: findings as text lines or JSON (in the form
// `casim csr check` uses), the instant an option names, the wall clock by default (these
// commands act outside any simulation), and loading a CA folder with its warnings.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cxxopts_quiet.hpp"
#include <nlohmann/json.hpp>

#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/sim/time.hpp"
#include "cli_support.hpp"

namespace casim::cli {

// `text`, or "-" when it is empty.
std::string or_dash(std::string_view text);
// "  - Code [category] ResellerCode: message (name: …; hint: …)".
std::string finding_line(const mockca::Finding& finding);
// [{"code", "category", "message", "name", "reseller_code", "hint"}, …].
nlohmann::ordered_json findings_json(const std::vector<mockca::Finding>& findings);

// The wall clock's current instant, in whole seconds.
sim::Instant wall_clock_now();
// The instant option --`name` gives (ISO 8601), or the wall clock's now when it is absent.
sim::Instant instant_or_now(const cxxopts::ParseResult& result, const std::string& name);
// The whole number option --`name` gives, from 1 to `max` (read as text: GCC 12 raises a false
// -Wrestrict on cxxopts' integer parser at -O3); a UsageError otherwise.
int positive_int(const cxxopts::ParseResult& result, const Args& args, const std::string& name, int max);

// Hierarchy::load(dir), saying on stderr ("casim: warning: …") which of the CA's folders and keys
// group or others may use.
mockca::Hierarchy load_ca(const std::filesystem::path& dir);

}  // namespace casim::cli
