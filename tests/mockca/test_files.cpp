// The one atomic single-file writer: exact modes, a link at the target replaced and never written
// through, an existing file refused (even a dangling link) when nothing may be replaced, and no
// temporary file left behind either way; a file lock that waits for its holder.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <iterator>
#include <string>
#include <thread>

#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_files)

namespace {

namespace fs = std::filesystem;
using casim::mockca::ExistingFile;
using casim::mockca::FileLock;
using casim::mockca::write_file_atomic;

std::string read_file(const fs::path& file) { return casim::sim::read_input_file(file, casim::mockca::kKeyFile); }

mode_t mode_of(const fs::path& file) {
  struct stat info {};
  BOOST_REQUIRE(::lstat(file.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(writes_with_exactly_the_mode_whatever_the_umask) {
  const casim::test::TempDir dir;
  const mode_t previous = ::umask(0077);
  write_file_atomic(dir.path() / "cert.pem", "public", casim::mockca::kPublicFileMode);
  ::umask(previous);
  write_file_atomic(dir.path() / "key.pem", "private", casim::mockca::kPrivateFileMode, ExistingFile::Refuse);
  BOOST_TEST(mode_of(dir.path() / "cert.pem") == casim::mockca::kPublicFileMode);
  BOOST_TEST(mode_of(dir.path() / "key.pem") == casim::mockca::kPrivateFileMode);
  BOOST_TEST(read_file(dir.path() / "key.pem") == "private");
  BOOST_TEST(entries(dir.path()) == 2U);
}

BOOST_AUTO_TEST_CASE(replace_puts_a_new_file_in_place_of_a_link_and_leaves_its_target_alone) {
  const casim::test::TempDir dir;
  const auto outside = dir.write("outside.txt", "untouched");
  fs::create_symlink(outside, dir.path() / "key.pem");
  write_file_atomic(dir.path() / "key.pem", "new", casim::mockca::kPrivateFileMode, ExistingFile::Replace);
  BOOST_TEST(!fs::is_symlink(dir.path() / "key.pem"));
  BOOST_TEST(read_file(dir.path() / "key.pem") == "new");
  BOOST_TEST(read_file(outside) == "untouched");
  BOOST_TEST(entries(dir.path()) == 2U);
}

BOOST_AUTO_TEST_CASE(refuse_keeps_an_existing_file_or_link_and_leaves_no_temporary_file) {
  const casim::test::TempDir dir;
  const auto existing = dir.write("key.pem", "old");
  fs::create_symlink(dir.path() / "nowhere", dir.path() / "csr.pem");
  for (const auto& target : {existing, dir.path() / "csr.pem"}) {
    BOOST_TEST_CONTEXT(target) {
      try {
        write_file_atomic(target, "new", casim::mockca::kPrivateFileMode, ExistingFile::Refuse);
        BOOST_FAIL("an existing " << target << " was replaced");
      } catch (const casim::InputError& error) {
        const std::string message = error.what();
        BOOST_TEST(message.find(target.string()) != std::string::npos, message);
        BOOST_TEST(message.find("exists") != std::string::npos, message);
      }
    }
  }
  BOOST_TEST(read_file(existing) == "old");
  BOOST_TEST(fs::is_symlink(dir.path() / "csr.pem"));
  BOOST_TEST(!fs::exists(dir.path() / "nowhere"));
  BOOST_TEST(entries(dir.path()) == 2U);
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_an_input_error_naming_the_file) {
  const casim::test::TempDir dir;
  const auto file = dir.path() / "missing" / "cert.pem";
  for (const auto existing : {ExistingFile::Replace, ExistingFile::Refuse}) {
    try {
      write_file_atomic(file, "text", casim::mockca::kPublicFileMode, existing);
      BOOST_FAIL("wrote into a missing directory");
    } catch (const casim::InputError& error) {
      const std::string message = error.what();
      BOOST_TEST(message.find(file.string()) != std::string::npos, message);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_file_lock_waits_for_its_holder_and_a_removed_lock_file_leaves_nothing) {
  const casim::test::TempDir dir;
  const auto file = dir.path() / ".ca.lock";
  std::atomic<bool> second_holds{false};
  std::thread second;
  {
    const FileLock first(file, FileLock::LockFile::Remove);
    second = std::thread([&] {
      const FileLock lock(file, FileLock::LockFile::Remove);
      second_holds = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    BOOST_TEST(!second_holds.load(), "the second lock waited for the first");
  }
  second.join();
  BOOST_TEST(second_holds.load());
  BOOST_TEST(entries(dir.path()) == 0U);
}

BOOST_AUTO_TEST_SUITE_END()  // test_files
