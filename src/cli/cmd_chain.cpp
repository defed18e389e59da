// `casim chain check`: what a certificate upload would make of a file — parse errors, order,
// a missing intermediate, validity, a mismatched key, and whether the chain reaches a trusted
// root. Exit 0 when nothing is wrong, 1 when problems were found, 2 when no certificate at all
// could be read (or a file is missing).
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ca_cli_support.hpp"
#include "casim/mockca/chain_check.hpp"
#include "casim/mockca/files.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

std::string key_state(const mockca::ChainReport& report, bool key_given) {
  if (!key_given) return "not given";
  if (report.key_matches) return "matches";
  for (const auto& finding : report.findings) {
    if (finding.reason == mockca::Reason::ChainKeyUnparsable) return "unreadable";
  }
  return report.path.empty() ? "not checked" : "does not match";
}

void print_json(const fs::path& file, sim::Instant at, const mockca::ChainReport& report, bool key_given,
                bool roots_given) {
  nlohmann::ordered_json out;
  out["file"] = file.string();
  out["at"] = sim::format_instant(at);
  out["ok"] = report.findings.empty();
  out["readable"] = !report.unreadable();
  auto certificates = nlohmann::ordered_json::array();
  for (const auto& cert : report.certificates) {
    certificates.push_back({{"line", cert.line},
                            {"subject", cert.subject},
                            {"issuer", cert.issuer},
                            {"serial", cert.serial},
                            {"not_before", sim::format_instant(cert.not_before)},
                            {"not_after", sim::format_instant(cert.not_after)},
                            {"ca", cert.ca},
                            {"self_signed", cert.self_signed}});
  }
  out["certificates"] = certificates;
  out["path"] = report.path;
  out["root"] = roots_given ? (report.root ? nlohmann::ordered_json(*report.root) : nlohmann::ordered_json(nullptr))
                            : nlohmann::ordered_json("not checked");
  out["key"] = key_state(report, key_given);
  out["findings"] = findings_json(report.findings);
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_text(const fs::path& file, sim::Instant at, const mockca::ChainReport& report, bool key_given,
                bool roots_given) {
  std::cout << fmt::format("{}: {} certificate(s), checked at {}\n", file.string(), report.certificates.size(),
                           sim::format_instant(at));
  for (std::size_t i = 0; i < report.certificates.size(); ++i) {
    const auto& cert = report.certificates[i];
    std::string role = report.path.empty() ? "not checked" : "not in the chain";
    for (std::size_t k = 0; k < report.path.size(); ++k) {
      if (report.path[k] != i) continue;
      role = k == 0 ? "server certificate" : cert.self_signed ? "root" : fmt::format("issuer #{}", k);
    }
    std::cout << fmt::format("  {}. line {:<4} {} ({})\n", i + 1, cert.line, cert.subject, role);
    std::cout << fmt::format("     issuer {}; valid {} to {}; serial {}\n", cert.issuer,
                             sim::format_instant(cert.not_before), sim::format_instant(cert.not_after), cert.serial);
  }
  if (!report.path.empty()) {
    std::cout << "  trust: "
              << (!roots_given ? std::string("not checked (no --roots)")
                  : report.root ? "reaches the trusted root " + *report.root
                                : std::string("does not reach a trusted root"))
              << "\n";
    std::cout << "  key:   " << key_state(report, key_given) << "\n";
  }
  if (report.findings.empty()) {
    std::cout << "OK: no problems found\n";
    return;
  }
  std::cout << fmt::format("{} problem(s):\n", report.findings.size());
  for (const auto& finding : report.findings) std::cout << finding_line(finding) << "\n";
}

int run_chain_check(const Args& args) {
  cxxopts::Options options(args.program,
                           "Checks a certificate file as an upload would: parsing, order, missing intermediates, "
                           "validity, the key, and trust. Exit 0 fine, 1 problems found, 2 unreadable");
  options.add_options()("file", "Certificate file: PEM (server certificate first, then its chain) or DER",
                        cxxopts::value<std::string>(), "FILE")(
      "key", "Private key to match against the server certificate", cxxopts::value<std::string>(), "KEY")(
      "roots", "Trusted roots: a PEM file or a directory of .pem/.crt/.cer files", cxxopts::value<std::string>(),
      "PATH")("at", "Check validity at this instant, ISO 8601 (default: now)", cxxopts::value<std::string>(),
              "TIME")("json", "Print the report as JSON");
  options.parse_positional({"file"});
  options.positional_help("FILE");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const fs::path file = required<std::string>(*result, args, "file");
  const bool json = result->count("json") != 0;

  mockca::ChainCheckOptions check;
  check.at = instant_or_now(*result, "at");
  const std::string content = sim::read_input_file(file, mockca::kCertificateFile);
  if (result->count("key") != 0) {
    check.private_key = sim::read_input_file((*result)["key"].as<std::string>(), mockca::kKeyFile);
  }
  std::vector<mockca::ossl::X509Ptr> roots;
  if (result->count("roots") != 0) {
    roots = mockca::load_roots((*result)["roots"].as<std::string>());
    check.roots = &roots;
  }

  const auto report = mockca::check_chain(content, check);
  if (json) {
    print_json(file, check.at, report, check.private_key.has_value(), check.roots != nullptr);
  } else {
    print_text(file, check.at, report, check.private_key.has_value(), check.roots != nullptr);
  }
  if (report.unreadable()) return kExitBadInput;
  return report.findings.empty() ? kExitOk : kExitFindings;
}

const std::vector<Subcommand> kChainCommands{
    Subcommand{"check", "Check a certificate file as an upload would (order, intermediates, key, trust)", run_chain_check},
};

}  // namespace

int run_chain(const Args& args) {
  return dispatch(args, "casim chain — checks of certificate files and chains", kChainCommands);
}

}  // namespace casim::cli
