// ObservedWorld: DNS and web observations turned into the simulated world's zones, records,
// failures and URL behaviours.
#include "casim/probe/observed_world.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::probe {

using sim::world::DnsRcode;
using sim::world::WebBehaviour;
using sim::world::WebError;

ObservedWorld::ObservedWorld(sim::Instant at) : at_(at) {}

bool ObservedWorld::observed(std::string_view name, sim::world::DnsType type) const {
  return find(name, type) != nullptr;
}

bool ObservedWorld::observed(const sim::world::Url& url) const { return find(url) != nullptr; }

const DnsObservation* ObservedWorld::find(std::string_view name, sim::world::DnsType type) const {
  const auto found = dns_asked_.find({sim::world::normalize_name(name), type});
  return found == dns_asked_.end() ? nullptr : &dns_seen_[found->second];
}

const WebObservation* ObservedWorld::find(const sim::world::Url& url) const {
  const auto found = urls_asked_.find(url.to_string());
  return found == urls_asked_.end() ? nullptr : &web_seen_[found->second];
}

void ObservedWorld::declare_zone(const std::string& name, sim::Duration negative_ttl) {
  const bool known = std::any_of(zones_.begin(), zones_.end(), [&](const Zone& zone) { return zone.apex == name; });
  if (known) return;
  dns_.add_zone(name, sim::world::DnsZoneSettings{sim::Duration::zero(), negative_ttl}, "probe: " + name);
  zones_.push_back({name, negative_ttl});
}

void ObservedWorld::add(DnsObservation observation) {
  observation.name = sim::world::normalize_name(observation.name);
  const std::string where = fmt::format("probe: {} {}", sim::world::to_string(observation.type), observation.name);
  try {
    switch (observation.rcode) {
      case DnsRcode::NoError:
        declare_zone(observation.name, observation.negative_ttl);
        for (const auto& record : observation.records) {
          if (sim::world::normalize_name(record.name) != observation.name) continue;  // evidence only
          try {
            dns_.add_record(at_, record, where);
            records_.push_back(record);
          } catch (const InputError& error) {
            notes_.push_back(fmt::format("{} is not in the world: {}", sim::world::describe(record), error.what()));
          }
        }
        break;
      case DnsRcode::ServFail:
      case DnsRcode::Timeout:
      case DnsRcode::CnameLoop: {
        const auto failure = observation.rcode == DnsRcode::Timeout ? sim::world::DnsFailure::Timeout
                                                                    : sim::world::DnsFailure::ServFail;
        dns_.add_name_failure(observation.name, failure, at_, at_ + kObservedFailureSpan, where);
        failures_.push_back({observation.name, failure});
        break;
      }
      case DnsRcode::NxDomain: break;
    }
  } catch (const InputError& error) {
    notes_.push_back(fmt::format("{} is not in the world: {}", where, error.what()));
  }
  dns_asked_.insert_or_assign({observation.name, observation.type}, dns_seen_.size());
  dns_seen_.push_back(std::move(observation));
}

std::optional<WebBehaviour> ObservedWorld::behaviour_of(const WebObservation& observation) {
  switch (observation.error) {
    case WebError::None: break;
    case WebError::Timeout: return WebBehaviour::timeout();
    case WebError::ConnectionRefused: return WebBehaviour::connection_refused();
    case WebError::UnknownHost: return std::nullopt;
  }
  const bool redirect = observation.status >= 300 && observation.status < 400 && !observation.location.empty();
  if (redirect) {
    try {
      sim::world::parse_url(observation.location, "Location");
      return WebBehaviour::redirect(observation.status, observation.location);
    } catch (const InputError&) {
      // An unreadable Location: a 3xx without one, which the checks refuse the same way.
    }
  }
  return WebBehaviour::respond(observation.status, observation.body);
}

void ObservedWorld::add(WebObservation observation) {
  const std::string url = sim::world::parse_url(observation.url, "probe: url").to_string();
  if (const auto behaviour = behaviour_of(observation)) {
    try {
      web_.set_path(at_, url, *behaviour, "probe: " + url);
      paths_.push_back({url, *behaviour});
    } catch (const InputError& error) {
      notes_.push_back(fmt::format("{} is not in the world: {}", url, error.what()));
    }
  }
  urls_asked_.insert_or_assign(url, web_seen_.size());
  web_seen_.push_back(std::move(observation));
}

}  // namespace casim::probe
