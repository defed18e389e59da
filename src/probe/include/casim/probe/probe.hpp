// `casim probe`'s judge: the mock CA's own checks (mockca::plan_validation, DcvValidator,
// CaaChecker) run on a world made of what the real network answered. Which questions to ask is
// found by a fixpoint: the checks run on the world observed so far, the first DNS question or URL
// they ask that was not observed yet is put to a source and its answer added to the world, and
// again, until the checks ask nothing new — so exactly the questions the verdict depends on are
// asked, one at a time, in the order the CA would ask them. The verdict is the last run's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "casim/mockca/caa.hpp"
#include "casim/mockca/dcv.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/probe/network.hpp"
#include "casim/probe/observed_world.hpp"
#include "casim/sim/time.hpp"

namespace casim::probe {

// The schemes whose URLs the probe fetches; a URL of another scheme is answered as a refused
// connection without a request (noted in the evidence). The CA's rule tries both.
enum class FetchSchemes { Both, Http, Https };

// What to check, as one order of the reseller would be checked.
struct ProbeRequest {
  std::vector<std::string> names;  // host names, `*.` for a wildcard
  // Domain validation by this method with the customer's `value`; none: CAA only.
  std::optional<mockca::VerifyType> method;
  mockca::DnsRecordKind dns_record = mockca::DnsRecordKind::Txt;  // DNS methods: TXT, or a CNAME brand's
  std::string value;
  // CAA for every name; checked (as the CA does) once every validation target passed.
  bool check_caa = false;
  // The CAA issuer domain names to look for; empty: the mock CA's (CaaPolicy's default brand).
  std::vector<std::string> ca_ids;
  FetchSchemes schemes = FetchSchemes::Both;
};

// The bound on questions put to the network for one request (a CNAME chain of kMaxCnameChain
// links, two redirects per scheme, a CAA climb, for every target, fit well within it).
inline constexpr std::size_t kMaxQuestions = 200;

// The verdict of one validation target: the CA's check from the one probe perspective.
struct TargetVerdict {
  mockca::DcvTarget target;
  mockca::LocalCheck local = mockca::LocalCheck::TxtNotFound;  // the reseller's LocalCheck value
  std::optional<mockca::Reason> reason;                          // none when verified
  std::string detail;                                            // the check's one line

  bool passed() const { return local == mockca::LocalCheck::Verified; }
};

struct ProbeResult {
  ProbeRequest request;
  sim::Instant at;
  // Names the CA refuses before any check: its intake's name checks (NameInternal, …), and a
  // wildcard by FILE. The targets are judged all the same.
  std::vector<mockca::DcvProblem> problems;
  std::vector<TargetVerdict> targets;
  bool caa_checked = false;  // false when a target failed first (the CA checks CAA after them)
  std::vector<mockca::CaaCheck> caa;
  // The evidence: the answers the verdict depends on, in the order the checks asked.
  std::vector<DnsObservation> dns;
  std::vector<WebObservation> web;
  std::vector<std::string> notes;  // a bound reached, what the world could not hold
  bool complete = true;            // false when kMaxQuestions stopped the fixpoint

  bool passed() const;
  // Every distinct reason, problems first, then targets, then CAA.
  std::vector<mockca::Reason> reasons() const;
};

// Probes requests one after the other into one observed world: a question several requests
// need is asked once, and one emitted scenario holds them all.
class Prober {
 public:
  // The sources must outlive the prober; `at` is the instant the world is built at.
  Prober(DnsSource& dns, WebSource& web, sim::Instant at);

  // Asks what the checks of `request` need and judges it. A request without names, or with
  // neither a method nor CAA, is misuse (std::invalid_argument).
  ProbeResult probe(const ProbeRequest& request);

  const ObservedWorld& world() const { return world_; }

 private:
  DnsSource& dns_;
  WebSource& web_;
  ObservedWorld world_;
};

// The DcvPolicy and CaaPolicy the probe checks with: one perspective ("probe", region ZZ) as the
// platform's local check and the CA's primary, no remote perspectives.
mockca::DcvPolicy probe_dcv_policy(mockca::DnsRecordKind dns_record);
mockca::CaaPolicy probe_caa_policy(const std::vector<std::string>& ca_ids);

}  // namespace casim::probe
