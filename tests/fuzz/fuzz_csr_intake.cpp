// Fuzz target: CSR intake (mockca::check_csr) on arbitrary PEM or DER bytes.
#include <stdexcept>
#include <string>
#include <string_view>

#include "casim/mockca/csr_intake.hpp"
#include "casim/sim/error.hpp"
#include "fuzz_targets.hpp"

namespace casim::fuzz {

int fuzz_csr_intake(const std::uint8_t* data, std::size_t size) {
  static const mockca::IntakePolicy policy = [] {
    mockca::IntakePolicy p;
    p.max_names = 5;  // low enough that fuzzed requests reach the limit
    p.blocked_names = {"blocked.example.com", "example.org"};
    p.blocked_key_digests = {"0000000000000000000000000000000000000000000000000000000000000000"};
    return p;
  }();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  mockca::IntakeVerdict verdict;
  try {
    verdict = mockca::check_csr(bytes, policy);
  } catch (const InputError& error) {
    throw std::logic_error(std::string("check_csr threw for bad content, which it documents it never does: ") +
                           error.what());
  }
  const bool accepted = verdict.verdict == mockca::IntakeVerdict::Verdict::Accepted;
  if (accepted != verdict.findings.empty()) throw std::logic_error("check_csr: verdict and findings disagree");
  return 0;
}

}  // namespace casim::fuzz
