// The emitted scenario: the observed world, the probed requests as orders, the verdicts as
// expectations, written with yaml-cpp's emitter and put in place atomically.
#include "casim/probe/emit_scenario.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "casim/mockca/files.hpp"
#include "casim/probe/report.hpp"
#include "casim/sim/error.hpp"

namespace casim::probe {
namespace {

using sim::world::WebBehaviour;

// How long the emitted run may last: a DV order fails after 3 days of domain validation.
constexpr std::string_view kHorizon = "30d";

std::string seconds_text(sim::Duration duration) {
  return fmt::format("{}s", std::chrono::duration_cast<std::chrono::seconds>(duration).count());
}

std::string safe_name(std::string_view text) {
  std::string name(text);
  for (char& c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '_' || c == '-';
    if (!allowed) c = '-';
  }
  return name.empty() ? "probe" : name;
}

// Scenario files are UTF-8 text without control characters: a body that is not keeps its text and
// has every other byte replaced by '?' (it cannot equal a validation value either way).
std::string scenario_safe_text(std::string_view text, bool& replaced) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (valid && length == 1 && byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') valid = false;
    if (valid && byte == 0x7F) valid = false;
    if (!valid) {
      out += '?';
      replaced = true;
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

// A list is written one item a line, an empty one as [].
YAML::EMITTER_MANIP block_or_flow(std::size_t items) { return items == 0 ? YAML::Flow : YAML::Block; }

bool within(std::string_view name, std::string_view apex) {
  return name == apex || (name.size() > apex.size() && name.ends_with(apex) && name[name.size() - apex.size() - 1] == '.');
}

// The validation hosts a CAA-only request's order publishes at.
std::vector<std::string> publication_hosts(const ProbeRequest& request) {
  const mockca::DcvPolicy policy = probe_dcv_policy(request.dns_record);
  const mockca::DcvPlan plan = mockca::plan_validation(request.names, mockca::VerifyType::Dns, {}, policy);
  std::vector<std::string> hosts;
  for (const auto& target : plan.targets) hosts.push_back(target.location);
  return hosts;
}

std::optional<mockca::DnsRecordKind> record_kind(const std::vector<ProbeResult>& results) {
  std::optional<mockca::DnsRecordKind> kind;
  for (const auto& result : results) {
    const ProbeRequest& request = result.request;
    if (!request.method || *request.method == mockca::VerifyType::File) continue;
    if (kind && *kind != request.dns_record) {
      throw InputError("--emit-scenario", "one scenario cannot hold DNS orders checked by TXT and by CNAME (its CA "
                                          "validates by one kind): emit them separately");
    }
    kind = request.dns_record;
  }
  return kind;
}

// The CAA identities of the scenario's CA: those of the requests that check CAA (one set).
std::vector<std::string> scenario_ca_ids(const std::vector<ProbeResult>& results) {
  std::vector<std::string> ca_ids;
  for (const auto& result : results) {
    if (!result.request.check_caa) continue;
    if (!ca_ids.empty() && ca_ids != result.request.ca_ids) {
      throw InputError("--emit-scenario", "one scenario checks CAA for one set of CA identities: emit requests with "
                                          "other --ca-id separately");
    }
    ca_ids = result.request.ca_ids;
  }
  return ca_ids;
}

// The simulated CA checks CAA for every order that validated: a request that passed without
// asking for CAA must also pass the CAA the world holds (what other requests saw; names nobody
// asked about have none), or its order would fail where the probe said it passed.
void check_unasked_caa(const ObservedWorld& world, const std::vector<ProbeResult>& results) {
  mockca::CaaChecker checker(world.dns(), probe_caa_policy(scenario_ca_ids(results)));
  for (const auto& result : results) {
    if (result.request.check_caa || !result.passed()) continue;
    for (const auto& check : checker.check(result.request.names, "", world.at())) {
      if (check.permitted) continue;
      throw InputError("--emit-scenario",
                       fmt::format("{} passed without a CAA check, but the CAA another check saw refuses it ({}): "
                                   "check CAA for it too, or emit it separately",
                                   check.name, check.reason ? mockca::info(*check.reason).code : ""));
    }
  }
}

void emit_ca(YAML::Emitter& out, const std::vector<ProbeResult>& results) {
  out << YAML::Key << "ca" << YAML::Value << YAML::BeginMap;
  // Each order is judged on its own, as the probe judged it: no order passes on another's validation.
  out << YAML::Key << "reuse_validation_data" << YAML::Value << false;
  out << YAML::Key << "dcv" << YAML::Value << YAML::BeginMap;
  const auto kind = record_kind(results);
  out << YAML::Key << "dns_record" << YAML::Value
      << (kind == mockca::DnsRecordKind::Cname ? "cname" : "txt");
  const mockca::DcvPolicy policy = probe_dcv_policy(mockca::DnsRecordKind::Txt);
  const auto perspective = [&](const sim::world::Perspective& p) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << p.name << YAML::Key << "region"
        << YAML::Value << p.region << YAML::EndMap;
  };
  out << YAML::Key << "local_perspective" << YAML::Value;
  perspective(policy.local);
  out << YAML::Key << "perspectives" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "primary" << YAML::Value;
  perspective(policy.ca.primary);
  out << YAML::Key << "remote" << YAML::Value << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
  out << YAML::Key << "max_disagreeing" << YAML::Value << 0 << YAML::EndMap;
  out << YAML::EndMap;
  const std::vector<std::string> ca_ids = scenario_ca_ids(results);
  if (!ca_ids.empty()) {
    out << YAML::Key << "caa" << YAML::Value << YAML::BeginMap << YAML::Key << "ca_domains" << YAML::Value
        << YAML::Flow << ca_ids << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_record(YAML::Emitter& out, const sim::world::DnsRecord& record, bool& replaced) {
  out << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << record.name;
  out << YAML::Key << "type" << YAML::Value << std::string(sim::world::to_string(record.type));
  if (record.type == sim::world::DnsType::CAA) {
    out << YAML::Key << "flags" << YAML::Value << static_cast<int>(record.caa_flags);
    out << YAML::Key << "tag" << YAML::Value << record.caa_tag;
  }
  out << YAML::Key << "value" << YAML::Value << YAML::DoubleQuoted << scenario_safe_text(record.value, replaced);
  out << YAML::Key << "ttl" << YAML::Value << seconds_text(record.ttl);
  out << YAML::EndMap;
}

void emit_path(YAML::Emitter& out, const ObservedWorld::Path& path, bool& replaced) {
  const WebBehaviour& behaviour = path.behaviour;
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "url" << YAML::Value << path.url;
  switch (behaviour.kind) {
    case WebBehaviour::Kind::Respond:
      out << YAML::Key << "status" << YAML::Value << behaviour.status;
      out << YAML::Key << "body" << YAML::Value << YAML::DoubleQuoted << scenario_safe_text(behaviour.body, replaced);
      break;
    case WebBehaviour::Kind::Redirect:
      out << YAML::Key << "kind" << YAML::Value << "redirect" << YAML::Key << "status" << YAML::Value
          << behaviour.status << YAML::Key << "location" << YAML::Value << behaviour.location;
      break;
    case WebBehaviour::Kind::RedirectToHttps:
      out << YAML::Key << "kind" << YAML::Value << "redirect_to_https" << YAML::Key << "status" << YAML::Value
          << behaviour.status;
      break;
    case WebBehaviour::Kind::Timeout: out << YAML::Key << "kind" << YAML::Value << "timeout"; break;
    case WebBehaviour::Kind::ConnectionRefused:
      out << YAML::Key << "kind" << YAML::Value << "connection_refused";
      break;
  }
  out << YAML::EndMap;
}

// The validation value each order is given: the customer's for a request with a method. A
// CAA-only request's order needs domain validation to pass to reach CAA: where its validation
// hosts were not probed, its applicant publishes the CA's own value (none here); where they were,
// it takes the value of a probed request that passed at every one of them.
std::vector<std::optional<std::string>> order_values(const ObservedWorld& world, const std::vector<ProbeResult>& results) {
  std::vector<std::optional<std::string>> values;
  for (const auto& result : results) {
    const ProbeRequest& request = result.request;
    if (request.method) {
      values.emplace_back(request.value);
      continue;
    }
    const auto hosts = publication_hosts(request);
    const bool probed = std::any_of(hosts.begin(), hosts.end(), [&](const std::string& host) {
      return world.observed(host, sim::world::DnsType::TXT) || world.observed(host, sim::world::DnsType::CNAME);
    });
    if (!probed) {
      values.emplace_back(std::nullopt);
      continue;
    }
    const auto passes_everywhere = [&](const ProbeResult& other) {
      return std::all_of(hosts.begin(), hosts.end(), [&](const std::string& host) {
        return std::any_of(other.targets.begin(), other.targets.end(),
                           [&](const TargetVerdict& t) { return t.target.location == host && t.passed(); });
      });
    };
    const auto donor = std::find_if(results.begin(), results.end(), [&](const ProbeResult& other) {
      return other.request.method && *other.request.method != mockca::VerifyType::File && passes_everywhere(other);
    });
    if (donor == results.end()) {
      throw InputError("--emit-scenario", fmt::format("the CAA-only check of {} needs {} to validate, which another "
                                                      "check probed and no check passed at: emit them separately",
                                                      fmt::join(request.names, ", "), fmt::join(hosts, ", ")));
    }
    values.emplace_back(donor->request.value);
  }
  return values;
}

// The world: observed zones (plus one per publication host outside them), records, failing
// names and URLs.
void emit_world(YAML::Emitter& out, const ObservedWorld& world, const std::vector<ProbeResult>& results,
                const std::vector<std::optional<std::string>>& values, bool& replaced) {
  std::vector<std::string> extra_zones;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (values[i]) continue;
    for (const auto& host : publication_hosts(results[i].request)) {
      const bool covered = std::any_of(world.zones().begin(), world.zones().end(),
                                       [&](const ObservedWorld::Zone& z) { return within(host, z.apex); }) ||
                           std::find(extra_zones.begin(), extra_zones.end(), host) != extra_zones.end();
      if (!covered) extra_zones.push_back(host);
    }
  }
  out << YAML::Key << "world" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "dns" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "zones" << YAML::Value << block_or_flow(world.zones().size() + extra_zones.size())
      << YAML::BeginSeq;
  for (const auto& zone : world.zones()) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "apex" << YAML::Value << zone.apex << YAML::Key
        << "negative_ttl" << YAML::Value << seconds_text(zone.negative_ttl) << YAML::EndMap;
  }
  for (const auto& zone : extra_zones) out << zone;
  out << YAML::EndSeq;
  out << YAML::Key << "records" << YAML::Value << block_or_flow(world.records().size()) << YAML::BeginSeq;
  for (const auto& record : world.records()) emit_record(out, record, replaced);
  out << YAML::EndSeq;
  out << YAML::Key << "failures" << YAML::Value << block_or_flow(world.failures().size()) << YAML::BeginSeq;
  for (const auto& failure : world.failures()) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << failure.name << YAML::Key
        << "failure" << YAML::Value
        << (failure.failure == sim::world::DnsFailure::Timeout ? "timeout" : "servfail") << YAML::Key << "from"
        << YAML::Value << "0s" << YAML::Key << "until" << YAML::Value
        << seconds_text(kObservedFailureSpan) << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  out << YAML::Key << "web" << YAML::Value << YAML::BeginMap << YAML::Key << "paths" << YAML::Value
      << block_or_flow(world.paths().size()) << YAML::BeginSeq;
  for (const auto& path : world.paths()) emit_path(out, path, replaced);
  out << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
}

std::string order_ref(std::size_t index) { return fmt::format("probe-{}", index + 1); }

void emit_orders(YAML::Emitter& out, const std::vector<ProbeResult>& results,
                 const std::vector<std::optional<std::string>>& values) {
  out << YAML::Key << "orders" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ProbeRequest& request = results[i].request;
    out << YAML::BeginMap << YAML::Key << "ref" << YAML::Value << order_ref(i);
    out << YAML::Key << "names" << YAML::Value << YAML::Flow << request.names;
    const bool file = request.method == mockca::VerifyType::File;
    out << YAML::Key << "method" << YAML::Value << (file ? "file" : "dns");
    if (values[i]) {
      out << YAML::Key << "validation_value" << YAML::Value << YAML::DoubleQuoted << *values[i];
      out << YAML::Key << "publish" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "kind"
          << YAML::Value << "never" << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void emit_expectations(YAML::Emitter& out, const std::vector<ProbeResult>& results) {
  out << YAML::Key << "expect" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ProbeResult& result = results[i];
    const std::string outcome = !result.problems.empty() ? "rejected" : result.passed() ? "issued" : "failed";
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "order" << YAML::Value << order_ref(i) << YAML::Key
        << "outcome" << YAML::Value << outcome << YAML::EndMap;
    std::vector<mockca::Reason> reasons;
    if (result.problems.empty()) {
      reasons = result.reasons();
    } else {
      for (const auto& problem : result.problems) {
        if (std::find(reasons.begin(), reasons.end(), problem.reason) == reasons.end()) reasons.push_back(problem.reason);
      }
    }
    for (const auto reason : reasons) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "order" << YAML::Value << order_ref(i) << YAML::Key
          << "reason" << YAML::Value << std::string(mockca::info(reason).code) << YAML::EndMap;
    }
  }
  out << YAML::EndSeq;
}

}  // namespace

std::string scenario_text(const ObservedWorld& world, const std::vector<ProbeResult>& results, std::string_view name) {
  bool replaced = false;
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << safe_name(name);
  std::string description = fmt::format("What casim probe saw at {}, replayed:", sim::format_instant(world.at()));
  for (const auto& result : results) {
    description += fmt::format(" {} by {} ({});", fmt::join(result.request.names, ", "),
                               describe_request(result.request), result.passed() ? "passed" : "failed");
  }
  out << YAML::Key << "description" << YAML::Value << description;
  out << YAML::Key << "tags" << YAML::Value << YAML::Flow << std::vector<std::string>{"probe"};
  out << YAML::Key << "start" << YAML::Value << sim::format_instant(world.at());
  out << YAML::Key << "issue_certificates" << YAML::Value << false;
  // Calendars with data for any year: the probe may run in a year the CN calendar does not cover.
  out << YAML::Key << "calendars" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "pre_review"
      << YAML::Value << "none" << YAML::Key << "review" << YAML::Value << "none" << YAML::EndMap;
  out << YAML::Key << "limits" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "horizon"
      << YAML::Value << std::string(kHorizon) << YAML::EndMap;
  emit_ca(out, results);
  check_unasked_caa(world, results);
  const auto values = order_values(world, results);
  emit_world(out, world, results, values, replaced);
  emit_orders(out, results, values);
  emit_expectations(out, results);
  out << YAML::EndMap;
  if (!out.good()) throw InputError("--emit-scenario", fmt::format("cannot write the scenario: {}", out.GetLastError()));
  std::string header =
      "# Written by `casim probe`: the world is what the network answered (each question once), the\n"
      "# orders are the probed checks with the customer's value (validation_value), and each order's\n"
      "# expectations are the probe's verdict, so `casim run` exits 0 when the simulation agrees.\n";
  if (replaced) header += "# Bytes that are not text in a record or a body are written as '?'.\n";
  return header + out.c_str() + "\n";
}

void write_scenario_file(const std::filesystem::path& file, const std::string& text) {
  mockca::write_file_atomic(file, text, 0644);
}

}  // namespace casim::probe
