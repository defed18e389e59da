// Shared by json_write.cpp and csv.cpp: a spilled run's file (spill.hpp) copied where it belongs.
#pragma once

#include <filesystem>
#include <ostream>

namespace casim::report::detail {

// Copies `file` into `out`; throws InputError naming the file and why when it cannot be read.
void copy_spilled_file(const std::filesystem::path& file, std::ostream& out);

}  // namespace casim::report::detail
