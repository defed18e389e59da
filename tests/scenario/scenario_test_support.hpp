// Shared by the scenario tests: where the test data lives, and how Boost.Test prints durations.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "casim/sim/time.hpp"
#include "printers.hpp"


namespace casim::scenario::test {

inline std::filesystem::path source_dir() {
  const char* dir = std::getenv("CASIM_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0')
    throw std::runtime_error("CASIM_SOURCE_DIR is not set (run the test through ctest)");
  return dir;
}

inline std::filesystem::path data_dir() { return source_dir() / "tests" / "scenario" / "data"; }

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace casim::scenario::test
