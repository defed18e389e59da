// `casim --version`: how casim was built (build type, sanitizers, profile-guided stage), the
// versions it was built with (Boost, fmt, yaml-cpp, nlohmann_json, cxxopts), the OpenSSL and the
// allocator it runs on, and its calendar data: each built-in calendar with the years it covers and
// the SHA-256 of its file (the data version), and the system tz database's version.
#include "version.hpp"

#include <fstream>
#include <string_view>

#include <boost/version.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#ifdef CASIM_MIMALLOC
#include <mimalloc.h>
#endif

#include "casim/sim/calendar_library.hpp"
#include "cxxopts_quiet.hpp"

namespace casim::cli {
namespace {

constexpr std::string_view kCalendarExtension = ".yaml";
constexpr std::string_view kTzdataVersionFile = "/usr/share/zoneinfo/tzdata.zi";  // "# version 2025b"

// The years a calendar covers: "any year", or runs of consecutive years such as "2025–2026".
std::string covered_years_text(const sim::Calendar& calendar) {
  const auto years = calendar.covered_years();
  if (!years) return "any year";
  std::string text;
  for (auto it = years->begin(); it != years->end();) {
    const int first = *it;
    int last = first;
    while (++it != years->end() && *it == last + 1) last = *it;
    text += fmt::format("{}{}", text.empty() ? "" : ", ", first == last ? fmt::format("{}", first)
                                                                          : fmt::format("{}–{}", first, last));
  }
  return text;
}

// The first 12 hex digits of the SHA-256 of `text`: which edition of a calendar file this is.
std::string short_sha256(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) != 1) return "unknown";
  std::string hex;
  for (unsigned int i = 0; i < 6 && i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string tzdata_version() {
  std::ifstream in{std::string(kTzdataVersionFile)};
  std::string hash, word, version;
  if (in >> hash >> word >> version && hash == "#" && word == "version") return version;
  return "unknown";
}

// What serves casim's allocations (src/cli/allocator.cpp), and whether in large OS pages; mimalloc
// numbers its version major·100 + minor·10 + patch.
std::string allocator_text() {
#ifdef CASIM_MIMALLOC
  const int version = mi_version();
  return fmt::format("mimalloc {}.{}.{}{}", version / 100, version / 10 % 10, version % 10,
                     mi_option_is_enabled(mi_option_large_os_pages) ? ", large OS pages" : "");
#else
  return "the C library's malloc";
#endif
}

}  // namespace

std::string version_text() {
  std::string text = fmt::format("casim {}\n", CASIM_VERSION);
  text += fmt::format("build: {}\n", CASIM_BUILD_TEXT);
  text += fmt::format("OpenSSL: {} (built with {})\n", OpenSSL_version(OPENSSL_VERSION), OPENSSL_VERSION_TEXT);
  text += fmt::format("Boost: {}.{}.{}\n", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100);
  text += fmt::format("fmt: {}.{}.{}\n", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
  text += fmt::format("yaml-cpp: {}\n", CASIM_YAML_CPP_VERSION);
  text += fmt::format("nlohmann_json: {}.{}.{}\n", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                      NLOHMANN_JSON_VERSION_PATCH);
  text += fmt::format("cxxopts: {}.{}.{}\n", CXXOPTS__VERSION_MAJOR, CXXOPTS__VERSION_MINOR, CXXOPTS__VERSION_PATCH);
  text += fmt::format("allocator: {}\n", allocator_text());
  text += fmt::format("tz database: {} ({})\n", tzdata_version(), kTzdataVersionFile);
  const sim::CalendarLibrary builtin;
  for (const auto& [file, data] : sim::builtin_calendar_files()) {
    if (!file.ends_with(kCalendarExtension)) continue;
    const std::string_view name = file.substr(0, file.size() - kCalendarExtension.size());
    const auto calendar = builtin.load(name);
    text += fmt::format("calendar {}: {} (built in, data {})\n", name, covered_years_text(calendar), short_sha256(data));
  }
  return text;
}

}  // namespace casim::cli
