// check_csr: reads the request, then runs every check on what could be read — signature
// algorithm and self-signature, the key, the subject CNs and every SAN — so that one answer
// lists all the problems of a request.
#include "casim/mockca/csr_intake.hpp"

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "casim/mockca/key_checks.hpp"
#include "casim/mockca/name_checks.hpp"
#include "csr_format.hpp"
#include "intake_text.hpp"

namespace casim::mockca {
namespace {

std::string object_name(const ASN1_OBJECT* object) {
  const int nid = OBJ_obj2nid(object);
  if (nid != NID_undef) return OBJ_nid2ln(nid);
  char text[128];
  OBJ_obj2txt(text, sizeof text, object, 1);
  return text;
}

// Checks the signature algorithm; false when OpenSSL does not know it (no point verifying).
bool check_signature_algorithm(const X509_REQ* request, std::vector<Finding>& findings) {
  const X509_ALGOR* algorithm = nullptr;
  X509_REQ_get0_signature(request, nullptr, &algorithm);
  const int signature_nid = OBJ_obj2nid(algorithm->algorithm);
  const std::string name = object_name(algorithm->algorithm);
  int digest_nid = NID_undef;
  int key_nid = NID_undef;
  if (signature_nid == NID_undef || OBJ_find_sigid_algs(signature_nid, &digest_nid, &key_nid) != 1) {
    findings.push_back(
        Finding{Reason::SignatureAlgorithmUnsupported, fmt::format("the signature algorithm {} is unknown", name), ""});
    return false;
  }
  if (signature_nid == NID_rsassaPss) {
    findings.push_back(Finding{Reason::SignatureAlgorithmUnsupported,
                               "the request is signed with RSASSA-PSS (PKCS#1 v1.5 or ECDSA required)", ""});
    return true;
  }
  const bool weak = digest_nid == NID_md5 || digest_nid == NID_sha1 || digest_nid == NID_md4 || digest_nid == NID_md2 ||
                    digest_nid == NID_mdc2 || digest_nid == NID_ripemd160;
  if (weak) {
    findings.push_back(
        Finding{Reason::SignatureAlgorithmWeak, fmt::format("the request is signed with {}, a broken hash", name), ""});
    return true;
  }
  const bool good_digest = digest_nid == NID_sha256 || digest_nid == NID_sha384 || digest_nid == NID_sha512;
  const bool good_key = key_nid == NID_rsaEncryption || key_nid == NID_X9_62_id_ecPublicKey;
  if (!good_digest || !good_key) {
    findings.push_back(
        Finding{Reason::SignatureAlgorithmUnsupported, fmt::format("the request is signed with {}", name), ""});
  }
  return true;
}

// The findings for a public key OpenSSL could not decode: an EC point off its curve is the
// common cause.
void check_undecodable_key(X509_REQ* request, const IntakePolicy& policy, IntakeVerdict& verdict) {
  ossl::drain_errors();
  ASN1_OBJECT* algorithm = nullptr;
  X509_ALGOR* parameters = nullptr;
  const X509_PUBKEY* public_key = X509_REQ_get_X509_PUBKEY(request);
  if (public_key == nullptr || X509_PUBKEY_get0_param(&algorithm, nullptr, nullptr, &parameters, public_key) != 1) {
    verdict.findings.push_back(Finding{Reason::KeyUndecodable, "the request has no readable public key", ""});
    return;
  }
  const int key_nid = OBJ_obj2nid(algorithm);
  verdict.key.type = key_nid == NID_X9_62_id_ecPublicKey ? "EC" : object_name(algorithm);
  if (key_nid == NID_X9_62_id_ecPublicKey && parameters != nullptr) {
    int parameter_type = 0;
    const void* value = nullptr;
    X509_ALGOR_get0(nullptr, &parameter_type, &value, parameters);
    if (parameter_type == V_ASN1_OBJECT) {
      const int curve_nid = OBJ_obj2nid(static_cast<const ASN1_OBJECT*>(value));
      const char* nist = EC_curve_nid2nist(curve_nid);
      verdict.key.curve = nist != nullptr ? nist : object_name(static_cast<const ASN1_OBJECT*>(value));
      const bool allowed = verdict.key.curve == "P-256" || verdict.key.curve == "P-384" ||
                           (verdict.key.curve == "P-521" && policy.allow_p521);
      if (allowed) {
        verdict.findings.push_back(
            Finding{Reason::KeyEcPointInvalid,
                    fmt::format("the public point is not a valid point of {}", verdict.key.curve), ""});
      } else {
        verdict.findings.push_back(
            Finding{Reason::KeyCurveUnsupported,
                    fmt::format("an ECDSA key on {} (P-256 or P-384 required)", verdict.key.curve), ""});
      }
      return;
    }
  }
  verdict.findings.push_back(
      Finding{Reason::KeyUndecodable, fmt::format("the {} public key cannot be decoded", verdict.key.type), ""});
}

void check_key_and_signature(X509_REQ* request, bool verify, const IntakePolicy& policy, IntakeVerdict& verdict) {
  EVP_PKEY* key = X509_REQ_get0_pubkey(request);
  if (key == nullptr) {
    check_undecodable_key(request, policy, verdict);
    return;
  }
  EVP_PKEY_up_ref(key);
  verdict.public_key.reset(key);
  if (verify && X509_REQ_verify(request, key) != 1) {
    const auto why = ossl::drain_errors();
    verdict.findings.push_back(
        Finding{Reason::SignatureInvalid,
                why.empty() ? "the self-signature does not verify with the request's key"
                            : fmt::format("the self-signature does not verify with the request's key ({})", why),
                ""});
  }
  auto key_check = check_public_key(key, policy, X509_REQ_get_X509_PUBKEY(request));
  verdict.key = std::move(key_check.info);
  verdict.findings.insert(verdict.findings.end(), key_check.findings.begin(), key_check.findings.end());
}

std::string san_type_name(int type) {
  switch (type) {
    case GEN_OTHERNAME: return "otherName";
    case GEN_X400: return "x400Address";
    case GEN_DIRNAME: return "directoryName";
    case GEN_EDIPARTY: return "ediPartyName";
    case GEN_RID: return "registeredID";
    default: return fmt::format("type {}", type);
  }
}

std::string asn1_text(const ASN1_STRING* value) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

// Reads the SANs: dNSNames into `dns_names`, findings for every other kind of entry.
void read_subject_alt_names(X509_REQ* request, std::vector<std::string>& dns_names, std::vector<Finding>& findings) {
  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(request);
  if (extensions == nullptr) {
    findings.push_back(Finding{Reason::CsrExtensionsInvalid,
                               fmt::format("the extension request cannot be decoded ({})", ossl::drain_errors()), ""});
    return;
  }
  int san_extensions = 0;
  for (int index = 0; index < sk_X509_EXTENSION_num(extensions); ++index) {
    X509_EXTENSION* extension = sk_X509_EXTENSION_value(extensions, index);
    if (OBJ_obj2nid(X509_EXTENSION_get_object(extension)) != NID_subject_alt_name) continue;
    if (++san_extensions > 1) {
      findings.push_back(Finding{Reason::CsrExtensionsInvalid, "the request has more than one subjectAltName", ""});
      continue;
    }
    ossl::GeneralNames names(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(extension)));
    if (!names) {
      findings.push_back(
          Finding{Reason::CsrExtensionsInvalid,
                  fmt::format("the subjectAltName extension cannot be decoded ({})", ossl::drain_errors()), ""});
      continue;
    }
    for (int entry = 0; entry < sk_GENERAL_NAME_num(names.get()); ++entry) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), entry);
      switch (name->type) {
        case GEN_DNS: dns_names.push_back(asn1_text(name->d.dNSName)); break;
        case GEN_IPADD:
          findings.push_back(check_ip_san(std::span(ASN1_STRING_get0_data(name->d.iPAddress),
                                                    static_cast<std::size_t>(ASN1_STRING_length(name->d.iPAddress)))));
          break;
        case GEN_EMAIL: {
          const auto email = asn1_text(name->d.rfc822Name);
          findings.push_back(
              Finding{Reason::NameEmailSan, fmt::format("the SANs hold the email address {}", in_quotes(email)), email});
          break;
        }
        case GEN_URI: {
          const auto uri = asn1_text(name->d.uniformResourceIdentifier);
          findings.push_back(Finding{Reason::NameUriSan, fmt::format("the SANs hold the URI {}", in_quotes(uri)), uri});
          break;
        }
        default:
          findings.push_back(Finding{Reason::NameSanTypeUnsupported,
                                     fmt::format("the SANs hold an {} entry", san_type_name(name->type)), ""});
      }
    }
  }
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
}

void check_names(X509_REQ* request, const IntakePolicy& policy, IntakeVerdict& verdict) {
  std::vector<std::string> common_names;
  const X509_NAME* subject = X509_REQ_get_subject_name(request);
  for (int index = -1; (index = X509_NAME_get_index_by_NID(subject, NID_commonName, index)) >= 0;) {
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0) {
      ossl::drain_errors();
      verdict.findings.push_back(Finding{Reason::NameInvalidCharacters, "the subject CN cannot be read as text", ""});
      continue;
    }
    common_names.emplace_back(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
  }
  if (!common_names.empty()) verdict.common_name = common_names.front();
  std::vector<std::string> dns_names;
  read_subject_alt_names(request, dns_names, verdict.findings);
  auto names = check_requested_names(common_names, dns_names, policy);
  verdict.names = std::move(names.names);
  verdict.findings.insert(verdict.findings.end(), names.findings.begin(), names.findings.end());
}

}  // namespace

IntakeVerdict check_csr(std::string_view bytes, const IntakePolicy& policy) {
  IntakeVerdict verdict;
  auto decoded = decode_request(bytes);
  verdict.findings = std::move(decoded.findings);
  if (!decoded.request) {
    verdict.verdict = IntakeVerdict::Verdict::Unreadable;
    return verdict;
  }
  X509_REQ* request = decoded.request.get();
  const bool known_algorithm = check_signature_algorithm(request, verdict.findings);
  check_key_and_signature(request, known_algorithm, policy, verdict);
  check_names(request, policy, verdict);
  ossl::drain_errors();
  verdict.request = std::move(decoded.request);
  verdict.verdict = verdict.findings.empty() ? IntakeVerdict::Verdict::Accepted : IntakeVerdict::Verdict::Rejected;
  return verdict;
}

std::string describe(const KeyInfo& key) {
  if (key.type == "RSA") return fmt::format("RSA {}", key.bits);
  if (key.type == "EC") return "ECC " + key.curve;
  return key.type;
}

}  // namespace casim::mockca
