// Findings output, instants and CA loading for the `ca`, `chain` and `csr` commands.
#include "ca_cli_support.hpp"

#include <charconv>
#include <chrono>
#include <iostream>

#include <fmt/format.h>

namespace casim::cli {

std::string or_dash(std::string_view text) { return text.empty() ? "-" : std::string(text); }

std::string finding_line(const mockca::Finding& finding) {
  const auto& reason = mockca::info(finding.reason);
  return fmt::format("  - {} [{}] {}: {} (name: {}; hint: {})", reason.code, mockca::category_name(reason.category),
                     or_dash(reason.reseller_code), finding.message, or_dash(finding.name), reason.hint);
}

nlohmann::ordered_json findings_json(const std::vector<mockca::Finding>& findings) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& finding : findings) {
    const auto& reason = mockca::info(finding.reason);
    out.push_back({{"code", reason.code},
                   {"category", mockca::category_name(reason.category)},
                   {"message", finding.message},
                   {"name", finding.name},
                   {"reseller_code", reason.reseller_code},
                   {"hint", reason.hint}});
  }
  return out;
}

sim::Instant wall_clock_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return sim::Instant{std::chrono::floor<std::chrono::seconds>(since_epoch)};
}

sim::Instant instant_or_now(const cxxopts::ParseResult& result, const std::string& name) {
  if (result.count(name) == 0) return wall_clock_now();
  return sim::parse_instant(result[name].as<std::string>(), "--" + name);
}

int positive_int(const cxxopts::ParseResult& result, const Args& args, const std::string& name, int max) {
  const auto text = result[name].as<std::string>();
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1 || value > max) {
    throw UsageError(args.program, fmt::format("--{} must be a whole number from 1 to {} (got '{}')", name, max, text));
  }
  return value;
}

mockca::Hierarchy load_ca(const std::filesystem::path& dir) {
  mockca::Hierarchy hierarchy = mockca::Hierarchy::load(dir);
  for (const auto& problem : hierarchy.open_permissions()) std::cerr << "casim: warning: " << problem << "\n";
  return hierarchy;
}

}  // namespace casim::cli
