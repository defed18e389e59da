// CertificateInfoSubmit's fields both ways: the CSR (GenCsrType online|parse), CompanyType and the
// Org* fields, the Admin* and Tech* contacts. One name and one phone each map losslessly: the
// whole name goes in *FirstName (a *LastName given is appended after a space), the whole phone in
// OrgPhoneNumber (an OrgPhoneArea given is put before it with a hyphen).
#include <array>
#include <string_view>

#include "casim/api/reseller_api.hpp"
#include "fields.hpp"
#include "vocabulary.hpp"

namespace casim::api {

namespace {

constexpr std::array<std::string_view, 10> kOrganizationFields{
    "OrgOrganization", "OrgDivision", "OrgAddress", "OrgCountry", "OrgCity", "OrgRegion",
    "OrgPhoneArea", "OrgPhoneNumber", "OrgIdNumber", "OrgBusinessCategory"};

void put_if(nlohmann::json& params, const char* field, const std::string& value) {
  if (!value.empty()) params[field] = value;
}

// Admin* or Tech* fields.
void put_contact(nlohmann::json& params, const std::string& prefix, const mockca::ContactInfo& contact) {
  put_if(params, (prefix + "FirstName").c_str(), contact.name);
  put_if(params, (prefix + "Title").c_str(), contact.position);
  put_if(params, (prefix + "Phone").c_str(), contact.phone);
  put_if(params, (prefix + "Email").c_str(), contact.email);
}

// `first` and `second` joined by `separator`, leaving out an empty one.
std::string joined(std::string first, const std::string& second, std::string_view separator) {
  if (first.empty()) return second;
  if (!second.empty()) first += std::string(separator) + second;
  return first;
}

mockca::ContactInfo read_contact(detail::ParamReader& params, const std::string& prefix,
                                 std::string_view other_email_field) {
  mockca::ContactInfo contact;
  contact.name = joined(params.string(prefix + "FirstName").value_or(""),
                        params.string(prefix + "LastName").value_or(""), " ");
  contact.position = params.string(prefix + "Title").value_or("");
  contact.phone = params.string(prefix + "Phone").value_or("");
  contact.email = params.string(prefix + "Email").value_or("");
  if (contact.email.empty() && !other_email_field.empty()) {
    contact.email = params.string(other_email_field).value_or("");
  }
  return contact;
}

constexpr std::array<std::string_view, 2> kGenCsrTypes{"online", "parse"};

}  // namespace

nlohmann::json organization_params(const mockca::OrganizationInfo& organization) {
  nlohmann::json params = nlohmann::json::object();
  params["OrgOrganization"] = organization.legal_name;
  put_if(params, "OrgDivision", organization.division);
  put_if(params, "OrgAddress", organization.address);
  put_if(params, "OrgCountry", organization.country);
  put_if(params, "OrgCity", organization.locality);
  put_if(params, "OrgRegion", organization.state);
  put_if(params, "OrgPhoneNumber", organization.phone);
  put_if(params, "OrgIdNumber", organization.registration_number);
  if (organization.business_category) {
    params["OrgBusinessCategory"] = sim::world::to_string(*organization.business_category);
  }
  return params;
}

nlohmann::json info_params(const mockca::CsrInput& csr, const std::optional<mockca::OrganizationInfo>& organization,
                           const mockca::ContactInfo& administrator, const mockca::ContactInfo& contact) {
  nlohmann::json params = nlohmann::json::object();
  if (const auto* online = std::get_if<mockca::OnlineCsr>(&csr)) {
    params["GenCsrType"] = "online";
    params["CertCommonName"] = online->common_name;
    if (!online->other_names.empty()) params["DnsNames"] = online->other_names;
    params["CsrEncryptAlgo"] = detail::algorithm_word(online->key.algorithm);
    params["CsrKeyParameter"] = detail::key_parameter_word(online->key);
    if (online->key_password) params["KeyPass"] = *online->key_password;
  } else {
    const auto& pasted = std::get<mockca::PastedCsr>(csr);
    params["GenCsrType"] = "parse";
    params["Csr"] = pasted.pem;
    put_if(params, "CertCommonName", pasted.common_name);
  }
  params["CompanyType"] = organization ? 2 : 1;
  if (organization) params.update(organization_params(*organization));
  put_contact(params, "Admin", administrator);
  put_contact(params, "Tech", contact);
  return params;
}

namespace detail {

std::vector<std::string> online_names(const mockca::OnlineCsr& csr) {
  std::vector<std::string> names{csr.common_name};
  names.insert(names.end(), csr.other_names.begin(), csr.other_names.end());
  return names;
}

bool has_organization_fields(const ParamReader& params) {
  for (const std::string_view field : kOrganizationFields) {
    if (params.has(field)) return true;
  }
  return false;
}

mockca::OrganizationInfo read_organization(ParamReader& params, std::string_view why) {
  mockca::OrganizationInfo organization;
  organization.legal_name = params.required_string("OrgOrganization", why);
  organization.division = params.string("OrgDivision").value_or("");
  organization.address = params.string("OrgAddress").value_or("");
  organization.country = params.string("OrgCountry").value_or("");
  organization.locality = params.string("OrgCity").value_or("");
  organization.state = params.string("OrgRegion").value_or("");
  organization.phone = joined(params.string("OrgPhoneArea").value_or(""), params.string("OrgPhoneNumber").value_or(""), "-");
  organization.registration_number = params.string("OrgIdNumber").value_or("");
  organization.business_category = read_business_category(params, "OrgBusinessCategory");
  return organization;
}

namespace {

mockca::CsrInput read_csr(ParamReader& params) {
  params.require("GenCsrType");
  const auto type = params.choice("GenCsrType", std::span<const std::string_view>(kGenCsrTypes),
                                  [](std::string_view word) { return word; });
  if (type == "parse") {
    mockca::PastedCsr pasted;
    pasted.pem = params.required_string("Csr", "when GenCsrType is parse");
    pasted.common_name = params.string("CertCommonName").value_or("");
    return pasted;
  }
  mockca::OnlineCsr online;
  online.common_name = params.required_string("CertCommonName", "when GenCsrType is online");
  online.other_names = params.strings("DnsNames").value_or(std::vector<std::string>{});
  online.key = read_key_spec(params, "CsrEncryptAlgo", "CsrKeyParameter", true).value_or(mockca::KeySpec{});
  online.key_password = params.string("KeyPass");
  if (online.key_password && online.key_password->empty()) {
    params.bad_value("KeyPass", "a non-empty password (leave it out for an unencrypted key)", "");
  }
  return online;
}

}  // namespace

SubmittedInfo read_info(ParamReader& params) {
  SubmittedInfo info;
  info.csr = read_csr(params);
  const auto company_type = params.integer("CompanyType", 1, 2).value_or(params.has("OrgOrganization") ? 2 : 1);
  if (company_type == 2) info.organization = read_organization(params, "when CompanyType is 2");
  info.administrator = read_contact(params, "Admin", "");
  info.contact = read_contact(params, "Tech", "ContactEmail");
  info.verify_type = read_verify_type(params, "VerifyType");
  return info;
}

}  // namespace detail
}  // namespace casim::api
