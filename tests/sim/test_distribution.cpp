// Duration distributions: over many draws each matches its parameters (means, medians, p90,
// bounds, choice frequencies); draws are valid durations; bad parameters are refused with a
// message naming where and why.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "casim/sim/distribution.hpp"
#include "casim/sim/error.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_distribution)

using casim::InputError;
using casim::sim::DurationDistribution;
using casim::sim::DurationSpec;
using casim::sim::kMaxDuration;
using casim::sim::parse_duration;
using casim::sim::RandomStream;
using casim::sim::WeightedDuration;

namespace {

constexpr int kDraws = 200000;
const std::string kWhere = "scenario.yaml:12:5";

DurationSpec d(const std::string& text) { return parse_duration(text); }

// kDraws amounts drawn from `distribution`, sorted; every draw checked to be in `unit`.
std::vector<double> sorted_draws(const DurationDistribution& distribution, const std::string& stream_name) {
  RandomStream stream(2024, 0, stream_name);
  std::vector<double> amounts;
  amounts.reserve(kDraws);
  for (int i = 0; i < kDraws; ++i) {
    const DurationSpec draw = distribution.draw(stream);
    BOOST_REQUIRE(draw.unit == distribution.unit());
    amounts.push_back(draw.amount);
  }
  std::sort(amounts.begin(), amounts.end());
  return amounts;
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

double quantile(const std::vector<double>& sorted, double q) {
  return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

bool all_whole(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return v == std::trunc(v); });
}

// The message of the InputError `make` throws; fails the test if it throws none.
template <typename Make>
std::string refusal(Make make) {
  try {
    make();
  } catch (const InputError& error) {
    BOOST_TEST(error.where() == kWhere);
    return error.what();
  }
  BOOST_ERROR("bad parameters were accepted");
  return "";
}

bool says(const std::string& message, const std::string& fragment) {
  if (message.find(fragment) != std::string::npos) return true;
  BOOST_TEST_MESSAGE("message: " << message);
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(duration_distributions)

BOOST_AUTO_TEST_CASE(fixed_always_draws_its_value) {
  const auto fixed = DurationDistribution::fixed(d("3bd"), kWhere);
  RandomStream stream(1, 0, "test.fixed");
  for (int i = 0; i < 100; ++i) BOOST_TEST(fixed.draw(stream) == d("3bd"));
  BOOST_TEST((fixed.unit() == DurationSpec::Unit::BusinessDays));
}

BOOST_AUTO_TEST_CASE(uniform_calendar_stays_within_bounds_in_whole_microseconds) {
  const auto uniform = DurationDistribution::uniform(d("1h"), d("3h"), kWhere);
  const auto draws = sorted_draws(uniform, "test.uniform.calendar");
  const double low = d("1h").amount, high = d("3h").amount;
  BOOST_TEST(draws.front() >= low);
  BOOST_TEST(draws.back() <= high);
  BOOST_TEST(draws.front() - low < (high - low) * 0.001);
  BOOST_TEST(high - draws.back() < (high - low) * 0.001);
  BOOST_TEST(mean(draws) == d("2h").amount, boost::test_tools::tolerance(0.01));
  BOOST_TEST(quantile(draws, 0.25) == d("1.5h").amount, boost::test_tools::tolerance(0.01));
  BOOST_TEST(all_whole(draws));
}

BOOST_AUTO_TEST_CASE(uniform_business_days) {
  const auto uniform = DurationDistribution::uniform(d("1bd"), d("3bd"), kWhere);
  const auto draws = sorted_draws(uniform, "test.uniform.business");
  BOOST_TEST(draws.front() >= 1.0);
  BOOST_TEST(draws.back() <= 3.0);
  BOOST_TEST(mean(draws) == 2.0, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(exponential_mean_within_one_percent) {
  const auto exponential = DurationDistribution::exponential(d("10m"), kWhere);
  const auto draws = sorted_draws(exponential, "test.exponential");
  BOOST_TEST(mean(draws) == d("10m").amount, boost::test_tools::tolerance(0.01));
  // The median of an exponential is mean · ln 2.
  BOOST_TEST(quantile(draws, 0.5) == d("10m").amount * std::log(2.0), boost::test_tools::tolerance(0.02));
  BOOST_TEST(draws.front() >= 0.0);
  BOOST_TEST(all_whole(draws));
}

BOOST_AUTO_TEST_CASE(exponential_in_business_hours) {
  const auto exponential = DurationDistribution::exponential(d("4bh"), kWhere);
  const auto draws = sorted_draws(exponential, "test.exponential.business");
  BOOST_TEST(mean(draws) == 4.0, boost::test_tools::tolerance(0.01));
  BOOST_TEST((exponential.unit() == DurationSpec::Unit::BusinessHours));
}

BOOST_AUTO_TEST_CASE(lognormal_median_and_p90_within_two_percent) {
  const auto lognormal = DurationDistribution::lognormal(d("1h"), d("4h"), kWhere);
  const auto draws = sorted_draws(lognormal, "test.lognormal");
  BOOST_TEST(quantile(draws, 0.5) == d("1h").amount, boost::test_tools::tolerance(0.02));
  BOOST_TEST(quantile(draws, 0.9) == d("4h").amount, boost::test_tools::tolerance(0.02));
  BOOST_TEST(draws.front() > 0.0);
  BOOST_TEST(all_whole(draws));
}

BOOST_AUTO_TEST_CASE(lognormal_in_business_days) {
  const auto lognormal = DurationDistribution::lognormal(d("2bd"), d("5bd"), kWhere);
  const auto draws = sorted_draws(lognormal, "test.lognormal.business");
  BOOST_TEST(quantile(draws, 0.5) == 2.0, boost::test_tools::tolerance(0.02));
  BOOST_TEST(quantile(draws, 0.9) == 5.0, boost::test_tools::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(choice_frequencies_follow_the_weights) {
  const auto choice = DurationDistribution::choice(
      {{d("10m"), 1}, {d("1h"), 3}, {d("1d"), 0}, {d("2h"), 6}}, kWhere);
  RandomStream stream(2024, 0, "test.choice");
  int ten_minutes = 0, one_hour = 0, two_hours = 0;
  for (int i = 0; i < kDraws; ++i) {
    const DurationSpec draw = choice.draw(stream);
    if (draw == d("10m")) {
      ++ten_minutes;
    } else if (draw == d("1h")) {
      ++one_hour;
    } else if (draw == d("2h")) {
      ++two_hours;
    } else {
      BOOST_FAIL("drew a value that is not an option, or one of weight 0");
    }
  }
  BOOST_TEST(ten_minutes / double(kDraws) == 0.1, boost::test_tools::tolerance(0.03));
  BOOST_TEST(one_hour / double(kDraws) == 0.3, boost::test_tools::tolerance(0.02));
  BOOST_TEST(two_hours / double(kDraws) == 0.6, boost::test_tools::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(draws_never_exceed_one_hundred_years) {
  const auto exponential = DurationDistribution::exponential(d("36525d"), kWhere);
  RandomStream stream(2024, 0, "test.cap");
  int capped = 0;
  for (int i = 0; i < 1000; ++i) {
    const double amount = exponential.draw(stream).amount;
    BOOST_REQUIRE(amount <= static_cast<double>(kMaxDuration.count()));
    capped += amount == static_cast<double>(kMaxDuration.count());
  }
  BOOST_TEST(capped > 300);  // P(X > mean) = 1/e
}

BOOST_AUTO_TEST_CASE(the_same_stream_gives_the_same_draws) {
  const auto lognormal = DurationDistribution::lognormal(d("1h"), d("4h"), kWhere);
  BOOST_TEST(sorted_draws(lognormal, "test.repeat") == sorted_draws(lognormal, "test.repeat"));
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_refused_with_where_and_why) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(says(refusal([] { DurationDistribution::fixed(DurationSpec::calendar(-casim::sim::kHour), kWhere); }),
                  "scenario.yaml:12:5: fixed distribution: value -1h is negative"));
  BOOST_TEST(says(refusal([] { DurationDistribution::uniform(d("3h"), d("1h"), kWhere); }),
                  "uniform distribution: min 3h is greater than max 1h"));
  BOOST_TEST(says(refusal([] { DurationDistribution::uniform(d("1h"), d("3bd"), kWhere); }),
                  "min is in calendar time but max is in business days; all parameters of a distribution "
                  "must be in the same unit"));
  BOOST_TEST(says(refusal([] { DurationDistribution::exponential(d("0s"), kWhere); }),
                  "exponential distribution: mean 0s must be greater than zero"));
  BOOST_TEST(says(refusal([&] { DurationDistribution::exponential(DurationSpec::business_days(nan), kWhere); }),
                  "is not a finite number"));
  BOOST_TEST(says(refusal([] { DurationDistribution::exponential(DurationSpec::business_days(40000), kWhere); }),
                  "is longer than 100 years"));
  BOOST_TEST(says(refusal([] { DurationDistribution::exponential({DurationSpec::Unit::Calendar, 0.5}, kWhere); }),
                  "is not a whole number of microseconds"));
  BOOST_TEST(says(refusal([] { DurationDistribution::lognormal(d("4h"), d("1h"), kWhere); }),
                  "lognormal distribution: p90 1h must be greater than the median 4h"));
  BOOST_TEST(says(refusal([] { DurationDistribution::lognormal(d("1h"), d("1h"), kWhere); }),
                  "must be greater than the median"));
  BOOST_TEST(says(refusal([] { DurationDistribution::lognormal(d("0s"), d("1h"), kWhere); }),
                  "median 0s must be greater than zero"));
  BOOST_TEST(says(refusal([] { DurationDistribution::lognormal(d("1bh"), d("2bd"), kWhere); }),
                  "same unit"));
  BOOST_TEST(says(refusal([] { DurationDistribution::choice({}, kWhere); }), "choice distribution: no options"));
  BOOST_TEST(says(refusal([] { DurationDistribution::choice({{d("1h"), 0}, {d("2h"), 0}}, kWhere); }),
                  "the weights add up to 0"));
  BOOST_TEST(says(refusal([] { DurationDistribution::choice({{d("1h"), 1}, {d("2h"), -1}}, kWhere); }),
                  "option 2 has weight -1; weights must be finite and not negative"));
  BOOST_TEST(says(refusal([&] { DurationDistribution::choice({{d("1h"), nan}}, kWhere); }), "option 1 has weight"));
  BOOST_TEST(says(refusal([] { DurationDistribution::choice({{d("1h"), 1}, {d("1bd"), 1}}, kWhere); }),
                  "option 1 is in calendar time but option 2 is in business days"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_distribution
