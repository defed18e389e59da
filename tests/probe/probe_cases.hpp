// The probe's cases, shared by the verdict tests and the emitted-scenario tests: a scripted
// network, a request, and what the CA's checks must make of it (reason, LocalCheck, and exactly
// the questions asked, in order).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "casim/probe/probe.hpp"
#include "probe_fakes.hpp"

namespace casim::probe::test {

using mockca::LocalCheck;
using mockca::Reason;
using sim::world::WebError;

inline constexpr std::string_view kValue = "3f9a1c0e5b7d4a2f";
inline const std::string kFileUrl = "http://shop.example.com/.well-known/pki-validation/fileauth.txt";
inline const std::string kFileUrlHttps = "https://shop.example.com/.well-known/pki-validation/fileauth.txt";

struct ProbeCase {
  std::string name;
  std::function<void(ScriptedDns&, ScriptedWeb&)> network;
  ProbeRequest request;
  std::optional<Reason> reason;  // none: passed
  std::optional<LocalCheck> local;  // the first target's LocalCheck, when there is one
  std::vector<std::string> dns_asked;
  std::vector<std::string> web_asked;
};

inline ProbeRequest dns_request(const std::string& name, mockca::DnsRecordKind record = mockca::DnsRecordKind::Txt) {
  ProbeRequest request;
  request.names = {name};
  request.method = mockca::VerifyType::Dns;
  request.dns_record = record;
  request.value = std::string(kValue);
  return request;
}

inline ProbeRequest file_request(const std::string& name) {
  ProbeRequest request = dns_request(name);
  request.method = mockca::VerifyType::File;
  return request;
}

inline ProbeRequest caa_request(const std::string& name, std::vector<std::string> ca_ids = {}) {
  ProbeRequest request;
  request.names = {name};
  request.check_caa = true;
  request.ca_ids = std::move(ca_ids);
  return request;
}

inline DnsRecord caa(const std::string& name, const std::string& tag, const std::string& value, std::uint8_t flags = 0) {
  return DnsRecord::caa(name, flags, tag, value, std::chrono::seconds{3600});
}

inline std::vector<ProbeCase> dns_cases() {
  const std::string txt = "TXT _dnsauth.example.com";
  return {
      {"txt-match",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::txt("_dnsauth.example.com", "other", std::chrono::seconds{300}),
                                                           DnsRecord::txt("_dnsauth.example.com", std::string(kValue), std::chrono::seconds{300})});
       },
       dns_request("www.example.com"), std::nullopt, LocalCheck::Verified, {txt}, {}},
      {"txt-mismatch",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::txt("_dnsauth.example.com", "0000-old-value")});
       },
       dns_request("example.com"), Reason::DcvTxtMismatch, LocalCheck::TxtMismatch, {txt}, {}},
      {"txt-missing",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("example.com", DnsType::NS, {DnsRecord::ns("example.com", "ns1.example.net")});
       },
       dns_request("example.com"), Reason::DcvTxtNotFound, LocalCheck::TxtNotFound, {txt, "NS example.com"}, {}},
      {"ns-missing", [](ScriptedDns&, ScriptedWeb&) {}, dns_request("example.com"), Reason::DcvNsNotFound,
       LocalCheck::NsNotFound, {txt, "NS example.com"}, {}},
      {"txt-through-cname",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::cname("_dnsauth.example.com", "dcv.example.net")});
         dns.answer("dcv.example.net", DnsType::TXT, {DnsRecord::txt("dcv.example.net", std::string(kValue))});
       },
       dns_request("example.com"), std::nullopt, LocalCheck::Verified, {txt, "TXT dcv.example.net"}, {}},
      {"cname-method",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("_dnsauth.example.com", DnsType::CNAME,
                    {DnsRecord::cname("_dnsauth.example.com", fmt::format("{}.dcv.casim.test", kValue))});
       },
       dns_request("example.com", mockca::DnsRecordKind::Cname), std::nullopt, LocalCheck::Verified,
       {"CNAME _dnsauth.example.com"}, {}},
      {"cname-mismatch",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("_dnsauth.example.com", DnsType::CNAME, {DnsRecord::cname("_dnsauth.example.com", "elsewhere.example.net")});
       },
       dns_request("example.com", mockca::DnsRecordKind::Cname), Reason::DcvCnameMismatch, LocalCheck::CnameMismatch,
       {"CNAME _dnsauth.example.com"}, {}},
      {"cname-loop",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::cname("_dnsauth.example.com", "a.example.com")});
         dns.answer("a.example.com", DnsType::TXT, {DnsRecord::cname("a.example.com", "_dnsauth.example.com")});
       },
       dns_request("example.com"), Reason::DcvDnsServfail, LocalCheck::TxtNotFound, {txt, "TXT a.example.com"}, {}},
      {"servfail", [](ScriptedDns& dns, ScriptedWeb&) { dns.fail("_dnsauth.example.com", DnsType::TXT, DnsRcode::ServFail); },
       dns_request("example.com"), Reason::DcvDnsServfail, LocalCheck::TxtNotFound, {txt}, {}},
      {"dns-timeout", [](ScriptedDns& dns, ScriptedWeb&) { dns.fail("_dnsauth.example.com", DnsType::TXT, DnsRcode::Timeout); },
       dns_request("example.com"), Reason::DcvDnsServfail, LocalCheck::TxtNotFound, {txt}, {}},
  };
}

inline std::vector<ProbeCase> file_cases() {
  const std::string value(kValue);
  return {
      {"file-ok", [value](ScriptedDns&, ScriptedWeb& web) { web.respond(kFileUrl, 200, value + "\n"); },
       file_request("shop.example.com"), std::nullopt, LocalCheck::Verified, {}, {kFileUrl}},
      {"file-404",
       [](ScriptedDns&, ScriptedWeb& web) {
         web.respond(kFileUrl, 404, "not here");
         web.respond(kFileUrlHttps, 404, "not here");
       },
       file_request("shop.example.com"), Reason::DcvFileNotFound, LocalCheck::FileNotFound, {}, {kFileUrl, kFileUrlHttps}},
      {"file-mismatch",
       [](ScriptedDns&, ScriptedWeb& web) {
         web.respond(kFileUrl, 200, "<html>welcome</html>");
         web.error(kFileUrlHttps, WebError::ConnectionRefused);
       },
       file_request("shop.example.com"), Reason::DcvFileMismatch, LocalCheck::FileMismatch, {}, {kFileUrl, kFileUrlHttps}},
      {"file-redirect-off-domain",
       [](ScriptedDns&, ScriptedWeb& web) {
         web.redirect(kFileUrl, 302, "http://www.example.net/.well-known/pki-validation/fileauth.txt");
         web.error(kFileUrlHttps, WebError::Timeout);
       },
       file_request("shop.example.com"), Reason::DcvRedirectOffDomain, LocalCheck::FileNotFound, {},
       {kFileUrl, kFileUrlHttps}},
      {"file-three-redirects",
       [value](ScriptedDns&, ScriptedWeb& web) {
         web.redirect(kFileUrl, 301, "http://a.example.com/f");
         web.redirect("http://a.example.com/f", 302, "http://b.example.com/f");
         web.redirect("http://b.example.com/f", 307, "http://c.example.com/f");
         web.respond("http://c.example.com/f", 200, value);
         web.error(kFileUrlHttps, WebError::ConnectionRefused);
       },
       file_request("shop.example.com"), Reason::DcvTooManyRedirects, LocalCheck::FileNotFound, {},
       {kFileUrl, "http://a.example.com/f", "http://b.example.com/f", kFileUrlHttps}},
      {"file-two-redirects-ok",
       [value](ScriptedDns&, ScriptedWeb& web) {
         web.redirect(kFileUrl, 301, "https://shop.example.com/.well-known/pki-validation/fileauth.txt");
         web.redirect(kFileUrlHttps, 302, "https://cdn.example.com/v/fileauth.txt");
         web.respond("https://cdn.example.com/v/fileauth.txt", 200, value);
       },
       file_request("shop.example.com"), std::nullopt, LocalCheck::Verified, {},
       {kFileUrl, kFileUrlHttps, "https://cdn.example.com/v/fileauth.txt"}},
      {"file-https-only",
       [](ScriptedDns&, ScriptedWeb& web) {
         web.redirect(kFileUrl, 301, kFileUrlHttps);
         web.respond(kFileUrlHttps, 404, "");
       },
       file_request("shop.example.com"), Reason::DcvHttpsOnly, LocalCheck::FileNotFound, {}, {kFileUrl, kFileUrlHttps}},
      {"file-timeout",
       [](ScriptedDns&, ScriptedWeb& web) {
         web.error(kFileUrl, WebError::Timeout);
         web.error(kFileUrlHttps, WebError::Timeout);
       },
       file_request("shop.example.com"), Reason::DcvSiteUnreachable, LocalCheck::FileNotFound, {},
       {kFileUrl, kFileUrlHttps}},
      {"file-oversized",
       [value](ScriptedDns&, ScriptedWeb& web) {
         web.respond(kFileUrl, 200, value + std::string(64, 'x'), true);
         web.error(kFileUrlHttps, WebError::ConnectionRefused);
       },
       file_request("shop.example.com"), Reason::DcvFileMismatch, LocalCheck::FileMismatch, {}, {kFileUrl, kFileUrlHttps}},
      {"file-apex-needs-www",
       [value](ScriptedDns&, ScriptedWeb& web) {
         web.respond("http://example.com/.well-known/pki-validation/fileauth.txt", 200, value);
         web.error("http://www.example.com/.well-known/pki-validation/fileauth.txt", WebError::ConnectionRefused);
         web.error("https://www.example.com/.well-known/pki-validation/fileauth.txt", WebError::ConnectionRefused);
       },
       file_request("example.com"), Reason::DcvSiteUnreachable, LocalCheck::Verified, {},
       {"http://example.com/.well-known/pki-validation/fileauth.txt",
        "http://www.example.com/.well-known/pki-validation/fileauth.txt",
        "https://www.example.com/.well-known/pki-validation/fileauth.txt"}},
  };
}

inline std::vector<ProbeCase> caa_cases() {
  ProbeRequest wildcard = caa_request("*.example.com");
  return {
      {"caa-permitted",
       [](ScriptedDns& dns, ScriptedWeb&) { dns.answer("example.com", DnsType::CAA, {caa("example.com", "issue", "casim.test")}); },
       caa_request("www.example.com"), std::nullopt, std::nullopt, {"CAA www.example.com", "CAA example.com"}, {}},
      {"caa-none", [](ScriptedDns&, ScriptedWeb&) {}, caa_request("www.example.com"), std::nullopt, std::nullopt,
       {"CAA www.example.com", "CAA example.com"}, {}},
      {"caa-forbidden",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("example.com", DnsType::CAA, {caa("example.com", "issue", "otherca.example")});
       },
       caa_request("www.example.com"), Reason::CaaForbidden, std::nullopt, {"CAA www.example.com", "CAA example.com"}, {}},
      {"caa-other-ca-id",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("example.com", DnsType::CAA, {caa("example.com", "issue", "otherca.example; account=1")});
       },
       caa_request("example.com", {"otherca.example"}), std::nullopt, std::nullopt, {"CAA example.com"}, {}},
      {"caa-issuewild-forbids-wildcard",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("example.com", DnsType::CAA,
                    {caa("example.com", "issue", "casim.test"), caa("example.com", "issuewild", ";")});
       },
       wildcard, Reason::CaaForbidden, std::nullopt, {"CAA example.com"}, {}},
      {"caa-issuewild-permits-wildcard",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("example.com", DnsType::CAA,
                    {caa("example.com", "issue", "otherca.example"), caa("example.com", "issuewild", "casim.test")});
       },
       wildcard, std::nullopt, std::nullopt, {"CAA example.com"}, {}},
      {"caa-critical-unknown-tag",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("example.com", DnsType::CAA,
                    {caa("example.com", "issue", "casim.test"), caa("example.com", "tbs", "unknown", 128)});
       },
       caa_request("example.com"), Reason::CaaCriticalUnknownTag, std::nullopt, {"CAA example.com"}, {}},
      {"caa-lookup-failed",
       [](ScriptedDns& dns, ScriptedWeb&) { dns.fail("www.example.com", DnsType::CAA, DnsRcode::ServFail); },
       caa_request("www.example.com"), Reason::CaaLookupFailed, std::nullopt, {"CAA www.example.com"}, {}},
      {"caa-through-cname",
       [](ScriptedDns& dns, ScriptedWeb&) {
         dns.answer("www.example.com", DnsType::CAA, {DnsRecord::cname("www.example.com", "cdn.example.net")});
         dns.answer("cdn.example.net", DnsType::CAA, {caa("cdn.example.net", "issue", "otherca.example")});
       },
       caa_request("www.example.com"), Reason::CaaForbidden, std::nullopt, {"CAA www.example.com", "CAA cdn.example.net"}, {}},
  };
}

inline std::vector<ProbeCase> all_cases() {
  std::vector<ProbeCase> cases = dns_cases();
  for (auto& c : file_cases()) cases.push_back(std::move(c));
  for (auto& c : caa_cases()) cases.push_back(std::move(c));
  return cases;
}

}  // namespace casim::probe::test
