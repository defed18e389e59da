// `casim ca`: the mock CA's local test PKI on disk — create or reuse a hierarchy (init), issue a
// certificate for a CSR (issue), revoke one (revoke), and publish CRLs (crl).
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ca_cli_support.hpp"
#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/files.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/mockca/revocation.hpp"
#include "casim/mockca/validity_policy.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/error.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;
using mockca::CaState;
using mockca::Hierarchy;

constexpr int kMaxDays = 36500;  // a century: more is a typo (the BR maximum caps it anyway)

std::string key_text(mockca::CaKeyType type) {
  return type == mockca::CaKeyType::Ecdsa ? "ECDSA P-256" : "RSA (3072-bit root, 2048-bit intermediates)";
}

int run_init(const Args& args) {
  cxxopts::Options options(args.program,
                           "Creates a local test PKI — a root and DV/OV/EV issuing intermediates per brand — or "
                           "reuses the one in DIR (adding brands it lacks; never overwriting)");
  options.add_options()("dir", "CA directory (created with mode 0700)", cxxopts::value<std::string>(), "DIR")(
      "key", "CA key type: ecdsa (P-256, the default) or rsa", cxxopts::value<std::string>(), "TYPE")(
      "brand", "Brand with its own intermediates (repeatable; default: casim)",
      cxxopts::value<std::vector<std::string>>(), "NAME");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const fs::path dir = required<std::string>(*result, args, "dir");
  mockca::InitOptions init;
  if (result->count("key") != 0) {
    init.key_type = mockca::parse_key_type((*result)["key"].as<std::string>());
    if (!init.key_type) throw UsageError(args.program, "--key must be ecdsa or rsa");
  }
  if (result->count("brand") != 0) init.brands = (*result)["brand"].as<std::vector<std::string>>();
  for (const auto& brand : init.brands) {
    if (!mockca::is_valid_brand(brand)) {
      throw UsageError(args.program, fmt::format("--brand '{}': use 1 to 20 letters, digits or hyphens (not 'root')",
                                                 brand));
    }
  }

  const auto outcome = mockca::init_hierarchy(dir, init);
  switch (outcome.action) {
    case mockca::InitOutcome::Action::Created:
      std::cout << fmt::format("Created a casim test CA in {} ({}) — NOT FOR PRODUCTION\n", dir.string(),
                               key_text(outcome.key_type));
      break;
    case mockca::InitOutcome::Action::Reused:
      std::cout << fmt::format("Reusing the casim test CA already in {} ({}); nothing written\n", dir.string(),
                               key_text(outcome.key_type));
      break;
    case mockca::InitOutcome::Action::Extended:
      std::cout << fmt::format("Reusing the casim test CA already in {} ({}); added brand(s) {}\n", dir.string(),
                               key_text(outcome.key_type), fmt::join(outcome.added_brands, ", "));
      break;
  }
  std::cout << fmt::format("  root          {}\n", (dir / "root" / "cert.pem").string());
  for (const auto& brand : outcome.brands) {
    for (const auto level : mockca::kValidationLevels) {
      std::cout << fmt::format("  {:<13} {}\n", fmt::format("{} {}", brand, mockca::level_name(level)),
                               (dir / brand / mockca::level_dir_name(level) / "cert.pem").string());
    }
  }
  return kExitOk;
}

int run_issue(const Args& args) {
  cxxopts::Options options(args.program,
                           "Checks a CSR as the intake does, then issues a certificate for it per the Baseline "
                           "Requirements profile of its validation level");
  options.add_options()("dir", "CA directory (see 'casim ca init')", cxxopts::value<std::string>(), "DIR")(
      "csr", "The certificate request, PEM or DER", cxxopts::value<std::string>(), "FILE")(
      "type", "Validation level: DV, OV or EV", cxxopts::value<std::string>(), "LEVEL")(
      "brand", "Brand whose intermediate signs (default: the CA's default brand)", cxxopts::value<std::string>(),
      "NAME")("subject-file", "OV/EV organization identity, YAML or JSON (see mockca/README.md)",
              cxxopts::value<std::string>(), "FILE")(
      "not-before", "Start of validity, ISO 8601 (default: now)", cxxopts::value<std::string>(), "TIME")(
      "days", "Validity asked for, in days (default and ceiling: the BR maximum for the date)",
      cxxopts::value<std::string>(), "N")("client-auth", "Add clientAuth to the extended key usage")(
      "out", "Directory for cert.pem, chain.pem and fullchain.pem", cxxopts::value<std::string>(), "DIR");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const fs::path dir = required<std::string>(*result, args, "dir");
  const fs::path csr_file = required<std::string>(*result, args, "csr");
  const fs::path out = required<std::string>(*result, args, "out");
  const auto level = mockca::parse_level(required<std::string>(*result, args, "type"));
  if (!level) throw UsageError(args.program, "--type must be DV, OV or EV");
  mockca::IssueRequest request;
  request.level = *level;
  if (result->count("brand") != 0) request.brand = (*result)["brand"].as<std::string>();
  if (result->count("days") != 0) request.days = positive_int(*result, args, "days", kMaxDays);
  request.client_auth = result->count("client-auth") != 0;
  request.not_before = instant_or_now(*result, "not-before");
  if (result->count("subject-file") != 0) {
    request.subject = mockca::load_subject_fields((*result)["subject-file"].as<std::string>());
  }
  if (std::error_code error; fs::exists(fs::symlink_status(out / "cert.pem", error))) {
    throw InputError((out / "cert.pem").string(), "already exists (or is a link); not writing over an earlier "
                                                  "certificate");
  }

  const Hierarchy hierarchy = load_ca(dir);
  const auto verdict = mockca::check_csr(sim::read_input_file(csr_file, mockca::kCsrFile));
  if (verdict.verdict != mockca::IntakeVerdict::Verdict::Accepted) {
    std::cout << fmt::format("{}: the CSR was refused by the intake checks; nothing issued\n", csr_file.string());
    for (const auto& finding : verdict.findings) std::cout << finding_line(finding) << "\n";
    return verdict.verdict == mockca::IntakeVerdict::Verdict::Rejected ? kExitFindings : kExitBadInput;
  }
  request.names = verdict.names;

  mockca::Issuer issuer(hierarchy);
  const mockca::StateLock lock(dir);
  CaState state = CaState::load(hierarchy.state_file());
  auto outcome = issuer.issue(request, mockca::SubscriberKey::from_request(*verdict.request));
  if (!outcome.certificate) {
    std::cout << fmt::format("{}: the issuer refused the request; nothing issued\n", csr_file.string());
    for (const auto& finding : outcome.findings) std::cout << finding_line(finding) << "\n";
    return kExitFindings;
  }
  const auto& issued = *outcome.certificate;
  mockca::write_issued(out, issued);
  state.add(issued.record);
  state.save(hierarchy.state_file());

  const auto& record = issued.record;
  std::cout << fmt::format("Issued {} certificate, serial {}, by the {} {} intermediate\n",
                           mockca::level_name(record.level), record.serial, record.brand,
                           mockca::level_name(record.level));
  std::cout << fmt::format("  names   {}\n", fmt::join(record.names, ", "));
  std::cout << fmt::format("  valid   {} to {} ({} days{})\n", sim::format_instant(record.not_before),
                           sim::format_instant(record.not_after), issued.granted_days,
                           issued.capped ? fmt::format("; asked {}, capped at the BR maximum for {}", *request.days,
                                                       sim::format_date(sim::utc_date(record.not_before)))
                                         : "");
  std::cout << fmt::format("  wrote   {}, {}, {}\n", (out / "cert.pem").string(), (out / "chain.pem").string(),
                           (out / "fullchain.pem").string());
  return kExitOk;
}

int run_revoke(const Args& args) {
  cxxopts::Options options(args.program,
                           "Revokes an issued certificate (publish it with 'casim ca crl'). Exit 2 for an unknown "
                           "serial, 1 when the certificate is already revoked");
  options.add_options()("dir", "CA directory", cxxopts::value<std::string>(), "DIR")(
      "serial", "Serial number in hex, as 'openssl x509 -noout -serial' prints it", cxxopts::value<std::string>(),
      "HEX")("reason", fmt::format("RFC 5280 reason: {}", mockca::revocation_reason_names()),
             cxxopts::value<std::string>(), "REASON")(
      "at", "Revocation instant, ISO 8601 (default: now)", cxxopts::value<std::string>(), "TIME");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const fs::path dir = required<std::string>(*result, args, "dir");
  const auto serial = required<std::string>(*result, args, "serial");
  const auto reason_text = required<std::string>(*result, args, "reason");
  const auto reason = mockca::parse_revocation_reason(reason_text);
  if (!reason) {
    throw UsageError(args.program, fmt::format("--reason '{}' is not one the Baseline Requirements allow for "
                                               "subscriber certificates ({})",
                                               reason_text, mockca::revocation_reason_names()));
  }
  if (mockca::normalize_serial(serial).empty()) throw UsageError(args.program, "--serial must be hexadecimal");
  const sim::Instant at = instant_or_now(*result, "at");

  const Hierarchy hierarchy = load_ca(dir);
  const mockca::StateLock lock(dir);
  CaState state = CaState::load(hierarchy.state_file());
  if (const auto refused = mockca::revoke(state, serial, *reason, at)) {
    std::cerr << fmt::format("casim: cannot revoke {}\n{}\n", serial, finding_line(*refused));
    return refused->reason == mockca::Reason::RevocationSerialUnknown ? kExitBadInput : kExitFindings;
  }
  state.save(hierarchy.state_file());
  const auto* record = state.find(serial);
  std::cout << fmt::format("Revoked serial {} ({} {}; {}) at {}, reason {}\n", record->serial, record->brand,
                           mockca::level_name(record->level), fmt::join(record->names, ", "),
                           sim::format_instant(at), mockca::reason_name(*reason));
  std::cout << fmt::format("Publish it with: casim ca crl --dir {}\n", dir.string());
  return kExitOk;
}

int run_crl(const Args& args) {
  cxxopts::Options options(args.program,
                           "Signs and writes a CRL for each issuer (DIR/<brand>/<level>/crl.{pem,der} and "
                           "DIR/root/crl.{pem,der}) listing its revocations");
  options.add_options()("dir", "CA directory", cxxopts::value<std::string>(), "DIR")(
      "next-update", "Time until nextUpdate, e.g. 7d or 36h (at most 10d, BR §7.2.1)",
      cxxopts::value<std::string>()->default_value("7d"), "DURATION")(
      "at", "thisUpdate, ISO 8601 (default: now)", cxxopts::value<std::string>(), "TIME");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const fs::path dir = required<std::string>(*result, args, "dir");
  const auto spec = sim::parse_duration((*result)["next-update"].as<std::string>(), "--next-update");
  if (spec.is_business()) throw UsageError(args.program, "--next-update takes calendar time (e.g. 7d), not business time");
  const sim::Duration validity = spec.as_calendar();
  if (validity <= sim::Duration::zero() || validity > mockca::kMaxCrlValidity) {
    throw UsageError(args.program, "--next-update must be more than 0 and at most 10d (BR §7.2.1)");
  }
  const sim::Instant at = instant_or_now(*result, "at");

  const Hierarchy hierarchy = load_ca(dir);
  const mockca::StateLock lock(dir);
  CaState state = CaState::load(hierarchy.state_file());
  const auto crls = mockca::make_crls(hierarchy, state, at, validity);
  for (const auto& crl : crls) mockca::write_crl(crl);
  state.save(hierarchy.state_file());
  std::cout << fmt::format("CRLs of {} (thisUpdate {}, nextUpdate {}):\n", dir.string(), sim::format_instant(at),
                           sim::format_instant(at + validity));
  for (const auto& crl : crls) {
    std::cout << fmt::format("  {:<14} number {:<4} {:>3} revoked   {}\n", crl.label, crl.number, crl.entries,
                             (crl.dir / "crl.pem").string());
  }
  return kExitOk;
}

const std::vector<Subcommand> kCaCommands{
    Subcommand{"init", "Create (or reuse) a local test root and DV/OV/EV intermediates per brand", run_init},
    Subcommand{"issue", "Issue a certificate for a CSR (after the intake checks)", run_issue},
    Subcommand{"revoke", "Revoke an issued certificate by serial", run_revoke},
    Subcommand{"crl", "Sign and write the CRLs of every issuer", run_crl},
};

}  // namespace

int run_ca(const Args& args) {
  return dispatch(args, "casim ca — the mock CA's local test PKI (NOT FOR PRODUCTION)", kCaCommands);
}

}  // namespace casim::cli
