// Shared helpers of the `casim run` and `casim merge` tests: the test scenarios under
// tests/cli/data/run, reading output files, and describing a command's result in messages.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "run_command.hpp"
#include "temp_dir.hpp"

namespace casim::test {

// tests/cli/data/run/<name>, from CASIM_SOURCE_DIR (set by CTest).
inline std::string run_data(const std::string& name) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  if (source == nullptr) throw std::runtime_error("CASIM_SOURCE_DIR is not set (run the test through ctest)");
  return (std::filesystem::path(source) / "tests" / "cli" / "data" / "run" / name).string();
}

// <source tree>/<relative>, from CASIM_SOURCE_DIR (set by CTest).
inline std::string source_path(const std::string& relative) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  if (source == nullptr) throw std::runtime_error("CASIM_SOURCE_DIR is not set (run the test through ctest)");
  return (std::filesystem::path(source) / relative).string();
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline std::string describe(const CommandResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout:\n" + result.out + "stderr:\n" + result.err;
}

}  // namespace casim::test
