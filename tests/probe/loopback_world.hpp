// The loopback world the `casim probe` tests share — Knot's zones and web_server.py's routes —
// and loopback_network(), both servers started with it once per test program.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "loopback.hpp"

namespace casim::test {

// Validation values are "token-<case>".
namespace loopback {

inline const std::string kFilePath = "/.well-known/pki-validation/fileauth.txt";
// How long web_server.py's slow host waits before answering: well past any test's HTTP timeout.
inline constexpr int kSlowSeconds = 6;
// web_server.py's oversized body, in bytes.
inline constexpr std::size_t kBigBody = 200000;

inline std::string soa_header(const std::string& apex) {
  return "$ORIGIN " + apex + ".\n$TTL 300\n@ 90 IN SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 120\n"
         "@ IN NS ns.example.com.\n";
}

// A TXT record set too large for a 4096-byte UDP answer: it arrives over TCP.
inline std::string big_txt_set() {
  std::string records;
  for (int i = 0; i < 30; ++i) {
    records += "big IN TXT \"big-" + std::to_string(100 + i) + "-" + std::string(190, 'x') + "\"\n";
  }
  return records;
}

// The names are RFC 2606's (the mock CA refuses names outside public top-level domains), served
// by the loopback Knot only. example.com: the DNS method's cases; example.net: CNAME targets in
// another zone, and an off-domain redirect's host; caa.example.net: CAA at the apex and below;
// example.org: the web hosts (all 127.0.0.1); broken.example.net: declared without a zone file,
// so SERVFAIL.
inline std::vector<ZoneFile> zones() {
  return {
      {"example.com", soa_header("example.com") +
                         "ns IN A 127.0.0.1\n"
                         "_dnsauth.txt-ok IN TXT \"token-txt-ok\"\n"
                         "_dnsauth.txt-bad IN TXT \"someone-elses-token\"\n"
                         "_dnsauth.txt-multi 600 IN TXT \"unrelated\"\n"
                         "_dnsauth.txt-multi 600 IN TXT \"token-\" \"multi\"\n"
                         "_dnsauth.txt-multi 600 IN TXT \"v=spf1 -all\"\n"
                         "_dnsauth.via-cname IN CNAME _dnsauth.target.example.net.\n"
                         "_dnsauth.cname-ok 120 IN CNAME token-cname-ok.dcv.casim.test.\n"
                         "_dnsauth.cname-bad IN CNAME someone-else.dcv.casim.test.\n"
                         "_dnsauth.loop IN CNAME loop-b\n"
                         "loop-b IN CNAME _dnsauth.loop\n"
                         "_dnsauth.dangling IN CNAME nothing-here\n"
                         "chain1 IN CNAME chain2\n"
                         "chain2 IN CNAME chain3.example.net.\n" +
                         big_txt_set()},
      {"example.net", soa_header("example.net") +
                         "_dnsauth.target 200 IN TXT \"token-via-cname\"\n"
                         "chain3 IN A 127.0.0.1\n"
                         "chain3 IN TXT \"end of the chain\"\n"
                         "elsewhere IN A 127.0.0.1\n"},
      {"caa.example.net", soa_header("caa.example.net") +
                       "@ IN CAA 0 issue \"casim.test\"\n"
                       "@ IN CAA 0 issuewild \"other-ca.example\"\n"
                       "www IN A 127.0.0.1\n"
                       "forbidden IN CAA 0 issue \"other-ca.example\"\n"
                       "forbidden IN CAA 0 iodef \"mailto:caa@caa.example.net\"\n"
                       "wild IN CAA 0 issue \";\"\n"
                       "wild IN CAA 0 issuewild \"casim.test\"\n"
                       "critical IN CAA 128 tbs \"unknown\"\n"
                       "critical IN CAA 0 issue \"casim.test\"\n"},
      {"example.org", soa_header("example.org") +
                       "ok IN A 127.0.0.1\n"
                       "mismatch IN A 127.0.0.1\n"
                       "missing IN A 127.0.0.1\n"
                       "offdomain IN A 127.0.0.1\n"
                       "chain IN A 127.0.0.1\n"
                       "secure IN A 127.0.0.1\n"
                       "secure-missing IN A 127.0.0.1\n"
                       "refuse IN A 127.0.0.1\n"
                       "slow IN A 127.0.0.1\n"
                       "big IN A 127.0.0.1\n"
                       "alias IN CNAME ok\n"
                       "alias-loop IN CNAME alias-loop2\n"
                       "alias-loop2 IN CNAME alias-loop\n"
                       "no-address IN TXT \"no A record here\"\n"
                       "intranet IN A 10.1.2.3\n"},
      {"broken.example.net", std::nullopt},
  };
}

inline nlohmann::json route(const std::string& host, const std::string& path, nlohmann::json answer) {
  answer["host"] = host;
  answer["path"] = path;
  return answer;
}

// What web_server.py answers; anything else is 404.
inline nlohmann::json routes() {
  using nlohmann::json;
  return {
      {"https_only", {{"secure.example.org", "redirect"}, {"secure-missing.example.org", "redirect"}, {"refuse.example.org", "refuse"}}},
      {"routes",
       {
           route("ok.example.org", kFilePath, {{"body", "token-file-ok"}}),
           route("alias.example.org", kFilePath, {{"body", "served for alias.example.org"}}),
           route("mismatch.example.org", kFilePath, {{"body", "not-the-token"}}),
           route("offdomain.example.org", kFilePath, {{"status", 302}, {"location", "http://elsewhere.example.net" + kFilePath}}),
           route("elsewhere.example.net", kFilePath, {{"body", "token-file-offdomain"}}),
           route("chain.example.org", kFilePath, {{"status", 301}, {"location", "http://chain.example.org/hop1"}}),
           route("chain.example.org", "/hop1", {{"status", 302}, {"location", "/hop2"}}),
           route("chain.example.org", "/hop2", {{"status", 307}, {"location", "https://chain.example.org/hop3"}}),
           route("chain.example.org", "/hop3", {{"body", "token-file-chain"}}),
           route("secure.example.org", kFilePath, {{"body", "token-file-secure"}}),
           route("refuse.example.org", kFilePath, {{"body", "token-file-refuse"}}),
           route("slow.example.org", kFilePath, {{"delay", kSlowSeconds}, {"body", "token-file-slow"}}),
           route("big.example.org", kFilePath, {{"body_bytes", kBigBody}}),
       }},
  };
}

}  // namespace loopback

// Knot and the web server with the shared loopback world, started on first use and stopped when
// the test program ends.
struct LoopbackNetwork {
  KnotServer dns{loopback::zones()};
  WebServer web{loopback::routes()};

  std::string logs() const { return dns.log() + web.log(); }
};

inline LoopbackNetwork& loopback_network() {
  static LoopbackNetwork network;
  return network;
}

}  // namespace casim::test
