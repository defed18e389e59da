// casim against a hostile process environment: a memory reserve that lets an out-of-memory error
// unwind (destructors that allocate, e.g. nlohmann::json's, find memory), SIGPIPE turned into EPIPE
// (a reader that leaves is not a crash), standard output written once the report is published, and
// the exceptions that come from the environment — no memory, no file descriptors, no threads, a
// full, read-only or forbidden file system — told from bugs: exit 2 with a message, not 3.
#pragma once

#include <exception>
#include <filesystem>
#include <string_view>

namespace casim::cli {

// Sets aside the memory reserve and catches SIGPIPE (with a handler that does nothing, so programs
// casim starts get the default action back). Called once, first thing in main.
void guard_process();

// Writes `text` to standard output. A reader that left (EPIPE) is not an error; any other failure
// is said on stderr, naming `published` (the output folder already holding the report), and does
// not change the exit code.
void print_after_publishing(std::string_view text, const std::filesystem::path& published);

// Says on stderr what went wrong and returns the exit code for an exception that reached main:
// 2 when the environment failed casim (out of memory, out of resources, a file system that
// refuses), 3 for anything else (a bug).
int report_failure(const std::exception_ptr& failure) noexcept;

}  // namespace casim::cli
