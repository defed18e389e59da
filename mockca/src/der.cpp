// DER assembly for the issuer.
#include "der.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace casim::mockca::der {
namespace {

// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
}

template <typename Encoder>
std::string encode(const Encoder& encoder) {
  unsigned char* bytes = nullptr;
  const int size = encoder(&bytes);
  if (size <= 0) throw std::runtime_error("DER encoding failed: " + ossl::drain_errors());
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  OPENSSL_free(bytes);
  return out;
}

// Appends a DER length.
void append_length(std::string& out, std::size_t length) {
  if (length < 0x80) {
    out += static_cast<char>(length);
    return;
  }
  unsigned char bytes[sizeof(std::size_t)];
  int count = 0;
  for (std::size_t rest = length; rest != 0; rest >>= 8) bytes[count++] = static_cast<unsigned char>(rest & 0xff);
  out += static_cast<char>(0x80 | count);
  while (count > 0) out += static_cast<char>(bytes[--count]);
}

// The size of an element with `length` bytes of contents.
std::size_t element_size(std::size_t length) {
  std::size_t header = 2;
  for (std::size_t rest = length; rest >= 0x80; rest >>= 8) ++header;
  return header + length;
}

}  // namespace

std::optional<Element> read_element(std::string_view in) {
  if (in.size() < 2 || (in[0] & 0x1f) == 0x1f) return std::nullopt;
  std::size_t header = 2;
  std::size_t length = static_cast<unsigned char>(in[1]);
  if (length >= 0x80) {
    const std::size_t octets = length & 0x7f;
    if (octets == 0 || octets > 4 || in.size() < 2 + octets) return std::nullopt;
    length = 0;
    for (std::size_t i = 0; i < octets; ++i) length = (length << 8) | static_cast<unsigned char>(in[2 + i]);
    header += octets;
  }
  if (length > in.size() - header) return std::nullopt;
  return Element{static_cast<unsigned char>(in[0]), in.substr(header, length), in.substr(header + length)};
}

void append_tlv(std::string& out, unsigned char tag, std::string_view content) {
  out += static_cast<char>(tag);
  append_length(out, content.size());
  out.append(content);
}

void append_rdn(std::string& out, std::string_view oid, unsigned char string_tag, std::string_view value) {
  const std::size_t attribute = oid.size() + element_size(value.size());
  out += static_cast<char>(kSet);
  append_length(out, element_size(attribute));
  out += static_cast<char>(kSequence);
  append_length(out, attribute);
  out.append(oid);
  append_tlv(out, string_tag, value);
}

bool is_utf8(std::string_view text) {
  constexpr std::uint32_t kShortest[] = {0, 0x80, 0x800, 0x10000};  // the least value of each length
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t extra = lead < 0x80 ? 0 : (lead & 0xe0) == 0xc0 ? 1 : (lead & 0xf0) == 0xe0 ? 2 : (lead & 0xf8) == 0xf0 ? 3 : 4;
    if (extra == 4 || text.size() - i <= extra) return false;
    std::uint32_t value = lead & (0x7fu >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      value = (value << 6) | (next & 0x3fu);
    }
    if (value < kShortest[extra] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

void append_unsigned_integer(std::string& out, std::span<const unsigned char> magnitude) {
  std::size_t first = 0;
  while (first + 1 < magnitude.size() && magnitude[first] == 0) ++first;
  const bool pad = magnitude.empty() || (magnitude[first] & 0x80) != 0;
  const std::size_t length = (magnitude.empty() ? 0 : magnitude.size() - first) + (pad ? 1 : 0);
  out += static_cast<char>(kInteger);
  append_length(out, length);
  if (pad) out += '\0';
  out.append(reinterpret_cast<const char*>(magnitude.data()) + first, magnitude.size() - first);
}

void append_time(std::string& out, sim::Instant instant) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
  const std::int64_t days = (seconds >= 0 ? seconds : seconds - 86399) / 86400;
  const std::int64_t in_day = seconds - days * 86400;
  std::int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(days, year, month, day);
  if (year < 0 || year > 9999) throw std::invalid_argument("instant out of the range of X.509 times");
  const auto hour = in_day / 3600, minute = in_day / 60 % 60, second = in_day % 60;
  char text[16];
  const bool utc_time = year >= 1950 && year <= 2049;
  const auto end = utc_time ? fmt::format_to(text, "{:02}{:02}{:02}{:02}{:02}{:02}Z", year % 100, month,
                                             day, hour, minute, second)
                            : fmt::format_to(text, "{:04}{:02}{:02}{:02}{:02}{:02}Z", year, month, day,
                                             hour, minute, second);
  append_tlv(out, utc_time ? 0x17 : 0x18, std::string_view(text, static_cast<std::size_t>(end - text)));
}

std::string object_der(int nid) {
  const ASN1_OBJECT* object = OBJ_nid2obj(nid);
  if (object == nullptr) throw std::invalid_argument("unknown NID " + std::to_string(nid));
  return encode([&](unsigned char** out) { return i2d_ASN1_OBJECT(object, out); });
}

std::string name_der(const X509_NAME& name) {
  return encode([&](unsigned char** out) { return i2d_X509_NAME(&name, out); });
}

std::string extension_der(const X509_EXTENSION& extension) {
  return encode([&](unsigned char** out) { return i2d_X509_EXTENSION(&extension, out); });
}

}  // namespace casim::mockca::der
