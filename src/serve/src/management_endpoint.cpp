// The management API (http_reply.hpp): /_casim/ paths behind the Bearer token — the clock, world
// edits, faults, trace, report, root certificate and shutdown — in the shapes docs/serve.md gives.
#include <cctype>
#include <chrono>
#include <sstream>
#include <functional>
#include <string_view>

#include <fmt/format.h>

#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"
#include "management_fields.hpp"
#include "http_reply.hpp"

namespace casim::serve::detail {
namespace {

using nlohmann::json;

Reply error_reply(unsigned status, std::string_view code, std::string_view message) {
  return Reply::json(status, {{"error", {{"code", code}, {"message", message}}}});
}

json time_json(const Session& session, const ClockReading& reading) {
  return {{"now", session.local_text(reading.now)},
          {"clock", clock_mode_name(session.clock().mode())},
          {"speed", session.clock().speed()},
          {"pending_events", reading.pending_events}};
}

Reply advance(Session& session, const Fields& fields) {
  if (fields.has("by") == fields.has("to")) throw BadRequest("InvalidField", "give exactly one of \"by\" and \"to\"");
  const ClockReading reading = fields.has("by") ? session.advance_by(sim::parse_duration(fields.text("by"), "by"))
                                                : session.advance_to(sim::parse_instant(fields.text("to"), "to"));
  if (session.clock().mode() != ClockMode::Manual) session.anchor_clock(std::chrono::steady_clock::now());
  json body = time_json(session, reading);
  body["events_run"] = reading.events_run;
  return Reply::json(200, body);
}

sim::world::DnsRecord dns_record(const Fields& fields) {
  const std::string name = fields.text("name");
  const std::string type = fields.text("type");
  const std::string value = fields.text("value");
  const sim::Duration ttl = std::chrono::seconds(fields.optional_integer("ttl", 0, 2'147'483'647).value_or(600));
  switch (sim::world::parse_dns_type(type, "type")) {
    case sim::world::DnsType::TXT: return sim::world::DnsRecord::txt(name, value, ttl);
    case sim::world::DnsType::CNAME: return sim::world::DnsRecord::cname(name, value, ttl);
    case sim::world::DnsType::A: return sim::world::DnsRecord::a(name, value, ttl);
    case sim::world::DnsType::NS: return sim::world::DnsRecord::ns(name, value, ttl);
    case sim::world::DnsType::CAA: break;
  }
  throw BadRequest("InvalidField", "\"type\" CAA is set with PUT /_casim/caa");
}

Reply set_caa(Session& session, const Fields& fields) {
  std::vector<CaaRecord> records;
  for (const Fields& record : fields.objects("records")) {
    records.push_back({static_cast<std::uint8_t>(record.optional_integer("flags", 0, 255).value_or(0)),
                       record.text("tag"), record.text("value")});
  }
  session.set_caa(fields.text("name"), records);
  return Reply::json(200, {{"ok", true}});
}

Reply put_organization(Session& session, const Fields& fields) {
  sim::world::Organization organization;
  organization.legal_name = fields.text("legal_name");
  organization.registration_number = fields.text("registration_number");
  organization.jurisdiction.country = fields.text("country");
  organization.jurisdiction.state_or_province = fields.optional_text("state").value_or("");
  organization.jurisdiction.locality = fields.optional_text("locality").value_or("");
  organization.address = fields.optional_text("address").value_or("");
  organization.registration_date = sim::parse_date(fields.text("registration_date"), "registration_date");
  if (const auto category = fields.optional_text("category")) {
    organization.category = sim::world::parse_business_category(*category, "category");
  }
  organization.directory_phone = fields.optional_text("directory_phone").value_or("");
  organization.applicant_phone = fields.optional_text("applicant_phone").value_or("");
  organization.operational_existence_evidence = fields.optional_bool("operational_existence_evidence").value_or(false);
  organization.signer_authority_confirmed = fields.optional_bool("signer_authority_confirmed").value_or(false);
  const std::string status = fields.optional_text("status").value_or("active");
  session.put_organization(std::move(organization), sim::world::parse_registry_status(status, "status"));
  return Reply::json(200, {{"ok", true}});
}

json fault_json(const FaultRule& rule) {
  json entry{{"id", rule.id}, {"action", rule.action}, {"fault", fault_name(rule.kind)}};
  if (rule.remaining) entry["count"] = *rule.remaining;
  if (rule.probability) entry["probability"] = *rule.probability;
  if (rule.kind == FaultKind::Delay) entry["delay_ms"] = rule.delay.count();
  return entry;
}

Reply add_fault(Session& session, const Fields& fields) {
  FaultRule rule;
  rule.action = fields.text("action");
  const std::string fault = fields.text("fault");
  const auto kind = fault_named(fault);
  if (!kind) throw BadRequest("InvalidField", "\"fault\" must be rate_limit, network_error, empty_body or delay");
  rule.kind = *kind;
  if (fields.has("count") == fields.has("probability")) {
    throw BadRequest("InvalidField", "give exactly one of \"count\" and \"probability\"");
  }
  if (fields.has("count")) rule.remaining = static_cast<int>(fields.integer("count", 1, 1'000'000'000));
  if (const auto probability = fields.optional_number("probability")) {
    if (!(*probability >= 0 && *probability <= 1)) throw BadRequest("InvalidField", "\"probability\" must be from 0 to 1");
    rule.probability = *probability;
  }
  if (rule.kind == FaultKind::Delay) rule.delay = std::chrono::milliseconds(fields.integer("delay_ms", 0, 600'000));
  return Reply::json(200, {{"id", session.faults().add(std::move(rule))}});
}

std::string percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool escape = text[i] == '%' && i + 2 < text.size() &&
                        std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
                        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0;
    if (escape) {
      decoded += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      decoded += text[i] == '+' ? ' ' : text[i];
    }
  }
  return decoded;
}

// The value of `key` in a query string; none when absent.
std::optional<std::string> query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    const auto equals = pair.find('=');
    if (pair.substr(0, equals) == key && equals != std::string_view::npos) return percent_decoded(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return std::nullopt;
}

Reply trace(const Session& session, std::string_view query) {
  std::string text;
  for (const std::string& line : session.trace_lines(query_value(query, "certificate"))) text += line + "\n";
  return Reply::text(std::move(text));
}

Reply report_json(const Session& session) {
  std::ostringstream out;
  report::write_json(session.report(), out);
  return {200, "application/json", out.str()};
}

struct Route {
  std::string_view method;
  std::string_view path;
  std::function<Reply(Session&, const Fields&, std::string_view query)> handle;
};

const std::vector<Route>& routes() {
  static const std::vector<Route> table{
      {"GET", "/_casim/time", [](Session& s, const Fields&, auto) { return Reply::json(200, time_json(s, s.time())); }},
      {"POST", "/_casim/time/advance", [](Session& s, const Fields& f, auto) { return advance(s, f); }},
      {"POST", "/_casim/dns/records",
       [](Session& s, const Fields& f, auto) { s.add_dns_record(dns_record(f)); return Reply::json(200, {{"ok", true}}); }},
      {"DELETE", "/_casim/dns/records",
       [](Session& s, const Fields& f, auto) { s.remove_dns_record(dns_record(f)); return Reply::json(200, {{"ok", true}}); }},
      {"PUT", "/_casim/caa", [](Session& s, const Fields& f, auto) { return set_caa(s, f); }},
      {"PUT", "/_casim/web",
       [](Session& s, const Fields& f, auto) {
         s.set_web(f.text("url"), static_cast<int>(f.optional_integer("status", 100, 599).value_or(200)),
                   f.optional_text("body").value_or(""));
         return Reply::json(200, {{"ok", true}});
       }},
      {"PUT", "/_casim/phones",
       [](Session& s, const Fields& f, auto) { s.set_phone(f.text("number"), f.texts("answers")); return Reply::json(200, {{"ok", true}}); }},
      {"PUT", "/_casim/organizations", [](Session& s, const Fields& f, auto) { return put_organization(s, f); }},
      {"POST", "/_casim/faults", [](Session& s, const Fields& f, auto) { return add_fault(s, f); }},
      {"GET", "/_casim/faults",
       [](Session& s, const Fields&, auto) {
         json list = json::array();
         for (const FaultRule& rule : s.faults().rules()) list.push_back(fault_json(rule));
         return Reply::json(200, {{"faults", list}});
       }},
      {"DELETE", "/_casim/faults", [](Session& s, const Fields&, auto) { s.faults().clear(); return Reply::json(200, {{"ok", true}}); }},
      {"GET", "/_casim/trace", [](Session& s, const Fields&, std::string_view q) { return trace(s, q); }},
      {"GET", "/_casim/report", [](Session& s, const Fields&, auto) { return report_json(s); }},
      {"GET", "/_casim/root", [](Session& s, const Fields&, auto) { return Reply::text(s.root_pem()); }},
      {"POST", "/_casim/shutdown",
       [](Session&, const Fields&, auto) {
         Reply reply = Reply::json(200, {{"ok", true}});
         reply.shutdown = true;
         return reply;
       }},
  };
  return table;
}

}  // namespace

Reply management_reply(Session& session, const ServerOptions& options, const Request& request) {
  if (request.header("Authorization") != "Bearer " + options.management_token) {
    return error_reply(401, "Unauthorized", "the management API needs the header Authorization: Bearer <token>");
  }
  const auto query_start = request.target.find('?');
  const std::string_view target = request.target;
  const std::string_view path = target.substr(0, query_start);
  const std::string_view query = query_start == std::string::npos ? "" : target.substr(query_start + 1);
  bool path_known = false;
  for (const Route& route : routes()) {
    if (route.path != path) continue;
    path_known = true;
    if (route.method != request.method) continue;
    try {
      return route.handle(session, Fields(request.body), query);
    } catch (const BadRequest& bad) {
      return error_reply(400, bad.code(), bad.what());
    } catch (const InputError& bad) {
      return error_reply(400, "InvalidField", bad.what());
    }
  }
  if (path_known) return error_reply(405, "MethodNotAllowed", fmt::format("{} does not take {}", path, request.method));
  return error_reply(404, "NotFound", fmt::format("no management path {}", path));
}

}  // namespace casim::serve::detail
