// The top-level casim commands; each lives in its own cmd_<name>.cpp.
#pragma once

#include "cli_support.hpp"

namespace casim::cli {


}  // namespace casim::cli
