// Files of the mock CA: whole-file reads, and writes that never leave a half-written file behind
// (a temporary file in the same directory, given its mode, synced, then renamed into place).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace casim::mockca {

inline constexpr mode_t kPrivateFileMode = 0600;  // private keys, the CA's records
inline constexpr mode_t kPublicFileMode = 0644;   // certificates, CRLs, descriptions
inline constexpr mode_t kPrivateDirMode = 0700;   // every directory that holds a key

// The whole content of `file`; throws InputError naming it when it is missing or unreadable.
std::string read_file(const std::filesystem::path& file);

// Writes `bytes` to `file` through a temporary file and a rename, with exactly `mode`; a link at
// `file` is replaced, never written through. Throws InputError naming the file when it cannot be
// written.
void write_file_atomic(const std::filesystem::path& file, std::string_view bytes, mode_t mode);

// Creates `dir` (and missing parents) with mode 0700 (never more open, not even for a moment), or
// sets 0700 on an existing one; throws InputError when `dir` is a symbolic link.
void make_private_dir(const std::filesystem::path& dir);

}  // namespace casim::mockca
