// The probe's JSON report: the same facts as the text report, as values.
#include "casim/probe/report.hpp"

namespace casim::probe {
namespace {

using Json = nlohmann::ordered_json;

Json reason_json(const std::optional<mockca::Reason>& reason) {
  if (!reason) return nullptr;
  const auto& about = mockca::info(*reason);
  return {{"code", about.code},
          {"category", mockca::category_name(about.category)},
          {"reseller_code", about.reseller_code},
          {"meaning", about.meaning},
          {"hint", about.hint}};
}

std::int64_t json_seconds(sim::Duration duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

Json record_json(const sim::world::DnsRecord& record) {
  Json out{{"name", record.name},
           {"type", sim::world::to_string(record.type)},
           {"ttl", json_seconds(record.ttl)},
           {"value", record.value}};
  if (record.type == sim::world::DnsType::CAA) {
    out["flags"] = record.caa_flags;
    out["tag"] = record.caa_tag;
  }
  return out;
}

Json records_json(const std::vector<sim::world::DnsRecord>& records) {
  Json out = Json::array();
  for (const auto& record : records) out.push_back(record_json(record));
  return out;
}

Json dns_json(const DnsObservation& seen) {
  return {{"name", seen.name},
          {"type", sim::world::to_string(seen.type)},
          {"rcode", sim::world::to_string(seen.rcode)},
          {"records", records_json(seen.records)},
          {"chain", records_json(seen.chain)},
          {"negative_ttl", json_seconds(seen.negative_ttl)},
          {"server", seen.server},
          {"elapsed_ms", seen.elapsed.count()},
          {"note", seen.note}};
}

Json web_json(const WebObservation& seen) {
  return {{"url", seen.url},
          {"error", seen.error == sim::world::WebError::None ? Json(nullptr) : Json(sim::world::to_string(seen.error))},
          {"status", seen.status},
          {"location", seen.location},
          {"bytes", seen.body.size()},
          {"truncated", seen.truncated},
          {"body", seen.body},
          {"address", seen.address},
          {"elapsed_ms", seen.elapsed.count()},
          {"note", seen.note}};
}

Json target_json(const TargetVerdict& verdict) {
  const mockca::DcvTarget& target = verdict.target;
  return {{"name", target.name},
          {"for_names", target.for_names},
          {"method", mockca::to_string(target.method)},
          {"record", target.method == mockca::VerifyType::File             ? Json(nullptr)
                     : target.record == mockca::DnsRecordKind::Txt ? Json("TXT")
                                                                  : Json("CNAME")},
          {"location", target.location},
          {"expected", target.expected},
          {"passed", verdict.passed()},
          {"local_check", mockca::code(verdict.local)},
          {"local_check_text", mockca::to_string(verdict.local)},
          {"reason", reason_json(verdict.reason)},
          {"detail", verdict.detail}};
}

Json caa_json(const mockca::CaaCheck& check) {
  return {{"name", check.name},
          {"permitted", check.permitted},
          {"reason", reason_json(check.reason)},
          {"found_at", check.found_at},
          {"via_cname", check.via_cname},
          {"ttl", json_seconds(check.ttl)},
          {"detail", check.detail}};
}

Json result_json(const ProbeResult& result) {
  const ProbeRequest& request = result.request;
  Json problems = Json::array();
  for (const auto& problem : result.problems) {
    problems.push_back({{"name", problem.name}, {"reason", reason_json(problem.reason)}, {"detail", problem.detail}});
  }
  Json targets = Json::array();
  for (const auto& target : result.targets) targets.push_back(target_json(target));
  Json caa = Json::array();
  for (const auto& check : result.caa) caa.push_back(caa_json(check));
  Json dns = Json::array();
  for (const auto& seen : result.dns) dns.push_back(dns_json(seen));
  Json web = Json::array();
  for (const auto& seen : result.web) web.push_back(web_json(seen));
  Json reasons = Json::array();
  for (const auto reason : result.reasons()) reasons.push_back(mockca::info(reason).code);
  return {{"names", request.names},
          {"checks", describe_request(request)},
          {"at", sim::format_instant(result.at)},
          {"passed", result.passed()},
          {"reasons", reasons},
          {"problems", problems},
          {"targets", targets},
          {"caa", {{"requested", request.check_caa}, {"checked", result.caa_checked}, {"checks", caa}}},
          {"evidence", {{"dns", dns}, {"web", web}}},
          {"notes", result.notes},
          {"complete", result.complete}};
}

}  // namespace

nlohmann::ordered_json to_json(const std::vector<ProbeResult>& results) {
  Json list = Json::array();
  bool passed = true;
  for (const auto& result : results) {
    passed = passed && result.passed();
    list.push_back(result_json(result));
  }
  return {{"passed", passed}, {"results", list}};
}

}  // namespace casim::probe
