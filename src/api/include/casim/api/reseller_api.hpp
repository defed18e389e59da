// The JSON codec of the reseller's SSL API (version 2019-12-05) over mockca::Api: actions and
// params as the reseller's SDK spells them in, {"Response": …} envelopes out. One codec serves the
// agent protocol and `casim serve`; docs/reseller-api.md lists every action, field and error.
//
// Contract:
// - ResellerApi keeps what the reseller keeps before the CA knows of an order: the certificates
//   bought (CreateCertificate), the information submitted (CertificateInfoSubmit), and which CA
//   order and ref each CertificateId stands for. Everything else comes from the CA at each call.
// - call() builds from the params exactly the request the built-in Platform would (SubmitRequest,
//   ReissueRequest, …) and never throws for anything a caller sends: a missing field, a wrong type,
//   a bad value, an unknown id or action, and every CA refusal are answers with an error.
// - The encoders below write casim's C++ values in the shapes the actions take; decoding what they
//   write gives back exactly the same values.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/api/call_answer.hpp"
#include "casim/mockca/api.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/time.hpp"

namespace casim::api {

namespace detail {
class ParamReader;
}

struct Product {
  int id = 0;
  std::string brand;  // "" = the hierarchy's default
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
};

// ProductId = 1 + 3*b + l for brand index b in `brands` (order kept) and l = 0 DV, 1 OV, 2 EV.
std::vector<Product> product_catalogue(const std::vector<std::string>& brands);

struct CallContext {
  // The platform's name for the order a CreateCertificate or ReplaceCertificate makes ("" = not
  // given: CreateCertificate refuses, ReplaceCertificate takes "<original ref>/reissue", or
  // "<original ref>/reissue-2", … when an earlier reissue of it took that).
  std::string order_ref;
};

class ResellerApi {  // one per simulation run; not thread-safe
 public:
  // `ca` must outlive the codec.
  ResellerApi(mockca::Api& ca, std::vector<Product> products);
  ~ResellerApi();
  ResellerApi(const ResellerApi&) = delete;
  ResellerApi& operator=(const ResellerApi&) = delete;

  // One action; `params` is a JSON object (null counts as {}). The answer's certificate_id is the
  // certificate the call is about: for a ReplaceCertificate the CA accepted, the reissue's.
  CallAnswer call(std::string_view action, const nlohmann::json& params, std::string_view request_id,
                  const CallContext& context = {});
  // The CertificateId of a CA order id; nullptr when unknown.
  const std::string* certificate_of_ca_order(std::string_view ca_order_id) const;
  // The actions call() serves, in the order docs/reseller-api.md lists them.
  static const std::vector<std::string_view>& actions();

 private:
  struct Certificate;  // src/certificate.hpp
  struct Action;       // an action's name and handler
  using Reply = mockca::ApiResult<nlohmann::json>;  // the Response's fields, or the error

  static const std::vector<Action>& action_table();

  // Orders: reseller_orders.cpp.
  Reply create_certificate(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply submit_information(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply submit_order(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  // Following an order: reseller_follow.cpp, reseller_describe.cpp.
  Reply describe(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply check_verification(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply complete(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply download(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  // After review or issuance: reseller_lifecycle.cpp.
  Reply cancel(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply resubmit(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply revoke(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply replace(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  // Listing and uploads: reseller_list.cpp, reseller_uploads.cpp.
  Reply describe_all(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply upload(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);
  Reply check_chain(detail::ParamReader& params, const CallContext& context, CallAnswer& answer);

  // DescribeCertificateDetail's fields of one certificate (DescribeCertificates lists the same).
  Reply detail_of(const Certificate& certificate) const;

  // The certificate `field` names (and the answer says so), or ApiCertificateNotFound.
  mockca::ApiResult<Certificate*> certificate(detail::ParamReader& params, std::string_view field,
                                              CallAnswer& answer);
  // The same for a certificate bought (not uploaded), or ApiInformationNotSubmitted.
  mockca::ApiResult<Certificate*> bought(detail::ParamReader& params, std::string_view field, CallAnswer& answer);
  // The same for a certificate the CA has an order of; one still pending submission, or uploaded,
  // is refused with `pending` (the CA's own refusal for an order in the wrong state).
  mockca::ApiResult<Certificate*> submitted(detail::ParamReader& params, mockca::Reason pending,
                                            CallAnswer& answer);
  // The refusal, with `pending`, of an action on a certificate the CA has no order of.
  static mockca::ApiError not_at_ca(const Certificate& certificate, mockca::Reason pending);
  // A ref no certificate is bound to yet, or ApiInvalidParameterValue.
  std::optional<mockca::ApiError> check_ref_free(const std::string& ref) const;
  Certificate& add(std::unique_ptr<Certificate> certificate);
  void bind_ca_order(Certificate& certificate, const std::string& ca_order_id);

  mockca::Api& ca_;
  std::vector<Product> products_;
  std::vector<std::unique_ptr<Certificate>> certificates_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::size_t, std::less<>> by_ref_;
  std::map<std::string, std::string, std::less<>> by_ca_order_;  // CA order id → CertificateId
};

// --- encoders: casim's values in the actions' shapes ---------------------------------------------

// CertificateInfoSubmit's params without CertId (and without VerifyType, which
// CertificateOrderSubmit may carry).
nlohmann::json info_params(const mockca::CsrInput& csr,
                           const std::optional<mockca::OrganizationInfo>& organization,
                           const mockca::ContactInfo& administrator, const mockca::ContactInfo& contact);
// The Org* fields (CertificateInfoSubmit with CompanyType 2, ModifyCertificateResubmit).
nlohmann::json organization_params(const mockca::OrganizationInfo& organization);
// ReplaceCertificate's params without CertificateId: no CSR = CsrType original.
nlohmann::json replace_params(const std::optional<mockca::CsrInput>& csr,
                              std::optional<mockca::VerifyType> verify_type);
// RevokeCertificate's Reason: the RFC 5280 name ("keyCompromise").
std::string revocation_reason_param(mockca::RevocationReason reason);
// One DvAuths entry (DvAuthKey, DvAuthValue, DvAuthDomain, DvAuthPath, DvAuthSubDomain,
// DvAuthVerifyType TXT|CNAME|FILE) with casim's VerifyType and Reused.
nlohmann::json challenge_json(const mockca::DomainChallenge& challenge);
// The challenge of a DvAuths entry challenge_json wrote; an ApiError naming the field otherwise.
mockca::ApiResult<mockca::DomainChallenge> challenge_from_json(const nlohmann::json& entry);
// "YYYY-MM-DD HH:MM:SS" in UTC+8, as the API prints times (fractions of a second dropped).
std::string api_time(sim::Instant instant);

}  // namespace casim::api
