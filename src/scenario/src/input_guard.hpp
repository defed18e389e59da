// What a scenario file must be before yaml-cpp builds nodes from it: not larger than
// kMaxFileBytes, UTF-8 text without control characters, nested at most kMaxNesting deep, and
// not more than kMaxValues values once its aliases are expanded. yaml-cpp shares an aliased node
// instead of copying it, so a "billion laughs" file loads at once, but any walk of it visits
// every copy; counting the values the way a walk would see them bounds every later walk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "casim/sim/file_input.hpp"
#include "reader.hpp"

namespace casim::scenario::detail {

// 250 times the largest bundled scenario; yaml-cpp takes up to ~250 bytes of memory and a few
// microseconds per byte of a hostile file (1 MiB of '[': 2 s, 260 MB), which this bounds.
inline constexpr std::uintmax_t kMaxFileBytes = 1024U * 1024U;
inline constexpr int kMaxNesting = 64;                  // yaml-cpp's own guard stops at 500, as "bad file"
inline constexpr std::uint64_t kMaxValues = 1'000'000;  // a 1 MiB file written out holds fewer

inline constexpr sim::InputKind kScenarioFile{"a scenario file", kMaxFileBytes};

// The file's text; reports (and returns nothing) when it is a directory, not a regular file,
// unreadable or larger than kMaxFileBytes (the size is read before the text is).
std::optional<std::string> read_scenario_text(const std::filesystem::path& file, Reader& reader);

// Reports the first byte that is not UTF-8 text (an invalid sequence or a control character
// other than tab, line feed and carriage return) at its line:column and byte offset.
bool is_utf8_text(const std::string& text, Reader& reader);

// Reads the YAML events of `text` and reports nesting deeper than kMaxNesting or more than
// kMaxValues values with aliases expanded, at the place where the bound was passed. A syntax
// error throws YAML::Exception as YAML::Load would.
bool has_bounded_shape(const std::string& text, Reader& reader);

// The file's tree once its text passed every check above and parsed; nothing (reported) otherwise.
std::optional<YAML::Node> parse_scenario_file(const std::filesystem::path& file, Reader& reader);

}  // namespace casim::scenario::detail
