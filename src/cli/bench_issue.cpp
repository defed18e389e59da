// `casim bench issue`: certificates per second on the issuer's path — build the certificate from
// an accepted CSR, sign it, DER-encode it — against the CA key's bare signature rate, which is what
// `openssl speed ecdsap256` / `openssl speed rsa2048` measure. Keys and CSRs are prepared before
// the clock starts. Rates are per CPU-second of this thread (as openssl speed counts), so that
// other work on the machine does not skew the ratio; the wall-clock rate is printed as well.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "ca_cli_support.hpp"
#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/sim/error.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxCount = 10'000'000;
constexpr int kCsrs = 8;  // distinct subscriber keys and CSRs, used in turn

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// A directory made for this run and removed with everything in it afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "casim-bench-issue-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw InputError(pattern, "cannot create a temporary directory");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The CA key's signature alone, on a SHA-256-sized digest with a prepared context: `count` times.
double sign_only_cpu_seconds(EVP_PKEY& key, int count) {
  const mockca::ossl::PkeyCtx signer(EVP_PKEY_CTX_new_from_pkey(nullptr, &key, nullptr));
  if (!signer || EVP_PKEY_sign_init(signer.get()) != 1 ||
      EVP_PKEY_CTX_set_signature_md(signer.get(), EVP_sha256()) != 1) {
    throw std::runtime_error("cannot set up signing: " + mockca::ossl::drain_errors());
  }
  unsigned char digest[32] = {1};
  std::vector<unsigned char> signature(static_cast<std::size_t>(EVP_PKEY_get_size(&key)));
  const double start = thread_cpu_seconds();
  for (int i = 0; i < count; ++i) {
    std::size_t length = signature.size();
    if (EVP_PKEY_sign(signer.get(), signature.data(), &length, digest, sizeof digest) != 1) {
      throw std::runtime_error("signing failed: " + mockca::ossl::drain_errors());
    }
  }
  return thread_cpu_seconds() - start;
}

}  // namespace

int run_bench_issue(const Args& args) {
  cxxopts::Options options(args.program,
                           "Issues N DV certificates from prepared CSRs and prints certificates per second next "
                           "to the CA key's bare signature rate (what openssl speed measures)");
  options.add_options()("ca-key", "CA key: ecdsa (P-256) or rsa (2048)",
                        cxxopts::value<std::string>()->default_value("ecdsa"), "TYPE")(
      "subscriber-key", "Subscriber keys in the CSRs: ecdsa (P-256) or rsa (2048)",
      cxxopts::value<std::string>()->default_value("ecdsa"), "TYPE")(
      "count", "Certificates to issue (default: 20000 with an ECDSA CA, 2000 with an RSA CA)",
      cxxopts::value<std::string>(), "N")(
      "dir", "Use this existing CA directory instead of a temporary one", cxxopts::value<std::string>(), "DIR")(
      "json", "Print one JSON object instead of text");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const auto ca_key = mockca::parse_key_type((*result)["ca-key"].as<std::string>());
  if (!ca_key) throw UsageError(args.program, "--ca-key must be ecdsa or rsa");
  const auto subscriber_key = mockca::parse_key_type((*result)["subscriber-key"].as<std::string>());
  if (!subscriber_key) throw UsageError(args.program, "--subscriber-key must be ecdsa or rsa");
  const int count = result->count("count") != 0 ? positive_int(*result, args, "count", kMaxCount)
                    : *ca_key == mockca::CaKeyType::Ecdsa ? 20000
                                                          : 2000;

  // Before the clock: the hierarchy, loaded once, and the accepted CSRs.
  std::optional<ScratchDir> scratch;
  fs::path dir;
  if (result->count("dir") != 0) {
    dir = (*result)["dir"].as<std::string>();
  } else {
    scratch.emplace();
    dir = scratch->path() / "ca";
    mockca::init_hierarchy(dir, {ca_key, {}});
  }
  const auto hierarchy = mockca::Hierarchy::load(dir);
  if (result->count("dir") != 0 && hierarchy.key_type() != *ca_key) {
    throw UsageError(args.program, fmt::format("{} holds an {} CA; pass --ca-key {}", dir.string(),
                                               mockca::key_type_name(hierarchy.key_type()),
                                               mockca::key_type_name(hierarchy.key_type())));
  }
  std::vector<mockca::IntakeVerdict> csrs;
  for (int i = 0; i < kCsrs; ++i) {
    mockca::CsrParameters parameters;
    parameters.key.algorithm = *subscriber_key == mockca::CaKeyType::Ecdsa ? mockca::KeyAlgorithm::Ecc
                                                                           : mockca::KeyAlgorithm::Rsa;
    parameters.common_name = fmt::format("www.bench{}.example.com", i);
    parameters.sans = {fmt::format("bench{}.example.com", i)};
    const auto generated = mockca::generate_csr(parameters);
    if (!generated.ok()) throw std::runtime_error("cannot generate a benchmark CSR: " + generated.findings.front().message);
    auto verdict = mockca::check_csr(generated.csr_pem);
    if (verdict.verdict != mockca::IntakeVerdict::Verdict::Accepted) {
      throw std::runtime_error("the intake refused a benchmark CSR: " + verdict.findings.front().message);
    }
    csrs.push_back(std::move(verdict));
  }
  mockca::Issuer issuer(hierarchy);
  mockca::IssueRequest request;
  request.level = mockca::ValidationLevel::DV;
  request.not_before = wall_clock_now();

  // The timed loop: from the accepted CSR to the signed, DER-encoded certificate.
  std::size_t bytes = 0;
  const double wall_start = wall_seconds();
  const double cpu_start = thread_cpu_seconds();
  for (int i = 0; i < count; ++i) {
    const auto& csr = csrs[static_cast<std::size_t>(i % kCsrs)];
    request.names = csr.names;
    const auto outcome = issuer.issue(request, mockca::SubscriberKey::from_request(*csr.request));
    if (!outcome.certificate) throw std::runtime_error("issuance refused: " + outcome.findings.front().message);
    bytes += outcome.certificate->der.size();
  }
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double wall = wall_seconds() - wall_start;

  const auto* ca = hierarchy.find("", mockca::ValidationLevel::DV);
  const double sign_cpu = sign_only_cpu_seconds(*ca->key, count);
  const double per_cpu_second = count / cpu;
  const double sign_per_cpu_second = count / sign_cpu;
  const std::string ca_text = *ca_key == mockca::CaKeyType::Ecdsa ? "ECDSA P-256" : "RSA 2048";
  const std::string subscriber_text = *subscriber_key == mockca::CaKeyType::Ecdsa ? "ECDSA P-256" : "RSA 2048";
  if (result->count("json") != 0) {
    const nlohmann::json out{{"benchmark", "issue"},
                             {"ca_key", mockca::key_type_name(*ca_key)},
                             {"subscriber_key", mockca::key_type_name(*subscriber_key)},
                             {"count", count},
                             {"cpu_seconds", cpu},
                             {"wall_seconds", wall},
                             {"certs_per_cpu_second", per_cpu_second},
                             {"certs_per_wall_second", count / wall},
                             {"sign_only_per_cpu_second", sign_per_cpu_second},
                             {"ratio_to_sign_only", per_cpu_second / sign_per_cpu_second},
                             {"mean_certificate_bytes", bytes / static_cast<std::size_t>(count)}};
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("casim bench issue: {} DV certificates from an {} CA ({} subscriber keys, {} CSRs)\n",
                           count, ca_text, subscriber_text, kCsrs);
  std::cout << fmt::format("  issue (build + sign + DER): {:>9.0f} certs per CPU-second ({:.1f} µs each, {} bytes); "
                           "wall clock {:.0f}/s\n",
                           per_cpu_second, 1e6 / per_cpu_second, bytes / static_cast<std::size_t>(count), count / wall);
  std::cout << fmt::format("  CA signature alone:         {:>9.0f} signs per CPU-second (as openssl speed measures)\n",
                           sign_per_cpu_second);
  std::cout << fmt::format("  ratio:                      {:>9.2f}\n", per_cpu_second / sign_per_cpu_second);
  return kExitOk;
}

}  // namespace casim::cli
