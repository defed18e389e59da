// Duration distributions as scenario files describe delays: fixed, uniform, exponential,
// lognormal (from its median and 90th percentile) and a weighted choice, each over DurationSpec
// parameters all in one unit (calendar time, business days or business hours). Calendar draws are
// whole microseconds; every draw lies between zero and max_amount of its unit (100 years).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "casim/sim/duration.hpp"
#include "casim/sim/random.hpp"

namespace casim::sim {

struct WeightedDuration {
  DurationSpec value;
  double weight = 1;
};

class DurationDistribution {
 public:
  // Each factory checks its parameters (finite, not negative, at most 100 years, one unit, and
  // the rules of its shape) and throws InputError naming `where` on a bad one.
  static DurationDistribution fixed(DurationSpec value, const std::string& where);
  // Uniform between min and max, both included (min ≤ max).
  static DurationDistribution uniform(DurationSpec min, DurationSpec max, const std::string& where);
  // Exponential with the given mean (> 0).
  static DurationDistribution exponential(DurationSpec mean, const std::string& where);
  // Lognormal with the given median (> 0) and 90th percentile (> median):
  // mu = ln median, sigma = (ln p90 − mu) / z(0.9).
  static DurationDistribution lognormal(DurationSpec median, DurationSpec p90, const std::string& where);
  // One of the values, with probability weight / sum of weights (weights ≥ 0, sum > 0).
  static DurationDistribution choice(std::vector<WeightedDuration> options, const std::string& where);

  // The unit every draw is in.
  DurationSpec::Unit unit() const { return unit_; }
  DurationSpec draw(RandomStream& stream) const;

 private:
  struct Fixed {
    double amount;
  };
  struct Uniform {
    double min;
    double max;
  };
  struct Exponential {
    double mean;
  };
  struct LogNormal {
    double mu;
    double sigma;
  };
  struct Choice {
    std::vector<double> amounts;
    std::vector<double> weights;
  };
  using Shape = std::variant<Fixed, Uniform, Exponential, LogNormal, Choice>;

  DurationDistribution(DurationSpec::Unit unit, Shape shape) : unit_(unit), shape_(std::move(shape)) {}
  // A continuous draw made into a valid amount of unit_: within bounds, whole µs for calendar time.
  DurationSpec finish(double amount) const;

  DurationSpec::Unit unit_;
  Shape shape_;
};

}  // namespace casim::sim
