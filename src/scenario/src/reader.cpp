// Reader, Section and the scalar readers of the scenario loader (reader.hpp).
#include "reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include "casim/sim/edit_distance.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::scenario::detail {
namespace {

std::string joined(std::span<const std::string_view> names) {
  std::string text;
  for (const auto name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

std::string_view kind_of(const YAML::Node& node) {
  if (!node || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "a value";
}

// A scalar's text, or a report that a `what` was expected.
std::optional<std::string> scalar(Reader& reader, const YAML::Node& node, const std::string& path,
                                  std::string_view what) {
  if (!node) return std::nullopt;  // a missing key: reported by Section::require where it is required
  if (node.IsScalar()) return node.Scalar();
  reader.error(node, fmt::format("{}: expected {}, found {}", path, what, kind_of(node)));
  return std::nullopt;
}

// "path: " before a message, or nothing at the top level.
std::string prefix(const std::string& path) { return path.empty() ? std::string{} : path + ": "; }

bool looks_like_date(std::string_view text) {
  return text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[0])) && text[4] == '-' && text[7] == '-';
}

}  // namespace

void Reader::add_base(Origin origin, const YAML::Node& root) {
  Base& base = bases_.emplace_back(Base{std::move(origin), {}});
  std::vector<YAML::Node> pending{root};  // input_guard.hpp bounded the walk, aliases expanded
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    base.by_position.emplace(node.Mark().pos, node);
    if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        pending.push_back(entry.first);
        pending.push_back(entry.second);
      }
    }
  }
}

const Origin& Reader::origin_of(const YAML::Node& node) const {
  if (bases_.empty() || !node.IsDefined()) return origin_;
  for (const Base& base : bases_) {
    const auto [first, last] = base.by_position.equal_range(node.Mark().pos);
    for (auto it = first; it != last; ++it) {
      if (it->second.is(node)) return base.origin;
    }
  }
  return origin_;
}

SourceSpan Reader::span_in(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

SourceSpan Reader::span(const YAML::Mark& mark) const { return span_in(origin_.file, mark); }

SourceSpan Reader::span(const YAML::Node& node) const { return span_in(origin_of(node).file, node.Mark()); }

void Reader::error(const YAML::Mark& mark, std::string message) {
  diagnostics_.push_back({span(mark), std::move(message) + origin_.note});
}

void Reader::error(const YAML::Node& node, std::string message) {
  diagnostics_.push_back({span(node), std::move(message) + origin_of(node).note});
}

void Reader::warn(const YAML::Node& node, std::string message) {
  diagnostics_.push_back({span(node), std::move(message) + origin_of(node).note, true});
}

std::size_t Reader::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& d) { return !d.warning; }));
}

std::string shown_file_name(const std::filesystem::path& file) {
  std::error_code error;
  const std::filesystem::path folder = std::filesystem::current_path(error);
  if (error) return file.string();
  const std::filesystem::path absolute = (folder / file).lexically_normal();
  const std::filesystem::path relative = absolute.lexically_relative(folder);
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  return relative.string();
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  const std::size_t limit = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
  std::size_t best = limit + 1;
  std::string_view match;
  for (const auto candidate : candidates) {
    const std::size_t distance = sim::edit_distance(word, candidate);
    if (distance < best) {
      best = distance;
      match = candidate;
    }
  }
  return match.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", match);
}

Section::Section(Reader& reader, const YAML::Node& node, std::string_view section, std::string path)
    : reader_(reader), node_(node), section_(find_key_section(section)), path_(std::move(path)) {
  if (section_ == nullptr) throw std::logic_error("no key section " + std::string(section));
  if (!node) return;  // a missing key: reported by Section::require where it is required
  if (!node.IsMap()) {
    reader.error(node, fmt::format("{}expected a mapping with keys {}, found {}", prefix(path_), joined(section_->keys),
                                   kind_of(node)));
    return;
  }
  ok_ = true;
  std::map<std::string, YAML::Mark> seen;
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      reader.error(key, fmt::format("{}a key must be a plain name", prefix(path_)));
      continue;
    }
    const std::string& name = key.Scalar();
    const auto [previous, fresh] = seen.emplace(name, key.Mark());
    if (!fresh) {
      reader.error(key, fmt::format("{}key '{}' given twice (first on line {})", prefix(path_), name,
                                    previous->second.line + 1));
    }
    if (std::find(section_->keys.begin(), section_->keys.end(), name) == section_->keys.end()) {
      reader.error(key, fmt::format("{}unknown key '{}'{}; expected one of: {}", prefix(path_), name,
                                    did_you_mean(name, section_->keys), joined(section_->keys)));
    }
  }
}

YAML::Node Section::get(std::string_view key) const {
  if (std::find(section_->keys.begin(), section_->keys.end(), key) == section_->keys.end()) {
    throw std::logic_error(fmt::format("key '{}' is not in section {}", key, section_->name));
  }
  if (!ok_) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node Section::require(std::string_view key) const {
  YAML::Node value = get(key);
  if (!value && ok_) reader_.error(node_, fmt::format("{}missing required key '{}'", prefix(path_), key));
  return value;
}

std::string Section::path(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void for_each_item(Reader& reader, const YAML::Node& node, const std::string& path,
                   const std::function<void(const YAML::Node&, const std::string&)>& each) {
  if (!node) return;
  if (!node.IsSequence()) {
    reader.error(node, fmt::format("{}: expected a list, found {}", path, kind_of(node)));
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) each(node[i], fmt::format("{}[{}]", path, i));
}

std::optional<std::string> read_string(Reader& reader, const YAML::Node& node, const std::string& path) {
  return scalar(reader, node, path, "a string");
}

std::optional<std::vector<std::string>> read_strings(Reader& reader, const YAML::Node& node, const std::string& path) {
  std::vector<std::string> values;
  const std::size_t before = reader.error_count();
  for_each_item(reader, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    if (auto value = read_string(reader, item, item_path)) values.push_back(std::move(*value));
  });
  if (reader.error_count() != before) return std::nullopt;
  return values;
}

std::optional<std::int64_t> read_integer(Reader& reader, const YAML::Node& node, const std::string& path,
                                         std::int64_t min, std::int64_t max) {
  const auto text = scalar(reader, node, path, "a whole number");
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || text->empty()) {
    reader.error(node, fmt::format("{}: '{}' is not a whole number", path, *text));
    return std::nullopt;
  }
  if (value < min || value > max) {
    reader.error(node, fmt::format("{}: {} is out of range (expected {} to {})", path, value, min, max));
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> read_unsigned(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto text = scalar(reader, node, path, "a whole number ≥ 0");
  if (!text) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || text->empty()) {
    reader.error(node, fmt::format("{}: '{}' is not a whole number ≥ 0 (below 2^64)", path, *text));
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_number(Reader& reader, const YAML::Node& node, const std::string& path, double min,
                                  double max) {
  const auto text = scalar(reader, node, path, "a number");
  if (!text) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || text->empty() || !std::isfinite(value)) {
    reader.error(node, fmt::format("{}: '{}' is not a number", path, *text));
    return std::nullopt;
  }
  if (value < min || value > max) {
    reader.error(node, fmt::format("{}: {} is out of range (expected {} to {})", path, *text, min, max));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> read_bool(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto text = scalar(reader, node, path, "true or false");
  if (!text) return std::nullopt;
  if (sim::world::same_keyword(*text, "true")) return true;
  if (sim::world::same_keyword(*text, "false")) return false;
  reader.error(node, fmt::format("{}: '{}' is not a boolean (expected true or false)", path, *text));
  return std::nullopt;
}

std::optional<sim::DurationSpec> read_duration_spec(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto text = scalar(reader, node, path, "a duration (e.g. 10m, 72h, 3d, 3bd, 4bh)");
  if (!text) return std::nullopt;
  std::optional<sim::DurationSpec> spec;
  reported(reader, node, [&] { spec = sim::parse_duration(*text, path); });
  return spec;
}

std::optional<sim::Duration> read_duration(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto spec = read_duration_spec(reader, node, path);
  if (!spec) return std::nullopt;
  if (spec->is_business()) {
    reader.error(node, fmt::format("{}: '{}' is business time; this field takes calendar time (s, m, h, d, w)", path,
                                   node.Scalar()));
    return std::nullopt;
  }
  return spec->as_calendar();
}

std::optional<sim::Instant> read_instant(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto text = scalar(reader, node, path, "an instant (e.g. 2026-09-14T09:00:00+08:00)");
  if (!text) return std::nullopt;
  const auto t = text->find('T');
  const bool has_offset =
      t != std::string::npos && (text->back() == 'Z' || text->find_first_of("+-", t) != std::string::npos);
  if (!has_offset) {
    reader.error(node, fmt::format("{}: '{}' is not an instant with its offset (expected e.g. "
                                   "2026-09-14T09:00:00+08:00 or 2026-09-14T01:00:00Z)",
                                   path, *text));
    return std::nullopt;
  }
  std::optional<sim::Instant> instant;
  reported(reader, node, [&] { instant = sim::parse_instant(*text, path); });
  return instant;
}

std::optional<sim::Date> read_date(Reader& reader, const YAML::Node& node, const std::string& path) {
  const auto text = scalar(reader, node, path, "a date (YYYY-MM-DD)");
  if (!text) return std::nullopt;
  std::optional<sim::Date> date;
  reported(reader, node, [&] { date = sim::parse_date(*text, path); });
  return date;
}

std::optional<order::Timing> read_timing(Reader& reader, const YAML::Node& node, const std::string& path) {
  if (!node) return std::nullopt;
  if (node && node.IsScalar() && looks_like_date(node.Scalar())) {
    const auto instant = read_instant(reader, node, path);
    if (!instant) return std::nullopt;
    return order::Timing::at(*instant);
  }
  if (!node.IsScalar()) {
    reader.error(node, fmt::format("{}: expected a duration (e.g. 2h) or an instant (e.g. "
                                   "2026-09-14T09:00:00+08:00), found {}",
                                   path, kind_of(node)));
    return std::nullopt;
  }
  const auto delay = read_duration(reader, node, path);
  if (!delay) return std::nullopt;
  return order::Timing::after(*delay);
}

std::optional<sim::Instant> read_instant_after(Reader& reader, const YAML::Node& node, const std::string& path,
                                               sim::Instant anchor) {
  const auto timing = read_timing(reader, node, path);
  if (!timing) return std::nullopt;
  if (const auto* delay = std::get_if<sim::Duration>(&timing->when)) return anchor + *delay;
  return std::get<sim::Instant>(timing->when);
}

std::optional<std::size_t> match_keyword(std::string_view text, std::span<const std::string_view> names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (sim::world::same_keyword(text, names[i])) return i;
  }
  return std::nullopt;
}

std::string unknown_keyword(const std::string& path, std::string_view text, std::span<const std::string_view> names) {
  return fmt::format("{}: unknown value '{}'{}; expected one of: {}", path, text, did_you_mean(text, names),
                     joined(names));
}

bool reported(Reader& reader, const YAML::Node& node, const std::function<void()>& action) {
  try {
    action();
    return true;
  } catch (const InputError& error) {
    reader.error(node, error.what());
    return false;
  }
}

}  // namespace casim::scenario::detail
