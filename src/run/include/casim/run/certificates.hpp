// The certificates of a run on disk: for each issued order of a scenario's run 0, its cert.pem,
// chain.pem, fullchain.pem and (online CSRs) key.pem under certs/<scenario>/<order>/, and the root
// under certs/root.pem. Folders are 0700, keys 0600, certificates 0644, whatever the umask.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "casim/order/result.hpp"

namespace casim::run {

// Writes the files kept in each order's CertificateSummary (PlatformSettings::
// keep_certificate_files) under `certs`/<scenario>/<order ref>/, following no link. Throws
// InputError for a name that could leave `certs`, and when a file cannot be written (a full disk,
// too many open files, a file, folder or link of that name already there), naming the file and
// saying why.
void write_order_certificates(const std::filesystem::path& certs, const std::string& scenario,
                              const std::vector<order::OrderResult>& orders);

// Writes `root_pem` as `certs`/root.pem.
void write_root_certificate(const std::filesystem::path& certs, const std::string& root_pem);

}  // namespace casim::run
