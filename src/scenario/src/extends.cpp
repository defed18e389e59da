// apply_extends: reading, checking and merging a scenario file's bases (extends.hpp).
#include "extends.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "input_guard.hpp"

namespace casim::scenario::detail {
namespace {

namespace fs = std::filesystem;

// The keys that identify a list's items: organizations, orders, phones, web hosts.
constexpr std::array<std::string_view, 4> kItemKeys = {"id", "ref", "number", "host"};

YAML::Node value_of(const YAML::Node& map, std::string_view key) {
  for (const auto& entry : map) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<std::string> item_key(const YAML::Node& item, std::string_view key) {
  if (!item.IsMap()) return std::nullopt;
  const YAML::Node value = value_of(item, key);
  if (!value || !value.IsScalar()) return std::nullopt;
  return value.Scalar();
}

// The identifying key every item of both lists has, if any.
std::optional<std::string_view> shared_item_key(const YAML::Node& mine, const YAML::Node& base) {
  if (mine.size() == 0 || base.size() == 0) return std::nullopt;
  const auto all_have = [](const YAML::Node& list, std::string_view key) {
    return std::all_of(list.begin(), list.end(), [&](const YAML::Node& item) { return item_key(item, key); });
  };
  for (const auto key : kItemKeys) {
    if (all_have(mine, key) && all_have(base, key)) return key;
  }
  return std::nullopt;
}

// The base's items whose key the file's list does not give are added after the file's own.
void merge_list(YAML::Node& mine, const YAML::Node& base) {
  const auto key = shared_item_key(mine, base);
  if (!key) return;  // replaced whole
  std::set<std::string> given;
  for (const auto& item : mine) given.insert(*item_key(item, *key));
  for (const auto& item : base) {
    if (!given.contains(*item_key(item, *key))) mine.push_back(item);
  }
}

void merge_map(Reader& reader, YAML::Node& mine, const YAML::Node& base, bool top) {
  std::map<std::string, int> seen;  // the base's keys, with their lines
  for (const auto& entry : base) {
    if (!entry.first.IsScalar()) {
      mine.force_insert(entry.first, entry.second);  // Section reports it, at the base
      continue;
    }
    const std::string& name = entry.first.Scalar();
    if (const auto [previous, fresh] = seen.emplace(name, entry.first.Mark().line + 1); !fresh) {
      reader.error(entry.first, fmt::format("key '{}' given twice (first on line {})", name, previous->second));
      continue;
    }
    if (top && name == "extends") continue;  // already merged
    YAML::Node own = value_of(mine, name);
    if (!own) {
      mine.force_insert(entry.first, entry.second);
    } else if (own.IsMap() && entry.second.IsMap()) {
      merge_map(reader, own, entry.second, false);
    } else if (own.IsSequence() && entry.second.IsSequence()) {
      merge_list(own, entry.second);
    }
  }
}

// The `extends:` entries of a mapping, each a path; anything else is reported.
std::vector<YAML::Node> base_paths(Reader& reader, const YAML::Node& given) {
  std::vector<YAML::Node> paths;
  if (given.IsScalar()) {
    paths.push_back(given);
  } else if (given.IsSequence()) {
    for (const auto& item : given) {
      if (item.IsScalar()) {
        paths.push_back(item);
      } else {
        reader.error(item, "extends: expected the path of a base file");
      }
    }
  } else {
    reader.error(given, "extends: expected the path of a base file, or a list of them");
  }
  for (const auto& path : paths) {
    if (path.Scalar().empty()) reader.error(path, "extends: expected the path of a base file, found nothing");
  }
  std::erase_if(paths, [](const YAML::Node& path) { return path.Scalar().empty(); });
  return paths;
}

std::string chain_text(const std::vector<fs::path>& chain, const fs::path& last) {
  std::string text;
  for (const auto& file : chain) text += shown_file_name(file) + " → ";
  return text + shown_file_name(last);
}

// `via`: where the file that extends was itself extended ("" for the scenario file).
void extend(Reader& reader, YAML::Node& root, const fs::path& file, std::vector<fs::path>& chain,
            const std::string& via) {
  const YAML::Node given = value_of(root, "extends");
  if (!given) return;
  const auto paths = base_paths(reader, given);
  for (auto path = paths.rbegin(); path != paths.rend(); ++path) {  // a later base wins: merged first
    const fs::path base_file = (file.parent_path() / path->Scalar()).lexically_normal();
    std::error_code error;
    const fs::path identity = fs::weakly_canonical(base_file, error);
    if (std::find(chain.begin(), chain.end(), error ? base_file : identity) != chain.end()) {
      reader.error(*path, fmt::format("extends: '{}' leads back to itself ({})", path->Scalar(),
                                      chain_text(chain, base_file)));
      continue;
    }
    if (chain.size() > static_cast<std::size_t>(kMaxBaseDepth)) {
      reader.error(*path, fmt::format("extends: '{}' lies more than {} bases deep ({})", path->Scalar(),
                                      kMaxBaseDepth, chain_text(chain, base_file)));
      continue;
    }
    if (!fs::exists(base_file, error)) {
      reader.error(*path, fmt::format("extends: no base file '{}' (looked for {})", path->Scalar(),
                                      shown_file_name(base_file)));
      continue;
    }
    const SourceSpan at = reader.span(*path);
    const std::string base_via = fmt::format("{}:{}:{}{}", at.file, at.line, at.column, via.empty() ? "" : " ← " + via);
    const Origin origin{shown_file_name(base_file), base_file.parent_path(),
                        fmt::format(" (in a base, extended at {})", base_via)};
    Reader base_reader = reader.reader_for(origin);
    auto base = parse_scenario_file(base_file, base_reader);
    if (!base) continue;
    if (!base->IsMap()) {
      base_reader.error(base->IsNull() ? YAML::Mark{} : base->Mark(),
                        "expected a mapping of scenario settings (a base is a partial scenario)");
      continue;
    }
    reader.add_base(origin, *base);
    chain.push_back(error ? base_file : identity);
    extend(reader, *base, base_file, chain, base_via);
    chain.pop_back();
    merge_map(reader, root, *base, true);
  }
}

}  // namespace

void apply_extends(Reader& reader, YAML::Node& root, const fs::path& file) {
  std::error_code error;
  const fs::path identity = fs::weakly_canonical(file, error);
  std::vector<fs::path> chain{error ? file : identity};
  extend(reader, root, file, chain, "");
}

}  // namespace casim::scenario::detail
