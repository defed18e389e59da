// The probe's fixpoint: run the mock CA's checks on the world observed so far, put the first
// question they asked that was not observed yet to the network, add its answer, repeat; then the
// last run's verdicts, with the answers that run read as the evidence.
#include "casim/probe/probe.hpp"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "casim/mockca/name_checks.hpp"

namespace casim::probe {
namespace {

using sim::world::DnsType;
using sim::world::Scheme;
using sim::world::Url;

struct DnsQuestion {
  std::string name;
  DnsType type;
};
using Question = std::variant<DnsQuestion, Url>;

const sim::world::Perspective kProbePerspective{"probe", "ZZ"};

bool fetches(FetchSchemes schemes, Scheme scheme) {
  switch (schemes) {
    case FetchSchemes::Both: return true;
    case FetchSchemes::Http: return scheme == Scheme::Http;
    case FetchSchemes::Https: return scheme == Scheme::Https;
  }
  return true;
}

// What the CA's intake refuses about the names themselves.
std::vector<mockca::DcvProblem> name_problems(const std::vector<std::string>& names) {
  std::vector<mockca::DcvProblem> problems;
  for (const auto& name : names) {
    for (const auto& finding : mockca::check_dns_name(name)) problems.push_back({name, finding.reason, finding.message});
  }
  return problems;
}

// One run of the checks on the world as observed: the verdicts, without the evidence.
ProbeResult judge(const ProbeRequest& request, const ObservedWorld& world) {
  ProbeResult result;
  result.request = request;
  result.at = world.at();
  result.problems = name_problems(request.names);
  if (request.method) {
    const mockca::DcvPolicy policy = probe_dcv_policy(request.dns_record);
    const mockca::DcvToken token{request.value, world.at(), world.at() + policy.token_validity};
    const mockca::DcvPlan plan = mockca::plan_validation(request.names, *request.method, token, policy);
    result.problems.insert(result.problems.end(), plan.problems.begin(), plan.problems.end());
    mockca::DcvValidator validator(world.dns(), world.web(), policy);
    for (const auto& target : plan.targets) {
      const mockca::CaCheckResult check = validator.check_ca(target, world.at());
      const mockca::PerspectiveResult& seen = check.perspectives.front();
      result.targets.push_back({target, seen.outcome, seen.reason, seen.detail});
    }
  }
  const bool validated = std::all_of(result.targets.begin(), result.targets.end(),
                                     [](const TargetVerdict& t) { return t.passed(); });
  if (request.check_caa && validated) {
    mockca::CaaChecker checker(world.dns(), probe_caa_policy(request.ca_ids));
    result.caa = checker.check(request.names, "", world.at());
    result.caa_checked = true;
  }
  return result;
}

// Runs the checks with `world`'s observers set to `on_dns` and `on_url`, then removes them.
template <typename OnDns, typename OnUrl>
ProbeResult judge_observed(const ProbeRequest& request, ObservedWorld& world, OnDns on_dns, OnUrl on_url) {
  world.dns().set_query_observer(on_dns);
  world.web().set_fetch_observer(on_url);
  ProbeResult result = judge(request, world);
  world.dns().set_query_observer({});
  world.web().set_fetch_observer({});
  return result;
}

// The first question a run of the checks asks that `world` has not observed. URLs on another
// port than their scheme's are never asked: the world refuses them by itself.
std::optional<Question> first_unobserved(const ProbeRequest& request, ObservedWorld& world) {
  std::optional<Question> first;
  judge_observed(
      request, world,
      [&](std::string_view name, DnsType type) {
        if (!first && !world.observed(name, type)) first = DnsQuestion{std::string(name), type};
      },
      [&](const Url& url) {
        if (!first && url.port == sim::world::default_port(url.scheme) && !world.observed(url)) first = url;
      });
  return first;
}

WebObservation not_fetched(const Url& url, FetchSchemes schemes) {
  WebObservation skipped;
  skipped.url = url.to_string();
  skipped.error = sim::world::WebError::ConnectionRefused;
  skipped.note = fmt::format("not fetched: only {} URLs are (--scheme)", schemes == FetchSchemes::Http ? "http" : "https");
  return skipped;
}

}  // namespace

bool ProbeResult::passed() const { return reasons().empty(); }

std::vector<mockca::Reason> ProbeResult::reasons() const {
  std::vector<mockca::Reason> found;
  const auto add = [&](const std::optional<mockca::Reason>& reason) {
    if (reason && std::find(found.begin(), found.end(), *reason) == found.end()) found.push_back(*reason);
  };
  for (const auto& problem : problems) add(problem.reason);
  for (const auto& target : targets) add(target.reason);
  for (const auto& check : caa) add(check.reason);
  return found;
}

mockca::DcvPolicy probe_dcv_policy(mockca::DnsRecordKind dns_record) {
  mockca::DcvPolicy policy;
  policy.dns_record = dns_record;
  policy.local = kProbePerspective;
  policy.ca = mockca::PerspectiveQuorum{kProbePerspective, {}, 0};
  return policy;
}

mockca::CaaPolicy probe_caa_policy(const std::vector<std::string>& ca_ids) {
  mockca::CaaPolicy policy;
  if (!ca_ids.empty()) policy.ca_domains = ca_ids;
  return policy;
}

Prober::Prober(DnsSource& dns, WebSource& web, sim::Instant at) : dns_(dns), web_(web), world_(at) {}

ProbeResult Prober::probe(const ProbeRequest& request) {
  if (request.names.empty() || (!request.method && !request.check_caa)) {
    throw std::invalid_argument("probe: a request needs names, and a method or CAA to check");
  }
  std::size_t asked = 0;
  std::optional<Question> question;
  while (asked < kMaxQuestions && (question = first_unobserved(request, world_))) {
    if (const auto* dns = std::get_if<DnsQuestion>(&*question)) {
      world_.add(dns_.lookup(dns->name, dns->type));
    } else {
      const Url& url = std::get<Url>(*question);
      world_.add(fetches(request.schemes, url.scheme) ? web_.fetch(url) : not_fetched(url, request.schemes));
    }
    ++asked;
  }
  std::vector<DnsObservation> dns_read;
  std::vector<WebObservation> web_read;
  ProbeResult result = judge_observed(
      request, world_,
      [&](std::string_view name, DnsType type) {
        const DnsObservation* seen = world_.find(name, type);
        const bool repeated = std::any_of(dns_read.begin(), dns_read.end(),
                                          [&](const DnsObservation& d) { return d.name == name && d.type == type; });
        if (seen != nullptr && !repeated) dns_read.push_back(*seen);
      },
      [&](const Url& url) {
        const WebObservation* seen = world_.find(url);
        if (seen == nullptr) return;
        const bool repeated = std::any_of(web_read.begin(), web_read.end(),
                                          [&](const WebObservation& w) { return w.url == seen->url; });
        if (!repeated) web_read.push_back(*seen);
      });
  result.dns = std::move(dns_read);
  result.web = std::move(web_read);
  result.notes = world_.notes();
  result.complete = asked < kMaxQuestions || !first_unobserved(request, world_);
  if (!result.complete) {
    result.notes.push_back(fmt::format("stopped after {} questions (the bound): the questions not asked count as "
                                       "unanswered (NXDOMAIN, unknown host)",
                                       kMaxQuestions));
  }
  return result;
}

}  // namespace casim::probe
