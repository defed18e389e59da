// load_scenario and lint_scenario: read one file, check the top-level keys, and hand each section
// to its loader (load_*.cpp); every problem found becomes a Diagnostic, sorted by position.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "loader.hpp"

namespace casim::scenario {
namespace {

namespace fs = std::filesystem;
using detail::Context;
using detail::Reader;
using detail::Section;

bool is_folder_name(std::string_view text) {
  return !text.empty() && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
                              std::string_view::npos;
}

void read_header(Context& context, const Section& top, Scenario& scenario) {
  Reader& reader = context.reader;
  const auto name_node = top.require("name");
  if (const auto name = detail::read_string(reader, name_node, "name")) {
    scenario.name = *name;
    if (!is_folder_name(*name)) {
      reader.error(name_node, fmt::format("name: '{}' has characters outside A-Z a-z 0-9 . _ - (the name is a report "
                                          "folder)",
                                          *name));
    }
  }
  if (const auto v = top.get("description"))
    scenario.description = detail::read_string(reader, v, "description").value_or("");
  if (const auto v = top.get("tags"))
    scenario.tags = detail::read_strings(reader, v, "tags").value_or(std::vector<std::string>{});
  if (const auto v = top.get("seed")) scenario.seed = detail::read_unsigned(reader, v, "seed").value_or(scenario.seed);
  if (const auto v = top.get("runs"))
    scenario.runs = static_cast<int>(detail::read_integer(reader, v, "runs", 1, 1'000'000).value_or(1));
  if (const auto start = detail::read_instant(reader, top.require("start"), "start")) {
    context.start = *start;
    scenario.config.start = *start;
  }
  if (const auto v = top.get("issue_certificates")) {
    scenario.config.issue_certificates = detail::read_bool(reader, v, "issue_certificates").value_or(true);
  }
}

void read_sections(Context& context, const Section& top, Scenario& scenario) {
  order::RunConfig& config = scenario.config;
  detail::load_calendars(context, top.get("calendars"), scenario);
  if (const auto v = top.get("ca")) detail::load_ca(context, v, config.ca.config);
  if (const auto v = top.get("world")) detail::load_world(context, v, config.world);
  if (const auto v = top.get("actions")) detail::load_actions(context, v, config.world);
  if (const auto v = top.require("orders")) detail::load_orders(context, v, config.orders);
  if (const auto v = top.get("limits")) detail::load_limits(context, v, config.limits);
  if (const auto v = top.get("platform")) detail::load_platform(context, v, config.platform);
  if (const auto v = top.get("expect")) detail::load_order_expectations(context, v, scenario.order_expectations);
  if (const auto v = top.get("expect_aggregate")) {
    detail::load_aggregate_expectations(context, v, scenario.aggregate_expectations);
  }
}

std::optional<std::string> read_text(const fs::path& file, Reader& reader) {
  std::error_code error;
  if (fs::is_directory(file, error)) {
    reader.error(YAML::Mark::null_mark(), "is a directory, not a scenario file");
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    reader.error(YAML::Mark::null_mark(), "cannot read the file");
    return std::nullopt;
  }
  return text.str();
}

Scenario load(const fs::path& file, bool make_csrs, std::vector<Diagnostic>& diagnostics) {
  Scenario scenario;
  Reader reader(file.string(), diagnostics);
  scenario.where = {file.string(), 1, 1};
  const auto text = read_text(file, reader);
  if (!text) return scenario;
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::Exception& error) {
    reader.error(error.mark, fmt::format("not valid YAML: {}", error.msg));
    return scenario;
  }
  if (!root.IsMap()) {
    YAML::Mark start;
    reader.error(root.IsNull() ? start : root.Mark(),
                 "expected a mapping of scenario settings (name, start, orders, …), see docs/scenario-format.md");
    return scenario;
  }
  Context context{reader, file.parent_path(), make_csrs, {}, {}, {}, {}, {}};
  const Section top(reader, root, "scenario", "");
  read_header(context, top, scenario);
  try {
    read_sections(context, top, scenario);
  } catch (const InputError& error) {
    reader.error(root.Mark(), error.what());
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair{a.where.line, a.where.column} < std::pair{b.where.line, b.where.column};
  });
  return scenario;
}

}  // namespace

Scenario load_scenario(const fs::path& file) {
  std::vector<Diagnostic> diagnostics;
  Scenario scenario = load(file, true, diagnostics);
  if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  return scenario;
}

std::vector<Diagnostic> lint_scenario(const fs::path& file) {
  std::vector<Diagnostic> diagnostics;
  load(file, false, diagnostics);
  return diagnostics;
}

}  // namespace casim::scenario
