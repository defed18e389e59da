// `casim probe order FILE.json`: several checks at once, each as one order of the reseller would
// be checked. The file is one check or a list of them:
//   {"names": ["example.com", "www.example.com"],   required, host names (`*.` for a wildcard)
//    "method": "DNS" | "DNS_AUTO" | "CNAME" | "FILE", the validation method; none: CAA only
//    "value": "…",                                  the customer's value; required with a method
//    "caa": true,                                   check CAA after validation (default true)
//    "ca_id": "casim.test" | ["…", …],              CAA identities (default: the mock CA's)
//    "scheme": "http" | "https" | "both"}           FILE: the schemes fetched (default both)
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include "casim/probe/probe.hpp"
#include "casim/sim/file_input.hpp"

namespace casim::probe {

inline constexpr sim::InputKind kOrderFile{"a probe order file", 1024U * 1024U};
// At most this many checks in one file (each asks the network up to kMaxQuestions questions).
inline constexpr std::size_t kMaxOrderFileChecks = 100;

// The checks of `text`, read from `file` (named in errors). Throws InputError with file:line:column
// for JSON that does not parse, and file: [i].key: why for a check that is not as above.
std::vector<ProbeRequest> parse_order_file(std::string_view text, const std::filesystem::path& file);
// Reads `file` (a regular file of at most kOrderFile's size) and parses it.
std::vector<ProbeRequest> read_order_file(const std::filesystem::path& file);

// "DNS", "DNS_AUTO", "CNAME" (the DNS method on a CNAME brand) or "FILE", any case, into a
// request's method and DNS record kind; InputError naming `where` otherwise.
void set_method(ProbeRequest& request, std::string_view text, const std::string& where);
// "http", "https" or "both"; InputError naming `where` otherwise.
FetchSchemes parse_fetch_schemes(std::string_view text, const std::string& where);

}  // namespace casim::probe
