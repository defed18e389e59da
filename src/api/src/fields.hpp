// Decoders of the params that carry casim values — CertificateInfoSubmit's CSR, organization and
// contacts, the Org* fields, ReplaceCertificate's CSR — beside the public encoders of the same
// fields (info_fields.cpp, replace_fields.cpp). Each reads through a ParamReader; what it returns
// means something only while the reader is ok().
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/api.hpp"
#include "param_reader.hpp"

namespace casim::api::detail {

// What CertificateInfoSubmit carries besides its CertId.
struct SubmittedInfo {
  mockca::CsrInput csr;
  std::optional<mockca::OrganizationInfo> organization;
  mockca::ContactInfo administrator;
  mockca::ContactInfo contact;
  std::optional<mockca::VerifyType> verify_type;
};

SubmittedInfo read_info(ParamReader& params);

// The names an online CSR asks for: the bound domain, then the other domains.
std::vector<std::string> online_names(const mockca::OnlineCsr& csr);

// Whether any Org* field is given (ModifyCertificateResubmit: none = as first submitted).
bool has_organization_fields(const ParamReader& params);
// The Org* fields; OrgOrganization is required (`why` says when, for the message).
mockca::OrganizationInfo read_organization(ParamReader& params, std::string_view why);

// ReplaceCertificate's choices: no csr = CsrType original.
struct Replacement {
  std::optional<mockca::CsrInput> csr;
  std::optional<mockca::VerifyType> verify_type;
};

// `original_names` (the bound domain first) fill in an online CSR's CertCommonName and DnsNames
// when they are absent.
Replacement read_replacement(ParamReader& params, std::span<const std::string> original_names);

}  // namespace casim::api::detail
