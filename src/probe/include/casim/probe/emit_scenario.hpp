// `casim probe --emit-scenario`: a scenario file whose world is what the probe saw (zones,
// records with their TTLs, failing names, each URL's answer) and whose orders are the probed
// requests, each fixing its validation value to the customer's (`validation_value`, publishing
// nothing) and expecting the probe's verdict — so `casim run` exits 0 exactly when the
// simulation agrees with the probe. A CAA-only request becomes a DNS order that validates (the CA
// checks CAA after validation): its applicant publishes the CA's value, or, where its validation
// host was probed, it takes the value of a request that passed there.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "casim/probe/observed_world.hpp"
#include "casim/probe/probe.hpp"

namespace casim::probe {

// The scenario's text. `name` is made of `[A-Za-z0-9._-]` (other characters become '-').
// Throws InputError when one scenario cannot hold the requests: DNS methods asking for TXT and
// for CNAME at once (a scenario's CA has one kind), or a CAA-only request whose validation host
// was probed and failed (its order could not reach the CAA check as the probe's did).
std::string scenario_text(const ObservedWorld& world, const std::vector<ProbeResult>& results,
                          std::string_view name);

// Writes `text` to `file` (mode 0644) with mockca::write_file_atomic: `file` is either left as it
// was or replaced whole. Throws InputError naming the file and why.
void write_scenario_file(const std::filesystem::path& file, const std::string& text);

}  // namespace casim::probe
