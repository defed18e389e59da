// The probe's text report: per request its verdict, each target's LocalCheck value, reason and
// hint, the CAA checks, then the evidence, one line per question asked.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/probe/report.hpp"

namespace casim::probe {
namespace {

using sim::world::DnsRcode;
using sim::world::WebError;

constexpr std::string_view kIndent = "    ";

std::string method_name(const ProbeRequest& request) {
  if (!request.method) return "";
  if (*request.method != mockca::VerifyType::File && request.dns_record == mockca::DnsRecordKind::Cname) {
    return fmt::format("{} (CNAME)", mockca::to_string(*request.method));
  }
  return std::string(mockca::to_string(*request.method));
}

// "  label       text", the label padded so that texts line up.
std::string text_row(std::string_view label, std::string_view text) {
  return fmt::format("{}{:<11} {}\n", kIndent, label, text);
}

std::string reason_rows(const std::optional<mockca::Reason>& reason) {
  if (!reason) return "";
  const auto& about = mockca::info(*reason);
  return text_row("reason", fmt::format("{} — {}", about.code, about.meaning)) + text_row("hint", about.hint);
}

std::string target_text(const TargetVerdict& verdict) {
  const mockca::DcvTarget& target = verdict.target;
  const std::string where =
      target.method == mockca::VerifyType::File
          ? fmt::format("http(s)://{}{} holding \"{}\"", target.name, target.location, target.expected)
          : fmt::format("{} {} \"{}\"", target.location,
                        target.record == mockca::DnsRecordKind::Txt ? "TXT" : "CNAME", target.expected);
  std::string text = fmt::format("  target {} (for {}): {}\n", target.name, fmt::join(target.for_names, ", "), where);
  text += text_row("LocalCheck", fmt::format("{} ({})", mockca::code(verdict.local), mockca::to_string(verdict.local)));
  text += reason_rows(verdict.reason);
  text += text_row("seen", verdict.detail);
  return text;
}

std::string caa_text(const ProbeResult& result) {
  if (!result.request.check_caa) return "";
  if (!result.caa_checked) return "  CAA not checked: domain validation failed first (the CA checks CAA after it)\n";
  std::string text;
  for (const auto& check : result.caa) {
    text += fmt::format("  CAA {}: {}\n", check.name, check.permitted ? "permitted" : "refused");
    text += reason_rows(check.reason);
    text += text_row("seen", check.detail);
  }
  return text;
}

std::string elapsed_text(std::chrono::milliseconds elapsed) { return fmt::format("{} ms", elapsed.count()); }

}  // namespace

std::string describe_dns(const DnsObservation& seen) {
  std::string text = fmt::format("DNS {} {} → {}", sim::world::to_string(seen.type), seen.name,
                                 sim::world::to_string(seen.rcode));
  if (seen.rcode == DnsRcode::NoError && seen.records.empty()) text += " (NODATA)";
  if (!seen.server.empty()) text += " from " + seen.server;
  text += " in " + elapsed_text(seen.elapsed);
  if (!seen.note.empty()) text += " (" + seen.note + ")";
  return text;
}

std::string describe_web(const WebObservation& seen) {
  std::string text = fmt::format("GET {} → ", seen.url);
  if (seen.error != WebError::None) {
    text += sim::world::to_string(seen.error);
  } else {
    text += std::to_string(seen.status);
    if (!seen.location.empty()) text += " → " + seen.location;
    text += fmt::format(", {} bytes{}", seen.body.size(), seen.truncated ? " (cut: longer than --max-body)" : "");
  }
  if (!seen.address.empty()) text += " from " + seen.address;
  text += " in " + elapsed_text(seen.elapsed);
  if (!seen.note.empty()) text += " (" + seen.note + ")";
  return text;
}

std::string describe_request(const ProbeRequest& request) {
  std::string text;
  if (request.method) text = fmt::format("{} with value \"{}\"", method_name(request), request.value);
  if (request.check_caa) {
    text += text.empty() ? "CAA" : " and CAA";
    if (!request.ca_ids.empty()) text += fmt::format(" for {}", fmt::join(request.ca_ids, ", "));
  }
  return text;
}

std::string format_text(const std::vector<ProbeResult>& results) {
  std::string text;
  std::size_t failed = 0;
  for (const auto& result : results) {
    if (!result.passed()) ++failed;
    text += fmt::format("{} — {}: {}\n", fmt::join(result.request.names, ", "), describe_request(result.request),
                        result.passed() ? "PASSED" : "FAILED");
    for (const auto& problem : result.problems) {
      text += fmt::format("  name {}: {}\n", problem.name, problem.detail);
      text += reason_rows(problem.reason);
    }
    for (const auto& target : result.targets) text += target_text(target);
    text += caa_text(result);
    text += fmt::format("  evidence ({} question(s), at {})\n", result.dns.size() + result.web.size(),
                        sim::format_instant(result.at));
    for (const auto& seen : result.dns) {
      text += fmt::format("{}{}\n", kIndent, describe_dns(seen));
      for (const auto& record : seen.records) text += fmt::format("{}  {}\n", kIndent, sim::world::describe(record));
      for (const auto& record : seen.chain) {
        text += fmt::format("{}  {} (further down the chain)\n", kIndent, sim::world::describe(record));
      }
    }
    for (const auto& seen : result.web) text += fmt::format("{}{}\n", kIndent, describe_web(seen));
    for (const auto& note : result.notes) text += fmt::format("  note: {}\n", note);
  }
  text += fmt::format("{} of {} passed\n", results.size() - failed, results.size());
  return text;
}

}  // namespace casim::probe
