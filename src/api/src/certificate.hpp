// ResellerApi::Certificate: what the codec keeps of one CertificateId — the purchase, the
// information submitted, the CA order it became — shared by the reseller_*.cpp action files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "casim/api/reseller_api.hpp"
#include "fields.hpp"

namespace casim::api {

// A certificate the customer uploaded (UploadCertificate) rather than bought.
struct UploadedCertificate {
  std::string certificate_pem;  // the server certificate
  std::string chain_pem;        // its issuers found in the upload, in order
  std::string private_key_pem;  // "" for CertificateType CA
  bool ca_type = false;         // CertificateType CA (else SVR)
  std::string alias;
  std::vector<std::string> names;  // the CN first, then the other dNSNames
  sim::Instant not_before;
  sim::Instant not_after;
  sim::Instant uploaded_at;
};

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
  std::optional<UploadedCertificate> upload;  // set for UploadCertificate's, which have no order

  bool at_ca() const { return !ca_order_id.empty(); }
};

}  // namespace casim::api
