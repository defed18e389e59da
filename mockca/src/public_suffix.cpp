// public_suffix_list: loads the Public Suffix List once per process.
#include "public_suffix.hpp"

#include <stdexcept>

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

}  // namespace casim::mockca
