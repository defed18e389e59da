// Shared set-up of the casim serve tests: a session on the test hierarchy, the params of a DV
// order with an online CSR, and reading a DV order's challenge from DescribeCertificateDetail.
#pragma once

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "casim/api/reseller_api.hpp"
#include "casim/serve/session.hpp"
#include "printers.hpp"
#include "test_pki.hpp"

namespace casim::serve::test {

using nlohmann::json;

inline std::unique_ptr<Session> make_session(std::uint64_t seed = 1, ServeClock clock = {}) {
  SessionSetup setup;
  setup.seed = seed;
  setup.hierarchy = &casim::test::test_ca(mockca::CaKeyType::Ecdsa).hierarchy;
  setup.clock = clock;
  return std::make_unique<Session>(std::move(setup));
}

// CertificateInfoSubmit's params for `certificate`: an online ECDSA CSR for `domain` and www.
inline json dv_info(const std::string& certificate, const std::string& domain) {
  mockca::OnlineCsr csr;
  csr.common_name = domain;
  csr.other_names = {"www." + domain};
  json info = api::info_params(csr, std::nullopt, {"Li Lei", "CTO", "+86 138 0000 2222", "li@example.com"}, {});
  info["CertId"] = certificate;
  return info;
}

inline const json& response(const json& envelope) { return envelope.at("Response"); }

// The DNS record a DV order asks for: its full owner name and value, from DescribeCertificateDetail's DvAuthDetail.
struct DnsChallenge {
  std::string name;
  std::string value;
};

inline DnsChallenge dns_challenge(const json& detail) {
  const json& auth = detail.at("DvAuthDetail").at("DvAuths").at(0);
  return {auth.at("DvAuthSubDomain").get<std::string>(), auth.at("DvAuthValue").get<std::string>()};
}

}  // namespace casim::serve::test
