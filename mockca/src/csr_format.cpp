// PEM and DER decoding of a certificate request, with the findings a CA gives for what it cannot
// or should not read: no request at all, a certificate or key instead, a cut-off request, bytes
// around it.
#include "csr_format.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "intake_text.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kDashes = "-----";

struct PemBlock {
  std::string label;
  std::string_view body;
  std::size_t begin = 0;  // offset of the BEGIN line
  std::size_t end = 0;    // offset just past the END line (or where the block breaks off)
  bool complete = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

bool blank(std::string_view text) { return std::all_of(text.begin(), text.end(), is_space); }

std::vector<PemBlock> find_pem_blocks(std::string_view text) {
  std::vector<PemBlock> blocks;
  std::size_t position = 0;
  while (true) {
    const auto begin = text.find(kBegin, position);
    if (begin == std::string_view::npos) return blocks;
    PemBlock block;
    block.begin = begin;
    const auto label_start = begin + kBegin.size();
    const auto label_end = text.find(kDashes, label_start);
    const auto next_begin = text.find(kBegin, label_start);
    if (label_end == std::string_view::npos || (next_begin != std::string_view::npos && label_end > next_begin)) {
      const auto line_end = std::min(text.find('\n', label_start), text.size());
      block.label = std::string(text.substr(label_start, line_end - label_start));
      block.end = next_begin == std::string_view::npos ? text.size() : next_begin;
      blocks.push_back(std::move(block));
      if (next_begin == std::string_view::npos) return blocks;
      position = next_begin;
      continue;
    }
    block.label = std::string(text.substr(label_start, label_end - label_start));
    const auto body_start = label_end + kDashes.size();
    const std::string end_line = fmt::format("-----END {}-----", block.label);
    const auto end = text.find(end_line, body_start);
    const auto following = text.find(kBegin, body_start);
    if (end == std::string_view::npos || (following != std::string_view::npos && following < end)) {
      block.end = following == std::string_view::npos ? text.size() : following;
      block.body = text.substr(body_start, block.end - body_start);
    } else {
      block.body = text.substr(body_start, end - body_start);
      block.end = end + end_line.size();
      block.complete = true;
    }
    position = block.end;
    blocks.push_back(std::move(block));
  }
}

bool is_request_label(std::string_view label) {
  return label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST";
}

// What a PEM label holds, as a noun phrase.
std::string describe_label(std::string_view label) {
  if (label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") return "a certificate";
  if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY") return "a public key";
  if (label == "X509 CRL") return "a certificate revocation list";
  if (label == "PKCS7") return "a PKCS#7 bundle";
  return fmt::format("a PEM block of type '{}'", label);
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict base64: whitespace is skipped, padding only at the end. A body cut in the middle of a
// group decodes to the bytes it has; the DER length then tells that it is truncated.
std::optional<std::string> decode_base64(std::string_view body, std::string& why) {
  std::string out;
  std::uint32_t group = 0;
  int count = 0;
  int padding = 0;
  for (const char c : body) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int value = base64_value(c);
    if (value < 0) {
      why = fmt::format("the PEM body has the character {}, which is not base64", in_quotes(std::string_view(&c, 1)));
      return std::nullopt;
    }
    if (padding > 0) {
      why = "the PEM body continues after its base64 padding";
      return std::nullopt;
    }
    group = (group << 6) | static_cast<std::uint32_t>(value);
    if (++count == 4) {
      out.push_back(static_cast<char>((group >> 16) & 0xff));
      out.push_back(static_cast<char>((group >> 8) & 0xff));
      out.push_back(static_cast<char>(group & 0xff));
      group = 0;
      count = 0;
    }
  }
  if (count == 2) out.push_back(static_cast<char>((group >> 4) & 0xff));
  if (count == 3) {
    out.push_back(static_cast<char>((group >> 10) & 0xff));
    out.push_back(static_cast<char>((group >> 2) & 0xff));
  }
  return out;
}

template <typename T, T* (*Decode)(T**, const unsigned char**, long), void (*Free)(T*)>
bool decodes_as(std::span<const unsigned char> der) {
  const unsigned char* cursor = der.data();
  T* object = Decode(nullptr, &cursor, static_cast<long>(der.size()));
  if (object == nullptr) return false;
  Free(object);
  return true;
}

// What DER bytes that are not a request hold instead, as a finding.
Finding identify_other_object(std::span<const unsigned char> der, const std::string& openssl_error) {
  if (decodes_as<X509, d2i_X509, X509_free>(der)) {
    return Finding{Reason::CsrWrongType, "the input is a certificate (DER), not a certificate request", ""};
  }
  if (decodes_as<X509_CRL, d2i_X509_CRL, X509_CRL_free>(der)) {
    return Finding{Reason::CsrWrongType, "the input is a certificate revocation list (DER), not a certificate request",
                   ""};
  }
  if (decodes_as<EVP_PKEY, d2i_AutoPrivateKey, EVP_PKEY_free>(der) ||
      decodes_as<X509_SIG, d2i_X509_SIG, X509_SIG_free>(der)) {
    return Finding{Reason::CsrIsPrivateKey, "the input is a private key (DER), not a certificate request", ""};
  }
  if (decodes_as<EVP_PKEY, d2i_PUBKEY, EVP_PKEY_free>(der)) {
    return Finding{Reason::CsrWrongType, "the input is a public key (DER), not a certificate request", ""};
  }
  return Finding{Reason::CsrUnparsable,
                 openssl_error.empty()
                     ? "the DER is not a PKCS#10 certificate request"
                     : fmt::format("the DER is not a PKCS#10 certificate request ({})", openssl_error),
                 ""};
}

// Parses DER bytes whose outer SEQUENCE should be a request; `where` names them in messages.
void decode_der(std::span<const unsigned char> der, std::string_view where, DecodedRequest& decoded) {
  auto add = [&](Reason reason, std::string message) {
    decoded.findings.push_back(Finding{reason, std::move(message), ""});
  };
  if (der.size() < 2) {
    add(Reason::CsrTruncated, fmt::format("{} holds only {} byte(s)", where, der.size()));
    return;
  }
  if (der[0] != 0x30) {
    add(Reason::CsrUnparsable, fmt::format("{} does not start with an ASN.1 SEQUENCE", where));
    return;
  }
  std::size_t header = 2;
  std::size_t length = der[1];
  if (der[1] == 0x80) {
    add(Reason::CsrUnparsable, fmt::format("{} uses a BER indefinite length, not DER", where));
    return;
  }
  if (der[1] > 0x80) {
    const std::size_t octets = der[1] & 0x7fu;
    if (octets > 4) {
      add(Reason::CsrUnparsable, fmt::format("{} declares an impossible length", where));
      return;
    }
    if (der.size() < 2 + octets) {
      add(Reason::CsrTruncated, fmt::format("{} breaks off inside its length", where));
      return;
    }
    length = 0;
    for (std::size_t index = 0; index < octets; ++index) length = (length << 8) | der[2 + index];
    header += octets;
  }
  const std::size_t total = header + length;
  if (total > der.size()) {
    add(Reason::CsrTruncated,
        fmt::format("{} declares {} bytes but holds only {}: it is cut short", where, total, der.size()));
    return;
  }
  const auto object = der.first(total);
  const unsigned char* cursor = object.data();
  ossl::X509Req request(d2i_X509_REQ(nullptr, &cursor, static_cast<long>(object.size())));
  const auto openssl_error = ossl::drain_errors();
  if (!request || cursor != object.data() + object.size()) {
    decoded.findings.push_back(identify_other_object(object, openssl_error));
    ossl::drain_errors();
    return;
  }
  if (total < der.size()) {
    add(Reason::CsrExtraData, fmt::format("{} bytes follow the request in {}", der.size() - total, where));
  }
  decoded.request = std::move(request);
}

void decode_pem(std::string_view text, DecodedRequest& decoded) {
  auto add = [&](Reason reason, std::string message) {
    decoded.findings.push_back(Finding{reason, std::move(message), ""});
  };
  const auto blocks = find_pem_blocks(text);
  const PemBlock* request = nullptr;
  const PemBlock* other = nullptr;
  for (const auto& block : blocks) {
    if (is_request_label(block.label)) {
      if (request == nullptr) {
        request = &block;
      } else {
        add(Reason::CsrExtraData, "a second certificate request follows the first");
      }
    } else if (x509::is_private_key_label(block.label)) {
      add(Reason::CsrIsPrivateKey, fmt::format("the input contains a private key (-----BEGIN {}-----)", block.label));
    } else if (other == nullptr) {
      other = &block;
    }
  }
  if (request == nullptr) {
    if (other != nullptr) {
      add(Reason::CsrWrongType, fmt::format("the input is {} (-----BEGIN {}-----), not a certificate request",
                                            describe_label(other->label), other->label));
    }
    return;
  }
  if (other != nullptr) {
    add(Reason::CsrExtraData,
        fmt::format("the input also holds {} (-----BEGIN {}-----)", describe_label(other->label), other->label));
  }
  bool stray_text = false;
  std::size_t previous_end = 0;
  for (const auto& block : blocks) {
    stray_text = stray_text || !blank(text.substr(previous_end, block.begin - previous_end));
    previous_end = block.end;
  }
  stray_text = stray_text || !blank(text.substr(previous_end));
  if (stray_text) add(Reason::CsrExtraData, "there is text outside the PEM block(s)");

  if (!request->complete) {
    add(Reason::CsrTruncated,
        fmt::format("the PEM block has no -----END {}----- line: the request is cut short", request->label));
    return;
  }
  std::string why;
  const auto der = decode_base64(request->body, why);
  if (!der) {
    add(Reason::CsrUnparsable, why);
    return;
  }
  const std::span bytes(reinterpret_cast<const unsigned char*>(der->data()), der->size());
  decode_der(bytes, "the PEM request", decoded);
}

}  // namespace

DecodedRequest decode_request(std::string_view bytes) {
  DecodedRequest decoded;
  if (blank(bytes)) {
    decoded.findings.push_back(Finding{Reason::CsrUnparsable, "the input is empty", ""});
    return decoded;
  }
  if (bytes.find(kBegin) != std::string_view::npos) {
    decode_pem(bytes, decoded);
  } else if (static_cast<unsigned char>(bytes.front()) == 0x30) {
    decode_der(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), "the DER input", decoded);
  } else {
    decoded.findings.push_back(Finding{
        Reason::CsrUnparsable, "the input is neither PEM (no -----BEGIN line) nor DER (no ASN.1 SEQUENCE)", ""});
  }
  if (decoded.request == nullptr && decoded.findings.empty()) {
    decoded.findings.push_back(Finding{Reason::CsrUnparsable, "the input holds no certificate request", ""});
  }
  return decoded;
}

}  // namespace casim::mockca
