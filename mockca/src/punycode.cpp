// Punycode (RFC 3492, section 6): the bootstring algorithm with its IDNA parameters.
#include "punycode.hpp"

#include <cstdint>
#include <limits>

namespace casim::mockca {
namespace {

constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 128;
constexpr std::uint32_t kMaxInt = std::numeric_limits<std::uint32_t>::max();
constexpr char32_t kMaxCodePoint = 0x10FFFF;

std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first_time) {
  delta = first_time ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (((kBase - kTMin + 1) * delta) / (delta + kSkew));
}

// The threshold t for position k (RFC 3492 section 6.2).
std::uint32_t threshold(std::uint32_t k, std::uint32_t bias) {
  if (k <= bias) return kTMin;
  if (k >= bias + kTMax) return kTMax;
  return k - bias;
}

std::uint32_t digit_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0') + 26;
  if (c >= 'a' && c <= 'z') return static_cast<std::uint32_t>(c - 'a');
  if (c >= 'A' && c <= 'Z') return static_cast<std::uint32_t>(c - 'A');
  return kBase;
}

char digit_char(std::uint32_t digit) {
  return digit < 26 ? static_cast<char>('a' + digit) : static_cast<char>('0' + (digit - 26));
}

}  // namespace

std::optional<std::u32string> punycode_decode(std::string_view encoded) {
  std::u32string output;
  const auto delimiter = encoded.rfind('-');
  std::size_t in = 0;
  if (delimiter != std::string_view::npos) {
    for (std::size_t index = 0; index < delimiter; ++index) {
      const auto byte = static_cast<unsigned char>(encoded[index]);
      if (byte >= 0x80) return std::nullopt;
      output.push_back(byte);
    }
    in = delimiter + 1;
  }
  std::uint32_t n = kInitialN;
  std::uint32_t i = 0;
  std::uint32_t bias = kInitialBias;
  while (in < encoded.size()) {
    const std::uint32_t old_i = i;
    std::uint32_t weight = 1;
    for (std::uint32_t k = kBase;; k += kBase) {
      if (in >= encoded.size()) return std::nullopt;
      const std::uint32_t digit = digit_value(encoded[in++]);
      if (digit >= kBase) return std::nullopt;
      if (digit > (kMaxInt - i) / weight) return std::nullopt;
      i += digit * weight;
      const std::uint32_t t = threshold(k, bias);
      if (digit < t) break;
      if (weight > kMaxInt / (kBase - t)) return std::nullopt;
      weight *= kBase - t;
    }
    const auto length = static_cast<std::uint32_t>(output.size()) + 1;
    bias = adapt(i - old_i, length, old_i == 0);
    if (i / length > kMaxInt - n) return std::nullopt;
    n += i / length;
    i %= length;
    if (n > kMaxCodePoint) return std::nullopt;
    output.insert(output.begin() + i, static_cast<char32_t>(n));
    ++i;
  }
  return output;
}

std::optional<std::string> punycode_encode(std::u32string_view code_points) {
  std::string output;
  for (const char32_t c : code_points) {
    if (c < 0x80) output.push_back(static_cast<char>(c));
  }
  const auto basic = static_cast<std::uint32_t>(output.size());
  std::uint32_t handled = basic;
  if (basic > 0) output.push_back('-');
  std::uint32_t n = kInitialN;
  std::uint32_t delta = 0;
  std::uint32_t bias = kInitialBias;
  while (handled < code_points.size()) {
    std::uint32_t next = kMaxInt;
    for (const char32_t c : code_points) {
      if (c >= n && c < next) next = c;
    }
    if (next - n > (kMaxInt - delta) / (handled + 1)) return std::nullopt;
    delta += (next - n) * (handled + 1);
    n = next;
    for (const char32_t c : code_points) {
      if (c < n && ++delta == 0) return std::nullopt;
      if (c != n) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = threshold(k, bias);
        if (q < t) break;
        output.push_back(digit_char(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      output.push_back(digit_char(q));
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return output;
}

}  // namespace casim::mockca
