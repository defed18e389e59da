// A DomainChallenge as one DvAuths entry and back, and times as the API prints them. DvAuthKey is
// the validation host label (_dnsauth), DvAuthSubDomain the record's full owner name, DvAuthPath
// the file's path; casim adds the order's VerifyType (DNS and DNS_AUTO both ask for TXT or CNAME)
// and Reused.
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "casim/api/reseller_api.hpp"
#include "param_reader.hpp"
#include "vocabulary.hpp"

namespace casim::api {

namespace {

// DvAuthVerifyType.
struct AuthKind {
  std::string_view word;
  bool file;
  mockca::DnsRecordKind record;
};
constexpr std::array kAuthKinds{AuthKind{"TXT", false, mockca::DnsRecordKind::Txt},
                                AuthKind{"CNAME", false, mockca::DnsRecordKind::Cname},
                                AuthKind{"FILE", true, mockca::DnsRecordKind::Txt}};

std::string_view auth_kind_word(const mockca::DomainChallenge& challenge) {
  if (challenge.method == mockca::VerifyType::File) return "FILE";
  return challenge.dns_record == mockca::DnsRecordKind::Cname ? "CNAME" : "TXT";
}

}  // namespace

nlohmann::json challenge_json(const mockca::DomainChallenge& challenge) {
  return {{"DvAuthKey", challenge.dns_host},
          {"DvAuthValue", challenge.value},
          {"DvAuthDomain", challenge.domain},
          {"DvAuthPath", challenge.file_path},
          {"DvAuthSubDomain", challenge.dns_name},
          {"DvAuthVerifyType", auth_kind_word(challenge)},
          {"VerifyType", mockca::to_string(challenge.method)},
          {"Reused", challenge.reused}};
}

mockca::ApiResult<mockca::DomainChallenge> challenge_from_json(const nlohmann::json& entry) {
  detail::ParamReader fields(entry);
  mockca::DomainChallenge challenge;
  challenge.dns_host = fields.required_string("DvAuthKey");
  challenge.value = fields.required_string("DvAuthValue");
  challenge.domain = fields.required_string("DvAuthDomain");
  challenge.file_path = fields.required_string("DvAuthPath");
  challenge.dns_name = fields.required_string("DvAuthSubDomain");
  fields.require("DvAuthVerifyType");
  const auto kind = fields.choice("DvAuthVerifyType", std::span<const AuthKind>(kAuthKinds),
                                  [](const AuthKind& each) { return each.word; });
  fields.require("VerifyType");
  challenge.method = detail::read_verify_type(fields, "VerifyType").value_or(mockca::VerifyType::Dns);
  challenge.reused = fields.flag("Reused").value_or(false);
  if (kind) challenge.dns_record = kind->record;
  if (fields.ok() && kind && kind->file != (challenge.method == mockca::VerifyType::File)) {
    fields.bad_value("DvAuthVerifyType", challenge.method == mockca::VerifyType::File ? "FILE" : "TXT or CNAME",
                     kind->word);
  }
  if (!fields.ok()) return *fields.error();
  return challenge;
}

std::string api_time(sim::Instant instant) {
  using namespace std::chrono;
  const auto local = floor<seconds>(instant.time_since_epoch() + hours{8});
  const auto day = floor<days>(local);
  const year_month_day date{sys_days{day}};
  const hh_mm_ss time{local - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

}  // namespace casim::api
