// public_suffix_list: loads the Public Suffix List once per process.
#include "public_suffix.hpp"

#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "casim/mockca/name_checks.hpp"

namespace casim::mockca {

const psl_ctx_t* public_suffix_list() {
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* loaded = psl_load_file(kPublicSuffixFile);
    if (loaded == nullptr) loaded = psl_builtin();
    if (loaded == nullptr) {
      throw std::runtime_error(
          fmt::format("no Public Suffix List: {} is missing and libpsl has no built-in list (install the "
                      "Debian package publicsuffix)",
                      kPublicSuffixFile));
    }
    return loaded;
  }();
  return list;
}

bool is_icann_suffix(const std::string& name, int extra_flags) {
  constexpr std::size_t kRemembered = 4096;  // answers kept before all are forgotten
  thread_local std::unordered_map<std::string, bool> known;
  std::string key = std::to_string(extra_flags) + ':' + name;
  if (const auto found = known.find(key); found != known.end()) return found->second;
  if (known.size() >= kRemembered) known.clear();
  const bool suffix = psl_is_public_suffix2(public_suffix_list(), name.c_str(), PSL_TYPE_ICANN | extra_flags) != 0;
  known.emplace(std::move(key), suffix);
  return suffix;
}

}  // namespace casim::mockca
