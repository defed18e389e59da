// What the probe has seen on the network, as a simulated world the mock CA's checks can query:
// every DNS observation becomes records (or a name failure) at the probe's instant, every web
// observation the behaviour of its exact URL; the observations are kept, in the order they were
// made, as the verdict's evidence and the emitted scenario's source.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "casim/probe/network.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/web.hpp"

namespace casim::probe {

// An observation's answer as the world holds it (what the emitted scenario writes).
//  - DNS NOERROR with records: a zone declared at the name (so the name exists whatever else is
//    seen), the records with the TTLs seen. NOERROR without records (NODATA): the zone only.
//    NXDOMAIN: nothing (names outside every zone do not exist). SERVFAIL and Timeout: a failure
//    of the name from the probe's instant on.
//  - Web: an HTTP answer is the URL's response (a 3xx with a readable Location its redirect);
//    Timeout and ConnectionRefused the same behaviour; UnknownHost nothing.
class ObservedWorld {
 public:
  explicit ObservedWorld(sim::Instant at);
  ObservedWorld(const ObservedWorld&) = delete;
  ObservedWorld& operator=(const ObservedWorld&) = delete;

  void add(DnsObservation observation);
  void add(WebObservation observation);

  bool observed(std::string_view name, sim::world::DnsType type) const;
  bool observed(const sim::world::Url& url) const;

  sim::Instant at() const { return at_; }
  sim::world::Dns& dns() { return dns_; }
  sim::world::Web& web() { return web_; }
  const sim::world::Dns& dns() const { return dns_; }
  const sim::world::Web& web() const { return web_; }
  const std::vector<DnsObservation>& dns_observations() const { return dns_seen_; }
  const std::vector<WebObservation>& web_observations() const { return web_seen_; }
  // The observation that answered a question; nullptr when it was not asked.
  const DnsObservation* find(std::string_view name, sim::world::DnsType type) const;
  const WebObservation* find(const sim::world::Url& url) const;

  // What the world holds, as it was put there (what an emitted scenario writes): the zones
  // declared (one per name seen to exist, with its negative TTL), the records, the names that
  // fail, and the URLs' behaviours, each in the order it was seen.
  struct Zone {
    std::string apex;
    sim::Duration negative_ttl{};
  };
  struct NameFailure {
    std::string name;
    sim::world::DnsFailure failure = sim::world::DnsFailure::ServFail;
  };
  struct Path {
    std::string url;
    sim::world::WebBehaviour behaviour;
  };
  const std::vector<Zone>& zones() const { return zones_; }
  const std::vector<sim::world::DnsRecord>& records() const { return records_; }
  const std::vector<NameFailure>& failures() const { return failures_; }
  const std::vector<Path>& paths() const { return paths_; }
  // What the world could not hold as seen (a record the simulated DNS refuses), one line each.
  const std::vector<std::string>& notes() const { return notes_; }

  // The web behaviour an observation puts at its URL; none for UnknownHost.
  static std::optional<sim::world::WebBehaviour> behaviour_of(const WebObservation& observation);

 private:
  void declare_zone(const std::string& name, sim::Duration negative_ttl);

  sim::Instant at_;
  sim::world::Dns dns_;
  sim::world::Web web_;
  std::vector<DnsObservation> dns_seen_;
  std::vector<WebObservation> web_seen_;
  std::map<std::pair<std::string, sim::world::DnsType>, std::size_t> dns_asked_;  // → index in dns_seen_
  std::map<std::string, std::size_t> urls_asked_;                                  // → index in web_seen_
  std::vector<Zone> zones_;
  std::vector<sim::world::DnsRecord> records_;
  std::vector<NameFailure> failures_;
  std::vector<Path> paths_;
  std::vector<std::string> notes_;
};

// How long a DNS failure seen lasts in the world: longer than any validation it could affect.
inline constexpr sim::Duration kObservedFailureSpan = sim::kDay * 365;

}  // namespace casim::probe
