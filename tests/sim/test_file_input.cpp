// The bounded reader of input files: a regular file up to its kind's bound is read whole (a link
// to one too); one byte more, a directory, a FIFO without a writer, a device or a missing file is
// refused with a message saying why, and standard input is bounded the same way.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "casim/sim/error.hpp"
#include "casim/sim/file_input.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_file_input)

namespace {

namespace fs = std::filesystem;
using casim::sim::InputKind;
using casim::sim::InputRead;
using casim::sim::try_read_input_file;

constexpr InputKind kSmall{"a small file", 2048};

}  // namespace

BOOST_AUTO_TEST_CASE(a_regular_file_up_to_the_bound_is_read_whole_one_byte_more_is_refused) {
  const casim::test::TempDir dir;
  const std::string at_bound(2048, 'x');
  const auto file = dir.write("at-bound.txt", at_bound);
  BOOST_TEST(try_read_input_file(file, kSmall).text.value_or("(none)") == at_bound);
  fs::create_symlink(file, dir.path() / "link.txt");
  BOOST_TEST(try_read_input_file(dir.path() / "link.txt", kSmall).text.value_or("(none)") == at_bound);
  BOOST_TEST(try_read_input_file(dir.write("empty.txt", ""), kSmall).text.value_or("(none)").empty());

  const InputRead over = try_read_input_file(dir.write("over.txt", at_bound + "y"), kSmall);
  BOOST_TEST(!over.text);
  BOOST_TEST((over.problem == InputRead::Problem::TooLarge));
  BOOST_TEST(over.why == "is 2049 bytes, more than the 2048 bytes (2 KiB) allowed for a small file");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_regular_file_is_refused_before_it_is_read) {
  const casim::test::TempDir dir;
  const InputRead directory = try_read_input_file(dir.path(), kSmall);
  BOOST_TEST((directory.problem == InputRead::Problem::Directory));
  BOOST_TEST(directory.why == "is a directory, not a small file");

  const auto fifo = dir.path() / "fifo";
  BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const InputRead pipe = try_read_input_file(fifo, kSmall);  // without a writer: blocks unless refused
  BOOST_TEST((pipe.problem == InputRead::Problem::NotRegular));
  BOOST_TEST(pipe.why == "is a FIFO (named pipe), not a regular file");

  const InputRead device = try_read_input_file("/dev/zero", kSmall);
  BOOST_TEST((device.problem == InputRead::Problem::NotRegular));
  BOOST_TEST(device.why == "is a character device, not a regular file");

  const InputRead missing = try_read_input_file(dir.path() / "missing", kSmall);
  BOOST_TEST((missing.problem == InputRead::Problem::Unreadable));
  BOOST_TEST(missing.why == "cannot be opened: No such file or directory");
  try {
    casim::sim::read_input_file(fifo, kSmall);
    BOOST_FAIL("a FIFO was read");
  } catch (const casim::InputError& error) {
    BOOST_TEST(std::string(error.what()) == fifo.string() + ": is a FIFO (named pipe), not a regular file");
  }
}

BOOST_AUTO_TEST_CASE(a_stream_is_bounded_as_a_file_is) {
  std::istringstream at_bound(std::string(2048, 'x'));
  BOOST_TEST(casim::sim::read_input_stream(at_bound, "standard input", kSmall).size() == 2048U);
  std::istringstream endless(std::string(1'000'000, 'x'));
  try {
    casim::sim::read_input_stream(endless, "standard input", kSmall);
    BOOST_FAIL("a stream over the bound was read");
  } catch (const casim::InputError& error) {
    BOOST_TEST(std::string(error.what()) ==
               "standard input: holds more than the 2048 bytes (2 KiB) allowed for a small file");
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_file_input
