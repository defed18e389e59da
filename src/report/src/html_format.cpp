// Text and number formats of report.html: shortening at UTF-8 boundaries and fixed-precision
// numbers (escaping is escape.hpp's, shared with junit.xml).
#include <chrono>

#include <fmt/format.h>

#include "html_parts.hpp"

namespace casim::report::html {

std::string shorten(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

double seconds_between(sim::Instant a, sim::Instant b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string number(double value) {
  return fmt::format("{:.2f}", value);
}

}  // namespace casim::report::html
