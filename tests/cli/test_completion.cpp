// The bash completion script (scripts/completion/casim.bash) against the command itself: bash
// reads it, it registers for casim, and it offers every command, subcommand and option that
// `casim ... --help` lists (help ⊆ completion, so neither can drift without this failing), plus
// folders, files and value lists where an option takes them.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_completion)

using namespace casim::test;

namespace {

const std::string kBash = "/bin/bash";

std::string script() { return source_path("scripts/completion/casim.bash"); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What the completion offers for `casim <words...>`, the last word being the one completed.
std::set<std::string> complete(const std::vector<std::string>& words) {
  std::string array = "casim";
  for (const auto& word : words) array += " '" + word + "'";
  const std::string program = "source '" + script() + "' && COMP_WORDS=(" + array + ") && COMP_CWORD=" +
                              std::to_string(words.size()) + " && _casim && printf '%s\\n' \"${COMPREPLY[@]}\"";
  const auto result = run_command({kBash, "-c", program});
  BOOST_TEST_REQUIRE(result.exit_code == 0, describe(result));
  const auto lines = lines_of(result.out);
  std::set<std::string> offered(lines.begin(), lines.end());
  offered.erase("");
  return offered;
}

// The names in the "Commands:" table of `casim <path> --help`; none for a command without one.
std::vector<std::string> subcommands_of(const std::vector<std::string>& path) {
  auto args = path;
  args.push_back("--help");
  const auto help = run_casim(args);
  BOOST_TEST_REQUIRE(help.exit_code == 0, describe(help));
  std::vector<std::string> names;
  bool in_table = false;
  static const std::regex row(R"(^  ([a-z][a-z-]*) {2,}\S.*)");
  for (const auto& line : lines_of(help.out)) {
    if (line == "Commands:") in_table = true;
    else if (line.empty()) in_table = false;
    else if (std::smatch m; in_table && std::regex_match(line, m, row)) names.push_back(m[1]);
  }
  return names;
}

// The options `casim <path> --help` lists (cxxopts: "  -h, --help" or "      --seed N").
std::vector<std::string> options_of(const std::vector<std::string>& path) {
  auto args = path;
  args.push_back("--help");
  const auto help = run_casim(args);
  BOOST_TEST_REQUIRE(help.exit_code == 0, describe(help));
  std::vector<std::string> options;
  static const std::regex row(R"(^  (?:-[a-zA-Z], |    )(--[a-z0-9][a-z0-9-]*)\b.*)");
  for (const auto& line : lines_of(help.out)) {
    if (std::smatch m; std::regex_match(line, m, row)) options.push_back(m[1]);
  }
  return options;
}

std::string joined(const std::set<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += word + " ";
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bash_reads_the_script_and_it_registers_for_casim) {
  const auto syntax = run_command({kBash, "-n", script()});
  BOOST_TEST(syntax.exit_code == 0, describe(syntax));
  const auto registered = run_command({kBash, "-c", "source '" + script() + "' && complete -p casim"});
  BOOST_TEST(registered.exit_code == 0, describe(registered));
  BOOST_TEST(contains(registered.out, "-F _casim"), describe(registered));
  BOOST_TEST(contains(registered.out, " casim\n"), describe(registered));
}

BOOST_AUTO_TEST_CASE(every_command_subcommand_and_option_of_help_is_offered) {
  const auto commands = subcommands_of({});
  BOOST_TEST_REQUIRE(commands.size() >= 9u);
  const auto top = complete({""});
  std::size_t checked_options = 0;
  for (const auto& command : commands) {
    BOOST_TEST(top.count(command) == 1, "casim <TAB> lacks " << command << ": " << joined(top));
    std::vector<std::vector<std::string>> leaves;
    const auto subcommands = subcommands_of({command});
    if (subcommands.empty()) leaves.push_back({command});
    const auto offered = complete({command, ""});
    for (const auto& subcommand : subcommands) {
      BOOST_TEST(offered.count(subcommand) == 1,
                 "casim " << command << " <TAB> lacks " << subcommand << ": " << joined(offered));
      leaves.push_back({command, subcommand});
    }
    for (const auto& leaf : leaves) {
      auto words = leaf;
      words.push_back("--");
      const auto options = complete(words);
      for (const auto& option : options_of(leaf)) {
        BOOST_TEST(options.count(option) == 1, "casim " << leaf.front() << (leaf.size() > 1 ? " " + leaf.back() : "")
                                                        << " --<TAB> lacks " << option << ": " << joined(options));
        ++checked_options;
      }
    }
  }
  BOOST_TEST(checked_options >= 80u);  // every command's options were found in its help
}

BOOST_AUTO_TEST_CASE(option_values_are_folders_files_or_lists) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "sub");
  dir.write("scenario.yaml", "name: x\n");
  dir.write("notes.txt", "x\n");
  const std::string base = dir.path().string() + "/";
  const auto folders = complete({"run", "--out", base});
  BOOST_TEST(folders == (std::set<std::string>{base + "sub"}), joined(folders));
  const auto scenarios = complete({"run", base});
  BOOST_TEST(scenarios == (std::set<std::string>{base + "sub", base + "scenario.yaml"}), joined(scenarios));
  const auto files = complete({"serve", "--credentials", base + "n"});
  BOOST_TEST(files == (std::set<std::string>{base + "notes.txt"}), joined(files));
  const auto formats = complete({"run", "--format", "text,j"});
  BOOST_TEST(formats == (std::set<std::string>{"text,json", "text,junit"}), joined(formats));
  const auto levels = complete({"ca", "issue", "--dir", "ca", "--type", ""});
  BOOST_TEST(levels == (std::set<std::string>{"DV", "OV", "EV"}), joined(levels));
  const auto after_switch = complete({"run", "--no-certs", base + "s"});
  BOOST_TEST(after_switch == (std::set<std::string>{base + "sub", base + "scenario.yaml"}), joined(after_switch));
}

BOOST_AUTO_TEST_SUITE_END()  // test_completion
