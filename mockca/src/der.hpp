// A minimal DER writer for the issuer's hot path: tag-length-value assembly, INTEGERs from
// magnitudes, X.509 times, and the DER of OpenSSL objects built once (OIDs, names, extensions).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "casim/mockca/openssl.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca::der {

inline constexpr unsigned char kInteger = 0x02;
inline constexpr unsigned char kBitString = 0x03;
inline constexpr unsigned char kOctetString = 0x04;
inline constexpr unsigned char kUtf8String = 0x0c;
inline constexpr unsigned char kPrintableString = 0x13;
inline constexpr unsigned char kIa5String = 0x16;
inline constexpr unsigned char kSequence = 0x30;
inline constexpr unsigned char kSet = 0x31;
inline constexpr unsigned char kDnsName = 0x82;     // GeneralName [2] IMPLICIT IA5String
inline constexpr unsigned char kExplicit0 = 0xa0;   // [0] EXPLICIT (TBSCertificate.version)
inline constexpr unsigned char kImplicit0 = 0xa0;   // [0] IMPLICIT SET OF (a request's attributes)
inline constexpr unsigned char kExplicit3 = 0xa3;   // [3] EXPLICIT (TBSCertificate.extensions)

// One element read back: its tag, its contents, and what follows it.
struct Element {
  unsigned char tag = 0;
  std::string_view content;
  std::string_view rest;
};
// The element `in` starts with (single-byte tag, definite length); nothing when it is malformed.
std::optional<Element> read_element(std::string_view in);

// Appends tag, length and `content`.
void append_tlv(std::string& out, unsigned char tag, std::string_view content);
// Appends an INTEGER for the unsigned big-endian `magnitude` (leading zeros dropped, a zero byte
// added when the top bit is set so that the value stays positive).
void append_unsigned_integer(std::string& out, std::span<const unsigned char> magnitude);
// Appends a relative distinguished name of one attribute: SET { SEQUENCE { `oid`, value } }, the
// value a string of type `string_tag`; `oid` is an OBJECT IDENTIFIER's DER (object_der).
void append_rdn(std::string& out, std::string_view oid, unsigned char string_tag, std::string_view value);
// Whether `text` is UTF-8 as OpenSSL reads a UTF8String: shortest forms only, no surrogates,
// nothing above U+10FFFF.
bool is_utf8(std::string_view text);
// Appends a Time: UTCTime from 1950 to 2049, GeneralizedTime otherwise (whole seconds, Z).
void append_time(std::string& out, sim::Instant instant);

// The DER of an OBJECT IDENTIFIER given by NID (tag and length included).
std::string object_der(int nid);
std::string name_der(const X509_NAME& name);
std::string extension_der(const X509_EXTENSION& extension);

}  // namespace casim::mockca::der
