// `casim probe dns|file|caa|order`: the mock CA's domain checks against the real network from this
// machine (src/probe): per name the verdict, the catalogue reason and its hint, the reseller's
// LocalCheck value and the evidence, as text or JSON; --emit-scenario writes a scenario that
// replays what was seen. Exit 0 every check passed, 1 any failed, 2 bad usage or unreadable input.
#include <charconv>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ca_cli_support.hpp"
#include "casim/probe/curl_source.hpp"
#include "casim/probe/emit_scenario.hpp"
#include "casim/probe/ldns_source.hpp"
#include "casim/probe/order_file.hpp"
#include "casim/probe/probe.hpp"
#include "casim/probe/report.hpp"
#include "casim/sim/world/names.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

constexpr int kMaxPort = 65535;
constexpr int kMaxBodyBytes = 64 * 1024 * 1024;
constexpr std::chrono::milliseconds kMaxTimeout = std::chrono::minutes{10};

void add_common_options(cxxopts::Options& options) {
  options.add_options("network")("resolver", "DNS server to ask, IP[:PORT] (default: the system's, /etc/resolv.conf)",
                                 cxxopts::value<std::string>(), "IP[:PORT]")(
      "timeout", "Time for each DNS question, retries included: 500ms, 5s, 1m (default 5s)",
      cxxopts::value<std::string>(), "DUR")(
      "http-timeout", "Time for each HTTP request, connection included (default 10s)", cxxopts::value<std::string>(),
      "DUR")("max-body", "Bytes of a response body kept; the rest is cut (default 65536)",
             cxxopts::value<std::string>(), "BYTES")(
      "allow-private", "Connect to loopback, private and other non-public addresses (refused by default)")(
      "http-port", "Connect to this port for http URLs (still written as port 80; for test servers)",
      cxxopts::value<std::string>(), "N")("https-port", "Connect to this port for https URLs (still 443 in URLs)",
                                          cxxopts::value<std::string>(), "N");
  options.add_options("output")("json", "Print the verdicts as JSON")(
      "emit-scenario", "Write a scenario that replays what was seen (casim run agrees when it exits 0)",
      cxxopts::value<std::string>(), "FILE");
}

// "500ms", "5s", "2m": from 1 ms to 10 minutes.
std::chrono::milliseconds read_timeout(const cxxopts::ParseResult& result, const Args& args, const std::string& name,
                                       std::chrono::milliseconds fallback) {
  if (result.count(name) == 0) return fallback;
  const std::string text = result[name].as<std::string>();
  long long amount = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  const long long scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : 0;
  const std::chrono::milliseconds value{amount * scale};
  if (error != std::errc{} || scale == 0 || amount <= 0 || value > kMaxTimeout) {
    throw UsageError(args.program, fmt::format("--{} must be a duration from 1ms to 10m, such as 500ms, 5s or 1m "
                                               "(got '{}')", name, text));
  }
  return value;
}

probe::NetworkLimits read_limits(const cxxopts::ParseResult& result, const Args& args) {
  probe::NetworkLimits limits;
  limits.dns_timeout = read_timeout(result, args, "timeout", limits.dns_timeout);
  limits.http_timeout = read_timeout(result, args, "http-timeout", limits.http_timeout);
  if (result.count("max-body") != 0) {
    limits.max_body = static_cast<std::size_t>(positive_int(result, args, "max-body", kMaxBodyBytes));
  }
  limits.allow_private = result.count("allow-private") != 0;
  if (result.count("http-port") != 0) {
    limits.http_port = static_cast<std::uint16_t>(positive_int(result, args, "http-port", kMaxPort));
  }
  if (result.count("https-port") != 0) {
    limits.https_port = static_cast<std::uint16_t>(positive_int(result, args, "https-port", kMaxPort));
  }
  return limits;
}

// What `read` returns; an InputError it throws (an option's value refused) is a usage error.
template <typename Read>
auto as_usage(const Args& args, Read read) {
  try {
    return read();
  } catch (const InputError& error) {
    throw UsageError(args.program, error.what());
  }
}

// NAME, checked as a host name.
std::string read_name(const cxxopts::ParseResult& result, const Args& args) {
  if (result.count("name") == 0) throw UsageError(args.program, "name the host name to check (NAME)");
  const std::string name = result["name"].as<std::string>();
  return as_usage(args, [&] { return sim::world::checked_name(name, "NAME"); });
}

// Probes `requests` against the network, prints the verdicts, writes the scenario if asked.
int run_requests(const std::vector<probe::ProbeRequest>& requests, const cxxopts::ParseResult& result,
                 const Args& args) {
  const probe::NetworkLimits limits = read_limits(result, args);
  if (result.count("emit-scenario") != 0) {  // refused before the network is asked anything
    const std::filesystem::path file = result["emit-scenario"].as<std::string>();
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
    if (!std::filesystem::is_directory(folder)) {
      throw InputError("--emit-scenario", fmt::format("{}: the folder {} does not exist", file.string(), folder.string()));
    }
  }
  const std::optional<std::string> resolver =
      result.count("resolver") != 0 ? std::optional<std::string>(result["resolver"].as<std::string>()) : std::nullopt;
  probe::LdnsSource dns(resolver ? std::optional<std::string_view>(*resolver) : std::nullopt, limits);
  probe::CurlSource web(dns, limits);
  probe::Prober prober(dns, web, wall_clock_now());
  std::vector<probe::ProbeResult> results;
  for (const auto& request : requests) results.push_back(prober.probe(request));

  if (result.count("json") != 0) {
    std::cout << probe::to_json(results).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << probe::format_text(results);
  }
  std::cout.flush();
  if (result.count("emit-scenario") != 0) {
    const std::filesystem::path file = result["emit-scenario"].as<std::string>();
    probe::write_scenario_file(file, probe::scenario_text(prober.world(), results, "probe-" + file.stem().string()));
  }
  const bool passed = std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed(); });
  return passed ? kExitOk : kExitFindings;
}

// NAME and --value, with `extra` (the subcommand's own option) and the common options.
void add_name_and_value(cxxopts::Options& options, const std::string& name_help, const std::string& extra,
                        const std::string& extra_help, const std::string& extra_arg) {
  options.add_options()("name", name_help, cxxopts::value<std::string>(), "NAME")(
      "value", "The validation value the customer was shown", cxxopts::value<std::string>(), "V")(
      extra, extra_help, cxxopts::value<std::string>(), extra_arg);
  add_common_options(options);
  options.parse_positional({"name"});
  options.positional_help("NAME");
}

// A request for NAME with the customer's --value.
probe::ProbeRequest name_and_value(const cxxopts::ParseResult& result, const Args& args) {
  probe::ProbeRequest request;
  request.names = {read_name(result, args)};
  request.value = required<std::string>(result, args, "value");
  if (request.value.empty()) throw UsageError(args.program, "--value must not be empty");
  return request;
}

int run_probe_dns(const Args& args) {
  cxxopts::Options options(args.program, "Checks NAME's DNS validation record as the CA does: TXT (or CNAME) at "
                                         "_dnsauth.<base name>, the CNAME chain followed. Exit 0 passed, 1 failed");
  add_name_and_value(options, "Host name of the order (www. and *. share their base name's record)", "method",
                     "DNS, DNS_AUTO, or CNAME (the DNS method on a brand that validates by CNAME); default DNS",
                     "METHOD");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  probe::ProbeRequest request = name_and_value(*result, args);
  const std::string method = result->count("method") != 0 ? (*result)["method"].as<std::string>() : "DNS";
  as_usage(args, [&] { probe::set_method(request, method, "--method"); });
  if (request.method == mockca::VerifyType::File) throw UsageError(args.program, "--method FILE: use 'casim probe file'");
  return run_requests({request}, *result, args);
}

int run_probe_file(const Args& args) {
  cxxopts::Options options(args.program, "Checks NAME's validation file as the CA does: "
                                         "/.well-known/pki-validation/fileauth.txt over http then https, at most two "
                                         "redirects within the registered domain. Exit 0 passed, 1 failed");
  add_name_and_value(options, "Host name of the order (a registered domain also needs www.<it>)", "scheme",
                     "Fetch http, https or both (the CA's rule; default); a scheme not fetched counts as refused",
                     "SCHEME");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  probe::ProbeRequest request = name_and_value(*result, args);
  request.method = mockca::VerifyType::File;
  if (result->count("scheme") != 0) {
    const std::string scheme = (*result)["scheme"].as<std::string>();
    request.schemes = as_usage(args, [&] { return probe::parse_fetch_schemes(scheme, "--scheme"); });
  }
  return run_requests({request}, *result, args);
}

int run_probe_caa(const Args& args) {
  cxxopts::Options options(args.program, "Checks whether CAA lets the CA issue for NAME: the closest CAA record set "
                                         "up the tree, issue or issuewild, critical tags. Exit 0 permitted, 1 refused");
  options.add_options()("name", "Host name to check", cxxopts::value<std::string>(), "NAME")(
      "ca-id", "An issuer domain name the CA answers to (repeatable; default: the mock CA's, casim.test)",
      cxxopts::value<std::vector<std::string>>(), "ID")("wildcard", "Check for a wildcard certificate *.NAME "
                                                                     "(issuewild)");
  add_common_options(options);
  options.parse_positional({"name"});
  options.positional_help("NAME");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  probe::ProbeRequest request;
  const std::string name = read_name(*result, args);
  request.names = {result->count("wildcard") != 0 ? "*." + name : name};
  request.check_caa = true;
  if (result->count("ca-id") != 0) request.ca_ids = (*result)["ca-id"].as<std::vector<std::string>>();
  return run_requests({request}, *result, args);
}

int run_probe_order(const Args& args) {
  cxxopts::Options options(args.program, "Checks several orders at once from a JSON file: each its names, method, "
                                         "value, and CAA (docs/probe.md). Exit 0 all passed, 1 any failed");
  options.add_options()("file", "The order file", cxxopts::value<std::string>(), "FILE.json");
  add_common_options(options);
  options.parse_positional({"file"});
  options.positional_help("FILE.json");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  if (result->count("file") == 0) throw UsageError(args.program, "name the order file (FILE.json)");
  const auto requests = probe::read_order_file((*result)["file"].as<std::string>());
  return run_requests(requests, *result, args);
}

const std::vector<Subcommand> kProbeCommands{
    Subcommand{"dns", "Check a DNS validation record (TXT, or CNAME) as the CA does", run_probe_dns},
    Subcommand{"file", "Check a validation file over http and https as the CA does", run_probe_file},
    Subcommand{"caa", "Check whether CAA records let the CA issue for a name", run_probe_caa},
    Subcommand{"order", "Check several names and methods at once, CAA included, from a JSON file", run_probe_order},
};

}  // namespace

int run_probe(const Args& args) {
  return dispatch(args, "casim probe — the mock CA's domain checks against the real network, from this machine",
                  kProbeCommands);
}

}  // namespace casim::cli
