// CallAnswer: what one call in the reseller API's vocabulary gives back — the JSON envelope its
// caller reads, and the same outcome typed for casim (the error, the certificate concerned, what
// the CA accepted or handed out).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "casim/mockca/api.hpp"

namespace casim::api {

struct CallAnswer {
  // {"Response": {…, "RequestId": …}} or {"Response": {"Error": {"Code", "Message", "Reasons"},
  // "RequestId": …}}.
  nlohmann::json response;
  // The error of a refused call, typed: the codec's own (an Api* reason and a message naming the
  // field) or the CA's.
  std::optional<mockca::ApiError> error;
  std::string certificate_id;  // the CertificateId the call is about ("" when none or unknown)
  std::string order_ref;       // the ref bound to that certificate ("" when none)
  std::optional<mockca::Receipt> receipt;  // CertificateOrderSubmit / ReplaceCertificate accepted by the CA
  std::optional<mockca::CertificateBundle> bundle;  // DownloadCertificate
};

// The error envelope of `error` (for refusals made before any action runs: authorization, limits,
// injected faults).
CallAnswer error_answer(mockca::ApiError error, std::string_view request_id);

}  // namespace casim::api
