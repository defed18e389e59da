// The one catalogue of reason codes: every way the mock CA (or an order) can refuse, fail or
// find a problem, with its category, the reseller's code where one exists, and a hint that says
// what to fix. Outcomes carry Reason values; text for users comes from here only.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace casim::mockca {

enum class ReasonCategory { Format, Signature, Key, Name, Generation, Chain, Issuance, Validation, Caa, Review, Order, Api, Agent };

// X(Name, category, reseller code or "", what it means, what to do)
#define CASIM_REASONS(X)                                                                         \
  /* Validation: domain control validation (mockca/src/dcv*.cpp), with the LocalCheck codes. */  \
  X(DcvTxtNotFound, Validation, "",                                                              \
    "no TXT record at the validation host _dnsauth.<domain> (LocalCheck -1)",                    \
    "add a TXT record with host _dnsauth and the order's value at the DNS provider that really " \
    "serves the domain (see its NS records) and wait for it to propagate; the host is _dnsauth " \
    "(or _dnsauth.sub), not the full name, which many DNS consoles append once more")            \
  X(DcvTxtMismatch, Validation, "",                                                              \
    "the TXT record at the validation host holds another value (LocalCheck -2)",                 \
    "copy the value exactly as the order shows it (no quotes, no spaces); a value older than 30 " \
    "days is replaced by a new one, so update the record too")                                   \
  X(DcvNsNotFound, Validation, "",                                                               \
    "the domain does not resolve: it has no name servers (LocalCheck -3)",                       \
    "check the domain is registered, not expired, and delegated to working name servers")        \
  X(DcvCnameNotFound, Validation, "",                                                            \
    "no CNAME record at the validation host _dnsauth.<domain> (LocalCheck -6)",                  \
    "add a CNAME record with host _dnsauth pointing to the target the order shows (this brand "  \
    "validates by CNAME, not TXT), and no other record at that host")                            \
  X(DcvCnameMismatch, Validation, "",                                                            \
    "the CNAME at the validation host points elsewhere (LocalCheck -7)",                         \
    "point the _dnsauth CNAME exactly to the target the order shows")                            \
  X(DcvDnsCacheStale, Validation, "",                                                            \
    "the validator still caches an answer from before the record was right (LocalCheck -1)",     \
    "DNS cache not yet updated: the record is in place and is seen once the cached answer "      \
    "expires (the zone's negative TTL, often 600 s); add records before asking to validate")     \
  X(DcvDnsServfail, Validation, "",                                                              \
    "the DNS lookup failed: SERVFAIL, timeout or a CNAME loop (LocalCheck -1)",                  \
    "make sure the domain's name servers answer (dig +trace), DNSSEC is not broken, and CNAME "  \
    "chains end; then validate again")                                                           \
  X(DcvFileNotFound, Validation, "",                                                             \
    "the validation file is not there: 404 (LocalCheck -4)",                                     \
    "put fileauth.txt under /.well-known/pki-validation/ in the document root of this exact "    \
    "host name; if a CDN serves the site, wait until it is synced or purge its cache")           \
  X(DcvFileMismatch, Validation, "",                                                             \
    "the validation file holds something else than the order's value (LocalCheck -5)",           \
    "put exactly the order's value in fileauth.txt (no other text, not an error page), and "     \
    "purge the CDN cache if the site has one")                                                   \
  X(DcvHttpStatus, Validation, "",                                                               \
    "the validation URL answered an error status instead of 200 (LocalCheck -4)",                \
    "let everyone fetch /.well-known/pki-validation/fileauth.txt with a 200: no login, firewall " \
    "or WAF rule, no server error")                                                              \
  X(DcvSiteUnreachable, Validation, "",                                                          \
    "the site gave no HTTP answer: timeout, connection refused or unknown host (LocalCheck -4)", \
    "check the name resolves and ports 80 and 443 are open to the internet; a site that blocks " \
    "overseas visitors blocks the CA's validators too")                                          \
  X(DcvHttpsOnly, Validation, "",                                                                \
    "the site redirects HTTP to HTTPS and does not serve the file over HTTPS (LocalCheck -4)",   \
    "the file is only on HTTP while the site forces HTTPS: put it where the HTTPS site serves it " \
    "(its document root, virtual host or CDN origin)")                                           \
  X(DcvRedirectOffDomain, Validation, "",                                                        \
    "a redirect leaves the registered domain being validated (LocalCheck -4)",                   \
    "serve the file on the name itself; redirects may only stay under the same registered domain") \
  X(DcvTooManyRedirects, Validation, "",                                                         \
    "the validation URL redirects more often than allowed, two times (LocalCheck -4)",           \
    "serve the file directly, or with at most two redirects")                                    \
  X(DcvRedirectInvalid, Validation, "",                                                          \
    "a redirect is not 301, 302, 307 or 308, goes to a non-standard port, or is unreadable",     \
    "redirect with 301, 302, 307 or 308 to http or https on the standard ports 80 and 443")      \
  X(DcvQuorumNotMet, Validation, "",                                                             \
    "too many of the CA's network perspectives disagree (CaCheck -1)",                           \
    "the site or its DNS answers differently by location (geo-DNS, a CDN not synced everywhere, " \
    "a firewall): make every location see the same record or file")                              \
  X(DcvBlockedAbroad, Validation, "",                                                            \
    "only visitors in one region get through: the CA's perspectives there alone, or none while "  \
    "the platform's check from its region passes (CaCheck -1)",                                  \
    "the site blocks overseas validators: allow /.well-known/pki-validation/ from every country, " \
    "or use DNS validation")                                                                     \
  X(DcvWildcardFileNotAllowed, Validation, "",                                                   \
    "wildcard names cannot be validated by file",                                                \
    "choose DNS or DNS_AUTO validation for an order with wildcard names")                        \
  X(DcvRateLimited, Validation, "LimitExceeded.RateLimitExceeded",                               \
    "validation was asked for too often (Frequently, LocalCheck -1)",                            \
    "too frequent: try again in 5 minutes")                                                      \
  X(DcvTimedOut, Validation, "",                                                                 \
    "domain validation timed out, order auto-closed",                                            \
    "place the order again and finish domain validation in time (3 days for DV)")                \
  X(DcvTokenExpired, Validation, "",                                                             \
    "the validation value is older than its 30 days and no longer counts",                       \
    "use the new value the order shows and update the record or file")                           \
  /* Caa: CAA record checks before issuance (mockca/src/caa.cpp). */                             \
  X(CaaForbidden, Caa, "",                                                                       \
    "the CAA records do not allow this CA to issue for the name",                                \
    "CAA names another CA: add 0 issue \"<this CA's domain>\" (issuewild for wildcards) or "     \
    "remove the record; issue \";\" forbids every CA; CAA at a CNAME's target counts too")       \
  X(CaaCriticalUnknownTag, Caa, "",                                                              \
    "a CAA record has the critical flag and a tag the CA does not know",                         \
    "remove that record or clear its critical flag (128)")                                       \
  X(CaaLookupFailed, Caa, "",                                                                    \
    "the CAA lookup failed (SERVFAIL, timeout or CNAME loop), which is not permission",          \
    "make the name servers answer CAA queries (an empty answer is fine); check DNSSEC and "      \
    "firewalls that drop CAA queries")                                                           \
  X(CaaCheckStale, Caa, "",                                                                      \
    "the CAA check is older than 8 hours (or the record's TTL, if longer)",                      \
    "nothing to fix: the CA checks CAA again before signing")                                    \
  /* Order: the CA Api's refusals and order outcomes (mockca/src/ca_*.cpp). */                 \
  X(OrderNotFound, Order, "FailedOperation.CertificateNotFound", \
    "the CA has no order with this id", \
    "use the CA order id the submission returned") \
  X(OrderStatusNotAllowVerify, Order, "FailedOperation.CertificateStatusNotAllowVerify", \
    "the order is not waiting for domain validation", \
    "ask for validation only after pre-review and before the domains pass") \
  X(OrderStatusNotAllowResubmit, Order, "FailedOperation.CertificateStatusNotAllowResubmit", \
    "the order is neither failed nor cancelled, or its domain validation timed out (final)", \
    "resubmit a failed or cancelled order; after a validation timeout place a new order") \
  X(OrderStatusNotAllowDownload, Order, "FailedOperation.CertificateStatusNotAllowDownload", \
    "the order has no certificate to download", \
    "wait until the order is issued (Status 1)") \
  X(OrderCertificateNotSigned, Order, "FailedOperation.CertificateStatusNotAllowDownload", \
    "the run records issuance facts only: no certificate was signed", \
    "run with certificate issuance on to download certificates") \
  X(OrderNotCancellable, Order, "FailedOperation.CertificateNotFoundOrCantCancel", \
    "the order is not under review, so its review cannot be cancelled", \
    "cancel only orders with Status 0; revoke an issued certificate instead") \
  X(OrderAlreadyReplaced, Order, "FailedOperation.OrderAlreadyReplaced", \
    "the order's certificate has already been reissued", \
    "reissue the newest order of the certificate") \
  X(OrderStatusNotAllowReissue, Order, "", \
    "only an issued, unrevoked certificate can be reissued", \
    "wait for issuance, or place a new order for a revoked certificate") \
  X(OrderNotRevocable, Order, "FailedOperation.RevokeFailed", \
    "the order has no issued certificate to revoke", \
    "revoke only issued certificates; cancel an order still under review") \
  X(OrderCommonNameMismatch, Order, "", \
    "the bound domain (CertCommonName) differs from the CSR's CN", \
    "give the CSR's CN as the bound domain, or paste a CSR made for it") \
  X(OrderNameRepeatsCommonName, Order, "InvalidParameter.DomainInvalid", \
    "an other domain repeats the bound domain", \
    "list the bound domain once; other domains must differ from it") \
  X(OrderOrganizationMissing, Order, "", \
    "OV and EV orders need the organization's information", \
    "fill in the organization (full legal name, registration number, address, phone)") \
  X(OrderDnsAutoNotHosted, Order, "", \
    "DNS_AUTO needs every domain hosted on the platform's DNS", \
    "choose DNS (add the record yourself) or FILE, or move the domain to the platform's DNS") \
  X(OrderReissueNamesChanged, Order, "", \
    "a reissue must keep the original certificate's domains", \
    "reissue with a CSR for the same domains, or place a new order") \
  X(OrderCancelled, Order, "", \
    "the order's review was cancelled", \
    "resubmit it (modify information) or place a new order") \
  X(FreeKeyUnsupported, Order, "InvalidParameterValue", \
    "a free DV certificate takes an RSA 2048 or ECC P-256 key only", \
    "generate the key as RSA 2048 or ECC P-256 (CsrEncryptAlgo, CsrKeyParameter), or paste a CSR " \
    "with such a key; buy a paid certificate for other keys") \
  X(FreeLimitExceeded, Order, "FailedOperation.ExceedsFreeLimit", \
    "the account has applied for as many free certificates as it may", \
    "buy a paid certificate, or apply once the account's free allowance is raised") \
  X(FreeRenewalTooEarly, Order, "", \
    "a free certificate can be renewed only within 30 days of its expiry", \
    "apply for the renewal (OldCertificateId) in the last 30 days before the old certificate's notAfter") \
  X(FreeRenewalNotFree, Order, "", \
    "OldCertificateId names an order that is not an issued free certificate", \
    "renew a free certificate through ApplyCertificate, a paid one through a paid order") \
  /* Ordering: the reseller platform's own refusals and how a run ends (src/order). */ \
  X(OrderStatusNotAllowSubmit, Order, "FailedOperation.InvalidCertificateStatusCode", \
    "information can only be submitted for an order pending submission (Status 5)", \
    "submit information once per order; use resubmit (modify information) after a failed review") \
  X(OrderCancelFailedMulti, Order, "FailedOperation.CertificateCancelFailedMulti", \
    "a multi-year order's review cannot be cancelled after its first year", \
    "let the review finish and revoke the certificate if it is not wanted") \
  X(OrderRenewalNotAllowed, Order, "FailedOperation.InvalidCertificateStatusCode", \
    "only an issued certificate can be renewed", \
    "renew an issued certificate; place a new order for an expired, revoked or failed one") \
  X(OrderRenewalOutsideWindow, Order, "", \
    "a certificate can be renewed only within 30 days of its expiry", \
    "renew within the last 30 days before the certificate's notAfter") \
  X(OrderUnexpectedEvent, Order, "", \
    "the order's status cannot take this event (a CA update or platform step out of order)", \
    "a casim bug: report it with the run's trace") \
  X(RunHorizonReached, Order, "", \
    "the run reached its simulated horizon before the order finished", \
    "raise the run's horizon, or find why the order stalls (a record never published, a review " \
    "that never ends)") \
  X(RunEventLimitReached, Order, "", \
    "the run reached its event limit before the order finished", \
    "raise the event limit, or look for an order that polls or retries without end") \
  X(RunCalendarDataMissing, Order, "", \
    "a business calendar has no data for a year the run reached: the run stopped there rather " \
    "than guess", \
    "add the year to the calendar file (see sim/calendars/README.md) or use a calendar that " \
    "covers it") \
  /* Api: a call in the reseller API's vocabulary that cannot be carried out (src/api). */     \
  X(ApiInvalidAction, Api, "InvalidAction", \
    "the action is not one of the reseller API's actions that casim serves", \
    "check the action's name and case (e.g. DescribeCertificateDetail); docs/agent-protocol.md lists them") \
  X(ApiMissingParameter, Api, "MissingParameter", \
    "a parameter the action requires is missing", \
    "send the parameter the error names, with its PascalCase name") \
  X(ApiInvalidParameter, Api, "InvalidParameter", \
    "a parameter has the wrong type or shape", \
    "send the parameter the error names with the type the action takes (string, integer, list)") \
  X(ApiInvalidParameterValue, Api, "InvalidParameterValue", \
    "a parameter's value is outside what the action takes", \
    "use one of the values the error lists for the parameter it names") \
  X(ApiCertificateNotFound, Api, "FailedOperation.CertificateNotFound", \
    "no certificate has this CertificateId", \
    "use the CertificateId CreateCertificate or ReplaceCertificate returned") \
  X(ApiInformationNotSubmitted, Api, "FailedOperation.CertificateStatusNotAllowSubmit", \
    "the certificate's information was not submitted, or it was submitted to the CA already", \
    "call CertificateInfoSubmit before CertificateOrderSubmit, once per certificate") \
  X(ApiRecordNotFound, Api, "InvalidParameter.RecordIdInvalid", \
    "no DNS record with this RecordId on the platform's DNS hosting", \
    "use the RecordId CreateRecord returned, and delete each record once") \
  X(ApiAuthorizationInvalid, Api, "AuthFailure.InvalidAuthorization", \
    "the Authorization header is missing or is not a TC3-HMAC-SHA256 signature with Credential, " \
    "SignedHeaders and Signature", \
    "sign the request as the official SDKs do (TC3-HMAC-SHA256); docs/serve.md shows the fields") \
  X(ApiSignatureExpired, Api, "AuthFailure.SignatureExpire", \
    "X-TC-Timestamp is more than 5 minutes away from the server's wall clock", \
    "sign each request when it is sent, and keep the client's clock in time") \
  X(ApiSecretIdNotFound, Api, "AuthFailure.SecretIdNotFound", \
    "the SecretId in the credential is not one of the server's test credentials", \
    "use the SecretId of casim serve's --credentials file (or its default test credentials)") \
  X(ApiSignatureMismatch, Api, "AuthFailure.SignatureFailure", \
    "the signature does not match the request signed with the SecretId's key", \
    "sign with the SecretKey that belongs to the SecretId, over the body and headers as sent") \
  X(ApiRequestLimitExceeded, Api, "RequestLimitExceeded", \
    "the action was refused by the request rate limit (a fault injected through casim serve)", \
    "retry after a pause; the client must back off on RequestLimitExceeded") \
  X(ApiNetworkError, Api, "FailedOperation.NetworkError", \
    "the call failed on a network error inside the platform (a fault injected through casim serve)", \
    "retry the call; nothing was changed by the failed call") \
  X(ApiRequestTooLarge, Api, "RequestSizeLimitExceeded", \
    "the request body is larger than casim serve's limit", \
    "send a smaller body; a certificate upload fits well under the limit") \
  /* Agent: an external ordering logic (`casim run --agent`) that broke the protocol. */         \
  X(AgentTimeout, Agent, "", \
    "the agent did not finish its turn (a yield) within --agent-timeout of wall time", \
    "answer every event with a yield; raise --agent-timeout if the agent is slow on purpose") \
  X(AgentProtocolError, Agent, "", \
    "the agent wrote a line that is not a protocol message (bad JSON, an unknown op, a missing or " \
    "wrong field)", \
    "write one JSON object per line as docs/agent-protocol.md and its schema say; log to stderr") \
  X(AgentExited, Agent, "", \
    "the agent exited or was killed before the run ended", \
    "read the agent's stderr in the run's log; the agent must stay up from hello to bye") \
  X(AgentCallLimit, Agent, "", \
    "the agent made more requests in one turn than the per-turn limit", \
    "look for a loop in the agent; wait for a timer or an update instead of calling again at once") \
  X(AgentTimerInPast, Agent, "", \
    "the agent asked for a timer or a yield until an instant before the simulated now", \
    "compute wake-ups from the event's \"at\" and ask for instants at or after it") \
  X(AgentStatusContradicted, Agent, "", \
    "the platform showed a final Status the CA's order does not have (issued, failed, cancelled " \
    "or revoked)", \
    "show the customer the Status DescribeCertificateDetail or the CA's update gives") \
  /* Chain: what `casim chain check` finds in an uploaded certificate file. */                   \
  X(ChainUnparsable, Chain, "FailedOperation.CertificateParseError",                             \
    "the certificate file could not be parsed",                                                  \
    "upload whole PEM certificates (-----BEGIN CERTIFICATE----- blocks) with nothing between them") \
  X(ChainPrivateKeyInFile, Chain, "FailedOperation.CertificateParseError",                       \
    "a private key was given where a certificate belongs",                                       \
    "put the certificate and its chain in the certificate field, the key only in the key field") \
  X(ChainOutOfOrder, Chain, "FailedOperation.CertificateChainError",                             \
    "the certificates are not in order",                                                         \
    "put the server certificate first, then each issuer in turn")                                \
  X(ChainIntermediateMissing, Chain, "FailedOperation.CertificateChainError",                    \
    "an intermediate certificate is missing",                                                    \
    "append the issuing CA's certificate (the CA's chain file) after the server certificate")   \
  X(ChainUnrelatedCertificate, Chain, "FailedOperation.CertificateChainError",                   \
    "a certificate in the file is not part of the server certificate's chain",                   \
    "remove the certificates that do not issue the server certificate or its issuers")           \
  X(ChainSignatureInvalid, Chain, "FailedOperation.CertificateChainError",                       \
    "a certificate's signature does not verify with its issuer's key",                           \
    "use the intermediate the CA delivered with this certificate")                               \
  X(ChainUntrustedRoot, Chain, "FailedOperation.CertificateChainError",                          \
    "the chain does not reach a trusted root",                                                   \
    "use the chain of a CA whose root is trusted")                                               \
  X(ChainCertificateExpired, Chain, "", "a certificate has expired",                             \
    "renew the certificate, or replace the expired intermediate with the CA's current one")      \
  X(ChainCertificateNotYetValid, Chain, "", "a certificate is not valid yet",                    \
    "check the clock, or wait until the certificate's notBefore")                                \
  X(ChainKeyUnparsable, Chain, "FailedOperation.CertificateParseError",                          \
    "the private key could not be parsed",                                                       \
    "give an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)")                         \
  X(ChainKeyMismatch, Chain, "FailedOperation.CertificateMismatch",                              \
    "the private key does not match the certificate",                                            \
    "use the key the certificate's CSR was made with, or reissue with a new CSR")                \
  X(ChainTooLong, Chain, "FailedOperation.CertificateChainError",                               \
    "the file holds more certificates than a chain has",                                         \
    "upload the server certificate and its issuers only (2 to 5 certificates), not a CA bundle") \
  /* Review: pre-review and manual OV/EV review (mockca/src/pre_review.cpp, review.cpp). */      \
  X(PreReviewDomainSecurityFailed, Review, "",                                                   \
    "CA review failed — domain did not pass the security review",                                \
    "a domain is on a security blocklist (phishing, malware, illegal content): clean it up or"   \
    " remove it from the order, then apply again (see the reseller's 'Domain Security Review "   \
    "Failed')")                                                                                  \
  X(PreReviewInformationRejected, Review, "",                                                    \
    "order review failed — the submitted information was rejected in pre-review",                \
    "correct the organization, administrator and contact details (full legal name, real "        \
    "landline, reachable contacts) and resubmit via \"modify information\"")                     \
  X(ReviewOrganizationNotFound, Review, "",                                                      \
    "information failed CA review — the organization is not in the company registry",            \
    "give the organization's full legal name and registration number exactly as the registry "   \
    "shows them, then resubmit via \"modify information\"")                                      \
  X(ReviewOrganizationInactive, Review, "",                                                      \
    "information failed CA review — the registry shows the organization as not active",          \
    "only an organization in good standing can be certified: restore its registration (or "      \
    "order for an active one) and resubmit")                                                     \
  X(ReviewOrganizationMismatch, Review, "",                                                      \
    "information failed CA review — legal name, registration number or jurisdiction differs "    \
    "from the registry",                                                                         \
    "copy the legal name, registration number, country, province and city from the registry "    \
    "entry and resubmit via \"modify information\"")                                             \
  X(ReviewNoListedPhone, Review, "",                                                             \
    "information failed CA review — the organization has no phone number in an independent "     \
    "directory",                                                                                 \
    "the CA never calls a number the applicant gives: list the organization's landline in a "    \
    "public directory (registry, Dun & Bradstreet, 114) and resubmit")                           \
  X(ReviewCallRefused, Review, "",                                                               \
    "information failed CA review — the person reached on the organization's listed number "     \
    "denied the order",                                                                          \
    "tell whoever answers the organization's listed number that the certificate was ordered "    \
    "and who may confirm it, then resubmit via \"modify information\"")                          \
  X(ReviewWrongNumber, Review, "",                                                               \
    "information failed CA review — the organization's listed number does not reach the "        \
    "organization",                                                                              \
    "correct the organization's number in the independent directory (registry, Dun & "           \
    "Bradstreet, 114) and resubmit via \"modify information\"")                                  \
  X(ReviewNoAnswerAfterRetries, Review, "",                                                      \
    "information failed CA review — the reviewer will call the reserved number, resubmit via "   \
    "\"modify information\"",                                                                    \
    "do not miss the CA's call: keep the organization's listed number answered during the "      \
    "CA's business hours, then resubmit via \"modify information\"")                             \
  X(ReviewCallsOutsideLineHours, Review, "",                                                     \
    "information failed CA review — every call fell outside the hours the organization's line "  \
    "is staffed",                                                                                \
    "the CA calls in its own calling hours: keep the listed number staffed when they overlap "   \
    "(or forward it), then resubmit via \"modify information\"")                                \
  X(ReviewEvOperationalExistence, Review, "",                                                    \
    "EV review failed — the organization is registered for under 3 years with no evidence of "   \
    "operational existence",                                                                     \
    "provide an independent listing, a bank account confirmation or a professional's letter, "   \
    "or order OV instead")                                                                       \
  X(ReviewEvSignerAuthority, Review, "",                                                         \
    "EV review failed — the authority of the contract signer and certificate approver is not "   \
    "confirmed",                                                                                 \
    "have an officer of the organization confirm the signer's and approver's roles (signed "     \
    "authorization letter) and resubmit")                                                        \
  X(ReviewEvRegistrationDetails, Review, "",                                                     \
    "EV review failed — registration number or business category is missing or differs from "    \
    "the registry",                                                                              \
    "give the registration number and the business category (Private Organization, Government"   \
    " Entity, ...) the registry shows and resubmit")                                             \
  /* Issuance: what the issuer refuses; revocation requests it cannot carry out. */              \
  X(IssuanceBrandUnknown, Issuance, "", "the CA has no issuing CA for this brand",               \
    "use a brand the hierarchy has, or add it with `casim ca init --brand`")                     \
  X(IssuanceNoNames, Issuance, "", "the request names no domain", "name at least one DNS name")  \
  X(IssuanceKeyUnsupported, Issuance, "", "the subscriber key is neither RSA nor ECDSA",        \
    "request the certificate for an RSA or ECDSA key")                                           \
  X(IssuanceSubjectFieldMissing, Issuance, "",                                                   \
    "a subject field the validation level requires is missing",                                  \
    "OV needs country, organization, and state or locality; EV also needs businessCategory, "   \
    "jurisdiction country and serial number")                                                    \
  X(IssuanceSubjectFieldInvalid, Issuance, "", "a subject field has a value the profile forbids", \
    "use two-letter country codes, a BR businessCategory, and X.520 lengths (O 64, L/ST 128)")   \
  X(IssuanceSubjectFieldNotAllowed, Issuance, "",                                                \
    "a subject field is not allowed at this validation level",                                   \
    "DV certificates carry no organization data: drop it, or order OV or EV")                    \
  X(IssuanceEvWildcard, Issuance, "", "EV certificates cannot include wildcard names",           \
    "remove the wildcard names, or order OV or DV for them")                                     \
  X(IssuanceOutsideCaValidity, Issuance, "",                                                     \
    "the certificate would be valid outside its issuing CA's validity",                          \
    "issue within the issuing CA's validity period")                                             \
  X(RevocationSerialUnknown, Issuance, "FailedOperation.RevokeFailed",                           \
    "this CA issued no certificate with this serial number",                                     \
    "give the serial in hex, as `openssl x509 -noout -serial` prints it")                        \
  X(RevocationAlreadyRevoked, Issuance, "FailedOperation.RevokeFailed",                          \
    "the certificate is already revoked", "nothing to do; publish a CRL with `casim ca crl`")    \
  X(CsrUnparsable, Format, "FailedOperation.CertificateCsrParseFailed",                          \
    "the CSR could not be parsed", "submit a complete PEM or DER PKCS#10 request")               \
  /* CSR intake (mockca/src/csr_intake.cpp, key_checks.cpp, name_checks.cpp) and generation */   \
  X(CsrTruncated, Format, "FailedOperation.CertificateCsrParseFailed",                           \
    "the CSR is cut short",                                                                      \
    "copy the whole request, from -----BEGIN CERTIFICATE REQUEST----- to the END line")          \
  X(CsrExtraData, Format, "FailedOperation.CertificateCsrParseFailed",                           \
    "there is data before or after the request",                                                 \
    "submit exactly one request (one PEM block or one DER object) and nothing else")             \
  X(CsrWrongType, Format, "FailedOperation.CertificateCsrParseFailed",                           \
    "the input is not a certificate request (a certificate, a public key, ...)",                 \
    "submit the PKCS#10 request (-----BEGIN CERTIFICATE REQUEST-----), not a certificate or key") \
  X(CsrIsPrivateKey, Format, "FailedOperation.CertificateCsrParseFailed",                        \
    "a private key was submitted",                                                               \
    "never send a private key: consider it exposed, generate a new key and send only its CSR")   \
  X(CsrExtensionsInvalid, Format, "FailedOperation.CertificateCsrParseFailed",                   \
    "the request's extensions could not be decoded",                                             \
    "regenerate the CSR with a standard tool (openssl req, certreq, keytool)")                   \
  X(SignatureInvalid, Signature, "",                                                             \
    "the CSR's self-signature does not verify",                                                  \
    "the CSR was altered or signed with another key: regenerate it with the key it carries")     \
  X(SignatureAlgorithmWeak, Signature, "",                                                       \
    "the CSR is signed with a broken hash (SHA-1, MD5)",                                         \
    "sign the CSR with SHA-256 (openssl req -sha256)")                                           \
  X(SignatureAlgorithmUnsupported, Signature, "",                                                \
    "the signature algorithm is not SHA-256/384/512 with RSA (PKCS#1 v1.5) or ECDSA",            \
    "sign with sha256WithRSAEncryption or ecdsa-with-SHA256")                                    \
  X(KeyUndecodable, Key, "",                                                                     \
    "the public key in the CSR cannot be decoded",                                               \
    "generate a new key and CSR with a standard tool")                                           \
  X(KeyTypeUnsupported, Key, "",                                                                 \
    "the key is neither RSA nor ECDSA (DSA, Ed25519, Ed448, X25519, RSA-PSS are refused)",       \
    "use an RSA key of 2048, 3072 or 4096 bits or an ECDSA key on P-256 or P-384")               \
  X(KeyRsaSizeUnsupported, Key, "",                                                              \
    "the RSA key size is not 2048, 3072 or 4096 bits",                                           \
    "generate an RSA key of 2048, 3072 or 4096 bits")                                            \
  X(KeyRsaModulusNotByteMultiple, Key, "",                                                       \
    "the RSA modulus length is not a multiple of 8 bits",                                        \
    "generate an RSA key of 2048, 3072 or 4096 bits with a standard tool")                       \
  X(KeyRsaExponent, Key, "",                                                                     \
    "the RSA public exponent is not 65537",                                                      \
    "generate the key with public exponent 65537 (every standard tool's default)")               \
  X(KeyRsaSmallFactor, Key, "",                                                                  \
    "the RSA modulus has a prime factor below 752",                                              \
    "the key is broken: generate a new one with a standard tool")                                \
  X(KeyRsaFermatFactorable, Key, "",                                                             \
    "the RSA primes are so close that Fermat's method factors the modulus",                      \
    "the key is broken: generate a new one with a standard tool")                                \
  X(KeyCurveUnsupported, Key, "",                                                                \
    "the ECDSA curve is not P-256 or P-384 (P-521 only where policy allows)",                    \
    "generate an ECDSA key on P-256 (prime256v1) or P-384 (secp384r1)")                          \
  X(KeyEcPointInvalid, Key, "",                                                                  \
    "the ECDSA public point is not a valid point of its curve",                                  \
    "the key is corrupt: generate a new one")                                                    \
  X(KeyBlocked, Key, "",                                                                         \
    "the key is on the list of blocked (compromised) keys",                                      \
    "this key is known to be compromised: generate a new key and never reuse the old one")       \
  X(NameMissing, Name, "",                                                                       \
    "the CSR names no domain",                                                                   \
    "put the domain in the subject CN and in a subjectAltName dNSName")                          \
  X(NameEmpty, Name, "InvalidParameter.DomainInvalid",                                           \
    "a domain name is empty",                                                                    \
    "remove the empty entry")                                                                    \
  X(NameInvalidCharacters, Name, "InvalidParameter.DomainInvalid",                               \
    "a domain name has characters other than letters, digits, hyphens and dots",                 \
    "write internationalized names in punycode (xn--...); no spaces or underscores")             \
  X(NameTooLong, Name, "InvalidParameter.DomainInvalid",                                         \
    "a domain name is longer than 253 characters",                                               \
    "shorten the name to at most 253 characters")                                                \
  X(NameIsIpAddress, Name, "InvalidParameter.DomainInvalid",                                     \
    "an IP address is given as a domain name",                                                   \
    "request a domain name; this product does not certify IP addresses")                         \
  X(NameTrailingDot, Name, "InvalidParameter.DomainInvalid",                                     \
    "a domain name ends with a dot",                                                             \
    "remove the trailing dot (example.com, not example.com.)")                                   \
  X(NameTooFewLabels, Name, "InvalidParameter.DomainInvalid",                                    \
    "a domain name has a single label (an internal name)",                                       \
    "use the fully qualified public name (host.example.com, not host)")                          \
  X(NameLabelEmpty, Name, "InvalidParameter.DomainInvalid",                                      \
    "a domain name has an empty label (two dots in a row or a leading dot)",                     \
    "remove the extra dot")                                                                      \
  X(NameLabelTooLong, Name, "InvalidParameter.DomainInvalid",                                    \
    "a label of a domain name is longer than 63 characters",                                     \
    "shorten each dot-separated part to at most 63 characters")                                  \
  X(NameLabelHyphen, Name, "InvalidParameter.DomainInvalid",                                     \
    "a label of a domain name starts or ends with a hyphen",                                     \
    "remove the hyphen at the start or end of the label")                                        \
  X(NamePunycodeInvalid, Name, "InvalidParameter.DomainInvalid",                                 \
    "an xn-- label is not a valid IDNA2008 A-label (bad punycode or a refused U-label)",         \
    "convert with an IDNA2008 tool (idn2 --register); emoji or mixed-direction labels fail")     \
  X(NameReservedLabel, Name, "InvalidParameter.DomainInvalid",                                   \
    "a label has hyphens in its third and fourth characters (reserved, not xn--)",               \
    "such labels (ab--cd) are reserved for encodings like xn--: use another label")              \
  X(NameInternal, Name, "InvalidParameter.DomainInvalid",                                        \
    "a domain name does not end in a public top-level domain (an internal or reserved name)",    \
    "certify only publicly registered names; use a private CA for .local, .internal, .corp, ...") \
  X(NameIsPublicSuffix, Name, "InvalidParameter.DomainInvalid",                                  \
    "a domain name is itself a public suffix (e.g. co.uk)",                                      \
    "request a name registered under the suffix (example.co.uk)")                                \
  X(NameWildcardNotLeftmost, Name, "InvalidParameter.DomainInvalid",                             \
    "a wildcard is not the whole leftmost label",                                                \
    "use a wildcard only as the whole first label (*.example.com)")                              \
  X(NameWildcardMultiple, Name, "InvalidParameter.DomainInvalid",                                \
    "a domain name has more than one wildcard",                                                  \
    "use one wildcard, as the first label (*.example.com)")                                      \
  X(NameWildcardOnPublicSuffix, Name, "InvalidParameter.DomainInvalid",                          \
    "a wildcard sits directly on a public suffix (*.com, *.co.uk)",                              \
    "put the wildcard under your registered domain (*.example.co.uk)")                           \
  X(NameBlocked, Name, "",                                                                       \
    "a domain name is blocked by the CA's policy",                                               \
    "this name cannot be certified by this CA; contact the CA if you believe that is wrong")     \
  X(NameIpSanReserved, Name, "InvalidParameter.DomainInvalid",                                   \
    "the CSR has an IP address SAN in a private or reserved range",                              \
    "private and reserved addresses can never be certified: use a public domain name")           \
  X(NameIpSanUnsupported, Name, "InvalidParameter.DomainInvalid",                                \
    "the CSR has an IP address SAN (this product certifies domain names only)",                  \
    "remove the IP address, or order an IP-address certificate product")                         \
  X(NameEmailSan, Name, "",                                                                      \
    "the CSR has an email address SAN",                                                          \
    "remove the email address: server certificates certify domain names only")                   \
  X(NameUriSan, Name, "",                                                                        \
    "the CSR has a URI SAN",                                                                     \
    "remove the URI: server certificates certify domain names only")                             \
  X(NameSanTypeUnsupported, Name, "",                                                            \
    "the CSR has a SAN of an unsupported type (otherName, directoryName, ...)",                  \
    "keep only dNSName entries in the subjectAltName")                                           \
  X(NameCommonNameTooLong, Name, "InvalidParameterValue.CertificateDomainMaxLengthInvalid",      \
    "the subject CN is longer than 64 characters",                                               \
    "put a name of at most 64 characters in the CN; longer names can go in the SANs only")       \
  X(NameCommonNameIsIp, Name, "InvalidParameter.DomainInvalid",                                  \
    "the subject CN is an IP address",                                                           \
    "put a domain name in the CN")                                                               \
  X(NameCommonNameMultiple, Name, "",                                                            \
    "the subject has more than one CN",                                                          \
    "put one name in the CN and the others in the subjectAltName")                               \
  X(NameTooMany, Name, "InvalidParameter.DomainCountInvalid",                                    \
    "the CSR has more names than the order allows",                                              \
    "split the names over several certificates or buy more domains for the order")               \
  X(SubjectFieldInvalid, Name, "",                                                               \
    "a subject field is too long or malformed (C must be two letters)",                          \
    "keep O and OU to 64 characters, L and ST to 128, and C to an ISO 3166 two-letter code")     \
  X(CsrGenerationFailed, Generation, "FailedOperation.GenCSRFail",                               \
    "the key and CSR could not be generated",                                                    \
    "fix the problems listed with it and generate again")

enum class Reason {
#define CASIM_REASON_ENUM(name, category, reseller, meaning, hint) name,
  CASIM_REASONS(CASIM_REASON_ENUM)
#undef CASIM_REASON_ENUM
};

struct ReasonInfo {
  Reason reason;
  std::string_view code;           // stable identifier, e.g. "CsrUnparsable"
  ReasonCategory category;
  std::string_view reseller_code;  // the reseller's API error code, "" when it has none
  std::string_view meaning;        // what happened, in one phrase
  std::string_view hint;           // what the user should do about it
};

const ReasonInfo& info(Reason reason);
std::span<const ReasonInfo> all_reasons();
std::optional<Reason> reason_from_code(std::string_view code);
std::string_view category_name(ReasonCategory category);  // "format", "signature", ...

}  // namespace casim::mockca
