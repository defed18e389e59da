// main() of every Boost.Test executable, compiled once: the master test suite is named after the
// executable (e.g. "cli_tests"), as the test logs show it. Each test file opens a suite named after
// it, which its CTest entry runs (`--run_test=<stem>`); a test case outside any file's suite would
// run under no entry, so the executable refuses to start with one.
#include <boost/test/tree/traverse.hpp>
#include <boost/test/tree/visitor.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace utf = boost::unit_test;

// The test cases directly under the master suite.
class LooseCases : public utf::test_tree_visitor {
 public:
  explicit LooseCases(utf::test_unit_id master) : master_(master) {}
  void visit(const utf::test_case& test) override {
    if (test.p_parent_id == master_) names.push_back(test.p_name);
  }
  std::vector<std::string> names;

 private:
  utf::test_unit_id master_;
};

bool init_casim_test() {
  auto& master = utf::framework::master_test_suite();
  if (master.argc > 0) master.p_name.value = std::filesystem::path(master.argv[0]).filename().string();
  LooseCases loose(master.p_id);
  utf::traverse_test_tree(master, loose, true);  // every case, whatever --run_test selects
  for (const auto& name : loose.names) {
    std::cerr << "test case '" << name << "' is outside its file's suite: open BOOST_AUTO_TEST_SUITE(<file stem>) "
              << "after the file's #include lines and close it at the end\n";
  }
  return loose.names.empty();
}

}  // namespace

int main(int argc, char* argv[]) { return utf::unit_test_main(&init_casim_test, argc, argv); }
