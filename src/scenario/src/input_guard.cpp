// The checks a scenario file's text passes before it is parsed into nodes (input_guard.hpp).
#include "input_guard.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace casim::scenario::detail {
namespace {

namespace fs = std::filesystem;

YAML::Mark mark_at(int offset, int line, int column) {
  YAML::Mark mark;
  mark.pos = offset;
  mark.line = line;
  mark.column = column;
  return mark;
}

// The length of the UTF-8 sequence starting at `at`, or 0 when it is not one (overlong forms,
// surrogates and code points above U+10FFFF included).
std::size_t sequence_length(const std::string& text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0U; };
  const unsigned lead = byte(at);
  const auto continuation = [&](std::size_t i, unsigned low, unsigned high) {
    return byte(i) >= low && byte(i) <= high;
  };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(at + 1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned high = lead == 0xED ? 0x9F : 0xBF;
    return continuation(at + 1, low, high) && continuation(at + 2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation(at + 1, low, high) && continuation(at + 2, 0x80, 0xBF) && continuation(at + 3, 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

// A control character YAML does not allow in a file: C0 but tab, line feed and carriage return;
// DEL; C1 but NEL (U+0085, two bytes C2 85).
bool is_forbidden_control(const std::string& text, std::size_t at, std::size_t length) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (length == 1) return (lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r') || lead == 0x7F;
  if (length != 2 || lead != 0xC2) return false;
  const auto second = static_cast<unsigned char>(text[at + 1]);
  return second >= 0x80 && second <= 0x9F && second != 0x85;
}

// Thrown by ShapeCheck to stop the parser once a bound is passed and reported.
struct BoundPassed {};

// Counts the values of one document as a walk with aliases expanded would visit them.
class ShapeCheck : public YAML::EventHandler {
 public:
  explicit ShapeCheck(Reader& reader) : reader_(reader) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (std::any_of(open_.begin(), open_.end(), [&](const Frame& frame) { return frame.anchor == anchor; })) {
      fail(mark, "an alias (*name) refers to the collection it is part of: the document would never end");
    }
    const auto found = anchored_.find(anchor);
    const Shape shape = found == anchored_.end() ? Shape{1, 1} : found->second;
    add(mark, shape.values, depth() + shape.height, true);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Shape {
    std::uint64_t values = 0;  // the node itself and everything under it, aliases expanded
    int height = 0;            // levels from the node down to its deepest value (a scalar: 1)
  };
  struct Frame {
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::uint64_t values_before = 0;  // total_ when the collection opened
    int depth = 0;                    // its own level (the document's root: 1)
    int deepest = 0;                  // the deepest level reached inside it
  };

  int depth() const { return static_cast<int>(open_.size()); }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message) {
    reader_.error(mark, std::move(message));
    throw BoundPassed{};
  }

  void add(const YAML::Mark& mark, std::uint64_t values, int level, bool through_alias) {
    const char* how = through_alias ? " once its aliases (*name) are expanded" : "";
    if (level > kMaxNesting) {
      fail(mark, fmt::format("the document nests deeper than {} levels{}; a scenario needs a handful", kMaxNesting,
                             how));
    }
    if (values > kMaxValues - total_) {
      fail(mark, fmt::format("the document holds more than {} values{}; an alias bomb? Write values out, or "
                             "repeat orders with count: N",
                             kMaxValues, how));
    }
    total_ += values;
    if (!open_.empty()) open_.back().deepest = std::max(open_.back().deepest, level);
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1, depth() + 1, false);
    if (anchor != YAML::NullAnchor) anchored_[anchor] = Shape{1, 1};
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1, depth() + 1, false);
    open_.push_back(Frame{anchor, total_ - 1, depth() + 1, depth() + 1});
  }

  void close() {
    const Frame frame = open_.back();
    open_.pop_back();
    if (!open_.empty()) open_.back().deepest = std::max(open_.back().deepest, frame.deepest);
    if (frame.anchor != YAML::NullAnchor) {
      anchored_[frame.anchor] = Shape{total_ - frame.values_before, frame.deepest - frame.depth + 1};
    }
  }

  Reader& reader_;
  std::vector<Frame> open_;
  std::unordered_map<YAML::anchor_t, Shape> anchored_;
  std::uint64_t total_ = 0;
};

}  // namespace

std::optional<std::string> read_scenario_text(const fs::path& file, Reader& reader) {
  sim::InputRead read = sim::try_read_input_file(file, kScenarioFile);
  switch (read.problem) {
    case sim::InputRead::Problem::None: break;
    case sim::InputRead::Problem::Directory:
    case sim::InputRead::Problem::NotRegular: reader.error(YAML::Mark::null_mark(), read.why); break;
    case sim::InputRead::Problem::Unreadable: reader.error(YAML::Mark::null_mark(), "cannot read the file"); break;
    case sim::InputRead::Problem::TooLarge:
      reader.error(YAML::Mark::null_mark(),
                   fmt::format("the file {}; repeat orders with count: N instead of writing each out", read.why));
      break;
  }
  return std::move(read.text);
}

bool is_utf8_text(const std::string& text, Reader& reader) {
  int line = 0;
  int column = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(text, at);
    const auto byte = static_cast<unsigned char>(text[at]);
    const YAML::Mark mark = mark_at(static_cast<int>(at), line, column);
    if (length == 0) {
      reader.error(mark, fmt::format("byte 0x{:02X} at offset {} is not UTF-8: a scenario file is UTF-8 text", byte,
                                     at));
      return false;
    }
    if (is_forbidden_control(text, at, length)) {
      const unsigned code = length == 1 ? byte : static_cast<unsigned char>(text[at + 1]);
      reader.error(mark, fmt::format("control character U+{:04X} at byte offset {}: a scenario file is text, not "
                                     "binary data",
                                     code, at));
      return false;
    }
    const bool line_break = byte == '\n' || (byte == '\r' && (at + 1 == text.size() || text[at + 1] != '\n'));
    line = line_break ? line + 1 : line;
    column = line_break ? 0 : column + 1;
    at += length;
  }
  return true;
}

bool has_bounded_shape(const std::string& text, Reader& reader) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  ShapeCheck check(reader);
  try {
    parser.HandleNextDocument(check);
  } catch (const BoundPassed&) {
    return false;
  }
  return true;
}

std::optional<YAML::Node> parse_scenario_file(const fs::path& file, Reader& reader) {
  const auto text = read_scenario_text(file, reader);
  if (!text || !is_utf8_text(*text, reader)) return std::nullopt;
  try {
    if (!has_bounded_shape(*text, reader)) return std::nullopt;
    return YAML::Load(*text);
  } catch (const YAML::Exception& error) {
    reader.error(error.mark, fmt::format("not valid YAML: {}", error.msg));
    return std::nullopt;
  }
}

}  // namespace casim::scenario::detail
