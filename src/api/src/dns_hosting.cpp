// DnsHostingApi: CreateRecord, DeleteRecord and DescribeRecordList on the World's DNS at the
// kernel's now, with the records it added kept by RecordId.
#include "casim/api/dns_hosting.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>

#include "casim/mockca/api.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"
#include "envelope.hpp"
#include "param_reader.hpp"

namespace casim::api {

namespace {

constexpr std::string_view kDefaultLine = "默认";  // DNSPod's default line ("default")
constexpr std::int64_t kMaxTtl = 604800;
constexpr std::array kRecordKinds{mockca::DnsRecordKind::Txt, mockca::DnsRecordKind::Cname};

std::string_view kind_word(mockca::DnsRecordKind kind) { return kind == mockca::DnsRecordKind::Txt ? "TXT" : "CNAME"; }

// `text` as the World's DNS keeps host names, or a bad value of `field`.
std::optional<std::string> host_name(detail::ParamReader& params, std::string_view field, const std::string& text) {
  try {
    return sim::world::checked_name(text, std::string(field));
  } catch (const InputError&) {
    params.bad_value(field, "a host name (labels of letters, digits, '-' or '_')", text);
    return std::nullopt;
  }
}

// `name` relative to `domain` ("@" for the domain itself); nothing when it lies outside it.
std::optional<std::string> relative_name(const std::string& name, const std::string& domain) {
  if (name == domain) return "@";
  if (name.size() > domain.size() && name.ends_with(domain) && name[name.size() - domain.size() - 1] == '.') {
    return name.substr(0, name.size() - domain.size() - 1);
  }
  return std::nullopt;
}

}  // namespace

DnsHostingApi::DnsHostingApi(sim::world::Dns& dns, const sim::Kernel& kernel) : dns_(dns), kernel_(kernel) {}

const std::vector<std::string_view>& DnsHostingApi::actions() {
  static const std::vector<std::string_view> names{"CreateRecord", "DeleteRecord", "DescribeRecordList"};
  return names;
}

CallAnswer DnsHostingApi::call(std::string_view action, const nlohmann::json& params, std::string_view request_id) {
  detail::ParamReader reader(params);
  const auto handle = [this, &reader](Reply (DnsHostingApi::*handler)(detail::ParamReader&)) {
    return reader.ok() ? (this->*handler)(reader) : Reply(*reader.error());
  };
  const Reply reply = action == "CreateRecord"         ? handle(&DnsHostingApi::create)
                      : action == "DeleteRecord"       ? handle(&DnsHostingApi::remove)
                      : action == "DescribeRecordList" ? handle(&DnsHostingApi::list)
                                                       : Reply(detail::unknown_action(action, actions()));
  CallAnswer answer;
  detail::finish(answer, reply, request_id);
  return answer;
}

std::string DnsHostingApi::domain(detail::ParamReader& params) {
  const std::string given = params.required_string("Domain");
  if (!params.ok()) return {};
  const auto name = host_name(params, "Domain", given);
  if (name && !dns_.zone_of(*name)) params.bad_value("Domain", "a domain in one of the DNS zones", given);
  return name.value_or("");
}

DnsHostingApi::Reply DnsHostingApi::create(detail::ParamReader& params) {
  const std::string zone_domain = domain(params);
  const std::string subdomain = params.string("SubDomain").value_or("@");
  params.require("RecordType");
  const auto kind = params.choice("RecordType", std::span<const mockca::DnsRecordKind>(kRecordKinds), kind_word);
  const std::string line = params.string("RecordLine").value_or(std::string(kDefaultLine));
  const std::string value = params.required_string("Value");
  const auto ttl = params.integer("TTL", 1, kMaxTtl);
  if (!params.ok()) return *params.error();
  const auto name = subdomain == "@" ? std::optional(zone_domain)
                                     : host_name(params, "SubDomain", subdomain + "." + zone_domain);
  if (kind == mockca::DnsRecordKind::Cname) host_name(params, "Value", value);
  if (!params.ok()) return *params.error();

  mockca::DomainChallenge challenge;
  challenge.dns_name = *name;
  challenge.dns_record = *kind;
  sim::world::DnsRecord record = mockca::challenge_record(challenge, value);
  if (ttl) record.ttl = std::chrono::seconds{*ttl};
  const std::int64_t id = next_id_++;
  dns_.add_record(kernel_.now(), record, "DNS hosting record " + std::to_string(id));
  records_.emplace(id, Record{line, std::move(record)});
  return nlohmann::json{{"RecordId", id}};
}

DnsHostingApi::Reply DnsHostingApi::remove(detail::ParamReader& params) {
  const std::string zone_domain = domain(params);
  params.require("RecordId");
  const auto id = params.integer("RecordId", std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max());
  if (!params.ok()) return *params.error();
  const auto found = records_.find(*id);
  if (found == records_.end() || !relative_name(found->second.record.name, zone_domain)) {
    return detail::api_error(mockca::Reason::ApiRecordNotFound,
                             "no record has RecordId " + std::to_string(*id) + " in Domain " + zone_domain);
  }
  dns_.remove_record(kernel_.now(), found->second.record, "DNS hosting record " + std::to_string(*id));
  records_.erase(found);
  return nlohmann::json::object();
}

DnsHostingApi::Reply DnsHostingApi::list(detail::ParamReader& params) {
  const std::string zone_domain = domain(params);
  if (!params.ok()) return *params.error();
  nlohmann::json records = nlohmann::json::array();
  std::set<std::string> names;
  for (const auto& [id, entry] : records_) {
    const auto name = relative_name(entry.record.name, zone_domain);
    if (!name) continue;
    names.insert(*name);
    records.push_back({{"RecordId", id},
                       {"Name", *name},
                       {"Type", sim::world::to_string(entry.record.type)},
                       {"Value", entry.record.value},
                       {"Line", entry.line},
                       {"TTL", std::chrono::duration_cast<std::chrono::seconds>(entry.record.ttl).count()}});
  }
  const auto count = records.size();
  return nlohmann::json{{"RecordList", std::move(records)},
                        {"RecordCountInfo", {{"SubdomainCount", names.size()}, {"ListCount", count}, {"TotalCount", count}}}};
}

}  // namespace casim::api
