// Session::Run: what one `casim serve` session simulates — kernel, trace, world, the CA and its
// signing resources, the reseller API's codec, the stage recorder and the order ledger — wired
// together as run_simulation wires a run (src/order/src/simulation.cpp).
#pragma once

#include <vector>

#include "casim/api/reseller_api.hpp"
#include "casim/mockca/certificate_authority.hpp"
#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/order/stage_recorder.hpp"
#include "casim/serve/session.hpp"
#include "casim/sim/kernel.hpp"
#include "order_ledger.hpp"

namespace casim::serve {

struct Session::Run {
  Run(const scenario::Scenario& scenario, std::uint64_t seed, const mockca::Hierarchy& hierarchy);

  sim::Kernel kernel;
  mockca::Trace trace;
  sim::world::World world;
  order::WarningLog warnings;
  sim::Calendar review_calendar;
  order::StageRecorder stages;
  mockca::Issuer issuer;
  mockca::KeyPool keys;
  mockca::CertificateAuthority ca;
  std::vector<api::Product> products;
  api::ResellerApi api;
  OrderLedger ledger;
};

}  // namespace casim::serve
