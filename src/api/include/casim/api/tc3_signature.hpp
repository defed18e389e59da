// TC3-HMAC-SHA256, the request signature of the reseller's cloud API as its official SDKs compute
// it: verifying a signed HTTP request against the test credentials a server accepts, and signing
// one (for tests and load generators that are not an SDK).
//
// Contract:
// - The canonical request is method, path, query, the signed headers (names lower-cased, values
//   trimmed, in SignedHeaders' order) and the SHA-256 of the body; the string to sign names the
//   credential scope DATE/SERVICE/tc3_request, where DATE is X-TC-Timestamp's UTC day and SERVICE
//   is whatever the client derived from its endpoint (any name is accepted).
// - The SDKs sign the Host header without its port; a signature over the Host value as received
//   (with the port) is accepted as well.
// - verify gives the first problem as an ApiError with one of the Api* authorization reasons:
//   ApiAuthorizationInvalid (missing or malformed Authorization or X-TC-Timestamp, a signed
//   header absent from the request), ApiSignatureExpired (more than 5 minutes from `now`),
//   ApiSecretIdNotFound, ApiSignatureMismatch. Never throws for what a client sends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "casim/mockca/api.hpp"

namespace casim::api {

struct SignedHttpRequest {
  std::string method = "POST";
  std::string path = "/";
  std::string query;  // without '?'
  // As received; names in any case. A name given twice: the first is used.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Tc3Credential {
  std::string secret_id;
  std::string secret_key;
};

// Wall-clock skew allowed between X-TC-Timestamp and the server's clock.
inline constexpr std::int64_t kTc3MaxSkewSeconds = 300;

// nullopt when `request` is signed by one of `accepted` within the skew of `now_unix` (seconds
// since the epoch, wall clock); otherwise the error to answer.
std::optional<mockca::ApiError> verify_tc3_signature(const SignedHttpRequest& request,
                                                     const std::vector<Tc3Credential>& accepted,
                                                     std::int64_t now_unix);

// The Authorization header's value for `request` signed by `credential` for `service` at
// `timestamp` (which the request's X-TC-Timestamp must carry). Signs the headers content-type
// and host, as the SDKs do.
std::string sign_tc3(const SignedHttpRequest& request, const Tc3Credential& credential, std::string_view service,
                     std::int64_t timestamp);

}  // namespace casim::api
