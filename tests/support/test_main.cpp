// main() of every Boost.Test executable, compiled once: the master test suite is named after the
// executable (e.g. "cli_test_run"), as the test logs show it.
#include <boost/test/unit_test.hpp>

#include <filesystem>

namespace {

bool init_casim_test() {
  auto& master = boost::unit_test::framework::master_test_suite();
  if (master.argc > 0) master.p_name.value = std::filesystem::path(master.argv[0]).filename().string();
  return true;
}

}  // namespace

int main(int argc, char* argv[]) { return boost::unit_test::unit_test_main(&init_casim_test, argc, argv); }
