// The simulated DNS's authoritative side: zones, record changes over time, failure windows.
#include "casim/sim/world/dns.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <boost/container/small_vector.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/sim/error.hpp"

namespace casim::sim::world {
namespace {

constexpr std::array<std::string_view, kDnsTypeCount> kTypeNames{"A", "NS", "CNAME", "TXT", "CAA"};
constexpr std::size_t kMaxCaaTagLength = 15;

bool is_ipv4(std::string_view text) {
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (text.empty() || text.front() != '.') return false;
      text.remove_prefix(1);
    }
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 3 || (digits > 1 && text.front() == '0')) return false;
    int value = 0;
    std::from_chars(text.data(), text.data() + digits, value);
    if (value > 255) return false;
    text.remove_prefix(digits);
  }
  return text.empty();
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Checks a record and brings it to normal form (lower-case names and CAA tag).
DnsRecord checked_record(DnsRecord record, const std::string& where) {
  // Errors name the record as given: its name is replaced by the normal form only at the end.
  const auto shown = [&record] { return fmt::format("{} record at '{}'", to_string(record.type), record.name); };
  std::string name = checked_name(record.name, where);
  if (record.ttl < Duration::zero()) throw InputError(where, shown() + ": negative TTL");
  if (record.type != DnsType::CAA && (record.caa_flags != 0 || !record.caa_tag.empty())) {
    throw InputError(where, shown() + ": CAA flags and tag belong to CAA records only");
  }
  switch (record.type) {
    case DnsType::A:
      if (!is_ipv4(record.value)) {
        throw InputError(where, fmt::format("{}: '{}' is not an IPv4 address", shown(), record.value));
      }
      break;
    case DnsType::NS:
    case DnsType::CNAME:
      if (record.value.empty()) throw InputError(where, shown() + ": empty target name");
      record.value = checked_name(record.value, where);
      break;
    case DnsType::TXT: break;
    case DnsType::CAA:
      if (record.caa_tag.empty() || record.caa_tag.size() > kMaxCaaTagLength ||
          !std::all_of(record.caa_tag.begin(), record.caa_tag.end(), is_alnum)) {
        throw InputError(where, fmt::format("{}: tag '{}' is not 1 to {} letters and digits", shown(),
                                            record.caa_tag, kMaxCaaTagLength));
      }
      record.caa_tag = normalize_name(record.caa_tag);
      break;
  }
  record.name = std::move(name);
  return record;
}

void check_window(Instant from, Instant until, const std::string& where) {
  if (until <= from) {
    throw InputError(where, fmt::format("failure window ends ({}) before it starts ({})",
                                        format_instant(until), format_instant(from)));
  }
}

template <typename Windows>
const DnsFailure* failure_at(const Windows& windows, Instant at) {
  for (const auto& window : windows) {
    if (window.from <= at && at < window.until) return &window.failure;
  }
  return nullptr;
}

DnsRcode rcode_of(DnsFailure failure) {
  return failure == DnsFailure::ServFail ? DnsRcode::ServFail : DnsRcode::Timeout;
}

// Records a name serves (pointers into its history), kept inline: a name has few.
using VisibleRecords = boost::container::small_vector<const DnsRecord*, 4>;

// The records `history` serves at `at`, all types, when changes show `delay` after they are made.
VisibleRecords visible_records(const std::vector<DnsChange>& history, Duration delay, Instant at) {
  VisibleRecords records;
  const auto end = std::upper_bound(history.begin(), history.end(), at,
                                    [delay](Instant when, const DnsChange& c) { return when < c.at + delay; });
  for (auto change = history.begin(); change != end; ++change) {
    const DnsRecord& record = change->record;
    switch (change->kind) {
      case DnsChange::Kind::Add: {
        // A record added again with the same data replaces the earlier one (its TTL counts).
        const auto same = std::find_if(records.begin(), records.end(),
                                       [&](const DnsRecord* r) { return r->same_data(record); });
        if (same != records.end()) {
          *same = &record;
        } else {
          records.push_back(&record);
        }
        break;
      }
      case DnsChange::Kind::Remove:
        records.erase(std::remove_if(records.begin(), records.end(),
                                     [&](const DnsRecord* r) { return r->same_data(record); }),
                      records.end());
        break;
      case DnsChange::Kind::RemoveType:
        records.erase(std::remove_if(records.begin(), records.end(),
                                     [&](const DnsRecord* r) { return r->type == record.type; }),
                      records.end());
        break;
    }
  }
  return records;
}

}  // namespace

std::string_view to_string(DnsType type) { return kTypeNames[static_cast<std::size_t>(type)]; }

DnsType parse_dns_type(std::string_view text, const std::string& where) {
  const std::string upper = [&] {
    std::string s(text);
    for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return s;
  }();
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == upper) return static_cast<DnsType>(i);
  }
  throw InputError(where, fmt::format("'{}' is not a DNS record type (expected one of {})", text,
                                      fmt::join(kTypeNames, ", ")));
}

std::string_view to_string(DnsRcode rcode) {
  switch (rcode) {
    case DnsRcode::NoError: return "NOERROR";
    case DnsRcode::NxDomain: return "NXDOMAIN";
    case DnsRcode::ServFail: return "SERVFAIL";
    case DnsRcode::Timeout: return "TIMEOUT";
    case DnsRcode::CnameLoop: return "CNAME-LOOP";
  }
  return "?";
}

DnsRecord DnsRecord::a(std::string name, std::string address, Duration ttl) {
  return {std::move(name), DnsType::A, ttl, std::move(address), 0, {}};
}
DnsRecord DnsRecord::ns(std::string name, std::string host, Duration ttl) {
  return {std::move(name), DnsType::NS, ttl, std::move(host), 0, {}};
}
DnsRecord DnsRecord::cname(std::string name, std::string target, Duration ttl) {
  return {std::move(name), DnsType::CNAME, ttl, std::move(target), 0, {}};
}
DnsRecord DnsRecord::txt(std::string name, std::string text, Duration ttl) {
  return {std::move(name), DnsType::TXT, ttl, std::move(text), 0, {}};
}
DnsRecord DnsRecord::caa(std::string name, std::uint8_t flags, std::string tag, std::string value,
                         Duration ttl) {
  return {std::move(name), DnsType::CAA, ttl, std::move(value), flags, std::move(tag)};
}

bool DnsRecord::same_data(const DnsRecord& other) const {
  return name == other.name && type == other.type && value == other.value &&
         caa_flags == other.caa_flags && caa_tag == other.caa_tag;
}

std::string describe(const DnsRecord& record) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(record.ttl).count();
  std::string data;
  switch (record.type) {
    case DnsType::A: data = record.value; break;
    case DnsType::NS:
    case DnsType::CNAME: data = record.value + "."; break;
    case DnsType::TXT: data = fmt::format("\"{}\"", record.value); break;
    case DnsType::CAA:
      data = fmt::format("{} {} \"{}\"", record.caa_flags, record.caa_tag, record.value);
      break;
  }
  return fmt::format("{}. {} IN {} {}", record.name, seconds, to_string(record.type), data);
}

bool DnsAnswer::is_alias(DnsType asked) const {
  return asked != DnsType::CNAME && rcode == DnsRcode::NoError && records.size() == 1 &&
         records.front().type == DnsType::CNAME;
}

Dns::Dns(DnsZoneSettings defaults) : defaults_(defaults) {
  if (defaults_.propagation_delay < Duration::zero() || defaults_.negative_ttl < Duration::zero()) {
    throw InputError("dns defaults", "propagation delay and negative TTL must not be negative");
  }
}

void Dns::add_zone(std::string_view apex, const std::string& where) { add_zone(apex, defaults_, where); }

void Dns::add_zone(std::string_view apex, const DnsZoneSettings& settings, const std::string& where) {
  std::string name = checked_name(apex, where);
  if (settings.propagation_delay < Duration::zero()) {
    throw InputError(where, fmt::format("zone '{}': negative propagation delay", name));
  }
  if (settings.negative_ttl < Duration::zero()) {
    throw InputError(where, fmt::format("zone '{}': the negative-caching TTL (SOA minimum) is negative", name));
  }
  Node& node = nodes_[name];
  if (node.zone) throw InputError(where, fmt::format("zone '{}' is declared twice", name));
  node.zone = Zone{settings, {}};
  register_descendant(name);
}

void Dns::add_record(Instant at, DnsRecord record, const std::string& where) {
  add_change({at, DnsChange::Kind::Add, checked_record(std::move(record), where)}, where);
}

void Dns::remove_record(Instant at, DnsRecord record, const std::string& where) {
  add_change({at, DnsChange::Kind::Remove, checked_record(std::move(record), where)}, where);
}

void Dns::remove_records(Instant at, std::string_view name, DnsType type, const std::string& where) {
  DnsRecord record;
  record.name = checked_name(name, where);
  record.type = type;
  add_change({at, DnsChange::Kind::RemoveType, std::move(record)}, where);
}

void Dns::add_change(DnsChange change, const std::string& where) {
  const std::string& name = change.record.name;
  if (find_zone(name) == nullptr) {
    throw InputError(where, fmt::format("'{}' lies in no declared zone (declare the zone first)", name));
  }
  auto& history = nodes_[name].changes;
  if (history.empty()) register_descendant(name);
  const auto pos = std::upper_bound(history.begin(), history.end(), change.at,
                                    [](Instant when, const DnsChange& c) { return when < c.at; });
  history.insert(pos, std::move(change));
}

void Dns::add_name_failure(std::string_view name, DnsFailure failure, Instant from, Instant until,
                           const std::string& where) {
  std::string normal = checked_name(name, where);
  check_window(from, until, where);
  nodes_[normal].failures.push_back({from, until, failure});
}

void Dns::add_zone_failure(std::string_view apex, DnsFailure failure, Instant from, Instant until,
                           const std::string& where) {
  const auto node = nodes_.find(checked_name(apex, where));
  if (node == nodes_.end() || !node->second.zone) {
    throw InputError(where, fmt::format("no zone '{}' is declared", apex));
  }
  check_window(from, until, where);
  node->second.zone->failures.push_back({from, until, failure});
}

void Dns::register_descendant(const std::string& name) {
  for (std::string_view up = parent_name(name); !up.empty(); up = parent_name(up)) {
    auto node = nodes_.find(up);
    if (node == nodes_.end()) {
      node = nodes_.try_emplace(std::string(up)).first;
    } else if (node->second.zone) {
      break;
    }
    node->second.descendants.push_back(name);
  }
}

const Dns::NodeMap::value_type* Dns::find_zone(std::string_view name) const {
  for (std::string_view up = name; !up.empty(); up = parent_name(up)) {
    const auto node = nodes_.find(up);
    if (node != nodes_.end() && node->second.zone) return &*node;
  }
  return nullptr;
}

std::optional<std::string> Dns::zone_of(std::string_view name) const {
  const auto* zone = find_zone(normalize_name(name));
  return zone ? std::optional<std::string>(zone->first) : std::nullopt;
}

const DnsZoneSettings* Dns::zone_settings(std::string_view name) const {
  const auto* zone = find_zone(normalize_name(name));
  return zone ? &zone->second.zone->settings : nullptr;
}

const std::vector<DnsChange>& Dns::changes(std::string_view name) const {
  static const std::vector<DnsChange> kNone;
  const auto node = nodes_.find(normalize_name(name));
  return node == nodes_.end() ? kNone : node->second.changes;
}

bool Dns::has_data(std::string_view name, Instant at) const {
  const auto node = nodes_.find(name);
  if (node == nodes_.end()) return false;
  if (node->second.zone) return true;
  if (node->second.changes.empty()) return false;
  const auto* zone = find_zone(parent_name(name));
  return zone != nullptr &&
         !visible_records(node->second.changes, zone->second.zone->settings.propagation_delay, at).empty();
}

DnsAnswer Dns::query(std::string_view asked, DnsType type, Instant at) const {
  std::string normalized;
  return query_normal(normal_name_view(asked, normalized), type, at);
}

DnsAnswer Dns::query_normal(std::string_view name, DnsType type, Instant at) const {
  if (query_observer_) query_observer_(name, type);
  // One lookup of the name gives its zone if it is an apex, its failures and its changes.
  const auto own = nodes_.find(name);
  const Node* node = own != nodes_.end() ? &own->second : nullptr;
  const auto* zone_node = node != nullptr && node->zone ? &*own : find_zone(parent_name(name));
  if (node != nullptr) {
    if (const auto* failure = failure_at(node->failures, at)) return {rcode_of(*failure), {}, {}};
  }
  if (zone_node == nullptr) return {DnsRcode::NxDomain, {}, defaults_.negative_ttl};
  const Zone& zone = *zone_node->second.zone;
  if (const auto* failure = failure_at(zone.failures, at)) return {rcode_of(*failure), {}, {}};

  const VisibleRecords visible =
      node != nullptr ? visible_records(node->changes, zone.settings.propagation_delay, at) : VisibleRecords{};
  const auto cname = std::find_if(visible.begin(), visible.end(),
                                  [](const DnsRecord* r) { return r->type == DnsType::CNAME; });
  if (type != DnsType::CNAME && cname != visible.end()) {
    return {DnsRcode::NoError, {**cname}, {}};
  }
  std::vector<DnsRecord> records;
  for (const DnsRecord* record : visible) {
    if (record->type == type) records.push_back(*record);
  }
  if (!records.empty()) return {DnsRcode::NoError, std::move(records), {}};
  // NODATA when the name has data of another type, or names below it have (an empty non-terminal).
  const bool exists = (node != nullptr && node->zone) || !visible.empty() ||
                      (node != nullptr && std::any_of(node->descendants.begin(), node->descendants.end(),
                                                      [&](const std::string& below) { return has_data(below, at); }));
  return {exists ? DnsRcode::NoError : DnsRcode::NxDomain, {}, zone.settings.negative_ttl};
}

}  // namespace casim::sim::world
