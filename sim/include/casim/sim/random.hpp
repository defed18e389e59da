// Seeded random streams: every random draw in a run comes from a RandomStream named after what it
// decides ("dcv.dns.delay", "review.call.answer", …) and derived from (scenario seed, run index,
// stream name), so adding a stream never changes another stream's draws. The generator and all
// draws are casim's own code (no <random> distributions, whose output differs between standard
// libraries): the raw bits, uniform01, uniform_int and choose are identical on every platform;
// exponential and normal also call the C library's exp or log (exponential in about 2% of draws),
// which agree between platforms to the last bit or so.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace casim::sim {

namespace detail {
// The exponential ziggurat's 256 layers: layer i spans [0, x[i]) × [f[i], f[i+1]), f = e^-x.
struct ZigguratTables {
  std::array<double, 257> x{};
  std::array<double, 257> f{};
};
extern const ZigguratTables kExpZiggurat;
}  // namespace detail

// The 64-bit key of a stream: FNV-1a 64 over the seed (8 bytes, little-endian), the run index
// (8 bytes, little-endian) and the bytes of the name. Fixed forever: changing it changes every run.
std::uint64_t stream_key(std::uint64_t seed, std::uint64_t run_index, std::string_view name);
// The key of the name the parts make written one after another, without writing it.
std::uint64_t stream_key(std::uint64_t seed, std::uint64_t run_index, std::initializer_list<std::string_view> parts);

// One stream of random numbers: xoshiro256** whose state is four successive SplitMix64 outputs
// started from stream_key(seed, run_index, name).
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t run_index, std::string_view name);
  // The stream of the name the parts make written one after another ({"ca.serial:", id}).
  RandomStream(std::uint64_t seed, std::uint64_t run_index, std::initializer_list<std::string_view> parts);
  // The stream drawn once per order and attempt, named "<purpose>:<order>:<attempt>".
  static RandomStream for_attempt(std::uint64_t seed, std::uint64_t run_index, std::string_view purpose,
                                  std::string_view order, int attempt);

  // The next 64 raw bits (xoshiro256**).
  std::uint64_t next_u64() noexcept {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform on [0, 1), a multiple of 2^-53 (the top 53 bits of one draw).
  double uniform01() noexcept { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform on [lo, hi], both included, without modulo bias (bitmask rejection).
  // lo > hi is misuse: std::logic_error.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);

  // Exponential with the given mean (> 0 and finite, else std::logic_error), by the ziggurat
  // method (Marsaglia & Tsang 2000; 256 layers, tables computed at compile time): one raw draw
  // and no logarithm for about 98% of values.
  double exponential(double mean) {
    if (!(mean > 0 && mean <= kMaxMean)) throw_bad_mean(mean);
    const std::uint64_t bits = next_u64();
    const auto layer = static_cast<std::size_t>(bits & 0xff);
    const double x = static_cast<double>(bits >> 11) * 0x1.0p-53 * detail::kExpZiggurat.x[layer];
    if (x < detail::kExpZiggurat.x[layer + 1]) return mean * x;  // inside the layer's part under the curve
    return mean * exponential_edge(layer, x);
  }

  // Standard normal by the Marsaglia polar method; each call uses whole pairs of uniforms and
  // keeps no spare value, so the stream has no hidden state besides the generator.
  double normal();

  // An index drawn with probability weights[i] / sum(weights). Weights must be finite and not
  // negative with a positive sum (std::logic_error otherwise).
  std::size_t choose(std::span<const double> weights);

 private:
  static constexpr double kMaxMean = 1.7976931348623157e308;
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  // The rare rest of an exponential(1) draw whose first try `x` fell outside layer `layer`'s core.
  double exponential_edge(std::size_t layer, double x);
  [[noreturn]] static void throw_bad_mean(double mean);

  std::array<std::uint64_t, 4> state_;
};

}  // namespace casim::sim
