// The `--agent` command line split into the words of an argv, as a POSIX shell would split it,
// with no shell run and nothing expanded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casim::agent {

// Splits a command line into words as a POSIX shell would: whitespace (space, tab, newline, CR,
// VT, FF) separates words; '…' keeps everything literally; "…" keeps everything but \" \\ \$ \`,
// which lose the backslash; a backslash outside quotes escapes the next character; a backslash
// before a newline (outside '…') removes both, as a line continuation does; '' and "" make an
// empty word. Nothing is expanded ($VAR, ~, *, ;, | and > are plain characters) and no shell is
// run. Throws casim::InputError with where "--agent" for an unterminated quote, a trailing
// backslash or a command with no words.
std::vector<std::string> split_command_line(std::string_view line);

}  // namespace casim::agent
