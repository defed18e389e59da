// Scripted network sources for the probe's tests: answers set per question, every question asked
// recorded in order; a question nobody scripted is NXDOMAIN (DNS) or an unknown host (web).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "casim/probe/network.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::probe::test {

using sim::world::DnsRcode;
using sim::world::DnsRecord;
using sim::world::DnsType;

class ScriptedDns : public DnsSource {
 public:
  // NOERROR with `records` (owned by `name`; a CNAME when the name is an alias).
  ScriptedDns& answer(const std::string& name, DnsType type, std::vector<DnsRecord> records) {
    DnsObservation seen;
    seen.rcode = DnsRcode::NoError;
    seen.records = std::move(records);
    return set(name, type, std::move(seen));
  }
  ScriptedDns& fail(const std::string& name, DnsType type, DnsRcode rcode) {
    DnsObservation seen;
    seen.rcode = rcode;
    seen.note = rcode == DnsRcode::Timeout ? "no answer in 5 s" : "";
    return set(name, type, std::move(seen));
  }

  DnsObservation lookup(std::string_view name, DnsType type) override {
    const std::string normal = sim::world::normalize_name(name);
    asked.push_back(std::string(sim::world::to_string(type)) + " " + normal);
    const auto found = script_.find({normal, type});
    if (found != script_.end()) return found->second;
    DnsObservation nothing;
    nothing.name = normal;
    nothing.type = type;
    nothing.rcode = DnsRcode::NxDomain;
    nothing.server = "192.0.2.53:53";
    return nothing;
  }

  std::vector<std::string> asked;  // "TXT _dnsauth.example.com", in order

 private:
  ScriptedDns& set(const std::string& name, DnsType type, DnsObservation seen) {
    seen.name = name;
    seen.type = type;
    seen.server = "192.0.2.53:53";
    seen.negative_ttl = std::chrono::seconds{300};
    script_[{name, type}] = std::move(seen);
    return *this;
  }

  std::map<std::pair<std::string, DnsType>, DnsObservation> script_;
};

class ScriptedWeb : public WebSource {
 public:
  ScriptedWeb& respond(const std::string& url, int status, std::string body, bool truncated = false) {
    WebObservation seen;
    seen.status = status;
    seen.body = std::move(body);
    seen.truncated = truncated;
    return set(url, std::move(seen));
  }
  ScriptedWeb& redirect(const std::string& url, int status, std::string location) {
    WebObservation seen;
    seen.status = status;
    seen.location = std::move(location);
    return set(url, std::move(seen));
  }
  ScriptedWeb& error(const std::string& url, sim::world::WebError error) {
    WebObservation seen;
    seen.error = error;
    seen.note = "scripted";
    return set(url, std::move(seen));
  }

  WebObservation fetch(const sim::world::Url& url) override {
    asked.push_back(url.to_string());
    const auto found = script_.find(url.to_string());
    if (found != script_.end()) return found->second;
    WebObservation unknown;
    unknown.url = url.to_string();
    unknown.error = sim::world::WebError::UnknownHost;
    unknown.note = "no address";
    return unknown;
  }

  std::vector<std::string> asked;  // URLs, in order

 private:
  ScriptedWeb& set(const std::string& url, WebObservation seen) {
    seen.url = url;
    if (seen.error == sim::world::WebError::None) seen.address = "192.0.2.80";
    seen.elapsed = std::chrono::milliseconds{3};
    script_[url] = std::move(seen);
    return *this;
  }

  std::map<std::string, WebObservation> script_;
};

}  // namespace casim::probe::test
