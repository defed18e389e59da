// The simulated world a run owns: DNS, web hosts, company registry, phone lines and the platform's
// hosted domains. A plain value: copy the initial world for each Monte Carlo run, and every run
// starts from the same state (phone scripts from their first answer, an empty call log).
#pragma once

#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/hosting.hpp"
#include "casim/sim/world/organizations.hpp"
#include "casim/sim/world/phones.hpp"
#include "casim/sim/world/web.hpp"

namespace casim::sim::world {

struct World {
  Dns dns;
  Web web;
  OrganizationRegistry registry;
  Phones phones;
  HostedDomains hosted;
};

}  // namespace casim::sim::world
