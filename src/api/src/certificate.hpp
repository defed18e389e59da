// ResellerApi::Certificate: what the codec keeps of one CertificateId — the purchase, the
// information submitted, the CA order it became — shared by the reseller_*.cpp action files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "casim/api/reseller_api.hpp"
#include "fields.hpp"

namespace casim::api {

struct ResellerApi::Certificate {
  std::string id;   // CertificateId
  std::string ref;  // the platform's name for the order
  Product product;
  int domain_num = 1;  // DomainNum bought
  int time_span = 1;   // TimeSpan bought (years)
  std::optional<detail::SubmittedInfo> info;  // CertificateInfoSubmit
  // Once the CA accepted the order (CertificateOrderSubmit, or ReplaceCertificate for a reissue):
  std::string ca_order_id;
  mockca::VerifyType verify_type = mockca::VerifyType::Dns;
  std::vector<std::string> names;  // the receipt's, the bound domain first

  bool at_ca() const { return !ca_order_id.empty(); }
};

}  // namespace casim::api
