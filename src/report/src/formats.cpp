// parse_formats: the --format list of casim run and casim merge.
#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"

namespace casim::report {
namespace {

constexpr std::array<std::pair<std::string_view, Format>, 5> kFormatNames{{
    {"text", Format::Text}, {"json", Format::Json}, {"junit", Format::Junit}, {"csv", Format::Csv}, {"html", Format::Html}}};

}  // namespace

std::vector<Format> parse_formats(const std::string& list) {
  std::vector<Format> formats;
  std::string_view rest = list;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view name = rest.substr(0, comma);
    const auto known = std::find_if(kFormatNames.begin(), kFormatNames.end(), [&](const auto& entry) { return entry.first == name; });
    if (known == kFormatNames.end()) {
      throw InputError("--format", fmt::format("unknown format '{}' (expected a comma-separated list of text, json, junit, csv, html)", name));
    }
    if (std::find(formats.begin(), formats.end(), known->second) == formats.end()) formats.push_back(known->second);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return formats;
}

}  // namespace casim::report
