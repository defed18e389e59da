// Registered domains and public suffixes through libpsl, reading the Public Suffix List file the
// name checks name (kPublicSuffixFile), with libpsl's built-in list as the fallback.
#include "dcv_names.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <libpsl.h>

#include "casim/mockca/name_checks.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::mockca::dcv_names {
namespace {

const psl_ctx_t* suffix_list() {
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* loaded = psl_load_file(kPublicSuffixFile);
    if (loaded == nullptr) loaded = psl_builtin();
    if (loaded == nullptr) {
      throw std::runtime_error(fmt::format(
          "no Public Suffix List: {} is missing and libpsl has no built-in list (install the "
          "Debian package publicsuffix)", kPublicSuffixFile));
    }
    return loaded;
  }();
  return list;
}

}  // namespace

bool is_public_suffix(std::string_view name) {
  const std::string normalized = sim::world::normalize_name(name);
  return psl_is_public_suffix2(suffix_list(), normalized.c_str(), PSL_TYPE_ICANN) != 0;
}

std::string registered_domain(std::string_view name) {
  const std::string normalized = sim::world::normalize_name(name);
  std::string_view current = normalized;
  if (is_public_suffix(current)) return {};
  while (true) {
    const std::string_view parent = sim::world::parent_name(current);
    if (parent.empty() || is_public_suffix(parent)) return std::string(current);
    current = parent;
  }
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

}  // namespace casim::mockca::dcv_names
