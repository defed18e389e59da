// Fuzz target: the chain checker (mockca::check_chain) on arbitrary certificate files. The trusted
// roots are the input's self-signed certificates as load_roots reads them (from a scratch file),
// and the input is given as the private key file too.
#include <openssl/x509v3.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/chain_check.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/time.hpp"
#include "fuzz_targets.hpp"
#include "scratch_file.hpp"

namespace casim::fuzz {
namespace {

namespace ossl = mockca::ossl;

// The self-signed certificates among those load_roots reads from the input; none when it refuses it.
std::vector<ossl::X509Ptr> trusted_roots(const std::uint8_t* data, std::size_t size) {
  static ScratchFile scratch("roots", "roots.pem");
  std::vector<ossl::X509Ptr> roots;
  try {
    roots = mockca::load_roots(scratch.write(data, size));
  } catch (const InputError&) {
    return {};
  }
  std::erase_if(roots, [](const ossl::X509Ptr& cert) { return X509_check_issued(cert.get(), cert.get()) != X509_V_OK; });
  return roots;
}

}  // namespace

int fuzz_chain_check(const std::uint8_t* data, std::size_t size) {
  static const sim::Instant at = sim::parse_instant("2027-01-01T00:00:00Z");
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const auto roots = trusted_roots(data, size);
  const mockca::ChainCheckOptions options{at, std::string(content), &roots};
  mockca::ChainReport report;
  try {
    report = mockca::check_chain(content, options);
  } catch (const InputError& error) {
    throw std::logic_error(std::string("check_chain threw for bad content, which it documents it never does: ") +
                           error.what());
  }
  for (const std::size_t index : report.path) {
    if (index >= report.certificates.size()) throw std::logic_error("check_chain: path index out of range");
  }
  return 0;
}

}  // namespace casim::fuzz
