// `casim csr`: `check` reads a certificate request as the mock CA's intake does and reports every
// problem (text or JSON; exit 0 accepted, 1 rejected, 2 unreadable or not a CSR); `generate` makes
// a key and CSR as the reseller's "Generate CSR online" does, writing key.pem (0600, in a 0700
// directory it creates) and csr.pem through temporary files, never replacing them without --force.
#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "ca_cli_support.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;
using mockca::IntakeVerdict;

// One entry per line: a SHA-256 digest (65 bytes) or a name; a million of either fits.
constexpr sim::InputKind kListFile{"a list file", 64U * 1024U * 1024U};
constexpr sim::InputKind kPasswordFile{"a password file", 64U * 1024U};

// The bytes of the file `path`, or of standard input for "-".
std::string read_input(const std::string& path, const sim::InputKind& kind) {
  if (path == "-") return sim::read_input_stream(std::cin, "standard input", kind);
  return sim::read_input_file(path, kind);
}

// The entries of a list file: one per line, blank lines and `#` comments skipped; each entry is
// returned with its line number.
std::vector<std::pair<int, std::string>> read_list(const std::string& path) {
  std::istringstream in(read_input(path, kListFile));
  std::vector<std::pair<int, std::string>> entries;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    entries.emplace_back(number, line.substr(first, last - first + 1));
  }
  return entries;
}

std::set<std::string> read_blocked_keys(const std::string& path) {
  std::set<std::string> digests;
  for (auto [number, entry] : read_list(path)) {
    const bool hex = entry.size() == 64 && entry.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
    if (!hex) {
      throw InputError(fmt::format("{}:{}", path, number),
                       fmt::format("'{}' is not a SHA-256 digest (64 hex digits)", entry));
    }
    for (char& c : entry) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    digests.insert(entry);
  }
  return digests;
}

std::string_view verdict_name(IntakeVerdict::Verdict verdict) {
  switch (verdict) {
    case IntakeVerdict::Verdict::Accepted: return "accepted";
    case IntakeVerdict::Verdict::Rejected: return "rejected";
    case IntakeVerdict::Verdict::Unreadable: return "unreadable";
  }
  return "unreadable";
}

std::string describe_key(const mockca::KeyInfo& key) {
  if (key.type.empty()) return "unknown";
  std::string text = key.type;
  if (!key.curve.empty()) text += " " + key.curve;
  if (key.bits > 0) text += fmt::format(", {} bits", key.bits);
  return text;
}

void print_check(const IntakeVerdict& verdict, bool json) {
  if (json) {
    nlohmann::ordered_json out;
    out["verdict"] = verdict_name(verdict.verdict);
    out["names"] = verdict.names;
    out["key"] = {{"type", verdict.key.type}, {"bits", verdict.key.bits}, {"curve", verdict.key.curve}};
    out["reasons"] = findings_json(verdict.findings);
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << "verdict: " << verdict_name(verdict.verdict) << "\n";
  std::string names;
  for (const auto& name : verdict.names) names += (names.empty() ? "" : ", ") + name;
  std::cout << "names: " << or_dash(names) << "\n";
  std::cout << "key: " << describe_key(verdict.key) << "\n";
  if (!verdict.key.spki_sha256.empty()) std::cout << "key SPKI SHA-256: " << verdict.key.spki_sha256 << "\n";
  if (verdict.findings.empty()) return;
  std::cout << fmt::format("{} finding(s):\n", verdict.findings.size());
  for (const auto& finding : verdict.findings) std::cout << finding_line(finding) << "\n";
}

int run_csr_check(const Args& args) {
  cxxopts::Options options(args.program,
                           "Checks a CSR (PEM or DER; - for standard input) as the mock CA's intake does and "
                           "reports every problem. Exit 0 accepted, 1 rejected, 2 unreadable or not a CSR.");
  options.add_options()("file", "The CSR file", cxxopts::value<std::string>(), "FILE")("json",
                                                                                       "Print the verdict as JSON")(
      "max-names", "Most names a CSR may carry, after merging the CN and removing duplicates",
      cxxopts::value<std::size_t>()->default_value("100"), "N")("allow-p521", "Accept ECDSA keys on P-521")(
      "blocked-keys", "File of blocked keys: SHA-256 of the SubjectPublicKeyInfo DER in hex, one per line",
      cxxopts::value<std::string>(),
      "FILE")("blocked-names", "File of blocked names, one per line (each also blocks its subdomains)",
              cxxopts::value<std::string>(), "FILE");
  options.parse_positional({"file"});
  options.positional_help("FILE");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  if (result->count("file") == 0)
    throw UsageError(args.program, "missing FILE, the CSR to check (- for standard input)");
  const auto path = (*result)["file"].as<std::string>();
  mockca::IntakePolicy policy;
  policy.max_names = (*result)["max-names"].as<std::size_t>();
  policy.allow_p521 = result->count("allow-p521") != 0;
  if (result->count("blocked-keys") != 0)
    policy.blocked_key_digests = read_blocked_keys((*result)["blocked-keys"].as<std::string>());
  if (result->count("blocked-names") != 0) {
    for (auto& [number, name] : read_list((*result)["blocked-names"].as<std::string>())) {
      policy.blocked_names.push_back(std::move(name));
    }
  }
  const auto verdict = mockca::check_csr(read_input(path, mockca::kCsrFile), policy);
  print_check(verdict, result->count("json") != 0);
  switch (verdict.verdict) {
    case IntakeVerdict::Verdict::Accepted: return kExitOk;
    case IntakeVerdict::Verdict::Rejected: return kExitFindings;
    case IntakeVerdict::Verdict::Unreadable: return kExitBadInput;
  }
  return kExitBadInput;
}

mockca::KeySpec key_spec(const cxxopts::ParseResult& result, const Args& args) {
  const auto algorithm = required<std::string>(result, args, "algorithm");
  mockca::KeySpec spec;
  if (algorithm == "rsa" || algorithm == "RSA") {
    spec.algorithm = mockca::KeyAlgorithm::Rsa;
    if (result.count("curve") != 0) throw UsageError(args.program, "--curve applies to --algorithm ecc");
    if (result.count("key-size") != 0) spec.rsa_bits = result["key-size"].as<int>();
  } else if (algorithm == "ecc" || algorithm == "ECC") {
    spec.algorithm = mockca::KeyAlgorithm::Ecc;
    if (result.count("key-size") != 0) throw UsageError(args.program, "--key-size applies to --algorithm rsa");
    if (result.count("curve") != 0) {
      spec.curve = result["curve"].as<std::string>();
      if (spec.curve == "prime256v1" || spec.curve == "p-256" || spec.curve == "secp256r1") spec.curve = "P-256";
      if (spec.curve == "secp384r1" || spec.curve == "p-384") spec.curve = "P-384";
    }
  } else {
    throw UsageError(args.program, fmt::format("--algorithm must be rsa or ecc, not '{}'", algorithm));
  }
  return spec;
}

std::string read_password(const std::string& path) {
  std::string password = read_input(path, kPasswordFile);
  const auto line_end = password.find_first_of("\r\n");
  if (line_end != std::string::npos) password.erase(line_end);
  if (password.empty()) throw InputError(path, "the password file is empty (its first line is the password)");
  return password;
}

// Creates `directory` with mode 0700 when it is missing (its parents with the default mode).
void prepare_directory(const fs::path& directory) {
  std::error_code error;
  if (fs::exists(directory, error)) {
    if (!fs::is_directory(directory, error)) throw InputError(directory.string(), "exists and is not a directory");
    return;
  }
  if (directory.has_parent_path()) fs::create_directories(directory.parent_path(), error);
  if (::mkdir(directory.c_str(), mockca::kPrivateDirMode) != 0 && errno != EEXIST) {
    throw InputError(directory.string(), fmt::format("cannot create the directory: {}", std::strerror(errno)));
  }
}

int run_generate(const Args& args) {
  cxxopts::Options options(args.program,
                           "Generates a key and a SHA-256 CSR as the reseller's \"Generate CSR online\" does. "
                           "Writes key.pem (PKCS#8, mode 0600) and csr.pem in --out. Exit 0 written, 1 refused "
                           "(the reasons are printed), 2 bad usage or an existing key.pem without --force.");
  options.add_options()("algorithm", "Key algorithm: rsa or ecc", cxxopts::value<std::string>(), "ALG")(
      "key-size", "RSA key size: 2048, 3072 or 4096 (default 2048)", cxxopts::value<int>(), "BITS")(
      "curve", "ECC curve: P-256 or P-384 (default P-256)", cxxopts::value<std::string>(), "CURVE")(
      "cn", "The common name (also put in the SANs)", cxxopts::value<std::string>(), "NAME")(
      "san", "Another name for the subjectAltName (repeatable)", cxxopts::value<std::vector<std::string>>(), "NAME")(
      "org", "Organization (O)", cxxopts::value<std::string>(), "TEXT")("org-unit", "Organizational unit (OU)",
                                                                        cxxopts::value<std::string>(), "TEXT")(
      "locality", "Locality (L)", cxxopts::value<std::string>(), "TEXT")("state", "State or province (ST)",
                                                                         cxxopts::value<std::string>(), "TEXT")(
      "country", "Country (C), a two-letter ISO 3166 code", cxxopts::value<std::string>(), "CC")(
      "password-file", "Encrypt the key with AES-256-CBC under the password on this file's first line",
      cxxopts::value<std::string>(),
      "FILE")("out", "Directory for key.pem and csr.pem (created with mode 0700 when missing)",
              cxxopts::value<std::string>(), "DIR")("force", "Replace an existing key.pem and csr.pem");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  mockca::CsrParameters parameters;
  parameters.key = key_spec(*result, args);
  parameters.common_name = required<std::string>(*result, args, "cn");
  const fs::path directory = required<std::string>(*result, args, "out");
  auto optional_text = [&](const std::string& name) {
    return result->count(name) != 0 ? (*result)[name].as<std::string>() : std::string();
  };
  if (result->count("san") != 0) parameters.sans = (*result)["san"].as<std::vector<std::string>>();
  parameters.organization = optional_text("org");
  parameters.organizational_unit = optional_text("org-unit");
  parameters.locality = optional_text("locality");
  parameters.state = optional_text("state");
  parameters.country = optional_text("country");
  if (result->count("password-file") != 0)
    parameters.password = read_password((*result)["password-file"].as<std::string>());
  const bool force = result->count("force") != 0;

  const fs::path key_path = directory / "key.pem";
  const fs::path csr_path = directory / "csr.pem";
  std::error_code error;
  for (const auto& path : {key_path, csr_path}) {
    if (!force && fs::exists(fs::symlink_status(path, error))) {
      throw InputError(path.string(), "exists; not overwriting it (use --force to replace it)");
    }
  }
  const auto generated = mockca::generate_csr(parameters);
  if (!generated.ok()) {
    std::cout << fmt::format("CSR not generated ({}):\n",
                             mockca::info(mockca::Reason::CsrGenerationFailed).reseller_code);
    for (const auto& finding : generated.findings) std::cout << finding_line(finding) << "\n";
    return kExitFindings;
  }
  prepare_directory(directory);
  const auto existing = force ? mockca::ExistingFile::Replace : mockca::ExistingFile::Refuse;
  mockca::write_file_atomic(key_path, generated.key_pem, mockca::kPrivateFileMode, existing);
  mockca::write_file_atomic(csr_path, generated.csr_pem, mockca::kPublicFileMode, existing);
  std::string names;
  for (const auto& name : generated.names) names += (names.empty() ? "" : ", ") + name;
  std::cout << fmt::format("wrote {} ({}, PKCS#8, {})\n", key_path.string(), mockca::describe(parameters.key),
                           parameters.password ? "encrypted with AES-256-CBC" : "not encrypted");
  std::cout << fmt::format("wrote {} (SHA-256; names: {})\n", csr_path.string(), names);
  return kExitOk;
}

const std::vector<Subcommand> kCsrCommands{
    {"check", "Check a CSR as the mock CA's intake does; report every problem", run_csr_check},
    {"generate", "Generate a key and CSR as the reseller's \"Generate CSR online\" does", run_generate},
};

}  // namespace

int run_csr(const Args& args) {
  return dispatch(args, "Certificate requests: intake checks and online generation", kCsrCommands);
}

}  // namespace casim::cli
