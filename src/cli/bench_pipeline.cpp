// `casim bench pipeline`: whole orders per second — N orders of a fixed DV/OV/EV mix simulated end
// to end through order::run_simulation, with certificates signed (online-generated ECDSA P-256
// keys from the shared pool `casim run` uses, CSRs, a P-256 CA, PEM bundles kept in memory) or
// timing only (--no-certs: no key, CSR or signature; the CA checks the CSR parameters only). The
// orders run in independent batches of kBatchOrders (one run each, run index = batch number)
// spread over --jobs threads; only running totals are kept, so memory does not grow with N.
// Every order of the mix must be issued, or the command exits 3. With --agent CMD an external agent
// is the ordering logic (one process per thread): the benchmark also counts the protocol's messages
// and casim's own CPU time per message; orders the agent leaves unissued are counted, not fatal, but
// an agent fault is.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "ca_cli_support.hpp"
#include "casim/agent/session.hpp"
#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/order/simulation.hpp"
#include "casim/run/pool.hpp"
#include "casim/sim/error.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxOrders = 100'000'000;
constexpr int kMaxJobs = 256;
constexpr int kBatchOrders = 1000;          // orders per run
constexpr std::size_t kKeyPoolSize = 16;    // as `casim run`
constexpr std::uint64_t kSeed = 20260302;   // batch b runs with seed kSeed + b, run index b
constexpr auto kOrderSpacing = sim::kMinute * 5;  // between the placements of a batch's orders

const std::string kListedPhone = "+861012345678";

// The mix, repeated every ten orders: DV ×6, OV ×3, EV ×1, DNS and file validation alternating.
struct MixEntry {
  mockca::ValidationLevel level;
  mockca::VerifyType method;
};
const std::vector<MixEntry> kMix{
    {mockca::ValidationLevel::DV, mockca::VerifyType::Dns},  {mockca::ValidationLevel::DV, mockca::VerifyType::File},
    {mockca::ValidationLevel::DV, mockca::VerifyType::Dns},  {mockca::ValidationLevel::DV, mockca::VerifyType::File},
    {mockca::ValidationLevel::DV, mockca::VerifyType::Dns},  {mockca::ValidationLevel::DV, mockca::VerifyType::File},
    {mockca::ValidationLevel::OV, mockca::VerifyType::Dns},  {mockca::ValidationLevel::OV, mockca::VerifyType::File},
    {mockca::ValidationLevel::OV, mockca::VerifyType::Dns},  {mockca::ValidationLevel::EV, mockca::VerifyType::File},
};
constexpr const char* kMixText = "per 10 orders: DV 6, OV 3, EV 1; DNS and file validation alternating";

// casim's own CPU time so far (user and system, every thread), not its children's.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& time) { return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::int64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::int64_t>(usage.ru_maxrss) * 1024;  // Linux counts KiB
}

// The applicant's organization, in the registry with a listed number that confirms every call.
sim::world::Organization organization() {
  sim::world::Organization org;
  org.legal_name = "Acme Widgets (Beijing) Co., Ltd.";
  org.registration_number = "91110000MA01ABCD2X";
  org.jurisdiction = {"CN", "Beijing", "Beijing"};
  org.address = "1 Zhongguancun Street, Haidian District";
  org.registration_date = sim::parse_date("2020-03-05");
  org.directory_phone = "+86 10 1234 5678";
  org.applicant_phone = "+86 138 0000 1111";
  org.signer_authority_confirmed = true;
  return org;
}

// Order i's name: a host of its own, so that concurrent orders never share a validation file.
std::string host_of(int index) { return fmt::format("site{}.example.com", index); }

// Zone example.com, a host per order of a batch answering 404 until the applicant publishes a
// file, and the organization.
sim::world::World bench_world(sim::Instant from) {
  sim::world::World world;
  world.dns.add_zone("example.com");
  for (int i = 0; i < kBatchOrders; ++i) {
    const std::string host = host_of(i);
    world.dns.add_record(from, sim::world::DnsRecord::a(host, "192.0.2.10"));
    world.web.set_host(from, sim::world::Scheme::Http, host, sim::world::WebBehaviour::not_found());
    world.web.set_host(from, sim::world::Scheme::Https, host, sim::world::WebBehaviour::not_found());
  }
  world.registry.add(organization());
  world.phones.set_line(kListedPhone, from, sim::world::PhoneLine::always(sim::world::CallResult::Confirmed));
  return world;
}

order::OrderPlan plan_of(int index, const mockca::OrganizationInfo& info) {
  const MixEntry& entry = kMix[static_cast<std::size_t>(index) % kMix.size()];
  order::OrderPlan plan;
  plan.ref = fmt::format("o{}", index);
  plan.level = entry.level;
  plan.verify_type = entry.method;
  plan.placed = order::Timing::after(kOrderSpacing * index);
  mockca::OnlineCsr csr;
  csr.common_name = host_of(index);
  plan.csr = csr;
  if (entry.level != mockca::ValidationLevel::DV) plan.organization = info;
  return plan;
}

// Every batch's configuration but the seed, run index and order count; the CA re-validates every
// order (no reuse of validation data), so each one runs its own DCV and, for OV/EV, its review.
order::RunConfig base_config(bool certificates) {
  order::RunConfig config;
  config.start = sim::parse_instant("2026-03-02T01:00:00Z");  // a Monday, 09:00 in Beijing
  config.world = bench_world(config.start - sim::kDay);
  config.issue_certificates = certificates;
  config.trace_text = false;  // the Monte Carlo path: nobody reads these traces
  config.ca.config.reuse_validation_data = false;
  config.platform.keep_certificate_files = certificates;
  const auto info = order::organization_as_registered(organization());
  for (int i = 0; i < kBatchOrders; ++i) config.orders.push_back(plan_of(i, info));
  return config;
}

struct Totals {
  std::uint64_t orders = 0;
  std::uint64_t issued = 0;
  std::uint64_t events = 0;
  std::uint64_t messages = 0;  // agent protocol lines, both ways
  std::string first_problem;  // the first order not issued, or a run that did not complete
};

// What one worker thread keeps: its issuer, its copy of the configuration, its totals.
struct Worker {
  std::optional<mockca::Issuer> issuer;
  std::unique_ptr<agent::AgentSession> agent;
  order::RunConfig config;
  Totals totals;
};

void run_batch(Worker& worker, std::uint64_t batch, int orders) {
  order::RunConfig& config = worker.config;
  config.seed = kSeed + batch;
  config.run_index = batch;
  config.orders.resize(static_cast<std::size_t>(orders));  // only the last batch, handed out last, is short
  config.ca.issuer = worker.issuer ? &*worker.issuer : nullptr;
  config.ordering = worker.agent.get();
  const order::RunResult result = order::run_simulation(config);
  Totals& totals = worker.totals;
  totals.orders += result.orders.size();
  totals.events += result.events_run;
  totals.messages += static_cast<std::uint64_t>(std::count_if(
      result.transcript.begin(), result.transcript.end(),
      [](const std::string& line) { return line.find(R"("dir":"stderr")") == std::string::npos; }));
  for (const auto& order : result.orders) {
    if (order.outcome == order::Outcome::Issued) {
      ++totals.issued;
    } else if (worker.agent == nullptr && totals.first_problem.empty()) {
      std::vector<std::string_view> reasons;
      for (const auto reason : order.reasons) reasons.push_back(mockca::info(reason).code);
      totals.first_problem = fmt::format("order {} of batch {} ended {} ({})", order.ref, batch,
                                         order::outcome_name(order.outcome), fmt::join(reasons, ", "));
    }
  }
  if (result.stop != order::RunStop::Completed && totals.first_problem.empty()) {
    totals.first_problem = fmt::format("batch {} stopped: {}", batch, order::stop_name(result.stop));
  }
}

// A signing hierarchy made in a scratch directory; the loaded hierarchy needs no files afterwards.
mockca::Hierarchy scratch_hierarchy() {
  std::string pattern = (fs::temp_directory_path() / "casim-bench-pipeline-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw InputError(pattern, "cannot create a temporary directory");
  const fs::path dir = pattern;
  try {
    mockca::init_hierarchy(dir / "ca", {});
    auto hierarchy = mockca::Hierarchy::load(dir / "ca");
    fs::remove_all(dir);
    return hierarchy;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    throw;
  }
}

}  // namespace

int run_bench_pipeline(const Args& args) {
  cxxopts::Options options(args.program,
                           "Simulates N orders of a fixed DV/OV/EV mix end to end and prints orders per second, "
                           "events per order and peak memory");
  options.add_options()("orders", "Orders to simulate (required)", cxxopts::value<std::string>(), "N")(
      "jobs", "Worker threads", cxxopts::value<std::string>()->default_value("1"), "J")(
      "no-certs", "Timing only: record what would be issued, sign nothing")(
      "agent", "An external agent as the ordering logic (docs/agent-protocol.md)", cxxopts::value<std::string>(), "CMD")(
      "json", "Print one JSON object instead of text");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  if (result->count("orders") == 0) throw UsageError(args.program, "missing required option --orders");
  const int orders = positive_int(*result, args, "orders", kMaxOrders);
  const int jobs = positive_int(*result, args, "jobs", kMaxJobs);
  const bool certificates = result->count("no-certs") == 0;

  // Before the clock: the hierarchy, the key pool, one configuration and issuer per worker.
  std::optional<mockca::Hierarchy> hierarchy;
  if (certificates) hierarchy.emplace(scratch_hierarchy());
  mockca::KeyPool keys(kKeyPoolSize);
  order::RunConfig config = base_config(certificates);
  config.ca.hierarchy = hierarchy ? &*hierarchy : nullptr;
  config.ca.keys = &keys;
  const auto batches = static_cast<std::size_t>((orders + kBatchOrders - 1) / kBatchOrders);
  std::vector<Worker> workers(std::min<std::size_t>(static_cast<std::size_t>(jobs), batches));
  const std::optional<std::string> agent_command =
      result->count("agent") != 0 ? std::optional((*result)["agent"].as<std::string>()) : std::nullopt;
  for (auto& worker : workers) {
    worker.config = config;
    if (hierarchy) worker.issuer.emplace(*hierarchy);
    if (agent_command) worker.agent = std::make_unique<agent::AgentSession>(agent::AgentOptions{*agent_command});
  }

  const double start = wall_seconds();
  const double cpu_start = cpu_seconds();
  run::run_parallel(
      batches, workers.size(),
      [&](std::size_t batch, std::size_t worker) {
        const int done_before = static_cast<int>(batch) * kBatchOrders;
        run_batch(workers[worker], batch, std::min(kBatchOrders, orders - done_before));
      },
      [](std::size_t) {});
  const double wall = wall_seconds() - start;
  const double cpu = cpu_seconds() - cpu_start;

  Totals totals;
  for (const auto& worker : workers) {
    totals.orders += worker.totals.orders;
    totals.issued += worker.totals.issued;
    totals.events += worker.totals.events;
    totals.messages += worker.totals.messages;
    if (totals.first_problem.empty()) totals.first_problem = worker.totals.first_problem;
  }
  const double per_second = static_cast<double>(totals.orders) / wall;
  const double events_per_order = static_cast<double>(totals.events) / static_cast<double>(totals.orders);
  const std::int64_t rss = peak_rss_bytes();
  if (result->count("json") != 0) {
    nlohmann::json out{{"benchmark", "pipeline"},
                             {"orders", totals.orders},
                             {"issued", totals.issued},
                             {"jobs", workers.size()},
                             {"certificates", certificates},
                             {"batch_orders", kBatchOrders},
                             {"mix", kMixText},
                             {"wall_seconds", wall},
                             {"orders_per_second", per_second},
                             {"events", totals.events},
                             {"events_per_order", events_per_order},
                             {"peak_rss_bytes", rss}};
    if (agent_command) {
      out["agent"] = *agent_command;
      out["messages"] = totals.messages;
      out["messages_per_second"] = static_cast<double>(totals.messages) / wall;
      out["casim_cpu_us_per_message"] = cpu * 1e6 / static_cast<double>(std::max<std::uint64_t>(totals.messages, 1));
    }
    std::cout << out.dump() << "\n";
  } else {
    std::cout << fmt::format("casim bench pipeline: {} orders ({}), {}, {} job{}, batches of {}\n", totals.orders,
                             kMixText, certificates ? "certificates signed" : "timing only (no certificates)",
                             workers.size(), workers.size() == 1 ? "" : "s", kBatchOrders);
    std::cout << fmt::format("  orders per second (wall): {:>10.0f}  ({:.3f} s)\n", per_second, wall);
    std::cout << fmt::format("  events per order:         {:>10.1f}\n", events_per_order);
    std::cout << fmt::format("  peak resident memory:     {:>10.1f} MiB\n", static_cast<double>(rss) / (1024.0 * 1024.0));
    std::cout << fmt::format("  issued:                   {:>10} of {}\n", totals.issued, totals.orders);
    if (agent_command) {
      std::cout << fmt::format("  agent: {}\n  messages per second:      {:>10.0f}  ({} messages)\n", *agent_command,
                               static_cast<double>(totals.messages) / wall, totals.messages);
      std::cout << fmt::format("  casim CPU per message:    {:>10.2f} µs\n",
                               cpu * 1e6 / static_cast<double>(std::max<std::uint64_t>(totals.messages, 1)));
    }
  }
  const bool all_issued = totals.issued == totals.orders || agent_command.has_value();
  if (!all_issued || !totals.first_problem.empty() || totals.orders != static_cast<std::uint64_t>(orders)) {
    std::cerr << fmt::format("casim bench pipeline: the mix is broken: {} of {} orders issued; {}\n", totals.issued,
                             orders, totals.first_problem.empty() ? "runs lost orders" : totals.first_problem);
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace casim::cli
