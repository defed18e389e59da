// `ca:`: the mock CA's settings (intake, pre-review, domain validation, CAA, review, issuance,
// the free product's limit);
// every key optional, defaults those of mockca::CaConfig.
#include <fmt/format.h>

#include "casim/mockca/certificate_authority.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

using mockca::PreReviewOutcome;

const KeywordTable<PreReviewOutcome> kPreReviewOutcomes = {
    {"passed", PreReviewOutcome::Passed},
    {"domain_security_failed", PreReviewOutcome::DomainSecurityFailed},
    {"information_rejected", PreReviewOutcome::InformationRejected}};

void read_intake(Context& context, const YAML::Node& node, const std::string& path, mockca::IntakePolicy& intake) {
  Reader& reader = context.reader;
  const Section s(reader, node, "intake", path);
  if (const auto v = s.get("allow_p521")) set(read_bool(reader, v, s.path("allow_p521")), intake.allow_p521);
  if (const auto v = s.get("max_names")) {
    if (const auto n = read_integer(reader, v, s.path("max_names"), 1, 100000))
      intake.max_names = static_cast<std::size_t>(*n);
  }
  if (const auto v = s.get("blocked_key_digests")) {
    if (const auto digests = read_strings(reader, v, s.path("blocked_key_digests"))) {
      intake.blocked_key_digests.clear();
      for (std::string digest : *digests) {
        for (char& c : digest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (digest.size() != 64 || digest.find_first_not_of("0123456789abcdef") != std::string::npos) {
          reader.error(v, fmt::format("{}: '{}' is not a SHA-256 digest (64 hexadecimal digits)",
                                      s.path("blocked_key_digests"), digest));
        }
        intake.blocked_key_digests.insert(digest);
      }
    }
  }
  if (const auto v = s.get("blocked_names"))
    set(read_strings(reader, v, s.path("blocked_names")), intake.blocked_names);
}

void read_pre_review(Context& context, const YAML::Node& node, const std::string& path,
                     mockca::PreReviewPolicy& policy) {
  Reader& reader = context.reader;
  const Section s(reader, node, "pre_review", path);
  if (const auto v = s.get("duration")) set(read_distribution(reader, v, s.path("duration")), policy.duration);
  if (const auto v = s.get("basis")) {
    set(read_keyword<mockca::TimeBasis>(
            reader, v, s.path("basis"),
            {{"calendar_time", mockca::TimeBasis::CalendarTime}, {"business_time", mockca::TimeBasis::BusinessTime}}),
        policy.basis);
  }
  if (s.has("outcome") && s.has("outcomes")) {
    reader.error(s.get("outcomes"), path + ": give either outcome or outcomes, not both");
  }
  if (const auto v = s.get("outcome")) {
    if (const auto outcome = read_keyword(reader, v, s.path("outcome"), kPreReviewOutcomes)) {
      policy.outcomes = mockca::PreReviewPolicy::fixed(*outcome);
    }
  }
  if (const auto v = s.get("outcomes")) {
    std::vector<mockca::WeightedPreReviewOutcome> outcomes;
    double total = 0;
    for_each_item(reader, v, s.path("outcomes"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section o(reader, item, "weighted_outcome", item_path);
      const auto outcome = read_keyword(reader, o.require("outcome"), o.path("outcome"), kPreReviewOutcomes);
      double weight = 1;
      if (const auto w = o.get("weight")) weight = read_number(reader, w, o.path("weight"), 0, 1e12).value_or(1);
      total += weight;
      if (outcome) outcomes.push_back({*outcome, weight});
    });
    if (v.IsSequence() && (outcomes.empty() || total <= 0)) {
      reader.error(v, s.path("outcomes") + ": expected at least one outcome with a positive weight");
    } else if (!outcomes.empty()) {
      policy.outcomes = std::move(outcomes);
    }
  }
}

std::optional<sim::world::Perspective> read_perspective(Context& context, const YAML::Node& node,
                                                        const std::string& path) {
  Reader& reader = context.reader;
  const Section s(reader, node, "perspective", path);
  const auto name = read_string(reader, s.require("name"), s.path("name"));
  const auto region = read_string(reader, s.require("region"), s.path("region"));
  if (!name || !region) return std::nullopt;
  return sim::world::Perspective{*name, *region};
}

void read_dcv(Context& context, const YAML::Node& node, const std::string& path, mockca::DcvPolicy& dcv) {
  Reader& reader = context.reader;
  const Section s(reader, node, "dcv", path);
  if (const auto v = s.get("dns_record")) {
    set(read_keyword<mockca::DnsRecordKind>(
            reader, v, s.path("dns_record"),
            {{"txt", mockca::DnsRecordKind::Txt}, {"cname", mockca::DnsRecordKind::Cname}}),
        dcv.dns_record);
  }
  if (const auto v = s.get("cname_suffix")) set(read_string(reader, v, s.path("cname_suffix")), dcv.cname_suffix);
  if (const auto v = s.get("token_validity"))
    set(read_duration(reader, v, s.path("token_validity")), dcv.token_validity);
  if (const auto v = s.get("max_redirects")) {
    if (const auto n = read_integer(reader, v, s.path("max_redirects"), 0, 100))
      dcv.max_redirects = static_cast<std::size_t>(*n);
  }
  if (const auto v = s.get("local_perspective"))
    set(read_perspective(context, v, s.path("local_perspective")), dcv.local);
  if (const auto v = s.get("perspectives")) {
    const Section p(reader, v, "perspectives", s.path("perspectives"));
    if (const auto primary = read_perspective(context, p.require("primary"), p.path("primary")))
      dcv.ca.primary = *primary;
    if (const auto remote = p.get("remote")) {
      dcv.ca.remote.clear();
      for_each_item(reader, remote, p.path("remote"), [&](const YAML::Node& item, const std::string& item_path) {
        if (const auto perspective = read_perspective(context, item, item_path)) dcv.ca.remote.push_back(*perspective);
      });
    }
    if (const auto m = p.get("max_disagreeing")) {
      if (const auto n = read_integer(reader, m, p.path("max_disagreeing"), 0, 100)) {
        dcv.ca.max_disagreeing = static_cast<std::size_t>(*n);
      }
    }
  }
  if (const auto v = s.get("failure_ttl"))
    set(read_duration(reader, v, s.path("failure_ttl")), dcv.resolver.failure_ttl);
  if (const auto v = s.get("recheck_interval"))
    set(read_duration(reader, v, s.path("recheck_interval")), dcv.recheck_interval);
  if (const auto v = s.get("rate_limit_window"))
    set(read_duration(reader, v, s.path("rate_limit_window")), dcv.rate_limit_window);
  if (const auto v = s.get("timeout")) {
    const Section t(reader, v, "dcv_timeout", s.path("timeout"));
    if (const auto d = t.get("dv")) set(read_duration(reader, d, t.path("dv")), dcv.timeout_dv);
    if (const auto d = t.get("ov")) set(read_duration(reader, d, t.path("ov")), dcv.timeout_ov);
    if (const auto d = t.get("ev")) set(read_duration(reader, d, t.path("ev")), dcv.timeout_ev);
  }
  for (const auto* interval :
       {&dcv.recheck_interval, &dcv.rate_limit_window, &dcv.timeout_dv, &dcv.timeout_ov, &dcv.timeout_ev}) {
    if (*interval <= sim::Duration::zero())
      reader.error(node, path + ": intervals and timeouts must be longer than 0s");
  }
}

void read_caa(Context& context, const YAML::Node& node, const std::string& path, mockca::CaaPolicy& caa) {
  Reader& reader = context.reader;
  const Section s(reader, node, "caa", path);
  if (const auto v = s.get("ca_domains")) set(read_strings(reader, v, s.path("ca_domains")), caa.ca_domains);
  if (const auto v = s.get("brand_domains")) {
    if (!v.IsMap()) {
      reader.error(v, s.path("brand_domains") + ": expected a mapping of brand → list of issuer domains");
    } else {
      caa.brand_domains.clear();
      for (const auto& entry : v) {
        const auto brand = read_string(reader, entry.first, s.path("brand_domains"));
        const auto domains = read_strings(reader, entry.second, s.path("brand_domains") + "." + brand.value_or("?"));
        if (brand && domains) caa.brand_domains[*brand] = *domains;
      }
    }
  }
  if (const auto v = s.get("min_freshness")) set(read_duration(reader, v, s.path("min_freshness")), caa.min_freshness);
}

void read_review(Context& context, const YAML::Node& node, const std::string& path, mockca::ReviewPolicy& review) {
  Reader& reader = context.reader;
  const Section s(reader, node, "review", path);
  if (const auto v = s.get("ov_duration")) set(read_distribution(reader, v, s.path("ov_duration")), review.ov_duration);
  if (const auto v = s.get("ev_duration")) set(read_distribution(reader, v, s.path("ev_duration")), review.ev_duration);
  if (const auto v = s.get("reuse_duration"))
    set(read_distribution(reader, v, s.path("reuse_duration")), review.reuse_duration);
  if (const auto v = s.get("first_call_delay"))
    set(read_duration_spec(reader, v, s.path("first_call_delay")), review.first_call_delay);
  if (const auto v = s.get("max_call_attempts")) {
    if (const auto n = read_integer(reader, v, s.path("max_call_attempts"), 1, 1000))
      review.max_call_attempts = static_cast<int>(*n);
  }
  if (const auto v = s.get("retry_spacing"))
    set(read_duration_spec(reader, v, s.path("retry_spacing")), review.retry_spacing);
  if (const auto v = s.get("call_back_counts_as_attempt")) {
    set(read_bool(reader, v, s.path("call_back_counts_as_attempt")), review.call_back_counts_as_attempt);
  }
  if (const auto v = s.get("max_call_backs")) {
    if (const auto n = read_integer(reader, v, s.path("max_call_backs"), 0, 1000))
      review.max_call_backs = static_cast<int>(*n);
  }
  if (const auto v = s.get("no_listed_phone")) {
    set(read_keyword<mockca::NoListedPhone>(
            reader, v, s.path("no_listed_phone"),
            {{"fail", mockca::NoListedPhone::Fail}, {"letter", mockca::NoListedPhone::Letter}}),
        review.no_listed_phone);
  }
  if (const auto v = s.get("letter_turnaround"))
    set(read_duration_spec(reader, v, s.path("letter_turnaround")), review.letter_turnaround);
  if (const auto v = s.get("calling_hours")) review.calling_hours = read_calendar(context, v, s.path("calling_hours"));
}

}  // namespace

void load_ca(Context& context, const YAML::Node& node, mockca::CaConfig& config) {
  Reader& reader = context.reader;
  const Section s(reader, node, "ca", "ca");
  if (const auto v = s.get("brand")) set(read_string(reader, v, s.path("brand")), context.default_brand);
  if (const auto v = s.get("intake")) read_intake(context, v, s.path("intake"), config.intake);
  if (const auto v = s.get("pre_review")) read_pre_review(context, v, s.path("pre_review"), config.pre_review);
  if (const auto v = s.get("dcv")) read_dcv(context, v, s.path("dcv"), config.dcv);
  if (const auto v = s.get("caa")) read_caa(context, v, s.path("caa"), config.caa);
  if (const auto v = s.get("review")) read_review(context, v, s.path("review"), config.review);
  if (const auto v = s.get("review_start")) {
    set(read_keyword<mockca::ReviewStart>(reader, v, s.path("review_start"),
                                          {{"with_validation", mockca::ReviewStart::WithValidation},
                                           {"after_validation", mockca::ReviewStart::AfterValidation}}),
        config.review_start);
  }
  if (const auto v = s.get("issuance_delay"))
    set(read_distribution(reader, v, s.path("issuance_delay")), config.issuance_delay);
  if (const auto v = s.get("local_check_interval")) {
    set(read_duration(reader, v, s.path("local_check_interval")), config.local_check_interval);
  }
  if (const auto v = s.get("reuse_validation_data")) {
    set(read_bool(reader, v, s.path("reuse_validation_data")), config.reuse_validation_data);
  }
  if (const auto v = s.get("free")) {
    const Section f(reader, v, "free", s.path("free"));
    if (const auto limit = f.get("limit")) {
      if (const auto n = read_integer(reader, limit, f.path("limit"), 0, 1'000'000)) config.free_limit = static_cast<int>(*n);
    }
  }
}

}  // namespace casim::scenario::detail
