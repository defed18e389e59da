// The one loaded Public Suffix List of the mock CA (libpsl), shared by the name checks and
// domain validation: the file kPublicSuffixFile names, or libpsl's built-in list as a fallback.
#pragma once

#include <libpsl.h>

#include <string_view>

namespace casim::mockca {

// Loaded on first use; throws std::runtime_error when neither list is there.
const psl_ctx_t* public_suffix_list();

// Which of the list's rules count: all, or all but the implicit "*" rule (libpsl's
// PSL_TYPE_NO_STAR_RULE), under which an unlisted top-level domain is no public suffix.
enum class SuffixRules { All, NoStarRule };

// Whether the lower-case `name` is a public suffix of the list's ICANN section. Runs ask about the
// same few names at every check, so each thread remembers its answers (the list does not change
// while the process runs).
bool is_icann_suffix(std::string_view name, SuffixRules rules = SuffixRules::All);

}  // namespace casim::mockca
