// The platform's DNS hosting in DNSPod's vocabulary on the World: records created, listed and
// deleted at the kernel's now, exactly the records mockca::challenge_record makes; bad RecordIds,
// domains outside the zones and bad fields refused; and a DNS_AUTO order validated through records
// an ordering logic adds from DescribeCertificateDetail's DvAuths.
#include "api_support.hpp"

BOOST_AUTO_TEST_SUITE(test_dns_hosting)

using namespace casim;
using namespace casim::api;
using namespace casim::api::test;
namespace world = casim::sim::world;

namespace {

CallAnswer hosting(Bench& bench, std::string_view action, const json& params) {
  return bench.dns.call(action, params, "dns-1");
}

// What the World's DNS serves of `type` at `name` now.
std::vector<std::string> served(const Bench& bench, const std::string& name, world::DnsType type) {
  std::vector<std::string> values;
  for (const auto& record : bench.world.dns.query(name, type, bench.kernel.now()).records) values.push_back(record.value);
  return values;
}

}  // namespace

BOOST_AUTO_TEST_CASE(records_are_created_listed_and_deleted) {
  Bench bench;
  const CallAnswer created = hosting(bench, "CreateRecord",
                                     {{"Domain", "Example.com"}, {"SubDomain", "_dnsauth"}, {"RecordType", "TXT"}, {"Value", "abc"}});
  BOOST_TEST_REQUIRE(!created.error, created.response.dump());
  BOOST_TEST(body(created) == (json{{"RecordId", 1}, {"RequestId", "dns-1"}}));
  BOOST_TEST(served(bench, "_dnsauth.example.com", world::DnsType::TXT) == std::vector<std::string>{"abc"});
  mockca::DomainChallenge challenge;
  challenge.dns_name = "_dnsauth.example.com";
  const auto& changes = bench.world.dns.changes("_dnsauth.example.com");
  BOOST_TEST_REQUIRE(changes.size() == 1u);
  BOOST_TEST((changes[0].record == mockca::challenge_record(challenge, "abc")));

  BOOST_TEST_REQUIRE(!hosting(bench, "CreateRecord",
                              {{"Domain", "example.com"}, {"SubDomain", "@"}, {"RecordType", "CNAME"},
                               {"RecordLine", "境外"}, {"Value", "target.example.net"}, {"TTL", 60}})
                          .error);
  const json listed = body(hosting(bench, "DescribeRecordList", {{"Domain", "example.com"}}));
  BOOST_TEST(listed.at("RecordList") ==
             json::parse(R"([{"RecordId":1,"Name":"_dnsauth","Type":"TXT","Value":"abc","Line":"默认","TTL":600},
                             {"RecordId":2,"Name":"@","Type":"CNAME","Value":"target.example.net","Line":"境外","TTL":60}])"));
  BOOST_TEST(listed.at("RecordCountInfo") == (json{{"SubdomainCount", 2}, {"ListCount", 2}, {"TotalCount", 2}}));
  BOOST_TEST(body(hosting(bench, "DescribeRecordList", {{"Domain", "example.net"}})).at("RecordList").empty());

  bench.run_for(sim::kMinute);
  const CallAnswer deleted = hosting(bench, "DeleteRecord", {{"Domain", "example.com"}, {"RecordId", 1}});
  BOOST_TEST_REQUIRE(!deleted.error, deleted.response.dump());
  BOOST_TEST(body(deleted) == (json{{"RequestId", "dns-1"}}));
  BOOST_TEST(served(bench, "_dnsauth.example.com", world::DnsType::TXT).empty());
  BOOST_TEST(changes.size() == 2u);
  BOOST_TEST(changes[1].at == casim::test::kMonday + sim::kMinute);
  BOOST_TEST(body(hosting(bench, "DescribeRecordList", {{"Domain", "example.com"}})).at("RecordList").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_bad_record_id_and_bad_fields_are_refused) {
  Bench bench;
  BOOST_TEST_REQUIRE(
      !hosting(bench, "CreateRecord", {{"Domain", "example.com"}, {"SubDomain", "_dnsauth"}, {"RecordType", "TXT"}, {"Value", "v"}})
           .error);
  const auto error_of = [&bench](std::string_view action, const json& params) {
    const CallAnswer answer = hosting(bench, action, params);
    BOOST_TEST_REQUIRE(answer.error.has_value(), answer.response.dump());
    return body(answer).at("Error");
  };
  json error = error_of("DeleteRecord", {{"Domain", "example.com"}, {"RecordId", 7}});
  BOOST_TEST(error.at("Code") == "InvalidParameter.RecordIdInvalid");
  BOOST_TEST(error.at("Message") == "no record has RecordId 7 in Domain example.com");
  BOOST_TEST(error.at("Reasons") == json({"ApiRecordNotFound"}));
  error = error_of("DeleteRecord", {{"Domain", "example.net"}, {"RecordId", 1}});  // another domain's record
  BOOST_TEST(error.at("Code") == "InvalidParameter.RecordIdInvalid");
  BOOST_TEST(!hosting(bench, "DeleteRecord", {{"Domain", "example.com"}, {"RecordId", 1}}).error);
  error = error_of("DeleteRecord", {{"Domain", "example.com"}, {"RecordId", 1}});  // deleted already
  BOOST_TEST(error.at("Code") == "InvalidParameter.RecordIdInvalid");
  error = error_of("DeleteRecord", {{"Domain", "example.com"}, {"RecordId", "1"}});
  BOOST_TEST(error.at("Message") == "RecordId must be an integer, got string");

  const json record{{"Domain", "example.com"}, {"SubDomain", "_dnsauth"}, {"RecordType", "TXT"}, {"Value", "v"}};
  json params = record;
  params["Domain"] = "example.org";
  BOOST_TEST(error_of("CreateRecord", params).at("Message") ==
             "Domain must be a domain in one of the DNS zones, got 'example.org'");
  params = record;
  params["RecordType"] = "A";
  BOOST_TEST(error_of("CreateRecord", params).at("Message") == "RecordType must be one of TXT, CNAME, got 'A'");
  params = record;
  params.erase("Value");
  BOOST_TEST(error_of("CreateRecord", params).at("Message") == "Value is required");
  params = record;
  params["TTL"] = 0;
  BOOST_TEST(error_of("CreateRecord", params).at("Message") == "TTL must be 1–604800, got '0'");
  params = record;
  params["SubDomain"] = "bad name";
  BOOST_TEST(error_of("CreateRecord", params).at("Code") == "InvalidParameterValue");
  params = record;
  params["RecordType"] = "CNAME";
  params["Value"] = "not a host!";
  BOOST_TEST(error_of("CreateRecord", params).at("Code") == "InvalidParameterValue");
  BOOST_TEST(std::string(error_of("CreateRecords", record).at("Message")).find("did you mean CreateRecord?") !=
             std::string::npos);
  BOOST_TEST(bench.world.dns.changes("_dnsauth.example.com").size() == 2u);  // the one record, added and deleted
}

BOOST_AUTO_TEST_CASE(a_dns_auto_order_validates_through_records_made_from_its_dv_auths) {
  Bench bench;
  const std::string id = bench.buy("auto", 2);
  mockca::OnlineCsr csr;
  csr.common_name = "example.net";
  csr.other_names = {"shop.example.net"};
  json info = info_params(csr, std::nullopt, {}, {});
  info["CertId"] = id;
  BOOST_TEST_REQUIRE(!bench.call("CertificateInfoSubmit", info).error);
  const CallAnswer ordered =
      bench.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS_AUTO"}, {"DeleteDnsAutoRecord", true}});
  BOOST_TEST_REQUIRE(ordered.receipt.has_value(), ordered.response.dump());

  const json detail = body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}}));
  std::vector<std::int64_t> records;
  for (const json& auth : detail.at("DvAuthDetail").at("DvAuths")) {
    const CallAnswer created = hosting(bench, "CreateRecord",
                                       {{"Domain", auth.at("DvAuthDomain")},
                                        {"SubDomain", auth.at("DvAuthKey")},
                                        {"RecordType", auth.at("DvAuthVerifyType")},
                                        {"Value", auth.at("DvAuthValue")}});
    BOOST_TEST_REQUIRE(!created.error, created.response.dump());
    records.push_back(body(created).at("RecordId"));
  }
  BOOST_TEST_REQUIRE(records.size() == 2u);  // example.net and shop.example.net
  // Exactly the records the built-in Platform adds for DNS_AUTO.
  for (const auto& challenge : ordered.receipt->challenges) {
    const auto& changes = bench.world.dns.changes(challenge.dns_name);
    BOOST_TEST_REQUIRE(changes.size() == 1u);
    BOOST_TEST((changes[0].record == mockca::challenge_record(challenge, challenge.value)));
  }

  bench.run_for(sim::kHour);
  BOOST_TEST(body(bench.call("DescribeCertificateDetail", {{"CertificateId", id}})).at("Status") == 1);
  for (const auto record : records) {
    BOOST_TEST(!hosting(bench, "DeleteRecord", {{"Domain", "example.net"}, {"RecordId", record}}).error);
  }
  BOOST_TEST(body(hosting(bench, "DescribeRecordList", {{"Domain", "example.net"}})).at("RecordList").empty());
}

BOOST_AUTO_TEST_SUITE_END()  // test_dns_hosting
