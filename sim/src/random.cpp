// Stream derivation (FNV-1a 64 + SplitMix64), the exponential ziggurat and its tables, and the
// draws of RandomStream that are not inline.
#include "casim/sim/random.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace casim::sim {
namespace {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t fnv1a_byte(std::uint64_t hash, std::uint8_t byte) { return (hash ^ byte) * kFnvPrime; }

std::uint64_t fnv1a_u64_le(std::uint64_t hash, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) hash = fnv1a_byte(hash, static_cast<std::uint8_t>(value >> (8 * i)));
  return hash;
}

// SplitMix64 (Steele, Lea, Flood 2014): advances `state` and returns the next output.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The exponential ziggurat: 256 layers of equal area kZigArea under e^-x, layer i spanning
// [0, x[i]) × [f[i], f[i+1]) with f = e^-x; layer 0 is the base strip plus the tail beyond kZigR.
// The constants are Marsaglia & Tsang's (2000).
constexpr int kZigLayers = 256;
constexpr double kZigR = 7.69711747013104972;
constexpr double kLn2 = 0.693147180559945309417;

// e^x for -30 < x ≤ 0 at compile time (std::exp is not constexpr): e^x = 2^k e^r with
// |r| ≤ ln2/2 and e^r by its Taylor series. Constant evaluation rounds every operation as IEEE
// double does, so the tables come out the same on every platform.
constexpr double constexpr_exp(double x) {
  int k = static_cast<int>(x / kLn2 - 0.5);
  const double r = x - k * kLn2;
  double term = 1, sum = 1;
  for (int n = 1; n < 30; ++n) {
    term *= r / n;
    sum += term;
  }
  for (; k < 0; ++k) sum *= 0.5;
  return sum;
}

// ln y for y > 0 at compile time: y = m 2^e with m in [1, 2), ln m = 2 atanh((m − 1)/(m + 1))
// by its series.
constexpr double constexpr_log(double y) {
  int e = 0;
  for (; y >= 2; ++e) y *= 0.5;
  for (; y < 1; --e) y *= 2;
  const double s = (y - 1) / (y + 1);
  double term = s, sum = 0;
  for (int n = 1; n < 80; n += 2) {
    sum += term / n;
    term *= s * s;
  }
  return 2 * sum + e * kLn2;
}

constexpr detail::ZigguratTables make_ziggurat_tables() {
  detail::ZigguratTables tables;
  const double tail_density = constexpr_exp(-kZigR);
  const double area = (kZigR + 1) * tail_density;  // r f(r) + ∫ from r to ∞ of e^-x
  tables.x[0] = area / tail_density;
  tables.x[1] = kZigR;
  for (int i = 1; i < kZigLayers - 1; ++i) {
    tables.x[i + 1] = -constexpr_log(area / tables.x[i] + constexpr_exp(-tables.x[i]));
  }
  tables.x[kZigLayers] = 0;
  for (int i = 0; i <= kZigLayers; ++i) tables.f[i] = constexpr_exp(-tables.x[i]);
  return tables;
}

constexpr detail::ZigguratTables kZig = make_ziggurat_tables();
static_assert(kZig.x[kZigLayers - 1] > 0.06 && kZig.x[kZigLayers - 1] < 0.07, "ziggurat tables are off");

}  // namespace

const detail::ZigguratTables detail::kExpZiggurat = kZig;

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t run_index, std::string_view name) {
  return stream_key(seed, run_index, {name});
}

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t run_index, std::initializer_list<std::string_view> parts) {
  // A run derives all its streams from one seed and run index: their 16 bytes are hashed once.
  const auto seed_and_run = [](std::uint64_t s, std::uint64_t r) {
    return fnv1a_u64_le(fnv1a_u64_le(kFnvOffsetBasis, s), r);
  };
  struct Prefix {
    std::uint64_t seed;
    std::uint64_t run_index;
    std::uint64_t hash;
  };
  thread_local Prefix prefix{0, 0, seed_and_run(0, 0)};
  if (prefix.seed != seed || prefix.run_index != run_index) prefix = {seed, run_index, seed_and_run(seed, run_index)};
  std::uint64_t hash = prefix.hash;
  for (const std::string_view part : parts) {
    for (const char c : part) hash = fnv1a_byte(hash, static_cast<std::uint8_t>(c));
  }
  return hash;
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t run_index, std::string_view name)
    : RandomStream(seed, run_index, {name}) {}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t run_index, std::initializer_list<std::string_view> parts) {
  std::uint64_t mixer = stream_key(seed, run_index, parts);
  // Four successive SplitMix64 outputs are never all zero, the one state xoshiro must avoid.
  for (auto& word : state_) word = splitmix64(mixer);
}

RandomStream RandomStream::for_attempt(std::uint64_t seed, std::uint64_t run_index, std::string_view purpose,
                                       std::string_view order, int attempt) {
  std::array<char, 16> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), attempt).ptr;
  const std::string_view number(digits.data(), static_cast<std::size_t>(end - digits.data()));
  return RandomStream(seed, run_index, {purpose, ":", order, ":", number});
}

std::int64_t RandomStream::uniform_int(std::int64_t lo, std::int64_t hi) {
  if (lo > hi) throw std::logic_error(fmt::format("uniform_int: lo {} is greater than hi {}", lo, hi));
  // The span hi − lo in unsigned arithmetic (exact even for the full int64 range).
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  std::uint64_t mask = span;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  mask |= mask >> 32;
  std::uint64_t offset = 0;
  do {
    offset = next_u64() & mask;
  } while (offset > span);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + offset);
}

double RandomStream::normal() {
  double x = 0, y = 0, s = 0;
  do {
    x = 2 * uniform01() - 1;
    y = 2 * uniform01() - 1;
    s = x * x + y * y;
  } while (s >= 1 || s == 0);
  return x * std::sqrt(-2 * std::log(s) / s);
}

std::size_t RandomStream::choose(std::span<const double> weights) {
  double total = 0;
  for (const double weight : weights) {
    if (!(weight >= 0 && std::isfinite(weight))) {
      throw std::logic_error(fmt::format("choose: weight {} is not a finite non-negative number", weight));
    }
    total += weight;
  }
  if (!(total > 0 && std::isfinite(total))) {
    throw std::logic_error(fmt::format("choose: the weights' sum {} is not positive and finite", total));
  }
  const double target = uniform01() * total;
  double cumulative = 0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0) continue;
    cumulative += weights[i];
    last_positive = i;
    if (target < cumulative) return i;
  }
  // Rounding can leave target just at or above the running sum: it belongs to the last option.
  return last_positive;
}

double RandomStream::exponential_edge(std::size_t layer, double x) {
  for (;;) {
    if (layer == 0) return kZigR - std::log(1.0 - uniform01());  // the tail: r + Exp(1)
    if (kZig.f[layer + 1] + (kZig.f[layer] - kZig.f[layer + 1]) * uniform01() < std::exp(-x)) return x;
    const std::uint64_t bits = next_u64();
    layer = static_cast<std::size_t>(bits & 0xff);
    x = static_cast<double>(bits >> 11) * 0x1.0p-53 * kZig.x[layer];
    if (x < kZig.x[layer + 1]) return x;
  }
}

void RandomStream::throw_bad_mean(double mean) {
  throw std::logic_error(fmt::format("exponential: mean {} is not positive and finite", mean));
}

}  // namespace casim::sim
