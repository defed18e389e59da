// The one way casim reads a file a user names: whole, bounded, and only a regular file (a link to
// one is followed). A FIFO, a device or a directory is refused before a byte is read, so neither
// /dev/zero nor a pipe without a writer can stall a command; a file larger than its kind allows is
// refused by its size before it is read, and never more than the bound plus one byte is read (a
// file that grows meanwhile). docs/limits.md lists every kind and its bound.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace casim::sim {

// A kind of input file and the most bytes one may have.
struct InputKind {
  std::string_view name;  // with its article, as messages use it: "a CSR file"
  std::uintmax_t max_bytes;
};

// What try_read_input_file found: the bytes, or why there are none.
struct InputRead {
  enum class Problem { None, Directory, NotRegular, Unreadable, TooLarge };
  std::optional<std::string> text;
  Problem problem = Problem::None;
  std::string why;  // a problem as a message's tail: "is a FIFO (named pipe), not a regular file"
};

// The bytes of `file`, or the problem; never throws for a bad file.
InputRead try_read_input_file(const std::filesystem::path& file, const InputKind& kind);

// The bytes of `file`; throws InputError("file", why) when it cannot be had.
std::string read_input_file(const std::filesystem::path& file, const InputKind& kind);

// The rest of `in` (standard input, for a FILE given as -); throws InputError(name, why) when it
// holds more than kind.max_bytes bytes or cannot be read.
std::string read_input_stream(std::istream& in, const std::string& name, const InputKind& kind);

}  // namespace casim::sim
