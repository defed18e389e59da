// Session's world edits (session.hpp): DNS records, CAA, web answers, phone lines and registry
// entries, changed at the simulated now as the customer's DNS host, web server and phone (or the
// registry) would change them; each one a trace event.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/serve/session.hpp"
#include "casim/sim/world/names.hpp"
#include "casim/sim/world/phones.hpp"
#include "casim/sim/world/web.hpp"
#include "session_run.hpp"

namespace casim::serve {
namespace {

// The zone a record in no declared zone gets: the last two labels of its name.
std::string zone_for(std::string_view name) {
  std::string normal = sim::world::checked_name(name, "name");
  const auto last_dot = normal.rfind('.');
  if (last_dot == std::string::npos || last_dot == 0) return normal;
  const auto before = normal.rfind('.', last_dot - 1);
  return before == std::string::npos ? normal : normal.substr(before + 1);
}

}  // namespace

void Session::add_dns_record(sim::world::DnsRecord record) {
  sim::world::Dns& dns = run_->world.dns;
  if (!dns.zone_of(record.name)) dns.add_zone(zone_for(record.name), "name");
  const std::string text = sim::world::describe(record);
  dns.add_record(run_->kernel.now(), std::move(record), "record");
  note(mockca::TraceKind::ApplicantPublished, "DNS host: added " + text);
}

void Session::remove_dns_record(sim::world::DnsRecord record) {
  const std::string text = sim::world::describe(record);
  run_->world.dns.remove_record(run_->kernel.now(), std::move(record), "record");
  note(mockca::TraceKind::ApplicantPublished, "DNS host: removed " + text);
}

void Session::set_caa(const std::string& name, const std::vector<CaaRecord>& records) {
  sim::world::Dns& dns = run_->world.dns;
  if (!dns.zone_of(name)) dns.add_zone(zone_for(name), "name");
  const sim::Instant now = run_->kernel.now();
  std::vector<sim::world::DnsRecord> checked;
  for (const CaaRecord& caa : records) checked.push_back(sim::world::DnsRecord::caa(name, caa.flags, caa.tag, caa.value));
  dns.remove_records(now, name, sim::world::DnsType::CAA, "name");
  for (auto& record : checked) dns.add_record(now, std::move(record), "records");
  note(mockca::TraceKind::ApplicantPublished, fmt::format("DNS host: CAA of {} set to {} record(s)", name, records.size()));
}

void Session::set_web(const std::string& url, int status, std::string body) {
  if (status < 100 || status > 599) throw InputError("status", fmt::format("{} is no HTTP status (100 to 599)", status));
  run_->world.web.set_path(run_->kernel.now(), url, sim::world::WebBehaviour::respond(status, std::move(body)), "url");
  note(mockca::TraceKind::ApplicantPublished, fmt::format("web server: {} answers {}", url, status));
}

void Session::set_phone(const std::string& number, const std::vector<std::string>& answers) {
  std::vector<sim::world::PhoneAnswer> script;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    script.emplace_back(sim::world::parse_call_result(answers[i], fmt::format("answers[{}]", i)));
  }
  run_->world.phones.set_line(number, run_->kernel.now(),
                              sim::world::PhoneLine::scripted(std::move(script), sim::world::ScriptEnd::repeat_last()),
                              "answers");
  note(mockca::TraceKind::ApplicantPublished, fmt::format("phone {}: next answers {}", number, fmt::join(answers, ", ")));
}

void Session::put_organization(sim::world::Organization organization, sim::world::RegistryStatus status) {
  sim::world::OrganizationRegistry& registry = run_->world.registry;
  const sim::Instant now = run_->kernel.now();
  const std::string number = organization.registration_number;
  if (registry.find_by_number(number, now).organization) {
    registry.set_status(number, now, status, "status");
    note(mockca::TraceKind::ApplicantPublished,
         fmt::format("registry: {} is now {}", number, sim::world::to_string(status)));
    return;
  }
  const std::string name = organization.legal_name;
  registry.add(std::move(organization), status, "organization");
  note(mockca::TraceKind::ApplicantPublished, fmt::format("registry: added {} ({})", name, number));
}

}  // namespace casim::serve
