// `casim bench kernel`: the classic hold model on casim's event kernel, run as
// shared/bench/simpy_hold.py runs it in SimPy, timed on the wall clock (outside any simulation).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <string>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/random.hpp"

namespace casim::cli {
namespace {

constexpr std::int64_t kMaxPending = 10'000'000;  // ~1 GB of queue; more is a typo
constexpr double kMeanHoldMicros = 1e6;           // SimPy's expovariate(1.0): a mean of 1 s

// `pending` events are always pending: each, when it fires, schedules the next one at
// now + Exp(mean 1 s), until `events` have been scheduled in all.
class HoldModel {
 public:
  HoldModel(std::int64_t pending, std::int64_t events, std::uint64_t seed)
      : stream_(seed, 0, "bench.kernel.hold"), events_(events) {
    for (std::int64_t i = 0; i < std::min(pending, events); ++i) hold();
  }
  HoldModel(const HoldModel&) = delete;
  HoldModel& operator=(const HoldModel&) = delete;

  void run() { kernel_.run(); }
  std::uint64_t events_run() const { return kernel_.events_run(); }

 private:
  // The event's action: one pointer, so that it is stored inline and moved as plain bytes.
  struct Fire {
    HoldModel* model;
    void operator()() const {
      if (model->scheduled_ < model->events_) model->hold();
    }
  };

  void hold() {
    ++scheduled_;
    // Rounded to the nearest microsecond (the draw is never negative; llround is a slow call).
    const auto delay = static_cast<std::int64_t>(stream_.exponential(kMeanHoldMicros) + 0.5);
    kernel_.schedule_after(sim::Duration{delay}, Fire{this});
  }

  sim::Kernel kernel_;
  sim::RandomStream stream_;
  std::int64_t events_;
  std::int64_t scheduled_ = 0;
};

// The whole number given to option --`name`, from 1 to `max`. Read as text and converted here:
// the clearer message, and GCC 12 raises a false -Wrestrict on cxxopts' integer parser at -O3.
template <typename T>
T whole_number(const cxxopts::ParseResult& options, const Args& args, const std::string& name, T min, T max) {
  const auto text = options[name].as<std::string>();
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    throw UsageError(args.program, fmt::format("--{} must be a whole number from {} to {} (got '{}')", name, min, max, text));
  }
  return value;
}

}  // namespace

int run_bench_kernel(const Args& args) {
  cxxopts::Options options(args.program,
                           "Runs the hold model on casim's event kernel and prints events per second: "
                           "N events always pending, each scheduling the next one after an exponential "
                           "delay (mean 1 s), M events in all. The peer in SimPy: "
                           "shared/bench/simpy_hold.py N M.");
  options.add_options()
      ("pending", "Events pending at any time (N)", cxxopts::value<std::string>()->default_value("1000"), "N")
      ("events", "Events to run in all (M)", cxxopts::value<std::string>()->default_value("1000000"), "M")
      ("seed", "Seed of the delays' random stream", cxxopts::value<std::string>()->default_value("1"), "S")
      ("json", "Print one JSON object instead of a line of text");
  const auto parsed = parse_options(options, args);
  if (!parsed) return kExitOk;
  const auto pending = whole_number<std::int64_t>(*parsed, args, "pending", 1, kMaxPending);
  const auto events = whole_number<std::int64_t>(*parsed, args, "events", 1, std::numeric_limits<std::int64_t>::max());
  const auto seed = whole_number<std::uint64_t>(*parsed, args, "seed", 0, std::numeric_limits<std::uint64_t>::max());

  HoldModel model(pending, events, seed);
  const auto start = std::chrono::steady_clock::now();
  model.run();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  const double seconds = elapsed.count();
  const std::int64_t events_per_s =
      seconds > 0 ? std::llround(static_cast<double>(model.events_run()) / seconds) : 0;

  if (parsed->count("json") != 0) {
    const nlohmann::json result{{"benchmark", "kernel.hold"}, {"pending", pending},
                                {"events", model.events_run()}, {"seed", seed},
                                {"seconds", seconds}, {"events_per_s", events_per_s}};
    std::cout << result.dump() << "\n";
  } else {
    std::cout << fmt::format("casim kernel hold: pending={} events={} seconds={:.3f} events_per_s={}\n", pending,
                             model.events_run(), seconds, events_per_s);
  }
  return kExitOk;
}

}  // namespace casim::cli
