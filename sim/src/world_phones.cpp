// Simulated phone lines: scripted and weighted answers over time, and the call log.
#include "casim/sim/world/phones.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/sim/error.hpp"

namespace casim::sim::world {
namespace {

constexpr std::array<std::string_view, 8> kResultNames{"confirmed", "no answer",     "busy",
                                                       "voicemail", "wrong number",  "refused",
                                                       "call back", "not in service"};

void check_answer(const PhoneAnswer& answer, const std::string& where) {
  const bool timed = !std::holds_alternative<std::monostate>(answer.call_back);
  if (answer.result == CallResult::CallBack && !timed) {
    throw InputError(where, "a call-back answer needs an instant or a delay");
  }
  if (answer.result != CallResult::CallBack && timed) {
    throw InputError(where,
                     fmt::format("a '{}' answer takes no call-back time", to_string(answer.result)));
  }
  if (const auto* delay = std::get_if<Duration>(&answer.call_back); delay && *delay < Duration::zero()) {
    throw InputError(where, "negative call-back delay");
  }
}

CallOutcome outcome_of(const PhoneAnswer& answer, Instant at) {
  CallOutcome outcome{answer.result, std::nullopt};
  if (const auto* when = std::get_if<Instant>(&answer.call_back))
    outcome.call_back_at = std::max(*when, at);
  if (const auto* delay = std::get_if<Duration>(&answer.call_back)) outcome.call_back_at = at + *delay;
  return outcome;
}

}  // namespace

std::string_view to_string(CallResult result) { return kResultNames[static_cast<std::size_t>(result)]; }

CallResult parse_call_result(std::string_view text, const std::string& where) {
  for (std::size_t i = 0; i < kResultNames.size(); ++i) {
    if (same_keyword(kResultNames[i], text)) return static_cast<CallResult>(i);
  }
  throw InputError(where, fmt::format("'{}' is not a call result (expected one of: {})", text,
                                      fmt::join(kResultNames, ", ")));
}

std::string describe(const CallOutcome& outcome) {
  if (outcome.call_back_at) return fmt::format("call back at {}", format_instant(*outcome.call_back_at));
  if (outcome.outside_hours) return fmt::format("{} (outside the line's hours)", to_string(outcome.result));
  return std::string(to_string(outcome.result));
}

void Phones::set_line(std::string_view number, Instant at, PhoneLine line, const std::string& where) {
  std::string normal = checked_phone(number, where);
  if (line.distribution.empty()) {
    if (line.script.empty() && !line.end.then) {
      throw InputError(where, fmt::format("{}: an empty script has no last answer to repeat", normal));
    }
    for (const auto& answer : line.script) check_answer(answer, where);
    if (line.end.then) check_answer(*line.end.then, where);
  } else {
    double sum = 0;
    for (const auto& [answer, weight] : line.distribution) {
      check_answer(answer, where);
      if (!std::isfinite(weight) || weight < 0) {
        throw InputError(where, fmt::format("{}: weight {} is not a finite number ≥ 0", normal, weight));
      }
      sum += weight;
    }
    if (!(sum > 0)) throw InputError(where, fmt::format("{}: the weights sum to zero", normal));
  }
  std::vector<double> weights;
  for (const auto& choice : line.distribution) weights.push_back(choice.weight);
  lines_[normal].set(at, LineState{std::move(line), std::move(weights), 0});
}

CallOutcome Phones::call(std::string_view number, Instant at, RandomStream& stream) {
  std::string normal = normalize_phone(number);
  CallOutcome outcome;
  const auto line = lines_.find(normal);
  LineState* state = line == lines_.end() ? nullptr : line->second.at(at);
  if (state != nullptr && state->line.hours && !state->line.hours->is_business_time(at)) {
    outcome = CallOutcome{CallResult::NoAnswer, std::nullopt, true};
  } else if (state != nullptr && !state->line.distribution.empty()) {
    outcome = outcome_of(state->line.distribution[stream.choose(state->weights)].answer, at);
  } else if (state != nullptr) {
    const auto& script = state->line.script;
    const PhoneAnswer& answer = state->answered < script.size() ? script[state->answered]
                                : state->line.end.then          ? *state->line.end.then
                                                                : script.back();
    ++state->answered;
    outcome = outcome_of(answer, at);
  }
  call_log_.push_back({std::move(normal), at, outcome});
  return outcome;
}

}  // namespace casim::sim::world
