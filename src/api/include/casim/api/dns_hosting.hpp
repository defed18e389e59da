// The platform's own DNS hosting in the vocabulary of its DNS record API (DNSPod, version
// 2021-03-23) on a run's World: what an ordering logic calls to add and remove DNS_AUTO validation
// records. docs/reseller-api.md lists the actions and their fields.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/api/call_answer.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/world/dns.hpp"

namespace casim::api {

namespace detail {
class ParamReader;
}

class DnsHostingApi {  // one per simulation run; not thread-safe
 public:
  // Records are added and removed at kernel.now(). Both must outlive the API.
  DnsHostingApi(sim::world::Dns& dns, const sim::Kernel& kernel);

  // CreateRecord {Domain, SubDomain ("@" = apex), RecordType TXT|CNAME, RecordLine, Value, TTL}
  // → {RecordId}; DeleteRecord {Domain, RecordId} → {}; DescribeRecordList {Domain} →
  // {RecordList, RecordCountInfo}. The record made is exactly mockca::challenge_record's for
  // SubDomain.Domain. Never throws for anything a caller sends.
  CallAnswer call(std::string_view action, const nlohmann::json& params, std::string_view request_id);
  static const std::vector<std::string_view>& actions();

 private:
  struct Record {
    std::string line;  // RecordLine
    sim::world::DnsRecord record;
  };
  using Reply = mockca::ApiResult<nlohmann::json>;

  Reply create(detail::ParamReader& params);
  Reply remove(detail::ParamReader& params);
  Reply list(detail::ParamReader& params);
  // The Domain param as the World's DNS names it, when it lies in one of its zones.
  std::string domain(detail::ParamReader& params);

  sim::world::Dns& dns_;
  const sim::Kernel& kernel_;
  std::map<std::int64_t, Record> records_;  // by RecordId
  std::int64_t next_id_ = 1;
};

}  // namespace casim::api
