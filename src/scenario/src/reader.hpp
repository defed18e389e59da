// The loader's reading kit: Reader collects Diagnostics with file:line:column from yaml-cpp marks,
// naming the base file a node came from when the scenario extends others (extends.hpp);
// Section is one mapping checked against its keys (keys.hpp: unknown keys with a did-you-mean,
// keys given twice); the read_* functions turn scalars into typed values, reporting what was
// expected and returning nothing on a bad value so that loading goes on and finds more problems.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "casim/order/plan.hpp"
#include "casim/scenario/keys.hpp"
#include "casim/scenario/load.hpp"
#include "casim/sim/distribution.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/time.hpp"

namespace casim::scenario::detail {

// Where nodes were read: the scenario file itself, or a base it extends.
struct Origin {
  std::string file;               // as messages name it
  std::filesystem::path folder;   // what relative paths in the file are relative to
  std::string note;               // appended to every message about the file (a base's "extended at …")
};

class Reader {
 public:
  Reader(Origin origin, std::vector<Diagnostic>& diagnostics)
      : origin_(std::move(origin)), diagnostics_(diagnostics) {}

  // A reader of another file (a base) whose problems go to the same diagnostics.
  Reader reader_for(Origin origin) const { return Reader(std::move(origin), diagnostics_); }
  // Registers the nodes of a base's tree, so that span(), error() and folder() name the base for
  // them once they are merged into this reader's tree.
  void add_base(Origin origin, const YAML::Node& root);

  const std::string& file() const { return origin_.file; }
  // The span of a mark of this reader's own file.
  SourceSpan span(const YAML::Mark& mark) const;
  SourceSpan span(const YAML::Node& node) const;
  // The folder of the file `node` was read from.
  const std::filesystem::path& folder(const YAML::Node& node) const { return origin_of(node).folder; }
  void error(const YAML::Mark& mark, std::string message);
  void error(const YAML::Node& node, std::string message);
  void warn(const YAML::Node& node, std::string message);
  std::size_t error_count() const;

 private:
  struct Base {
    Origin origin;
    std::multimap<int, YAML::Node> by_position;  // every node of the base by its mark's offset
  };
  const Origin& origin_of(const YAML::Node& node) const;
  // file:line:column of `mark` (yaml-cpp counts from 0), or file:0:0 for a null mark.
  static SourceSpan span_in(const std::string& file, const YAML::Mark& mark);

  Origin origin_;
  std::vector<Diagnostic>& diagnostics_;
  std::vector<Base> bases_;
};

// A file as reports and messages name it: relative to the working folder when it lies within it
// (so one suite run from two checkouts gives the same report), else absolute.
std::string shown_file_name(const std::filesystem::path& file);

// " (did you mean 'runs'?)" for the closest candidate within a small edit distance, else "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// One mapping of a key section. A node that is not a mapping is reported once and reads as empty.
class Section {
 public:
  Section(Reader& reader, const YAML::Node& node, std::string_view section, std::string path);

  bool ok() const { return ok_; }
  const YAML::Node& node() const { return node_; }
  // The value of `key`, or an undefined node when absent. `key` must be one of the section's
  // (std::logic_error otherwise: the table and the loader disagree).
  YAML::Node get(std::string_view key) const;
  // As get(); reports a missing key at the mapping.
  YAML::Node require(std::string_view key) const;
  bool has(std::string_view key) const { return static_cast<bool>(get(key)); }
  // "ca.review" + "ov_duration" → "ca.review.ov_duration".
  std::string path(std::string_view key) const;
  const std::string& path() const { return path_; }

 private:
  Reader& reader_;
  YAML::Node node_;
  const KeySection* section_;
  std::string path_;
  bool ok_ = false;
};

// Calls `each(item, "path[i]")` for every item of a sequence; reports anything else.
void for_each_item(Reader& reader, const YAML::Node& node, const std::string& path,
                   const std::function<void(const YAML::Node&, const std::string&)>& each);

std::optional<std::string> read_string(Reader& reader, const YAML::Node& node, const std::string& path);
std::optional<std::vector<std::string>> read_strings(Reader& reader, const YAML::Node& node, const std::string& path);
std::optional<std::int64_t> read_integer(Reader& reader, const YAML::Node& node, const std::string& path,
                                         std::int64_t min, std::int64_t max);
std::optional<std::uint64_t> read_unsigned(Reader& reader, const YAML::Node& node, const std::string& path);
std::optional<double> read_number(Reader& reader, const YAML::Node& node, const std::string& path, double min,
                                  double max);
std::optional<bool> read_bool(Reader& reader, const YAML::Node& node, const std::string& path);

std::optional<sim::DurationSpec> read_duration_spec(Reader& reader, const YAML::Node& node, const std::string& path);
// Calendar time only (`3bd` is refused: this field is not counted on a calendar).
std::optional<sim::Duration> read_duration(Reader& reader, const YAML::Node& node, const std::string& path);
// An instant with its offset or Z (`2026-09-14T09:00:00+08:00`).
std::optional<sim::Instant> read_instant(Reader& reader, const YAML::Node& node, const std::string& path);
std::optional<sim::Date> read_date(Reader& reader, const YAML::Node& node, const std::string& path);
// A calendar duration after the field's anchor, or an instant.
std::optional<order::Timing> read_timing(Reader& reader, const YAML::Node& node, const std::string& path);
// A timing resolved against `anchor` (world entries and actions: relative to the start).
std::optional<sim::Instant> read_instant_after(Reader& reader, const YAML::Node& node, const std::string& path,
                                               sim::Instant anchor);
std::optional<sim::DurationDistribution> read_distribution(Reader& reader, const YAML::Node& node,
                                                           const std::string& path);

template <typename E>
using KeywordTable = std::vector<std::pair<std::string_view, E>>;

// A keyword among `choices` (case, '_', '-' and spaces ignored).
template <typename E>
std::optional<E> read_keyword(Reader& reader, const YAML::Node& node, const std::string& path,
                              const KeywordTable<E>& choices);

// The position of `choices` matching `text`, or none; and the message for an unknown keyword.
std::optional<std::size_t> match_keyword(std::string_view text, std::span<const std::string_view> names);
std::string unknown_keyword(const std::string& path, std::string_view text, std::span<const std::string_view> names);

template <typename E>
std::optional<E> read_keyword(Reader& reader, const YAML::Node& node, const std::string& path,
                              const KeywordTable<E>& choices) {
  const auto text = read_string(reader, node, path);
  if (!text) return std::nullopt;
  std::vector<std::string_view> names;
  for (const auto& choice : choices) names.push_back(choice.first);
  if (const auto index = match_keyword(*text, names)) return choices[*index].second;
  reader.error(node, unknown_keyword(path, *text, names));
  return std::nullopt;
}

// Runs `action`, turning an InputError it throws into a Diagnostic at `node`; false if it threw.
bool reported(Reader& reader, const YAML::Node& node, const std::function<void()>& action);

}  // namespace casim::scenario::detail
