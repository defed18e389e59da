// split_command_line: a POSIX shell's quoting and escaping rules, as one pass over the characters.
#include "casim/agent/command_line.hpp"

#include "casim/sim/error.hpp"

namespace casim::agent {
namespace {

constexpr std::string_view kWhere = "--agent";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// The characters a backslash escapes inside "…"; before any other, the backslash stays.
bool escapable_in_double_quotes(char c) { return c == '"' || c == '\\' || c == '$' || c == '`'; }

}  // namespace

std::vector<std::string> split_command_line(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;  // a word has begun (it may still be empty, as after '')
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (is_space(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\\') {
      if (i + 1 == line.size()) throw InputError(std::string(kWhere), "trailing backslash");
      if (line[++i] != '\n') {
        word += line[i];
        in_word = true;
      }
    } else if (c == '\'') {
      const std::size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) throw InputError(std::string(kWhere), "unterminated single quote");
      word.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == '"') {
      in_word = true;
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '\n') {
          ++i;
        } else if (line[i] == '\\' && i + 1 < line.size() && escapable_in_double_quotes(line[i + 1])) {
          word += line[++i];
        } else {
          word += line[i];
        }
      }
      if (i == line.size()) throw InputError(std::string(kWhere), "unterminated double quote");
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) throw InputError(std::string(kWhere), "empty command");
  return words;
}

}  // namespace casim::agent
