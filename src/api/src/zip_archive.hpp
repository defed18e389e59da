// DownloadCertificate's content: a ZIP archive of PEM files written with libzip in memory, and
// base64 (OpenSSL's encoder) to carry it in JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/time.hpp"

namespace casim::api::detail {

struct ZipEntry {
  std::string name;
  std::string content;
  bool secret = false;  // a private key: mode 0600 instead of 0644
};

// The archive's bytes, every entry deflated and stamped with `modified` as UTC+8 wall time (no
// clock, no time zone of the machine: the same entries give the same bytes). Throws
// std::runtime_error when libzip fails.
std::string zip_archive(const std::vector<ZipEntry>& entries, sim::Instant modified);

std::string base64(std::string_view bytes);

}  // namespace casim::api::detail
