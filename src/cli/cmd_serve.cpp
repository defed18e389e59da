// `casim serve [SCENARIO]`: the HTTP emulator of the reseller's SSL API with a controllable clock
// (docs/serve.md). Parses the options and the credentials file, loads the scenario, prepares the
// output folder (staging, CA, root certificate), prints the ready line, serves until
// POST /_casim/shutdown (exit 0) or SIGINT/SIGTERM (exit 130/143), and then publishes the final
// reports into --out atomically. Bad options, credentials or scenario: exit 2 before listening.
#include <algorithm>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "casim/mockca/hierarchy.hpp"
#include "casim/report/writers.hpp"
#include "casim/run/certificates.hpp"
#include "casim/scenario/load.hpp"
#include "casim/serve/server.hpp"
#include "casim/serve/session.hpp"
#include "casim/sim/error.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxCredentialsFile = 1 << 20;

struct ServeArgs {
  std::optional<fs::path> scenario;
  serve::ServerOptions server;
  serve::ServeClock clock;
  fs::path out;
  std::optional<std::uint64_t> seed;
  std::optional<fs::path> ca;
  bool credentials_given = false;
};

// HOST:PORT (HOST may be [v6]) → host and port.
void read_listen(const std::string& text, serve::ServerOptions& server) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw InputError("--listen", fmt::format("'{}' is not HOST:PORT", text));
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    throw InputError("--listen", fmt::format("'{}' is not a port from 0 to 65535", port));
  }
  server.host = host;
  server.port = static_cast<unsigned short>(std::stoi(port));
}

// {"credentials":[{"SecretId","SecretKey"}, …], "management_token"} → the server's credentials.
void read_credentials(const fs::path& file, serve::ServerOptions& server) {
  const std::string where = file.string();
  std::error_code error;
  const auto size = fs::file_size(file, error);
  if (error) throw InputError(where, "cannot read the credentials file: " + error.message());
  if (size > kMaxCredentialsFile) throw InputError(where, "the credentials file is larger than 1 MiB");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) throw InputError(where, "the credentials file is not a JSON object");
  const auto list = json.find("credentials");
  if (list == json.end() || !list->is_array() || list->empty()) {
    throw InputError(where, "\"credentials\" must be a non-empty array of {\"SecretId\", \"SecretKey\"}");
  }
  server.credentials.clear();
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& entry = (*list)[i];
    const auto text_of = [&](const char* key) {
      if (!entry.is_object() || !entry.contains(key) || !entry[key].is_string() || entry[key].get<std::string>().empty()) {
        throw InputError(where, fmt::format("credentials[{}].{} must be a non-empty string", i, key));
      }
      return entry[key].get<std::string>();
    };
    server.credentials.push_back({text_of("SecretId"), text_of("SecretKey")});
  }
  const auto token = json.find("management_token");
  if (token == json.end() || !token->is_string() || token->get<std::string>().empty()) {
    throw InputError(where, "\"management_token\" must be a non-empty string");
  }
  server.management_token = token->get<std::string>();
}

bool loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::optional<ServeArgs> parse_serve_options(const Args& args) {
  cxxopts::Options options(args.program,
                           "Serves the reseller's SSL API (2019-12-05) over HTTP against the mock CA, with a "
                           "management API under /_casim/ (docs/serve.md). Exit 0 after POST /_casim/shutdown, "
                           "130/143 on SIGINT/SIGTERM (both publish the final reports into --out), 2 on bad input");
  options.add_options()("scenario", "Scenario file: world, CA settings, calendars, start, seed (its orders are not placed)",
                        cxxopts::value<std::string>(), "FILE")(
      "listen", "Address to listen on (port 0: a free port)", cxxopts::value<std::string>()->default_value("127.0.0.1:9180"),
      "HOST:PORT")("clock", "manual, scaled or realtime", cxxopts::value<std::string>()->default_value("manual"), "MODE")(
      "speed", "Scaled clock: simulated seconds per wall second", cxxopts::value<double>()->default_value("60"), "N")(
      "out", "Output folder, replaced as a whole by the final reports",
      cxxopts::value<std::string>()->default_value("reports/serve"), "DIR")(
      "credentials", "JSON file of accepted SecretId/SecretKey pairs and the management token",
      cxxopts::value<std::string>(), "FILE")("seed", "Replaces the scenario's seed", cxxopts::value<std::uint64_t>(), "N")(
      "ca", "The CA hierarchy to sign with (created if missing; default: a fresh one in the output's ca/)",
      cxxopts::value<std::string>(), "DIR")(
      "read-timeout", "Wall-clock seconds a client may take to send one request",
      cxxopts::value<double>()->default_value("10"), "SECONDS");
  options.parse_positional({"scenario"});
  options.positional_help("[SCENARIO]");
  const auto result = parse_options(options, args);
  if (!result) return std::nullopt;
  ServeArgs parsed;
  if (result->count("scenario") != 0) parsed.scenario = fs::path((*result)["scenario"].as<std::string>());
  read_listen((*result)["listen"].as<std::string>(), parsed.server);
  const std::string mode_name = (*result)["clock"].as<std::string>();
  const auto mode = serve::clock_mode_named(mode_name);
  if (!mode) throw UsageError(args.program, fmt::format("--clock must be manual, scaled or realtime, not '{}'", mode_name));
  const double speed = (*result)["speed"].as<double>();
  if (!(std::isfinite(speed) && speed > 0 && speed <= 1e9)) throw UsageError(args.program, "--speed must be above 0 (at most 1e9)");
  parsed.clock = serve::ServeClock(*mode, speed);
  const double timeout = (*result)["read-timeout"].as<double>();
  if (!(timeout > 0 && timeout <= 3600)) throw UsageError(args.program, "--read-timeout must be from 0 to 3600 seconds");
  parsed.server.read_timeout = std::chrono::milliseconds(std::llround(timeout * 1000));
  parsed.out = (*result)["out"].as<std::string>();
  report::Staging::check(parsed.out);
  if (result->count("credentials") != 0) {
    read_credentials((*result)["credentials"].as<std::string>(), parsed.server);
    parsed.credentials_given = true;
  }
  if (result->count("seed") != 0) parsed.seed = (*result)["seed"].as<std::uint64_t>();
  if (result->count("ca") != 0) parsed.ca = fs::path((*result)["ca"].as<std::string>());
  parsed.server.stop_signals = {SIGINT, SIGTERM};
  return parsed;
}

// The hierarchy certificates are signed from: --ca (created or reused) or a fresh one in `staging`.
mockca::Hierarchy prepare_hierarchy(const ServeArgs& args, const std::optional<scenario::Scenario>& scenario,
                                    const fs::path& staging) {
  mockca::InitOptions init;
  if (!args.ca) init.brands.emplace_back(mockca::kDefaultBrand);
  if (scenario) {
    for (const auto& plan : scenario->config.orders) {
      if (!plan.brand.empty() && std::find(init.brands.begin(), init.brands.end(), plan.brand) == init.brands.end()) {
        init.brands.push_back(plan.brand);
      }
    }
  }
  const fs::path dir = args.ca ? *args.ca : staging / "ca";
  mockca::init_hierarchy(dir, init);
  mockca::Hierarchy hierarchy = mockca::Hierarchy::load(dir);
  for (const auto& problem : hierarchy.open_permissions()) std::cerr << "casim: warning: " << problem << "\n";
  run::write_root_certificate(staging / "certs", hierarchy.root_pem());
  return hierarchy;
}

}  // namespace

int run_serve(const Args& args) {
  auto options = parse_serve_options(args);
  if (!options) return kExitOk;
  std::optional<scenario::Scenario> scenario;
  if (options->scenario) {
    try {
      scenario = scenario::load_scenario(*options->scenario);
    } catch (const scenario::ScenarioError& error) {
      for (const auto& diagnostic : error.diagnostics()) std::cerr << diagnostic.to_string() << "\n";
      return kExitBadInput;
    }
  }
  if (!loopback(options->server.host) && !options->credentials_given) {
    std::cerr << fmt::format("casim: warning: listening on {} with the public test credentials; give --credentials "
                             "to keep others out\n",
                             options->server.host);
  }
  report::Staging staging(options->out);  // removed unless published
  const mockca::Hierarchy hierarchy = prepare_hierarchy(*options, scenario, staging.path());
  serve::Session session({std::move(scenario), options->seed, &hierarchy, options->clock});
  std::optional<serve::Server> server;
  try {
    server.emplace(session, options->server);
  } catch (const std::runtime_error& error) {
    throw InputError("--listen", fmt::format("cannot listen on {}:{}: {}", options->server.host, options->server.port,
                                             error.what()));
  }
  std::cout << fmt::format("casim serve: listening on http://{}:{}", options->server.host, server->port()) << std::endl;
  const serve::ServerStop stop = server->run();
  report::write_formats(session.report(), report::parse_formats("text,json,junit,csv,html"), staging.path());
  staging.publish();
  std::cerr << fmt::format("casim serve: {} calls served; reports published in {}\n", session.calls(),
                           options->out.string());
  return stop.signal == 0 ? kExitOk : 128 + stop.signal;
}

}  // namespace casim::cli
