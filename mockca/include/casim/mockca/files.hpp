// Files of the mock CA and the command line: the kinds of file they read with their bounds (read
// with sim::read_input_file), the one writer of single files that never leaves a half-written
// file behind (a temporary file in the same directory, given its mode, synced, then renamed or
// linked into place), private directories, and lock files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <sys/types.h>

#include "casim/sim/file_input.hpp"

namespace casim::mockca {

inline constexpr mode_t kPrivateFileMode = 0600;  // private keys, the CA's records
inline constexpr mode_t kPublicFileMode = 0644;   // certificates, CRLs, descriptions
inline constexpr mode_t kPrivateDirMode = 0700;   // every directory that holds a key

// What the mock CA reads, each bounded far above what a real one holds (docs/limits.md).
inline constexpr sim::InputKind kCsrFile{"a CSR file", 64U * 1024U};            // a CSR: 1-5 KiB
inline constexpr sim::InputKind kKeyFile{"a private key file", 64U * 1024U};    // RSA-4096 in PEM: 3.3 KiB
inline constexpr sim::InputKind kCertificateFile{"a certificate file", 1024U * 1024U};  // a chain: 2-5 certificates
inline constexpr sim::InputKind kRootsFile{"a file of trusted roots", 16U * 1024U * 1024U};  // a system bundle: 220 KiB
inline constexpr sim::InputKind kSubjectFile{"a subject file", 64U * 1024U};
inline constexpr sim::InputKind kCaFile{"a CA file", 1024U * 1024U};  // ca.json, a CA's cert.pem or key.pem
// The CA's record of every certificate it issued (~300 bytes each): millions of certificates.
inline constexpr sim::InputKind kCaStateFile{"a CA state file", 1024U * 1024U * 1024U};

// What write_file_atomic does when `file` exists already (a link there included).
enum class ExistingFile {
  Replace,  // the new file is renamed over it; a link is replaced, never written through
  Refuse,   // the new file is hard-linked into place, which fails when `file` exists, even when
            // it appeared only while the new file was being written
};

// Writes `bytes` to `file` with exactly `mode` through a new temporary file beside it (O_EXCL, no
// link followed), synced before it is put in place as `existing` says. Throws InputError naming
// the file when it cannot be written, or when it exists and `existing` is Refuse ("exists; not
// overwriting it"); the temporary file is removed on every failure.
void write_file_atomic(const std::filesystem::path& file, std::string_view bytes, mode_t mode,
                       ExistingFile existing = ExistingFile::Replace);

// Creates `dir` (and missing parents) with mode 0700 (never more open, not even for a moment, and
// whatever the umask), or sets 0700 on an existing one; throws InputError when `dir` is a symbolic
// link.
void make_private_dir(const std::filesystem::path& dir);

// An exclusive lock (flock) on `file`, created with mode 0600 when missing (no link followed), held
// until the object goes away; waits for another holder, in this process or another. With
// LockFile::Remove the holder removes the file when done, and a waiter that then holds a removed
// file locks the new one instead, so the lock leaves nothing behind. Throws InputError naming the
// file when it cannot be opened or locked.
class FileLock {
 public:
  enum class LockFile { Keep, Remove };
  explicit FileLock(std::filesystem::path file, LockFile lock_file = LockFile::Keep);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  std::filesystem::path file_;
  LockFile lock_file_;
  int fd_ = -1;
};

}  // namespace casim::mockca
