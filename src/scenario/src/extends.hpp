// `extends:` — a scenario file's shared bases (docs/scenario-format.md#bases): each base is a
// partial scenario, read and checked like the file itself, merged into the file's tree before any
// section is read. Mappings merge key by key; a list whose items all carry the same identifying key
// (id, ref, number, host) merges item by item on it; any other list or value is replaced whole. The
// file wins over its bases, and a later base over an earlier one.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "casim/scenario/load.hpp"
#include "reader.hpp"

namespace casim::scenario::detail {

// Merges the bases `root`'s `extends:` names (a path or a list of paths, relative to `file`'s
// folder) into `root`, their own bases first. A base that cannot be read, is not a mapping, lies
// deeper than kMaxBaseDepth or extends itself is reported and left out.
void apply_extends(Reader& reader, YAML::Node& root, const std::filesystem::path& file);

}  // namespace casim::scenario::detail
