// Random streams: reproducible, independent per (seed, run index, name), pinned to known values
// so that a change of platform or of the derivation is caught, and the draws' contracts.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <vector>

#include "casim/sim/random.hpp"

BOOST_AUTO_TEST_SUITE(test_random)

using casim::sim::RandomStream;
using casim::sim::stream_key;

namespace {

std::vector<std::uint64_t> raw_draws(RandomStream& stream, int count) {
  std::vector<std::uint64_t> draws;
  for (int i = 0; i < count; ++i) draws.push_back(stream.next_u64());
  return draws;
}

std::vector<std::uint64_t> raw_draws(std::uint64_t seed, std::uint64_t run, std::string_view name, int count) {
  RandomStream stream(seed, run, name);
  return raw_draws(stream, count);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(random_streams)

BOOST_AUTO_TEST_CASE(same_seed_run_and_name_give_the_same_draws) {
  BOOST_TEST(raw_draws(42, 3, "dcv.dns.delay", 1000) == raw_draws(42, 3, "dcv.dns.delay", 1000));
}

BOOST_AUTO_TEST_CASE(a_different_seed_run_index_or_name_gives_different_draws) {
  const auto base = raw_draws(42, 3, "dcv.dns.delay", 100);
  BOOST_TEST(raw_draws(43, 3, "dcv.dns.delay", 100) != base);
  BOOST_TEST(raw_draws(42, 4, "dcv.dns.delay", 100) != base);
  BOOST_TEST(raw_draws(42, 3, "dcv.dns.delay2", 100) != base);
  BOOST_TEST(raw_draws(42, 3, "", 100) != base);
  // Seed and run index are not interchangeable.
  BOOST_TEST(raw_draws(3, 42, "dcv.dns.delay", 100) != base);
}

BOOST_AUTO_TEST_CASE(other_streams_do_not_change_a_streams_sequence) {
  const auto alone = raw_draws(7, 0, "review.call.answer", 200);
  RandomStream before(7, 0, "other.stream");
  RandomStream stream(7, 0, "review.call.answer");
  RandomStream after(7, 0, "yet.another");
  std::vector<std::uint64_t> interleaved;
  for (int i = 0; i < 200; ++i) {
    before.uniform01();
    after.exponential(3.0);
    after.normal();
    interleaved.push_back(stream.next_u64());
  }
  BOOST_TEST(interleaved == alone);
}

// Values from an independent implementation of the documented derivation (FNV-1a 64 over the
// little-endian seed and run index and the name; SplitMix64; xoshiro256**). If these change,
// every scenario's results change: that must be a deliberate decision.
BOOST_AUTO_TEST_CASE(pinned_keys_and_draws) {
  BOOST_TEST(stream_key(0, 0, "") == 0x88201fb960ff6465ULL);
  BOOST_TEST(stream_key(42, 7, "review.call.answer") == 0xad983b63a41e58aeULL);
  BOOST_TEST(raw_draws(42, 7, "review.call.answer", 3) ==
                 (std::vector<std::uint64_t>{0x2648da165d4072dcULL, 0x8546bdc5eac5ee62ULL, 0x60bc08090e9872deULL}),
             boost::test_tools::per_element());
  BOOST_TEST(raw_draws(1, 0, "", 2) == (std::vector<std::uint64_t>{0x43da235a2039cf86ULL, 0x7d4c9c07fb155508ULL}),
             boost::test_tools::per_element());
  // uniform01 is the top 53 bits of a raw draw.
  RandomStream stream(42, 7, "review.call.answer");
  BOOST_TEST(stream.uniform01() == static_cast<double>(0x2648da165d4072dcULL >> 11) * 0x1.0p-53);
}

// Per-order streams are named "<purpose>:<order>:<attempt>"; the name is part of the key. A name
// given in parts is the stream of the whole name.
BOOST_AUTO_TEST_CASE(attempt_and_part_names_are_the_whole_names) {
  const auto draws = [](RandomStream stream) {
    std::vector<std::uint64_t> values;
    for (int i = 0; i < 3; ++i) values.push_back(stream.next_u64());
    return values;
  };
  BOOST_TEST(draws(RandomStream::for_attempt(42, 7, "pre-review.duration", "ov-shop", 2)) ==
                 raw_draws(42, 7, "pre-review.duration:ov-shop:2", 3),
             boost::test_tools::per_element());
  BOOST_TEST(draws(RandomStream::for_attempt(42, 7, "review.call.answer", "", 12)) ==
                 raw_draws(42, 7, "review.call.answer::12", 3),
             boost::test_tools::per_element());
  BOOST_TEST(draws(RandomStream(1, 0, {"ca.serial:", "ca-000001"})) == raw_draws(1, 0, "ca.serial:ca-000001", 3),
             boost::test_tools::per_element());
  BOOST_TEST(stream_key(42, 7, {"review.call", ".answer"}) == 0xad983b63a41e58aeULL);
  BOOST_TEST(draws(RandomStream::for_attempt(42, 7, "pre-review.duration", "ov-shop", 3)) !=
                 raw_draws(42, 7, "pre-review.duration:ov-shop:2", 3),
             "another attempt is another stream");
}

BOOST_AUTO_TEST_CASE(uniform01_stays_in_the_half_open_unit_interval) {
  RandomStream stream(1, 0, "test.uniform01");
  double low = 1, high = 0, sum = 0;
  constexpr int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) {
    const double u = stream.uniform01();
    BOOST_REQUIRE(u >= 0.0);
    BOOST_REQUIRE(u < 1.0);
    low = std::min(low, u);
    high = std::max(high, u);
    sum += u;
  }
  BOOST_TEST(low < 0.001);
  BOOST_TEST(high > 0.999);
  BOOST_TEST(sum / kDraws == 0.5, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(uniform_int_covers_its_bounds_and_nothing_else) {
  RandomStream stream(1, 0, "test.uniform_int");
  std::set<std::int64_t> seen;
  for (int i = 0; i < 10000; ++i) {
    const auto value = stream.uniform_int(-3, 5);
    BOOST_REQUIRE(value >= -3);
    BOOST_REQUIRE(value <= 5);
    seen.insert(value);
  }
  BOOST_TEST(seen.size() == 9u);
  BOOST_TEST(stream.uniform_int(17, 17) == 17);
  // The full int64 range: no overflow, and both signs appear.
  bool negative = false, positive = false;
  for (int i = 0; i < 100; ++i) {
    const auto value = stream.uniform_int(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
    negative = negative || value < 0;
    positive = positive || value > 0;
  }
  BOOST_TEST(negative);
  BOOST_TEST(positive);
  BOOST_CHECK_THROW(stream.uniform_int(5, 4), std::logic_error);
}

BOOST_AUTO_TEST_CASE(uniform_int_has_no_modulo_bias) {
  // With 3 values and modulo of a 2-bit draw, one value would come up twice as often as another.
  RandomStream stream(1, 0, "test.uniform_int.bias");
  std::vector<int> counts(3);
  constexpr int kDraws = 300000;
  for (int i = 0; i < kDraws; ++i) ++counts[static_cast<std::size_t>(stream.uniform_int(0, 2))];
  for (const int count : counts) BOOST_TEST(count / double(kDraws) == 1.0 / 3, boost::test_tools::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(exponential_matches_its_distribution_including_the_tail) {
  RandomStream stream(1, 0, "test.exponential");
  constexpr int kDraws = 2000000;
  double sum = 0;
  int above_one = 0, above_eight = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = stream.exponential(1.0);
    BOOST_REQUIRE(x >= 0.0);
    sum += x;
    above_one += x > 1.0;
    above_eight += x > 8.0;  // beyond the ziggurat's base layer (7.697): the tail branch
  }
  BOOST_TEST(sum / kDraws == 1.0, boost::test_tools::tolerance(0.005));
  BOOST_TEST(above_one / double(kDraws) == std::exp(-1.0), boost::test_tools::tolerance(0.01));
  BOOST_TEST(above_eight / double(kDraws) == std::exp(-8.0), boost::test_tools::tolerance(0.15));
  BOOST_CHECK_THROW(stream.exponential(0.0), std::logic_error);
  BOOST_CHECK_THROW(stream.exponential(-1.0), std::logic_error);
  BOOST_CHECK_THROW(stream.exponential(std::numeric_limits<double>::infinity()), std::logic_error);
}

BOOST_AUTO_TEST_CASE(normal_has_mean_zero_and_unit_variance) {
  RandomStream stream(1, 0, "test.normal");
  constexpr int kDraws = 200000;
  double sum = 0, squares = 0;
  int within_196 = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = stream.normal();
    sum += z;
    squares += z * z;
    within_196 += std::abs(z) < 1.96;
  }
  BOOST_TEST(std::abs(sum / kDraws) < 0.01);
  BOOST_TEST(squares / kDraws == 1.0, boost::test_tools::tolerance(0.01));
  BOOST_TEST(within_196 / double(kDraws) == 0.95, boost::test_tools::tolerance(0.005));
}

BOOST_AUTO_TEST_CASE(choose_follows_the_weights) {
  RandomStream stream(1, 0, "test.choose");
  const std::vector<double> weights{1, 0, 3, 6};
  std::vector<int> counts(weights.size());
  constexpr int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) ++counts[stream.choose(weights)];
  BOOST_TEST(counts[1] == 0);
  BOOST_TEST(counts[0] / double(kDraws) == 0.1, boost::test_tools::tolerance(0.05));
  BOOST_TEST(counts[2] / double(kDraws) == 0.3, boost::test_tools::tolerance(0.02));
  BOOST_TEST(counts[3] / double(kDraws) == 0.6, boost::test_tools::tolerance(0.02));
  BOOST_CHECK_THROW(stream.choose(std::vector<double>{}), std::logic_error);
  BOOST_CHECK_THROW(stream.choose(std::vector<double>{0, 0}), std::logic_error);
  BOOST_CHECK_THROW(stream.choose(std::vector<double>{1, -1}), std::logic_error);
  BOOST_CHECK_THROW(stream.choose(std::vector<double>{1, std::nan("")}), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_random
