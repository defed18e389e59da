// The domain validation checks: DNS (TXT or CNAME at the validation host, through each
// perspective's caching resolver), file (http then https, following at most the allowed redirects
// within the registered domain), and the platform's and the CA's verdicts from them.
#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "casim/mockca/dcv.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"
#include "casim/sim/world/url.hpp"
#include "dcv_names.hpp"

namespace casim::mockca {
namespace {

using sim::Instant;
using sim::world::DnsRcode;
using sim::world::DnsResolver;
using sim::world::DnsResult;
using sim::world::DnsType;
using sim::world::Perspective;
using sim::world::Scheme;
using sim::world::Url;
using sim::world::WebError;
using sim::world::WebResponse;

PerspectiveResult verdict(const Perspective& perspective, LocalCheck outcome,
                          std::optional<Reason> reason, std::string detail) {
  return {perspective, outcome, reason, std::move(detail)};
}

// `make()` when the validator keeps detail text, "" otherwise.
template <typename Make>
std::string text_if(bool keep_text, const Make& make) {
  return keep_text ? std::string(make()) : std::string();
}

// What a DNS answer shows for `target`, before any diagnosis of caches or delegation.
PerspectiveResult judge_dns(const Perspective& perspective, const DnsResult& result,
                            const DcvTarget& target, bool keep_text) {
  const bool txt = target.record == DnsRecordKind::Txt;
  const LocalCheck not_found = txt ? LocalCheck::TxtNotFound : LocalCheck::CnameNotFound;
  std::string seen = text_if(keep_text, [&] { return describe(result); });
  switch (result.rcode) {
    case DnsRcode::ServFail:
    case DnsRcode::Timeout:
    case DnsRcode::CnameLoop:
      return verdict(perspective, not_found, Reason::DcvDnsServfail,
                     text_if(keep_text, [&] { return seen + ": the lookup failed"; }));
    case DnsRcode::NxDomain:
      return verdict(perspective, not_found,
                     txt ? Reason::DcvTxtNotFound : Reason::DcvCnameNotFound,
                     text_if(keep_text, [&] { return seen + ": no record at the validation host"; }));
    case DnsRcode::NoError: break;
  }
  if (result.records.empty()) {
    return verdict(perspective, not_found, txt ? Reason::DcvTxtNotFound : Reason::DcvCnameNotFound,
                   text_if(keep_text, [&] {
                     return fmt::format("{}: no {} record at the validation host", seen, txt ? "TXT" : "CNAME");
                   }));
  }
  const bool matches = std::any_of(result.records.begin(), result.records.end(), [&](const auto& r) {
    return txt ? dcv_names::trim(r.value) == target.expected
               : sim::world::normalize_name(r.value) == sim::world::normalize_name(target.expected);
  });
  if (matches) return verdict(perspective, LocalCheck::Verified, std::nullopt, std::move(seen));
  return verdict(perspective, txt ? LocalCheck::TxtMismatch : LocalCheck::CnameMismatch,
                 txt ? Reason::DcvTxtMismatch : Reason::DcvCnameMismatch,
                 text_if(keep_text, [&] { return fmt::format("{}: expected \"{}\"", seen, target.expected); }));
}

bool followed_status(int status) {
  return status == 301 || status == 302 || status == 307 || status == 308;
}

// One file request chain (one scheme) and what it showed. `rank` orders failures by how much
// they tell the user: the more informative one is reported when both schemes fail.
struct FileAttempt {
  LocalCheck outcome = LocalCheck::FileNotFound;
  std::optional<Reason> reason;
  std::string trail;
  int rank = 0;
};

int rank_of(Reason reason) {
  switch (reason) {
    case Reason::DcvFileMismatch: return 6;
    case Reason::DcvRedirectOffDomain:
    case Reason::DcvTooManyRedirects:
    case Reason::DcvRedirectInvalid: return 5;
    case Reason::DcvHttpsOnly: return 4;
    case Reason::DcvHttpStatus: return 3;
    case Reason::DcvFileNotFound: return 2;
    default: return 1;
  }
}

// A failed attempt; its trail is empty when the validator keeps no text.
FileAttempt failed(LocalCheck outcome, Reason reason, std::string trail, std::string_view why) {
  return {outcome, reason, trail.empty() ? trail : fmt::format("{}: {}", trail, why), rank_of(reason)};
}

FileAttempt fetch_file(const sim::world::Web& web, const DcvTarget& target, Scheme scheme,
                       const Perspective& perspective, Instant at, std::size_t max_redirects, bool keep_text) {
  Url url{scheme, target.name, sim::world::default_port(scheme), target.location};
  std::string registered;  // of the target, worked out at the first redirect
  std::string trail = text_if(keep_text, [&] { return fmt::format("GET {}", url.to_string()); });
  std::size_t redirects = 0;
  bool upgraded_to_https = false;  // the first answer sent http to the same URL over https
  while (true) {
    const WebResponse response = web.fetch(url, at, perspective);
    if (keep_text) trail += fmt::format(" → {}", describe(response));
    if (response.error != WebError::None) {
      return failed(LocalCheck::FileNotFound, Reason::DcvSiteUnreachable, std::move(trail),
                    "no HTTP answer");
    }
    if (response.status == 200) {
      if (dcv_names::trim(response.body) == target.expected) {
        return {LocalCheck::Verified, std::nullopt, std::move(trail), 0};
      }
      return failed(LocalCheck::FileMismatch, Reason::DcvFileMismatch, std::move(trail),
                    fmt::format("expected \"{}\"", target.expected));
    }
    if (!response.is_redirect()) {
      const bool missing = response.status == 404 || response.status == 410;
      if (missing && upgraded_to_https) {
        return failed(LocalCheck::FileNotFound, Reason::DcvHttpsOnly, std::move(trail),
                      "the site forces HTTPS and does not serve the file over HTTPS");
      }
      return failed(LocalCheck::FileNotFound,
                    missing ? Reason::DcvFileNotFound : Reason::DcvHttpStatus, std::move(trail),
                    missing ? "the file is not there" : "only a 200 answer counts");
    }
    if (!followed_status(response.status)) {
      return failed(LocalCheck::FileNotFound, Reason::DcvRedirectInvalid, std::move(trail),
                    fmt::format("redirect status {} is not followed (only 301, 302, 307, 308)",
                                response.status));
    }
    Url next;
    try {
      next = sim::world::parse_url(response.location, "Location");
    } catch (const InputError& error) {
      return failed(LocalCheck::FileNotFound, Reason::DcvRedirectInvalid, std::move(trail),
                    fmt::format("unreadable Location ({})", error.what()));
    }
    if (next.port != sim::world::default_port(next.scheme)) {
      return failed(LocalCheck::FileNotFound, Reason::DcvRedirectInvalid, std::move(trail),
                    fmt::format("redirect to port {}, not a standard port", next.port));
    }
    if (registered.empty()) registered = dcv_names::registered_domain(target.name);
    if (dcv_names::registered_domain(next.host) != registered) {
      return failed(LocalCheck::FileNotFound, Reason::DcvRedirectOffDomain, std::move(trail),
                    fmt::format("redirect leaves the registered domain {}", registered));
    }
    if (redirects == max_redirects) {
      return failed(LocalCheck::FileNotFound, Reason::DcvTooManyRedirects, std::move(trail),
                    fmt::format("more than {} redirects", max_redirects));
    }
    upgraded_to_https = upgraded_to_https ||
                        (redirects == 0 && url.scheme == Scheme::Http &&
                         next.scheme == Scheme::Https && next.host == url.host &&
                         next.path == url.path);
    ++redirects;
    url = std::move(next);
  }
}

// The failed perspectives, those that saw the same thing together:
// "a (US), b (DE): GET … → timeout: no HTTP answer; c (JP): …".
std::string describe_failures(const std::vector<PerspectiveResult>& results) {
  std::vector<std::pair<std::string, std::string>> groups;  // (who, detail) by first appearance
  for (const auto& result : results) {
    if (result.passed()) continue;
    const std::string who = fmt::format("{} ({})", result.perspective.name, result.perspective.region);
    const auto group = std::find_if(groups.begin(), groups.end(),
                                    [&](const auto& g) { return g.second == result.detail; });
    if (group == groups.end()) {
      groups.emplace_back(who, result.detail);
    } else {
      group->first += ", " + who;
    }
  }
  std::string text;
  for (const auto& [who, detail] : groups) {
    text += fmt::format("{}{}: {}", text.empty() ? "" : "; ", who, detail);
  }
  return text;
}

// The one region every passing perspective is in, when no failing perspective is in it: the
// pattern of a site (or DNS) that answers only its home region.
std::optional<std::string> only_region_passing(const std::vector<PerspectiveResult>& results) {
  std::set<std::string> passing;
  std::set<std::string> failing;
  for (const auto& result : results) {
    (result.passed() ? passing : failing).insert(result.perspective.region);
  }
  if (passing.size() != 1 || failing.empty() || failing.count(*passing.begin()) != 0) {
    return std::nullopt;
  }
  return *passing.begin();
}

}  // namespace

DcvValidator::DcvValidator(const sim::world::Dns& dns, const sim::world::Web& web, DcvPolicy policy,
                           bool keep_text)
    : dns_(dns),
      web_(web),
      policy_(std::move(policy)),
      keep_text_(keep_text),
      local_resolver_(policy_.resolver),
      ca_resolver_(policy_.resolver) {}

LocalCheckResult DcvValidator::check_local(const DcvTarget& target, Instant at) {
  PerspectiveResult seen = check_from(local_resolver_, policy_.local, target, at);
  return {target.name, at, seen.outcome, false, seen.reason, std::move(seen.detail)};
}

bool DcvValidator::sees_alike(const Perspective& a, const Perspective& b, const DcvTarget& target) const {
  return target.method != VerifyType::File || !web_.blocks_by_region() || a.region == b.region;
}

CaCheckResult DcvValidator::check_ca(const DcvTarget& target, Instant at) {
  const std::vector<Perspective>& remote = policy_.ca.remote;
  std::vector<PerspectiveResult> seen;
  seen.reserve(1 + remote.size());
  for (std::size_t i = 0; i <= remote.size(); ++i) {
    const Perspective& perspective = i == 0 ? policy_.ca.primary : remote[i - 1];  // the primary first
    const auto alike = std::find_if(seen.begin(), seen.end(), [&](const PerspectiveResult& earlier) {
      return sees_alike(perspective, earlier.perspective, target);
    });
    if (alike == seen.end()) {
      seen.push_back(check_from(ca_resolver_, perspective, target, at));
    } else {
      seen.push_back({perspective, alike->outcome, alike->reason, alike->detail});
    }
  }
  CaCheckResult result = corroborate(target.name, at, std::move(seen), policy_.ca.max_disagreeing, keep_text_);
  if (!result.passed() && target.method == VerifyType::File) diagnose_blocked_abroad(result, target, at);
  return result;
}

// Diagnosis only, as for a stale DNS cache: no CA perspective got the file, none of them is in the
// platform's region, and the platform's own check from there gets it now — the site answers only
// visitors in that region (the reseller's "the site blocks overseas validators").
void DcvValidator::diagnose_blocked_abroad(CaCheckResult& result, const DcvTarget& target, Instant at) const {
  const Perspective& local = policy_.local;
  const bool none_verified = std::none_of(result.perspectives.begin(), result.perspectives.end(),
                                          [](const PerspectiveResult& p) { return p.passed(); });
  const bool none_local = std::none_of(result.perspectives.begin(), result.perspectives.end(),
                                       [&local](const PerspectiveResult& p) {
                                         return p.perspective.region == local.region;
                                       });
  if (!none_verified || !none_local || !check_file(local, target, at).passed()) return;
  result.reason = Reason::DcvBlockedAbroad;
  if (!keep_text_) return;
  result.detail += fmt::format("; the platform's check from {} ({}) gets the file: the site answers only "
                               "visitors in {} and blocks the CA's validators abroad",
                               local.name, local.region, local.region);
}

CaCheckResult corroborate(std::string name, Instant at, std::vector<PerspectiveResult> perspectives,
                          std::size_t max_disagreeing, bool keep_text) {
  if (perspectives.empty()) {
    throw std::invalid_argument("corroborate: no perspective results (the primary comes first)");
  }
  CaCheckResult result;
  result.name = std::move(name);
  result.at = at;
  result.perspectives = std::move(perspectives);

  const PerspectiveResult& primary = result.perspectives.front();
  const auto remote_failed = static_cast<std::size_t>(
      std::count_if(result.perspectives.begin() + 1, result.perspectives.end(),
                    [](const PerspectiveResult& p) { return !p.passed(); }));
  const auto verified = static_cast<std::size_t>(
      std::count_if(result.perspectives.begin(), result.perspectives.end(),
                    [](const PerspectiveResult& p) { return p.passed(); }));
  const bool passed = primary.passed() && remote_failed <= max_disagreeing;
  result.ca = passed ? CaCheck::Passed : CaCheck::Failed;
  const std::optional<std::string> only_region = passed || verified == 0 ? std::nullopt : only_region_passing(result.perspectives);
  if (!passed) {
    result.reason = verified == 0   ? primary.reason
                    : only_region   ? Reason::DcvBlockedAbroad
                    : primary.passed() ? Reason::DcvQuorumNotMet
                                       : primary.reason;
  }
  if (!keep_text) return result;

  std::string summary = fmt::format(
      "CaCheck {}: {} of {} perspectives verified (primary {} {}; {} of {} remote failed, at most {} "
      "may)",
      to_string(result.ca), verified, result.perspectives.size(), primary.perspective.name,
      primary.passed() ? "verified" : "failed", remote_failed, result.perspectives.size() - 1,
      max_disagreeing);
  if (passed) {
    if (remote_failed > 0) summary += "; disagreeing " + describe_failures(result.perspectives);
    result.detail = fmt::format("{}; {}", summary, primary.detail);
    return result;
  }
  if (only_region) summary += fmt::format("; only perspectives in {} verified", *only_region);
  result.detail = fmt::format("{}; {}", summary, describe_failures(result.perspectives));
  return result;
}

PerspectiveResult DcvValidator::check_from(DnsResolver& resolver, const Perspective& perspective,
                                           const DcvTarget& target, Instant at) const {
  if (target.token.expired(at)) {
    const LocalCheck outcome = target.method == VerifyType::File ? LocalCheck::FileMismatch
                               : target.record == DnsRecordKind::Cname ? LocalCheck::CnameMismatch
                                                                         : LocalCheck::TxtMismatch;
    return verdict(perspective, outcome, Reason::DcvTokenExpired,
                   fmt::format("the value drawn at {} expired at {}: not checked, a new value is "
                               "needed",
                               sim::format_instant(target.token.issued),
                               sim::format_instant(target.token.expires)));
  }
  return target.method == VerifyType::File ? check_file(perspective, target, at)
                                            : check_dns(resolver, perspective, target, at);
}

PerspectiveResult DcvValidator::check_dns(DnsResolver& resolver, const Perspective& perspective,
                                          const DcvTarget& target, Instant at) const {
  const DnsType type = target.record == DnsRecordKind::Txt ? DnsType::TXT : DnsType::CNAME;
  const DnsResult result = resolver.query(dns_, target.location, type, at);
  PerspectiveResult seen = judge_dns(perspective, result, target, keep_text_);
  if (seen.passed()) return seen;

  if (result.from_cache) {
    // Diagnosis only (a real validator cannot know): would an uncached lookup pass now?
    DnsResolver uncached(policy_.resolver);
    if (judge_dns(perspective, uncached.query(dns_, target.location, type, at), target, false)
            .passed()) {
      seen.reason = Reason::DcvDnsCacheStale;
      if (keep_text_) seen.detail += "; the record is published now and is seen once that cached answer expires";
      return seen;
    }
  }
  if (result.rcode == DnsRcode::NxDomain) {
    const std::string registered = dcv_names::registered_domain(target.name);
    const DnsResult ns = resolver.query(dns_, registered, DnsType::NS, at);
    if (ns.rcode == DnsRcode::NxDomain) {
      seen.outcome = LocalCheck::NsNotFound;
      seen.reason = Reason::DcvNsNotFound;
      if (keep_text_) seen.detail += fmt::format("; {}: the domain {} is not delegated", describe(ns), registered);
    }
  }
  return seen;
}

PerspectiveResult DcvValidator::check_file(const Perspective& perspective, const DcvTarget& target,
                                           Instant at) const {
  const FileAttempt http =
      fetch_file(web_, target, Scheme::Http, perspective, at, policy_.max_redirects, keep_text_);
  if (http.outcome == LocalCheck::Verified) {
    return verdict(perspective, http.outcome, std::nullopt, http.trail);
  }
  const FileAttempt https =
      fetch_file(web_, target, Scheme::Https, perspective, at, policy_.max_redirects, keep_text_);
  const std::string both = text_if(keep_text_, [&] { return fmt::format("{}; {}", http.trail, https.trail); });
  if (https.outcome == LocalCheck::Verified) {
    return verdict(perspective, https.outcome, std::nullopt, both);
  }
  const FileAttempt& reported = https.rank > http.rank ? https : http;
  return verdict(perspective, reported.outcome, reported.reason, both);
}

}  // namespace casim::mockca
