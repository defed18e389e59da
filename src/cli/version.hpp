// `casim --version`: casim's version, the versions of the libraries it was built with and runs
// on, and the data it carries (the built-in calendars and the years each covers, the tz database).
#pragma once

#include <string>

namespace casim::cli {

// The text `casim --version` prints: the first line is "casim <version>", then one line per
// library and per built-in calendar.
std::string version_text();

}  // namespace casim::cli
