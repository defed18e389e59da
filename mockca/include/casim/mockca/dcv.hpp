// Domain control validation as the reseller's platform and the mock CA run it: which host names
// an order must validate and where (the apex/www rule), random validation values, the DNS check
// (TXT, or CNAME for some brands, at _dnsauth.<name>) and the file check
// (/.well-known/pki-validation/fileauth.txt over http and https), the platform's local check from
// its home region and the CA's check from several network perspectives with a quorum, the
// "validate now" rate limit, and DcvPolicy, the settings the CA process schedules checks with.
// Checks return values; nothing here schedules, retries or closes an order.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/reason.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/random.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/perspective.hpp"
#include "casim/sim/world/web.hpp"

namespace casim::mockca {

// How an order proves control of its names (the reseller's VerifyType). DNS_AUTO is checked like
// DNS; that the platform adds and removes the record itself is the ordering logic's business.
enum class VerifyType { Dns, DnsAuto, File };
std::string_view to_string(VerifyType type);  // "DNS", "DNS_AUTO", "FILE"
// "DNS", "dns_auto", "File", … → the type; throws InputError naming `where` for anything else.
VerifyType parse_verify_type(std::string_view text, const std::string& where = "verify type");

// Which record a brand's DNS methods expect at the validation host.
enum class DnsRecordKind { Txt, Cname };

// The reseller's LocalCheck values (CheckCertificateDomainVerification).
enum class LocalCheck {
  Verified = 1,
  TxtNotFound = -1,  // also: refused by the rate limit (with Frequently)
  TxtMismatch = -2,
  NsNotFound = -3,
  FileNotFound = -4,
  FileMismatch = -5,
  CnameNotFound = -6,
  CnameMismatch = -7,
};
// The reseller's CaCheck values, and casim's NotChecked (0) before the CA has looked.
enum class CaCheck { NotChecked = 0, Failed = -1, Passed = 2 };

constexpr int code(LocalCheck value) { return static_cast<int>(value); }
constexpr int code(CaCheck value) { return static_cast<int>(value); }
std::string_view to_string(LocalCheck value);  // "verified", "TXT record not found", …
std::string_view to_string(CaCheck value);     // "passed", "failed", "not checked"

inline constexpr std::string_view kDnsValidationLabel = "_dnsauth";
inline constexpr std::string_view kFileValidationPath = "/.well-known/pki-validation/fileauth.txt";
// Entropy of a validation value: BR §3.2.2.4 asks for at least 112 bits.
inline constexpr int kTokenBits = 128;

// Where the CA checks from (BR §3.2.2.9, multi-perspective issuance corroboration): the primary
// perspective must pass, and at most `max_disagreeing` of the remote ones may fail.
struct PerspectiveQuorum {
  sim::world::Perspective primary;
  std::vector<sim::world::Perspective> remote;
  std::size_t max_disagreeing = 1;
};

// The perspectives of a CA validating from abroad (a US primary and five remote perspectives in
// four other countries, one of which may disagree): the BR minimum from 2026-12-15 (at least five
// remote perspectives, at most one non-corroborating). A site that answers only Chinese visitors
// fails this CA check while it passes the platform's local check.
PerspectiveQuorum default_ca_perspectives();

// Everything domain validation is configured with, per brand. The CA process reads the schedule
// settings (recheck interval, timeouts, rate-limit window); the checks read the rest. Values marked
// UNVERIFIED are assumptions, not published facts.
struct DcvPolicy {
  // Brand: what the DNS methods look for. CNAME brands expect `_dnsauth.<name>` to be an alias of
  // `<token>.<cname_suffix>`.
  DnsRecordKind dns_record = DnsRecordKind::Txt;
  std::string cname_suffix = "dcv.casim.test";
  // BR §3.2.2.4: a random value is usable for at most 30 days after it was drawn.
  sim::Duration token_validity = sim::kDay * 30;
  // File method: redirects followed (the reseller's documentation: at most two).
  std::size_t max_redirects = 2;
  // The platform's local check: one perspective in its home region.
  sim::world::Perspective local{"platform-home", "CN"};
  PerspectiveQuorum ca = default_ca_perspectives();
  // How every validator's resolver caches failures (SERVFAIL, timeouts).
  sim::world::DnsResolverOptions resolver;

  // Schedule, for the CA process. How often the CA re-checks pending names (UNVERIFIED: 10 min).
  sim::Duration recheck_interval = sim::kMinute * 10;
  // "Validate now" may be asked once per window ("too frequent, try again in 5 minutes").
  sim::Duration rate_limit_window = sim::kMinute * 5;
  // Domain validation not passed within this time closes the order: DV 3 days (documented);
  // OV and EV 30 days (UNVERIFIED).
  sim::Duration timeout_dv = sim::kDay * 3;
  sim::Duration timeout_ov = sim::kDay * 30;
  sim::Duration timeout_ev = sim::kDay * 30;

  sim::Duration timeout(ValidationLevel level) const;
  // When validation that started at `started` times out (DcvTimedOut).
  sim::Instant deadline(ValidationLevel level, sim::Instant started) const {
    return started + timeout(level);
  }
};

// A random validation value and its life: usable in [issued, expires).
struct DcvToken {
  std::string value;
  sim::Instant issued;
  sim::Instant expires;

  bool expired(sim::Instant at) const { return at >= expires; }
};

// kTokenBits random bits from `stream` as lower-case hex, valid from `now` for `validity`.
DcvToken draw_token(sim::RandomStream& stream, sim::Instant now, sim::Duration validity);

// One host name whose control is checked, and what the check expects there.
struct DcvTarget {
  std::string name;                   // the host name checked (never a wildcard)
  std::vector<std::string> for_names; // the order's names that need this target to pass
  VerifyType method = VerifyType::Dns;
  DnsRecordKind record = DnsRecordKind::Txt;  // DNS methods only
  // DNS methods: the record's owner name (_dnsauth.example.com). FILE: the URL path, requested
  // over http and https from `name`.
  std::string location;
  // The TXT value, the CNAME target, or the file's content.
  std::string expected;
  DcvToken token;
};

// A name the chosen method cannot validate.
struct DcvProblem {
  std::string name;
  Reason reason;
  std::string detail;
};

struct DcvPlan {
  VerifyType method = VerifyType::Dns;
  DcvToken token;
  std::vector<DcvTarget> targets;  // in the order of the names that first need them
  std::vector<DcvProblem> problems;

  bool ok() const { return problems.empty(); }
};

// The targets an order's names need with `method`, each expecting `token` (one value per order;
// BR §3.2.2.4 lets one random value serve every name of a request). The apex/www rule:
//  - DNS and DNS_AUTO (BR §3.2.2.4.7, a record at an Authorization Domain Name covers the names
//    below it): a name is validated at its base — a wildcard's `*.` and a leading `www.` removed
//    (unless what remains is a public suffix). `example.com` and `www.example.com` share the one
//    target `example.com`; `*.a.example.com` and `www.a.example.com` are validated at
//    `a.example.com`; `cloud.example.com` at itself.
//  - FILE (BR §3.2.2.4.18 validates exactly the host asked): every name needs its own file, and,
//    as the reseller documents, a registered domain also needs `www.<it>`, and `www.<rest>` also
//    needs `<rest>` (unless a public suffix). Wildcards cannot use FILE: a DcvProblem each.
// Names are compared case-insensitively; duplicates are merged.
DcvPlan plan_validation(std::span<const std::string> names, VerifyType method, DcvToken token,
                        const DcvPolicy& policy);

// What one perspective saw for one target, in LocalCheck terms.
struct PerspectiveResult {
  sim::world::Perspective perspective;
  LocalCheck outcome = LocalCheck::TxtNotFound;
  std::optional<Reason> reason;  // none when verified
  std::string detail;            // one line: the lookups or requests and what they answered

  bool passed() const { return outcome == LocalCheck::Verified; }
};

// The platform's local check of one target.
struct LocalCheckResult {
  std::string name;
  sim::Instant at;
  LocalCheck local = LocalCheck::TxtNotFound;
  bool frequently = false;  // the rate limit refused the request; nothing was checked
  std::optional<Reason> reason;
  std::string detail;

  bool passed() const { return local == LocalCheck::Verified; }
};

// The CA's check of one target from every perspective of its quorum.
struct CaCheckResult {
  std::string name;
  sim::Instant at;
  CaCheck ca = CaCheck::NotChecked;
  std::optional<Reason> reason;
  std::string detail;
  std::vector<PerspectiveResult> perspectives;  // the primary first, then the remote ones

  bool passed() const { return ca == CaCheck::Passed; }
};

// The CA's verdict from what each of its perspectives saw (the primary first): passed when the
// primary verified and at most `max_disagreeing` remote perspectives did not. A failure carries
// DcvBlockedAbroad when only one region's perspectives verified, DcvQuorumNotMet for another
// split, and the primary's reason when none verified. An empty list is misuse
// (std::invalid_argument). `keep_text` false: no detail text.
CaCheckResult corroborate(std::string name, sim::Instant at, std::vector<PerspectiveResult> perspectives,
                          std::size_t max_disagreeing, bool keep_text = true);

// The validators of one simulation run: the platform's and the CA's, with caching resolvers kept
// across checks (a validator that looked before a record existed keeps the negative answer until
// its TTL runs out). The CA's perspectives share one resolver and one DNS check: the simulated DNS
// answers every perspective alike and they always ask together, so their caches could not differ.
// A file check is made once per region when some web host blocks by region, once in all
// otherwise. Checks are calls at an instant; call them in non-decreasing instant order, as the
// run's clock advances.
class DcvValidator {
 public:
  // `dns` and `web` are the run's world and must outlive the validator. `keep_text` false: results
  // carry no detail text (a run whose trace keeps none).
  DcvValidator(const sim::world::Dns& dns, const sim::world::Web& web, DcvPolicy policy, bool keep_text = true);

  // The platform's check from its home region. A target whose token has expired is not looked
  // up: DcvTokenExpired.
  LocalCheckResult check_local(const DcvTarget& target, sim::Instant at);
  // The CA's check: passes when the primary perspective and enough remote ones verify. A failed
  // file check that no CA perspective passed while the platform's region (where no CA perspective
  // is) gets the file carries DcvBlockedAbroad.
  CaCheckResult check_ca(const DcvTarget& target, sim::Instant at);

  const DcvPolicy& policy() const { return policy_; }

 private:
  PerspectiveResult check_from(sim::world::DnsResolver& resolver, const sim::world::Perspective& perspective,
                               const DcvTarget& target, sim::Instant at) const;
  PerspectiveResult check_dns(sim::world::DnsResolver& resolver, const sim::world::Perspective& perspective,
                              const DcvTarget& target, sim::Instant at) const;
  // Whether `a` is bound to see what `b` saw of `target` at the same instant.
  bool sees_alike(const sim::world::Perspective& a, const sim::world::Perspective& b,
                  const DcvTarget& target) const;
  PerspectiveResult check_file(const sim::world::Perspective& perspective, const DcvTarget& target,
                               sim::Instant at) const;
  void diagnose_blocked_abroad(CaCheckResult& result, const DcvTarget& target, sim::Instant at) const;

  const sim::world::Dns& dns_;
  const sim::world::Web& web_;
  DcvPolicy policy_;
  bool keep_text_;
  sim::world::DnsResolver local_resolver_;
  sim::world::DnsResolver ca_resolver_;  // every CA perspective's
};

// The "validate now" limit of one order (CompleteCertificate): one request per window.
class RateLimiter {
 public:
  explicit RateLimiter(sim::Duration window) : window_(window) {}

  // True, and the request counts, when no counted request lies less than one window before `at`.
  bool try_acquire(sim::Instant at);
  // The first instant a request will be allowed again (none before the first counted request).
  std::optional<sim::Instant> next_allowed() const;

 private:
  sim::Duration window_;
  std::optional<sim::Instant> last_;
};

// The LocalCheck of a "validate now" request the rate limit refused: -1 with Frequently set,
// reason DcvRateLimited (LimitExceeded.RateLimitExceeded), and when to try again.
LocalCheckResult rate_limited(std::string name, sim::Instant at, sim::Instant retry_at);

}  // namespace casim::mockca
