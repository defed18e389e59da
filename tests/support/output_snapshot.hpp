// What the tests of output folders compare: a folder's whole content, and the staging or previous
// folders that runs leave beside an output folder.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "test_run_support.hpp"

namespace casim::test {

// Every file, folder and link under `dir`: relative path → content, "<dir>" or "-> target".
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> entries;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = std::filesystem::relative(entry.path(), dir).string();
    if (entry.is_symlink()) {
      entries[name] = "-> " + std::filesystem::read_symlink(entry.path()).string();
    } else if (entry.is_directory()) {
      entries[name] = "<dir>";
    } else {
      entries[name] = read_text(entry.path());
    }
  }
  return entries;
}

// The names in `dir` of staging or previous folders of an output folder.
inline std::vector<std::string> leftovers(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (contains(name, ".staging-") || contains(name, ".previous-")) names.push_back(name);
  }
  return names;
}

}  // namespace casim::test
