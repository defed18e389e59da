// The `--agent` command line: words split on any whitespace, quotes and backslashes as a POSIX
// shell reads them, nothing expanded, and the errors a user sees for an unfinished line.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "casim/agent/command_line.hpp"
#include "casim/sim/error.hpp"

BOOST_AUTO_TEST_SUITE(test_command_line)

using casim::InputError;
using casim::agent::split_command_line;
using Words = std::vector<std::string>;

namespace {

// The message of the InputError split_command_line throws for `line` ("" if it throws nothing).
std::string error_of(const std::string& line) {
  try {
    split_command_line(line);
  } catch (const InputError& error) {
    BOOST_TEST(error.where() == "--agent");
    return error.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(words_are_separated_by_any_whitespace) {
  BOOST_TEST(split_command_line("python3 agent.py --fast") == (Words{"python3", "agent.py", "--fast"}));
  BOOST_TEST(split_command_line("  a \t b\n\nc \r\n d\t") == (Words{"a", "b", "c", "d"}));
}

BOOST_AUTO_TEST_CASE(single_quotes_keep_everything_literally) {
  BOOST_TEST(split_command_line(R"(echo 'a  b "c" \ $x \n')") == (Words{"echo", R"(a  b "c" \ $x \n)"}));
  BOOST_TEST(split_command_line("'line\none'") == (Words{"line\none"}));
}

BOOST_AUTO_TEST_CASE(double_quotes_unescape_only_quote_backslash_dollar_and_backtick) {
  BOOST_TEST(split_command_line(R"(say "a \"b\" \\ \$HOME \` \n 'c'")") ==
             (Words{"say", R"(a "b" \ $HOME ` \n 'c')"}));
}

BOOST_AUTO_TEST_CASE(a_backslash_outside_quotes_escapes_the_next_character) {
  BOOST_TEST(split_command_line(R"(a\ b c\'d \\e \"f)") == (Words{"a b", "c'd", R"(\e)", R"("f)"}));
  BOOST_TEST(split_command_line("long\\\ncommand \"in\\\nside\"") == (Words{"longcommand", "inside"}));
}

BOOST_AUTO_TEST_CASE(quoted_parts_join_into_one_word_and_empty_quotes_make_an_empty_word) {
  BOOST_TEST(split_command_line(R"(pre'mid'"post"x)") == (Words{"premidpostx"}));
  BOOST_TEST(split_command_line(R"(run '' "" end)") == (Words{"run", "", "", "end"}));
}

BOOST_AUTO_TEST_CASE(nothing_is_expanded) {
  BOOST_TEST(split_command_line("$HOME ~ *.py a;b | > x $(id) `id`") ==
             (Words{"$HOME", "~", "*.py", "a;b", "|", ">", "x", "$(id)", "`id`"}));
}

BOOST_AUTO_TEST_CASE(unfinished_or_empty_lines_are_refused) {
  BOOST_TEST(error_of("agent 'arg") == "--agent: unterminated single quote");
  BOOST_TEST(error_of(R"(agent "arg)") == "--agent: unterminated double quote");
  BOOST_TEST(error_of(R"(agent "arg\")") == "--agent: unterminated double quote");
  BOOST_TEST(error_of(R"(agent arg\)") == "--agent: trailing backslash");
  BOOST_TEST(error_of("") == "--agent: empty command");
  BOOST_TEST(error_of(" \t\n ") == "--agent: empty command");
  BOOST_TEST(error_of("agent ok") == "");
}

BOOST_AUTO_TEST_SUITE_END()  // test_command_line
