// public_suffix_list: loads the Public Suffix List once per process.
#include "public_suffix.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "casim/mockca/name_checks.hpp"
#include "casim/sim/string_map.hpp"

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

bool is_icann_suffix(std::string_view name, SuffixRules rules) {
  constexpr std::size_t kRemembered = 4096;  // answers kept before all are forgotten
  using Answers = sim::StringMap<bool>;
  thread_local std::array<Answers, 2> known;  // by rules
  const bool no_star = rules == SuffixRules::NoStarRule;
  Answers& answers = known[no_star ? 1 : 0];
  if (const auto found = answers.find(name); found != answers.end()) return found->second;
  if (answers.size() >= kRemembered) answers.clear();
  std::string key(name);
  const int flags = PSL_TYPE_ICANN | (no_star ? PSL_TYPE_NO_STAR_RULE : 0);
  const bool suffix = psl_is_public_suffix2(public_suffix_list(), key.c_str(), flags) != 0;
  answers.emplace(std::move(key), suffix);
  return suffix;
}

}  // namespace casim::mockca
