// The one loaded Public Suffix List of the mock CA (libpsl), shared by the name checks and
// domain validation: the file kPublicSuffixFile names, or libpsl's built-in list as a fallback.
#pragma once

#include <libpsl.h>

namespace casim::mockca {

// Loaded on first use; throws std::runtime_error when neither list is there.
const psl_ctx_t* public_suffix_list();

}  // namespace casim::mockca
