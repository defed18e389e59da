// Parsing an uploaded certificate file and checking the chain it holds.
#include "casim/mockca/chain_check.hpp"

#include <algorithm>
#include <ctime>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "casim/mockca/files.hpp"
#include "casim/sim/error.hpp"
#include "dcv_names.hpp"
#include "x509_util.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kQuoted = 40;  // characters of a stray line shown in a message

struct ParsedCertificate {
  ossl::X509Ptr cert;
  std::size_t line = 0;
};

Finding chain_finding(Reason reason, std::string message) { return Finding{reason, std::move(message), ""}; }

std::string shown(std::string_view text) {
  return text.size() > kQuoted ? fmt::format("'{}…'", text.substr(0, kQuoted)) : fmt::format("'{}'", text);
}

// Strict base64: only the alphabet, a length that is a multiple of 4, '=' only at the end.
std::optional<std::string> decode_base64(std::string_view text) {
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t group = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t value = 0;
    if (i >= text.size() - padding) {
      value = 0;
    } else {
      const auto at = kAlphabet.find(text[i]);
      if (at == std::string_view::npos) return std::nullopt;
      value = static_cast<std::uint32_t>(at);
    }
    group = (group << 6) | value;
    if (i % 4 == 3) {
      out += static_cast<char>((group >> 16) & 0xff);
      out += static_cast<char>((group >> 8) & 0xff);
      out += static_cast<char>(group & 0xff);
      group = 0;
    }
  }
  out.resize(out.size() - padding);
  return out;
}

ossl::X509Ptr certificate_from_der(std::string_view der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* cursor = bytes;
  ossl::X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  std::tm parts{};
  if (!cert || cursor != bytes + der.size() || ASN1_TIME_to_tm(X509_get0_notBefore(cert.get()), &parts) != 1 ||
      ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &parts) != 1) {
    ossl::drain_errors();
    return nullptr;
  }
  return cert;
}

// Splits `content` into PEM blocks, reporting everything that is not a whole certificate block.
std::vector<ParsedCertificate> parse_file(std::string_view content, std::vector<Finding>& findings) {
  std::vector<ParsedCertificate> certificates;
  if (content.find("-----BEGIN ") == std::string_view::npos) {
    if (dcv_names::trim(content).empty()) {
      findings.push_back(chain_finding(Reason::ChainUnparsable, "the file is empty"));
      return certificates;
    }
    if (auto cert = certificate_from_der(content)) {
      certificates.push_back({std::move(cert), 1});
      return certificates;
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(content.data());
    const ossl::Pkey key(d2i_AutoPrivateKey(nullptr, &bytes, static_cast<long>(content.size())));
    ossl::drain_errors();
    findings.push_back(
        key ? chain_finding(Reason::ChainPrivateKeyInFile, "the file is a DER private key, not a certificate")
            : chain_finding(Reason::ChainUnparsable,
                            "not PEM (no -----BEGIN CERTIFICATE----- line) and not a DER certificate"));
    return certificates;
  }

  std::string label;        // of the open block; "" outside blocks
  std::size_t block_line = 0;
  std::string body;
  std::size_t stray_line = 0;  // first line of the current run of stray text, 0 if none
  std::string stray_text;
  const auto flush_stray = [&] {
    if (stray_line == 0) return;
    findings.push_back(chain_finding(Reason::ChainUnparsable, fmt::format("line {}: text outside the PEM blocks ({})",
                                                                          stray_line, shown(stray_text))));
    stray_line = 0;
  };
  const auto close_block = [&] {
    if (label == "CERTIFICATE") {
      const auto der = decode_base64(body);
      if (!der) {
        findings.push_back(
            chain_finding(Reason::ChainUnparsable,
                          fmt::format("line {}: the certificate's base64 is truncated or damaged", block_line)));
      } else if (auto cert = certificate_from_der(*der)) {
        certificates.push_back({std::move(cert), block_line});
      } else {
        findings.push_back(chain_finding(Reason::ChainUnparsable,
                                         fmt::format("line {}: the block does not hold a whole X.509 certificate "
                                                     "(truncated or damaged)",
                                                     block_line)));
      }
    } else if (x509::is_private_key_label(label)) {
      findings.push_back(chain_finding(
          Reason::ChainPrivateKeyInFile,
          fmt::format("line {}: a private key (-----BEGIN {}-----) where certificates belong", block_line, label)));
    } else if (label.find("CERTIFICATE REQUEST") != std::string::npos) {
      findings.push_back(chain_finding(
          Reason::ChainUnparsable, fmt::format("line {}: a certificate request (CSR), not a certificate", block_line)));
    } else {
      findings.push_back(chain_finding(Reason::ChainUnparsable,
                                       fmt::format("line {}: a '{}' block, not a certificate", block_line, label)));
    }
    label.clear();
    body.clear();
  };

  std::size_t line_number = 0;
  for (std::size_t start = 0; start < content.size();) {
    const auto end = content.find('\n', start);
    const std::string_view line =
        dcv_names::trim(content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    start = end == std::string_view::npos ? content.size() : end + 1;
    ++line_number;

    const bool begin = line.starts_with("-----BEGIN ") && line.ends_with("-----") && line.size() > 16;
    const bool finish = line.starts_with("-----END ") && line.ends_with("-----") && line.size() > 14;
    if (label.empty()) {
      if (begin) {
        flush_stray();
        label = std::string(line.substr(11, line.size() - 16));
        block_line = line_number;
      } else if (finish) {
        flush_stray();
        findings.push_back(chain_finding(Reason::ChainUnparsable,
                                         fmt::format("line {}: an END line without its BEGIN line", line_number)));
      } else if (!line.empty() && stray_line == 0) {
        stray_line = line_number;
        stray_text = std::string(line);
      }
      continue;
    }
    if (begin) {
      findings.push_back(
          chain_finding(Reason::ChainUnparsable,
                        fmt::format("line {}: the {} block has no END line (truncated)", block_line, label)));
      label = std::string(line.substr(11, line.size() - 16));
      block_line = line_number;
      body.clear();
    } else if (finish) {
      const std::string end_label(line.substr(9, line.size() - 14));
      if (end_label != label) {
        findings.push_back(chain_finding(
            Reason::ChainUnparsable, fmt::format("line {}: BEGIN {} closed by END {}", block_line, label, end_label)));
        label.clear();
        body.clear();
      } else {
        close_block();
      }
    } else {
      body += line;
    }
  }
  flush_stray();
  if (!label.empty()) {
    findings.push_back(chain_finding(
        Reason::ChainUnparsable, fmt::format("line {}: the {} block has no END line (truncated)", block_line, label)));
  }
  return certificates;
}

bool issued_by(X509& issuer, X509& subject) { return X509_check_issued(&issuer, &subject) == X509_V_OK; }

bool signed_by(X509& issuer, X509& subject) {
  EVP_PKEY* key = X509_get0_pubkey(&issuer);
  const bool ok = key != nullptr && X509_verify(&subject, key) == 1;
  ossl::drain_errors();
  return ok;
}

std::string short_name(const ChainCertificate& cert) { return cert.subject.empty() ? "(empty subject)" : cert.subject; }

ossl::Pkey parse_private_key(std::string_view content) {
  ossl::Bio bio(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  if (!bio) throw std::bad_alloc();
  const auto no_passphrase = [](char*, int, int, void*) { return 0; };
  ossl::Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(content.data());
    key.reset(d2i_AutoPrivateKey(nullptr, &bytes, static_cast<long>(content.size())));
  }
  ossl::drain_errors();
  return key;
}

// Whether the private key in `content` is the server certificate's.
void check_key(std::string_view content, const std::vector<ParsedCertificate>& parsed, ChainReport& report) {
  const ossl::Pkey key = parse_private_key(content);
  if (!key) {
    const bool is_certificate = content.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos;
    const bool encrypted = content.find("ENCRYPTED") != std::string_view::npos;
    report.findings.push_back(chain_finding(Reason::ChainKeyUnparsable,
                                            is_certificate ? "the key file holds a certificate, not a private key"
                                            : encrypted ? "the private key is encrypted (give it without a passphrase)"
                                                        : "the key file holds no PEM or DER private key"));
    return;
  }
  const std::size_t leaf = report.path.front();
  if (EVP_PKEY_eq(X509_get0_pubkey(parsed[leaf].cert.get()), key.get()) == 1) {
    report.key_matches = true;
    return;
  }
  std::string other;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (i != leaf && EVP_PKEY_eq(X509_get0_pubkey(parsed[i].cert.get()), key.get()) == 1) {
      other = fmt::format(" (it is the key of {}, line {})", short_name(report.certificates[i]), parsed[i].line);
    }
  }
  ossl::drain_errors();
  report.findings.push_back(chain_finding(Reason::ChainKeyMismatch,
                                          fmt::format("the private key is not the key of the server certificate {}{}",
                                                      short_name(report.certificates[leaf]), other)));
}

void check_validity(const ChainCertificate& cert, sim::Instant at, std::string_view what,
                    std::vector<Finding>& findings) {
  if (at > cert.not_after) {
    findings.push_back(chain_finding(Reason::ChainCertificateExpired,
                                     fmt::format("{} {} expired at {} (checked at {})", what, short_name(cert),
                                                 sim::format_instant(cert.not_after), sim::format_instant(at))));
  } else if (at < cert.not_before) {
    findings.push_back(chain_finding(Reason::ChainCertificateNotYetValid,
                                     fmt::format("{} {} is valid from {} (checked at {})", what, short_name(cert),
                                                 sim::format_instant(cert.not_before), sim::format_instant(at))));
  }
}

std::string common_name(X509& cert) {
  const X509_NAME* subject = X509_get_subject_name(&cert);
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return "";
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, value);
  if (length < 0) return "";
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

std::vector<std::string> dns_names(X509& cert) {
  std::unique_ptr<GENERAL_NAMES, ossl::Deleter<GENERAL_NAMES_free>> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(&cert, NID_subject_alt_name, nullptr, nullptr)));
  std::vector<std::string> out;
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_DNS) continue;
    const ASN1_IA5STRING* text = name->d.dNSName;
    out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                     static_cast<std::size_t>(ASN1_STRING_length(text)));
  }
  return out;
}

ChainCertificate describe(X509& cert, std::size_t line) {
  ChainCertificate out;
  out.line = line;
  out.subject = x509::name_text(*X509_get_subject_name(&cert));
  out.common_name = common_name(cert);
  out.dns_names = dns_names(cert);
  out.pem = x509::pem_of(cert);
  out.issuer = x509::name_text(*X509_get_issuer_name(&cert));
  out.serial = x509::serial_hex(*X509_get0_serialNumber(&cert));
  out.not_before = x509::to_instant(*X509_get0_notBefore(&cert));
  out.not_after = x509::to_instant(*X509_get0_notAfter(&cert));
  out.ca = X509_check_ca(&cert) != 0;
  out.self_signed = X509_self_signed(&cert, 0) == 1;
  ossl::drain_errors();
  return out;
}

std::string ca_issuers_url(X509& cert) {
  std::unique_ptr<AUTHORITY_INFO_ACCESS, ossl::Deleter<AUTHORITY_INFO_ACCESS_free>> access(
      static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(&cert, NID_info_access, nullptr, nullptr)));
  if (!access) return "";
  for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(access.get()); ++i) {
    const ACCESS_DESCRIPTION* description = sk_ACCESS_DESCRIPTION_value(access.get(), i);
    if (OBJ_obj2nid(description->method) == NID_ad_ca_issuers &&
        description->location->type == GEN_URI) {
      const ASN1_IA5STRING* uri = description->location->d.uniformResourceIdentifier;
      return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                         static_cast<std::size_t>(ASN1_STRING_length(uri)));
    }
  }
  return "";
}

}  // namespace

ChainReport check_chain(std::string_view content, const ChainCheckOptions& options) {
  ChainReport report;
  report.checked_at = options.at;
  std::vector<ParsedCertificate> parsed = parse_file(content, report.findings);
  for (const auto& entry : parsed) report.certificates.push_back(describe(*entry.cert, entry.line));
  if (parsed.empty()) return report;
  auto& findings = report.findings;
  const auto count = parsed.size();
  if (count > kMaxChainCertificates) {
    findings.push_back(chain_finding(
        Reason::ChainTooLong, fmt::format("the file holds {} certificates, more than the {} a chain is checked with; "
                                          "their order, trust and key are not checked",
                                          count, kMaxChainCertificates)));
    return report;
  }

  // The server certificate: the first one that is not a CA, else the first that issues no other.
  std::size_t leaf = count;
  for (std::size_t i = 0; i < count && leaf == count; ++i) {
    if (!report.certificates[i].ca) leaf = i;
  }
  for (std::size_t i = 0; i < count && leaf == count; ++i) {
    bool issues_another = false;
    for (std::size_t j = 0; j < count; ++j) {
      issues_another = issues_another || (i != j && issued_by(*parsed[i].cert, *parsed[j].cert));
    }
    if (!issues_another) leaf = i;
  }
  if (leaf == count) leaf = 0;

  // Its chain within the file, each issuer matched by name and signature.
  report.path.push_back(leaf);
  // The certificate named as an issuer whose key does not verify the signature, if any.
  std::optional<std::size_t> broken;
  while (!report.certificates[report.path.back()].self_signed) {
    X509& current = *parsed[report.path.back()].cert;
    std::size_t next = count;
    std::size_t named = count;
    for (std::size_t j = 0; j < count && next == count; ++j) {
      if (std::find(report.path.begin(), report.path.end(), j) != report.path.end()) continue;
      if (X509_NAME_cmp(X509_get_subject_name(parsed[j].cert.get()), X509_get_issuer_name(&current)) != 0) continue;
      named = j;
      if (issued_by(*parsed[j].cert, current) && signed_by(*parsed[j].cert, current)) next = j;
    }
    if (next == count) {
      if (named != count) {
        broken = named;
        findings.push_back(chain_finding(
            Reason::ChainSignatureInvalid,
            fmt::format("{} (line {}) names {} (line {}) as its issuer, but its signature "
                        "does not verify with that certificate's key (another key under "
                        "the same name)",
                        short_name(report.certificates[report.path.back()]), parsed[report.path.back()].line,
                        short_name(report.certificates[named]), parsed[named].line)));
      }
      break;
    }
    report.path.push_back(next);
  }

  // Order: the path should be the file's first certificates, in path order.
  for (std::size_t k = 0; k < report.path.size(); ++k) {
    if (report.path[k] == k) continue;
    std::vector<std::string> order;
    for (const auto index : report.path) order.push_back(fmt::format("line {}", parsed[index].line));
    findings.push_back(chain_finding(Reason::ChainOutOfOrder,
                                     fmt::format("the server certificate {} must come first, then each issuer in turn "
                                                 "(expected order: {})",
                                                 short_name(report.certificates[leaf]), fmt::join(order, ", "))));
    break;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (std::find(report.path.begin(), report.path.end(), i) != report.path.end() || broken == i) continue;
    findings.push_back(
        chain_finding(Reason::ChainUnrelatedCertificate,
                      fmt::format("{} (line {}) does not issue the server certificate or any of its issuers",
                                  short_name(report.certificates[i]), parsed[i].line)));
  }

  // Where the chain ends: a root in the file, a root in --roots, or a missing issuer.
  const std::size_t last = report.path.back();
  const ChainCertificate& end = report.certificates[last];
  X509& end_cert = *parsed[last].cert;
  const bool leaf_only = report.path.size() == 1;
  const X509* trusted = nullptr;
  if (options.roots != nullptr && !broken) {
    for (const auto& root : *options.roots) {
      if (end.self_signed ? X509_cmp(root.get(), &end_cert) == 0
                          : issued_by(*root, end_cert) && signed_by(*root, end_cert)) {
        trusted = root.get();
        break;
      }
    }
  }
  const std::string url = ca_issuers_url(end_cert);
  const std::string fetch = url.empty() ? "" : fmt::format("; its certificate is published at {}", url);
  if (!broken && trusted == nullptr) {
    if (leaf_only && !end.self_signed) {
      // A server certificate alone: its issuer (in the WebPKI, an intermediate) is missing.
      findings.push_back(chain_finding(
          Reason::ChainIntermediateMissing,
          fmt::format("the issuer of the server certificate, {}, is not in the file{}", end.issuer, fetch)));
    } else if (options.roots != nullptr) {
      findings.push_back(chain_finding(
          Reason::ChainUntrustedRoot,
          end.self_signed
              ? fmt::format("the chain ends at the root {}, which is not among the trusted roots", end.subject)
              : fmt::format("the chain ends at {}, whose issuer {} is neither in the file nor among the trusted "
                            "roots (an intermediate missing, or another CA){}",
                            end.subject, end.issuer, fetch)));
    }
  }
  if (trusted != nullptr) {
    const ChainCertificate root = describe(*const_cast<X509*>(trusted), 0);
    report.root = root.subject;
    if (!end.self_signed) check_validity(root, options.at, "the trusted root", findings);
  }

  for (std::size_t i = 0; i < count; ++i) {
    check_validity(report.certificates[i], options.at, i == leaf ? "the server certificate" : "certificate", findings);
  }
  if (options.private_key) check_key(*options.private_key, parsed, report);
  return report;
}

std::vector<ossl::X509Ptr> load_roots(const fs::path& path) {
  std::vector<fs::path> files;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    for (const auto& entry : fs::directory_iterator(path)) {
      const auto extension = entry.path().extension();
      if (entry.is_regular_file() && (extension == ".pem" || extension == ".crt" || extension == ".cer")) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::vector<ossl::X509Ptr> roots;
  const auto no_passphrase = [](char*, int, int, void*) { return 0; };  // an encrypted block never prompts
  for (const auto& file : files) {
    const std::string content = sim::read_input_file(file, kRootsFile);
    ossl::Bio bio(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    if (!bio) throw std::bad_alloc();
    std::size_t in_file = 0;
    while (ossl::X509Ptr cert{PEM_read_bio_X509(bio.get(), nullptr, no_passphrase, nullptr)}) {
      ++in_file;
      // check_chain reads a trusted root's validity, so a root whose times do not parse is refused here.
      std::tm parts{};
      if (ASN1_TIME_to_tm(X509_get0_notBefore(cert.get()), &parts) != 1 ||
          ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &parts) != 1) {
        ossl::drain_errors();
        throw InputError(file.string(), fmt::format("certificate {} has a malformed validity time", in_file));
      }
      roots.push_back(std::move(cert));
    }
    ossl::drain_errors();
  }
  if (roots.empty()) throw InputError(path.string(), "holds no PEM certificate to trust");
  return roots;
}

}  // namespace casim::mockca
