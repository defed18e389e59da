// Diagnostic text and ScenarioError: how scenario problems are told to the user.
#include "casim/scenario/load.hpp"

#include <fmt/format.h>

namespace casim::scenario {
namespace {

std::string where_text(const SourceSpan& where) {
  if (where.line <= 0) return where.file;
  if (where.column <= 0) return fmt::format("{}:{}", where.file, where.line);
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

std::string joined(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!text.empty()) text += '\n';
    text += diagnostic.to_string();
  }
  return text;
}

}  // namespace

std::string Diagnostic::to_string() const {
  return fmt::format("{}: {}: {}", where_text(where), warning ? "warning" : "error", message);
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : InputError("", joined(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace casim::scenario
