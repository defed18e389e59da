// The table of keys per section of a scenario file (keys.hpp).
#include "casim/scenario/keys.hpp"

#include <algorithm>

namespace casim::scenario {
namespace {

const std::vector<KeySection>& table() {
  static const std::vector<KeySection> sections = {
      {"scenario",
       {"extends", "name", "description", "tags", "seed", "runs", "start", "issue_certificates", "calendars", "ca", "world",
        "actions", "orders", "limits", "platform", "expect", "expect_aggregate"}},
      {"calendars", {"pre_review", "review"}},
      {"calendar_additions", {"base", "holidays", "working_days", "business_hours", "joint_hours"}},
      {"holiday", {"date", "from", "to", "name"}},
      {"working_day", {"date", "name"}},
      // The CA.
      {"ca",
       {"brand", "intake", "pre_review", "dcv", "caa", "review", "review_start", "issuance_delay",
        "local_check_interval", "reuse_validation_data", "free"}},
      {"free", {"limit"}},
      {"intake", {"allow_p521", "max_names", "blocked_key_digests", "blocked_names"}},
      {"pre_review", {"duration", "basis", "outcome", "outcomes"}},
      {"weighted_outcome", {"outcome", "weight"}},
      {"dcv",
       {"dns_record", "cname_suffix", "token_validity", "max_redirects", "local_perspective", "perspectives",
        "failure_ttl", "recheck_interval", "rate_limit_window", "timeout"}},
      {"perspective", {"name", "region"}},
      {"perspectives", {"primary", "remote", "max_disagreeing"}},
      {"dcv_timeout", {"dv", "ov", "ev"}},
      {"caa", {"ca_domains", "brand_domains", "min_freshness"}},
      {"review",
       {"ov_duration", "ev_duration", "reuse_duration", "first_call_delay", "max_call_attempts", "retry_spacing",
        "call_back_counts_as_attempt", "max_call_backs", "no_listed_phone", "letter_turnaround", "calling_hours"}},
      {"distribution", {"fixed", "uniform", "exponential", "lognormal", "choice"}},
      {"uniform", {"min", "max"}},
      {"exponential", {"mean"}},
      {"lognormal", {"median", "p90"}},
      {"choice_option", {"value", "weight"}},
      // The world.
      {"world", {"dns", "web", "organizations", "phones", "hosted_domains"}},
      {"dns", {"defaults", "zones", "records", "failures"}},
      {"zone_settings", {"propagation_delay", "negative_ttl"}},
      {"zone", {"apex", "propagation_delay", "negative_ttl"}},
      {"dns_record", {"name", "type", "value", "ttl", "flags", "tag", "at"}},
      {"record", {"name", "type", "value", "ttl", "flags", "tag"}},
      {"dns_failure", {"name", "zone", "failure", "from", "until"}},
      {"web", {"hosts", "paths", "https_only", "region_blocks"}},
      {"web_host", {"host", "scheme", "at", "kind", "status", "body", "location"}},
      {"host_answer", {"host", "scheme", "kind", "status", "body", "location"}},
      {"web_path", {"url", "at", "kind", "status", "body", "location"}},
      {"path_answer", {"url", "kind", "status", "body", "location"}},
      {"behaviour", {"kind", "status", "body", "location"}},
      {"https_only", {"host", "mode", "at"}},
      {"https_only_change", {"host", "mode"}},
      {"region_block", {"host", "home_region", "abroad", "at"}},
      {"region_block_change", {"host", "home_region", "abroad"}},
      {"organization",
       {"id", "legal_name", "registration_number", "country", "state", "locality", "address", "registration_date",
        "category", "directory_phone", "applicant_phone", "operational_existence_evidence",
        "signer_authority_confirmed", "status", "status_changes"}},
      {"status_change", {"at", "status"}},
      {"phone", {"number", "at", "answer", "script", "then", "distribution", "hours"}},
      {"phone_change", {"number", "answer", "script", "then", "distribution", "hours"}},
      {"call_answer", {"result", "after", "at"}},
      {"weighted_answer", {"answer", "weight"}},
      // Actions over time.
      {"action",
       {"at", "add_record", "remove_record", "remove_records", "set_caa", "set_host", "set_path", "https_only",
        "block_abroad", "unblock", "phone", "registry_status"}},
      {"remove_records", {"name", "type"}},
      {"set_caa", {"name", "records"}},
      {"caa_entry", {"flags", "tag", "value", "ttl"}},
      {"unblock", {"host"}},
      {"registry_status", {"organization", "status"}},
      // Orders.
      {"order",
       {"ref",
        "count",
        "spread",
        "brand",
        "product",
        "level",
        "names",
        "domain_count",
        "years",
        "placed",
        "submit_after",
        "csr",
        "common_name",
        "organization",
        "administrator",
        "contact",
        "method",
        "delete_dns_auto_record",
        "validation_value",
        "publish",
        "polling",
        "resubmit",
        "cancel",
        "reissue",
        "revoke",
        "renew"}},
      {"csr", {"generate", "pem", "file", "bad"}},
      {"generate", {"algorithm", "curve", "key_size", "password"}},
      {"submitted_organization",
       {"from", "legal_name", "registration_number", "division", "country", "state", "locality", "address", "phone",
        "business_category"}},
      {"contact", {"name", "position", "phone", "email"}},
      {"publish", {"kind", "at", "wrong_value", "corrected", "file_scheme"}},
      {"polling", {"first_poll", "interval", "backoff", "max_interval", "validate_now", "rate_limited_retry"}},
      {"resubmit", {"enabled", "max_attempts", "delay", "corrected_organization"}},
      {"cancel", {"at", "cycle"}},
      {"reissue", {"at", "csr", "method"}},
      {"revoke", {"at", "reason"}},
      {"renew", {"before_expiry"}},
      // Limits and platform.
      {"limits", {"horizon", "max_events", "slice"}},
      {"platform", {"expiry_notice_days", "renewal_window", "multi_year_lead"}},
      // Expectations.
      {"order_expectation",
       {"order", "outcome", "status", "statuses", "reason", "reasons_seen", "issued_within", "issued_by", "issued_at",
        "certificate", "calls", "data_reused", "stages", "min_runs_fraction"}},
      {"run_expectation", {"run"}},
      {"certificate_expectation", {"days", "not_before", "not_after", "policy_oid", "names", "subject", "key"}},
      {"expected_call", {"at", "result"}},
      {"data_reuse_expectation", {"organization", "domains"}},
      {"stages", {"pre_review", "domain_validation", "review", "waiting_to_issue", "total_to_issue"}},
      {"stage_bound", {"min", "max"}},
      {"aggregate_expectation", {"metric", "percentile", "max", "min", "level", "order"}},
  };
  return sections;
}

}  // namespace

std::span<const KeySection> scenario_key_table() { return table(); }

const KeySection* find_key_section(std::string_view name) {
  const auto& sections = table();
  const auto found =
      std::find_if(sections.begin(), sections.end(), [&](const KeySection& s) { return s.name == name; });
  return found == sections.end() ? nullptr : &*found;
}

}  // namespace casim::scenario
