// The intake's name checks: a table of good and bad identifiers with the reason each gets
// (syntax, IDNA2008 A-labels, the ICANN public suffix list, wildcards, internal names, blocked
// names), the A-label suggested for a Unicode name, the merge of CN and SANs, and IP address SANs.
#include <boost/test/unit_test.hpp>

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "casim/mockca/name_checks.hpp"

BOOST_AUTO_TEST_SUITE(test_name_checks)

namespace {

using casim::mockca::IntakePolicy;

struct NameCase {
  std::string name;
  std::string reasons;  // the expected reason codes, sorted and comma-separated; "" for a good name
};

std::set<std::string> codes(const std::vector<casim::mockca::Finding>& findings) {
  std::set<std::string> out;
  for (const auto& finding : findings) out.emplace(casim::mockca::info(finding.reason).code);
  return out;
}

std::string joined(const std::set<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

const std::string kLabel63(63, 'a');

}  // namespace

BOOST_AUTO_TEST_CASE(table_of_names) {
  const std::vector<NameCase> table{
      // Good names.
      {"example.com", ""},
      {"WWW.Example.COM", ""},
      {"a-b.c-d.example.org", ""},
      {"1.2.3.example.com", ""},
      {"*.example.com", ""},
      {"*.example.co.uk", ""},
      {"example.co.uk", ""},
      {"xn--bcher-kva.de", ""},
      {"xn--d1acufc.xn--p1ai", ""},
      {"myproject.github.io", ""},  // github.io is a suffix of the PSL's private section only
      {"github.io", ""},
      {"www.ck", ""},  // an exception (!www.ck) to the wildcard rule *.ck
      {kLabel63 + ".com", ""},
      {kLabel63 + "." + kLabel63 + "." + kLabel63 + "." + std::string(57, 'b') + ".com", ""},  // 253
      // Syntax.
      {"", "NameEmpty"},
      {"192.168.0.1", "NameIsIpAddress"},
      {"8.8.8.8", "NameIsIpAddress"},
      {"::1", "NameIsIpAddress"},
      {"[2001:db8::1]", "NameIsIpAddress"},
      {"exa mple.com", "NameInvalidCharacters"},
      {"under_score.example.com", "NameInvalidCharacters"},
      {"b\u00fccher.de", "NameInvalidCharacters"},  // U+00FC in UTF-8
      {std::string("nul\0l.example.com", 17), "NameInvalidCharacters"},
      {kLabel63 + "." + kLabel63 + "." + kLabel63 + "." + std::string(58, 'b') + ".com", "NameTooLong"},  // 254
      {"example.com.", "NameTrailingDot"},
      {"localhost", "NameTooFewLabels"},
      {"intranet", "NameTooFewLabels"},
      {"*", "NameTooFewLabels"},
      {"www..example.com", "NameLabelEmpty"},
      {".example.com", "NameLabelEmpty"},
      {std::string(64, 'a') + ".com", "NameLabelTooLong"},
      {"-www.example.com", "NameLabelHyphen"},
      {"www-.example.com", "NameLabelHyphen"},
      {"www.example-.com", "NameLabelHyphen"},
      {"xn--999999999999a.example.com", "NamePunycodeInvalid"},         // overflows
      {"xn--.example.com", "NameLabelHyphen,NamePunycodeInvalid"},      // nothing after the prefix
      {"xn--abc-.example.com", "NameLabelHyphen,NamePunycodeInvalid"},  // no encoded code point
      {"xn--a.example.com", "NamePunycodeInvalid"},                     // the control U+0080
      // IDNA2008 (RFC 5891-5893) on the decoded U-label.
      {"xn--mnchen-3ya.de", ""},                         // münchen
      {"xn--ls8h.example.com", "NamePunycodeInvalid"},   // U+1F4A9, an emoji: DISALLOWED
      {"xn--xy-1ca.example.com", "NamePunycodeInvalid"},  // x U+00A0 y: a no-break space, DISALLOWED
      {"xn--t4g.example.com", "NamePunycodeInvalid"},     // U+2163 ROMAN NUMERAL FOUR: DISALLOWED
      {"xn--munchen-gie.de", "NamePunycodeInvalid"},      // u U+0308: münchen, but not in NFC
      {"xn--abc-cec.example.com", "NamePunycodeInvalid"},  // a leading combining mark U+0308
      {"xn--4dbc.example.com", ""},                       // U+05D0 U+05D1, Hebrew only
      {"xn--abc-ppe.example.com", "NamePunycodeInvalid"},  // Hebrew U+05D0 then Latin abc: the Bidi rule
      {"xn--abc-def.example.com", "NamePunycodeInvalid"},  // Arabic U+069F then Latin abc: the Bidi rule
      {"xn--11b6iy14e.example.com", ""},                   // ZWJ U+200D after a virama: CONTEXTJ holds
      {"xn--ab-m1t.example.com", "NamePunycodeInvalid"},   // ZWJ U+200D between letters: CONTEXTJ fails
      {"xn--ll-0ea.example.com", ""},                      // l U+00B7 l (Catalan): CONTEXTO holds
      {"xn--ab-0ea.example.com", "NamePunycodeInvalid"},   // a U+00B7 b: CONTEXTO fails
      {"xn--bcher-kva!.de", "NameInvalidCharacters"},
      {"ab--cd.example.com", "NameReservedLabel"},
      {"www.example.xy--z", "NameReservedLabel"},
      // Wildcards.
      {"*.*.example.com", "NameWildcardMultiple"},
      {"www.*.example.com", "NameWildcardNotLeftmost"},
      {"w*.example.com", "NameWildcardNotLeftmost"},
      {"*w.example.com", "NameWildcardNotLeftmost"},
      {"*.com", "NameWildcardOnPublicSuffix"},
      {"*.co.uk", "NameWildcardOnPublicSuffix"},
      {"*.foo.ck", "NameWildcardOnPublicSuffix"},
      // The public suffix list: internal names and suffixes.
      {"host.local", "NameInternal"},
      {"Host.LOCAL", "NameInternal"},  // judged, and named in the finding, in lower case
      {"app.internal", "NameInternal"},
      {"intranet.corp", "NameInternal"},
      {"router.lan", "NameInternal"},
      {"example.test", "NameInternal"},
      {"www.example", "NameInternal"},
      {"x.invalid", "NameInternal"},
      {"expyuzz4wqqyqhjn.onion", "NameInternal"},
      {"1.0.0.10.in-addr.arpa", "NameInternal"},
      {"example.notatld", "NameInternal"},
      {"co.uk", "NameIsPublicSuffix"},
      {"CO.uk", "NameIsPublicSuffix"},
      {"foo.ck", "NameIsPublicSuffix"},
      {"city.kawasaki.jp", ""},
      {"x.kawasaki.jp", "NameIsPublicSuffix"},
  };
  for (const auto& entry : table) {
    BOOST_TEST_CONTEXT("name '" << entry.name << "'") {
      const auto findings = casim::mockca::check_dns_name(entry.name);
      BOOST_TEST(joined(codes(findings)) == entry.reasons);
      for (const auto& finding : findings) {
        BOOST_TEST(!finding.message.empty());
        BOOST_TEST(finding.name == casim::mockca::to_lower_ascii(entry.name));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_invalid_a_label_is_explained_with_its_code_points_and_the_rule) {
  const auto emoji = casim::mockca::check_dns_name("xn--ls8h.example.com");
  BOOST_TEST_REQUIRE(emoji.size() == 1U);
  BOOST_TEST(emoji.front().message.find("U+1F4A9") != std::string::npos, emoji.front().message);
  BOOST_TEST(emoji.front().message.find("disallowed") != std::string::npos, emoji.front().message);
  const auto bidi = casim::mockca::check_dns_name("xn--abc-ppe.example.com");
  BOOST_TEST_REQUIRE(bidi.size() == 1U);
  BOOST_TEST(bidi.front().message.find("U+05D0") != std::string::npos, bidi.front().message);
  BOOST_TEST(bidi.front().message.find("bi-directional") != std::string::npos, bidi.front().message);
}

// Certificates carry A-labels only, so a name written in Unicode is refused; the message gives its
// A-label, from an IDNA2008 lookup that first normalizes the input to NFC.
BOOST_AUTO_TEST_CASE(a_unicode_name_is_refused_with_its_a_label) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"m\u00fcnchen.de", "write it as xn--mnchen-3ya.de"},
      {"mu\u0308nchen.de", "write it as xn--mnchen-3ya.de"},  // not NFC: u and a combining diaeresis
      {"*.m\u00fcnchen.de", "write it as *.xn--mnchen-3ya.de"},
      {"\U0001F4A9.example.com", "no valid A-label form"},
      {"m\u00fcnchen.a_b.de", "no valid A-label form"},  // converts, but keeps the underscore
  };
  for (const auto& [name, expected] : cases) {
    BOOST_TEST_CONTEXT("name '" << name << "'") {
      const auto findings = casim::mockca::check_dns_name(name);
      BOOST_TEST(joined(codes(findings)) == "NameInvalidCharacters");
      BOOST_TEST_REQUIRE(!findings.empty());
      BOOST_TEST(findings.front().message.find(expected) != std::string::npos, findings.front().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(independent_syntax_problems_are_all_reported) {
  const auto findings = casim::mockca::check_dns_name("-bad_." + std::string(70, 'x') + ".com.");
  BOOST_TEST(joined(codes(findings)) == "NameInvalidCharacters,NameLabelHyphen,NameLabelTooLong,NameTrailingDot");
}

BOOST_AUTO_TEST_CASE(blocked_names_cover_subdomains_and_wildcards) {
  IntakePolicy policy;
  policy.blocked_names = {"Blocked-Brand.com", "login.paypal-example.com."};
  for (const auto* name : {"blocked-brand.com", "shop.blocked-brand.com", "*.blocked-brand.com",
                           "login.paypal-example.com", "*.paypal-example.com", "a.login.paypal-example.com"}) {
    BOOST_TEST(joined(codes(casim::mockca::check_dns_name(name, policy))) == "NameBlocked", name);
  }
  for (const auto* name :
       {"notblocked-brand.com", "blocked-brand.com.cn", "www.paypal-example.com", "*.www.paypal-example.com"}) {
    BOOST_TEST(casim::mockca::check_dns_name(name, policy).empty(), name);
  }
}

BOOST_AUTO_TEST_CASE(the_cn_is_merged_into_the_sans_once_and_in_lower_case) {
  const std::vector<std::string> cn{"Shop.Example.org"};
  const std::vector<std::string> sans{"www.example.org", "SHOP.example.org", "www.EXAMPLE.org", "api.example.org"};
  const auto result = casim::mockca::check_requested_names(cn, sans, {});
  BOOST_TEST(result.findings.empty());
  const std::vector<std::string> expected{"shop.example.org", "www.example.org", "api.example.org"};
  BOOST_TEST(result.names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(common_name_rules) {
  const std::string cn64 = std::string(52, 'a') + ".example.com";
  const std::string cn65 = std::string(53, 'a') + ".example.com";
  BOOST_TEST(cn64.size() == 64u);
  BOOST_TEST(casim::mockca::check_requested_names(std::vector{cn64}, {}, {}).findings.empty());
  const auto long_cn = casim::mockca::check_requested_names(std::vector{cn65}, {}, {});
  BOOST_TEST(joined(codes(long_cn.findings)) == "NameCommonNameTooLong");
  BOOST_TEST(info(long_cn.findings.front().reason).reseller_code ==
             "InvalidParameterValue.CertificateDomainMaxLengthInvalid");
  BOOST_TEST(long_cn.names == std::vector{cn65}, boost::test_tools::per_element());

  const auto ip_cn = casim::mockca::check_requested_names(std::vector<std::string>{"203.0.113.9"},
                                                          std::vector<std::string>{"www.example.com"}, {});
  BOOST_TEST(joined(codes(ip_cn.findings)) == "NameCommonNameIsIp");
  BOOST_TEST(ip_cn.names == std::vector<std::string>{"www.example.com"}, boost::test_tools::per_element());

  const auto two =
      casim::mockca::check_requested_names(std::vector<std::string>{"a.example.com", "b.example.com"}, {}, {});
  BOOST_TEST(joined(codes(two.findings)) == "NameCommonNameMultiple");
  BOOST_TEST(two.names.size() == 2u);
}

BOOST_AUTO_TEST_CASE(name_count_rules) {
  const auto none = casim::mockca::check_requested_names({}, {}, {});
  BOOST_TEST(joined(codes(none.findings)) == "NameMissing");
  const auto empty = casim::mockca::check_requested_names(std::vector<std::string>{"www.example.com"},
                                                          std::vector<std::string>{""}, {});
  BOOST_TEST(joined(codes(empty.findings)) == "NameEmpty");

  IntakePolicy two;
  two.max_names = 2;
  const std::vector<std::string> cn{"a.example.com"};
  const std::vector<std::string> sans{"a.example.com", "b.example.com"};
  BOOST_TEST(casim::mockca::check_requested_names(cn, sans, two).findings.empty());
  const std::vector<std::string> three{"b.example.com", "c.example.com"};
  const auto over = casim::mockca::check_requested_names(cn, three, two);
  BOOST_TEST(joined(codes(over.findings)) == "NameTooMany");
  BOOST_TEST(info(over.findings.front().reason).reseller_code == "InvalidParameter.DomainCountInvalid");

  std::vector<std::string> hundred;
  for (int index = 0; index < 100; ++index) hundred.push_back("host" + std::to_string(index) + ".example.com");
  BOOST_TEST(casim::mockca::check_requested_names({}, hundred, {}).findings.empty());
  hundred.push_back("one-more.example.com");
  BOOST_TEST(joined(codes(casim::mockca::check_requested_names({}, hundred, {}).findings)) == "NameTooMany");
}

BOOST_AUTO_TEST_CASE(every_ip_address_san_is_refused_reserved_ones_as_such) {
  auto code = [](std::initializer_list<unsigned char> bytes) {
    const std::vector<unsigned char> address(bytes);
    const auto finding = casim::mockca::check_ip_san(address);
    return std::string(info(finding.reason).code) + " " + finding.name;
  };
  BOOST_TEST(code({10, 0, 0, 1}) == "NameIpSanReserved 10.0.0.1");
  BOOST_TEST(code({127, 0, 0, 1}) == "NameIpSanReserved 127.0.0.1");
  BOOST_TEST(code({172, 31, 255, 255}) == "NameIpSanReserved 172.31.255.255");
  BOOST_TEST(code({172, 32, 0, 1}) == "NameIpSanUnsupported 172.32.0.1");
  BOOST_TEST(code({100, 64, 0, 1}) == "NameIpSanReserved 100.64.0.1");
  BOOST_TEST(code({192, 0, 2, 10}) == "NameIpSanReserved 192.0.2.10");
  BOOST_TEST(code({224, 0, 0, 251}) == "NameIpSanReserved 224.0.0.251");
  BOOST_TEST(code({255, 255, 255, 255}) == "NameIpSanReserved 255.255.255.255");
  BOOST_TEST(code({8, 8, 8, 8}) == "NameIpSanUnsupported 8.8.8.8");
  BOOST_TEST(code({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) == "NameIpSanReserved ::1");
  BOOST_TEST(code({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) == "NameIpSanReserved 2001:db8::1");
  BOOST_TEST(code({0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) == "NameIpSanReserved fe80::1");
  BOOST_TEST(code({0xfd, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) == "NameIpSanReserved fd12::1");
  BOOST_TEST(code({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}) == "NameIpSanReserved ::ffff:10.0.0.1");
  BOOST_TEST(code({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 1, 1, 1}) == "NameIpSanUnsupported ::ffff:1.1.1.1");
  BOOST_TEST(code({0x26, 0x06, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x11}) ==
             "NameIpSanUnsupported 2606:4700::1111");
  BOOST_TEST(code({1, 2, 3}) == "NameIpSanUnsupported ");
}

BOOST_AUTO_TEST_CASE(ip_literals) {
  for (const auto* text : {"1.2.3.4", "255.255.255.255", "::", "2001:db8::1", "[::1]", "::ffff:10.0.0.1"}) {
    BOOST_TEST(casim::mockca::is_ip_literal(text), text);
  }
  for (const auto* text : {"1.2.3", "1.2.3.4.5", "256.1.1.1", "example.com", "[example.com]", "", "1.2.3.4."}) {
    BOOST_TEST(!casim::mockca::is_ip_literal(text), text);
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_name_checks
