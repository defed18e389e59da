// Parameter checks and draws of DurationDistribution.
#include "casim/sim/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::sim {
namespace {

// The standard normal quantile at 0.9: a lognormal's p90 is exp(mu + kZ90 · sigma).
constexpr double kZ90 = 1.2815515655446004;

std::string_view unit_name(DurationSpec::Unit unit) {
  switch (unit) {
    case DurationSpec::Unit::Calendar: return "calendar time";
    case DurationSpec::Unit::BusinessDays: return "business days";
    case DurationSpec::Unit::BusinessHours: return "business hours";
  }
  return "an unknown unit";
}

bool whole_if_calendar(const DurationSpec& spec) {
  return spec.is_business() || spec.amount == std::trunc(spec.amount);
}

// The parameter as a user wrote it, or its raw amount when it is not a valid duration.
std::string shown(const DurationSpec& spec) {
  if (std::isfinite(spec.amount) && std::abs(spec.amount) <= max_amount(spec.unit) && whole_if_calendar(spec)) {
    return format_duration(spec);
  }
  return fmt::format("{} ({})", spec.amount, unit_name(spec.unit));
}

enum class Sign { NotNegative, Positive };

// Checks one parameter on its own: finite, in range, whole µs for calendar time, and its sign.
void check_amount(const DurationSpec& spec, std::string_view shape, std::string_view name, Sign sign,
                  const std::string& where) {
  const auto bad = [&](std::string_view why) {
    return InputError(where, fmt::format("{} distribution: {} {} {}", shape, name, shown(spec), why));
  };
  if (!std::isfinite(spec.amount)) throw bad("is not a finite number");
  if (spec.amount < 0) throw bad("is negative; durations cannot be");
  if (sign == Sign::Positive && spec.amount == 0) throw bad("must be greater than zero");
  if (spec.amount > max_amount(spec.unit)) throw bad("is longer than 100 years");
  if (!whole_if_calendar(spec)) throw bad("is not a whole number of microseconds");
}

// Checks that `spec` is in `unit`, the unit of the distribution's first parameter `first_name`.
void check_same_unit(const DurationSpec& spec, DurationSpec::Unit unit, std::string_view shape,
                     std::string_view name, std::string_view first_name, const std::string& where) {
  if (spec.unit == unit) return;
  throw InputError(where, fmt::format("{} distribution: {} is in {} but {} is in {}; all parameters "
                                      "of a distribution must be in the same unit",
                                      shape, first_name, unit_name(unit), name, unit_name(spec.unit)));
}

}  // namespace

DurationDistribution DurationDistribution::fixed(DurationSpec value, const std::string& where) {
  check_amount(value, "fixed", "value", Sign::NotNegative, where);
  return {value.unit, Fixed{value.amount}};
}

DurationDistribution DurationDistribution::uniform(DurationSpec min, DurationSpec max, const std::string& where) {
  check_amount(min, "uniform", "min", Sign::NotNegative, where);
  check_amount(max, "uniform", "max", Sign::NotNegative, where);
  check_same_unit(max, min.unit, "uniform", "max", "min", where);
  if (min.amount > max.amount) {
    throw InputError(where, fmt::format("uniform distribution: min {} is greater than max {}", shown(min), shown(max)));
  }
  return {min.unit, Uniform{min.amount, max.amount}};
}

DurationDistribution DurationDistribution::exponential(DurationSpec mean, const std::string& where) {
  check_amount(mean, "exponential", "mean", Sign::Positive, where);
  return {mean.unit, Exponential{mean.amount}};
}

DurationDistribution DurationDistribution::lognormal(DurationSpec median, DurationSpec p90,
                                                     const std::string& where) {
  check_amount(median, "lognormal", "median", Sign::Positive, where);
  check_amount(p90, "lognormal", "p90", Sign::Positive, where);
  check_same_unit(p90, median.unit, "lognormal", "p90", "median", where);
  if (p90.amount <= median.amount) {
    throw InputError(where, fmt::format("lognormal distribution: p90 {} must be greater than the median {}",
                                        shown(p90), shown(median)));
  }
  const double mu = std::log(median.amount);
  return {median.unit, LogNormal{mu, (std::log(p90.amount) - mu) / kZ90}};
}

DurationDistribution DurationDistribution::choice(std::vector<WeightedDuration> options, const std::string& where) {
  if (options.empty()) throw InputError(where, "choice distribution: no options to choose from");
  Choice choice;
  double total = 0;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const auto& option = options[i];
    const std::string name = fmt::format("option {}", i + 1);
    check_amount(option.value, "choice", name, Sign::NotNegative, where);
    check_same_unit(option.value, options.front().value.unit, "choice", name, "option 1", where);
    if (!(std::isfinite(option.weight) && option.weight >= 0)) {
      throw InputError(where, fmt::format("choice distribution: {} has weight {}; weights must be finite "
                                          "and not negative", name, option.weight));
    }
    total += option.weight;
    choice.amounts.push_back(option.value.amount);
    choice.weights.push_back(option.weight);
  }
  if (!(total > 0 && std::isfinite(total))) {
    throw InputError(where, fmt::format("choice distribution: the weights add up to {}; their sum must be "
                                        "positive and finite", total));
  }
  return {options.front().value.unit, std::move(choice)};
}

DurationSpec DurationDistribution::finish(double amount) const {
  amount = std::clamp(amount, 0.0, max_amount(unit_));
  if (unit_ == DurationSpec::Unit::Calendar) amount = std::round(amount);
  return {unit_, amount};
}

DurationSpec DurationDistribution::draw(RandomStream& stream) const {
  struct Drawer {
    const DurationDistribution& self;
    RandomStream& stream;

    DurationSpec operator()(const Fixed& shape) const { return {self.unit_, shape.amount}; }
    DurationSpec operator()(const Uniform& shape) const {
      if (self.unit_ == DurationSpec::Unit::Calendar) {
        // Calendar bounds are whole microseconds: draw one of them exactly, both ends included.
        const auto micros = stream.uniform_int(static_cast<std::int64_t>(shape.min), static_cast<std::int64_t>(shape.max));
        return {self.unit_, static_cast<double>(micros)};
      }
      return self.finish(shape.min + (shape.max - shape.min) * stream.uniform01());
    }
    DurationSpec operator()(const Exponential& shape) const { return self.finish(stream.exponential(shape.mean)); }
    DurationSpec operator()(const LogNormal& shape) const {
      return self.finish(std::exp(shape.mu + shape.sigma * stream.normal()));
    }
    DurationSpec operator()(const Choice& shape) const {
      return {self.unit_, shape.amounts[stream.choose(shape.weights)]};
    }
  };
  return std::visit(Drawer{*this, stream}, shape_);
}

}  // namespace casim::sim
