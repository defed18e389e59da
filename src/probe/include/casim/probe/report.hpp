// How a probe's verdicts are shown: aligned text for people, JSON for tools. Both carry, per
// request, the verdict, each target's LocalCheck value and catalogue reason with its hint, the CAA
// checks, and the evidence (records with TTLs and the server, CNAME chains, every request with its
// status, Location, bytes, address and time, notes).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/probe/probe.hpp"

namespace casim::probe {

// What the request checks, in one phrase: "DNS (TXT) with value \"abc\"", "CAA", "FILE … and CAA".
std::string describe_request(const ProbeRequest& request);

// One line per question asked: "DNS TXT _dnsauth.example.com → NOERROR from 127.0.0.1:53 in 2 ms",
// "GET http://… → 301 → https://…, 0 bytes from 127.0.0.1 in 3 ms".
std::string describe_dns(const DnsObservation& seen);
std::string describe_web(const WebObservation& seen);

// The text report of several probes, a summary line last.
std::string format_text(const std::vector<ProbeResult>& results);

// {"passed": bool, "results": [...]} — one object per probe (see docs/probe.md).
nlohmann::ordered_json to_json(const std::vector<ProbeResult>& results);

}  // namespace casim::probe
