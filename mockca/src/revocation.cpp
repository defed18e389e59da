// Revoking issued certificates and signing CRLs.
#include "casim/mockca/revocation.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

void check(int result, const char* what) {
  if (result != 1) throw std::runtime_error(std::string("cannot ") + what + ": " + ossl::drain_errors());
}

ossl::Asn1Integer integer_from_hex(const std::string& hex) {
  BIGNUM* number = nullptr;
  if (BN_hex2bn(&number, hex.c_str()) == 0) throw std::logic_error("recorded serial is not hex: " + hex);
  const ossl::Bignum owned(number);
  ossl::Asn1Integer integer(BN_to_ASN1_INTEGER(owned.get(), nullptr));
  if (!integer) throw std::bad_alloc();
  return integer;
}

ossl::Asn1Time asn1_time(sim::Instant instant) {
  ossl::Asn1Time time(ASN1_TIME_new());
  if (!time) throw std::bad_alloc();
  x509::set_time(*time, instant);
  return time;
}

// A v2 CRL by `issuer` listing `revoked`, signed with `key`.
std::string sign_crl(const X509& issuer, const EVP_PKEY& key, const std::vector<const IssuedRecord*>& revoked,
                     std::uint64_t number, sim::Instant this_update, sim::Instant next_update) {
  ossl::X509Crl crl(X509_CRL_new());
  if (!crl) throw std::bad_alloc();
  check(X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2), "set the CRL version");
  check(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(&issuer)), "set the CRL issuer");
  check(X509_CRL_set1_lastUpdate(crl.get(), asn1_time(this_update).get()), "set thisUpdate");
  check(X509_CRL_set1_nextUpdate(crl.get(), asn1_time(next_update).get()), "set nextUpdate");
  for (const IssuedRecord* record : revoked) {
    ossl::X509Revoked entry(X509_REVOKED_new());
    if (!entry) throw std::bad_alloc();
    check(X509_REVOKED_set_serialNumber(entry.get(), integer_from_hex(record->serial).get()), "set a serial");
    check(X509_REVOKED_set_revocationDate(entry.get(), asn1_time(record->revocation->at).get()),
          "set a revocation date");
    if (record->revocation->reason != RevocationReason::Unspecified) {
      ossl::Asn1Enumerated code(ASN1_ENUMERATED_new());
      if (!code) throw std::bad_alloc();
      check(ASN1_ENUMERATED_set(code.get(), static_cast<long>(record->revocation->reason)), "set a reason");
      check(X509_REVOKED_add1_ext_i2d(entry.get(), NID_crl_reason, code.get(), 0, 0), "add a reasonCode");
    }
    check(X509_CRL_add0_revoked(crl.get(), entry.release()), "add a CRL entry");
  }
  check(X509_CRL_sort(crl.get()), "sort the CRL");

  ossl::Asn1Integer crl_number(ASN1_INTEGER_new());
  if (!crl_number) throw std::bad_alloc();
  check(ASN1_INTEGER_set_uint64(crl_number.get(), number), "set the CRL number");
  check(X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, crl_number.get(), 0, 0), "add the CRL number");
  // OpenSSL 3.0 declares this getter on a non-const X509; it does not change it.
  const ASN1_OCTET_STRING* key_id = X509_get0_subject_key_id(const_cast<X509*>(&issuer));
  if (key_id != nullptr) {
    const std::unique_ptr<AUTHORITY_KEYID, ossl::Deleter<AUTHORITY_KEYID_free>> authority(AUTHORITY_KEYID_new());
    if (!authority) throw std::bad_alloc();
    authority->keyid = ASN1_OCTET_STRING_dup(key_id);
    check(X509_CRL_add1_ext_i2d(crl.get(), NID_authority_key_identifier, authority.get(), 0, 0), "add the AKI");
  }
  // Signing does not change the key; OpenSSL's signature lacks the const.
  if (X509_CRL_sign(crl.get(), const_cast<EVP_PKEY*>(&key), EVP_sha256()) <= 0) {
    throw std::runtime_error("cannot sign a CRL: " + ossl::drain_errors());
  }
  unsigned char* der = nullptr;
  const int size = i2d_X509_CRL(crl.get(), &der);
  if (size <= 0) throw std::runtime_error("cannot encode a CRL: " + ossl::drain_errors());
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return bytes;
}

}  // namespace

std::optional<Finding> revoke(CaState& state, std::string_view serial, RevocationReason reason, sim::Instant at) {
  IssuedRecord* record = state.find(serial);
  if (record == nullptr) {
    return Finding{Reason::RevocationSerialUnknown, fmt::format("no certificate with serial {} was issued here", serial), ""};
  }
  if (record->revocation) {
    return Finding{Reason::RevocationAlreadyRevoked,
                   fmt::format("serial {} was revoked at {} ({})", record->serial,
                               sim::format_instant(record->revocation->at), reason_name(record->revocation->reason)),
                   ""};
  }
  record->revocation = Revocation{at, reason};
  return std::nullopt;
}

std::vector<SignedCrl> make_crls(const Hierarchy& hierarchy, CaState& state, sim::Instant this_update,
                                 sim::Duration validity) {
  if (validity <= sim::Duration::zero()) throw std::invalid_argument("make_crls: validity must be positive");
  std::vector<SignedCrl> crls;
  const sim::Instant next_update = this_update + validity;
  for (const auto& ca : hierarchy.issuing_cas()) {
    std::vector<const IssuedRecord*> revoked;
    for (const auto& record : state.records()) {
      if (record.revocation && record.revocation->at <= this_update && record.level == ca.level &&
          hierarchy.find(record.brand, record.level) == &ca) {
        revoked.push_back(&record);
      }
    }
    SignedCrl crl;
    crl.label = fmt::format("{}/{}", ca.brand, level_dir_name(ca.level));
    crl.dir = ca.dir;
    crl.number = state.next_crl_number(crl.label);
    crl.der = sign_crl(*ca.cert, *ca.key, revoked, crl.number, this_update, next_update);
    crl.entries = revoked.size();
    crl.this_update = this_update;
    crl.next_update = next_update;
    crls.push_back(std::move(crl));
  }
  SignedCrl root;
  root.label = "root";
  root.dir = hierarchy.dir() / "root";
  root.number = state.next_crl_number(root.label);
  root.der = sign_crl(hierarchy.root(), hierarchy.root_key(), {}, root.number,
                      this_update, next_update);
  root.this_update = this_update;
  root.next_update = next_update;
  crls.push_back(std::move(root));
  return crls;
}

void write_crl(const SignedCrl& crl) {
  write_file_atomic(crl.dir / "crl.der", crl.der, kPublicFileMode);
  write_file_atomic(crl.dir / "crl.pem", x509::pem_from_der("X509 CRL", crl.der), kPublicFileMode);
}

}  // namespace casim::mockca
