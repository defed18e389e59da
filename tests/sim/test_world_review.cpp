// What a reviewer sees: the company registry over time, years registered, and phone lines —
// scripted sequences and their end, weighted outcomes drawn from a seeded stream, unknown numbers,
// the call log — and a World copied for each run.
#include <boost/test/unit_test.hpp>

#include <map>

#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/random.hpp"
#include "casim/sim/world/world.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_world_review)


using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-03-02T09:00:00Z");

Organization acme() {
  Organization org;
  org.legal_name = "Acme Widgets (Shenzhen) Co., Ltd.";
  org.registration_number = "91440300MA5XXXXX1K";
  org.jurisdiction = {"cn", "Guangdong", "Shenzhen"};
  org.address = "1 Keji Road, Nanshan District";
  org.registration_date = parse_date("2023-03-05");
  org.category = BusinessCategory::PrivateOrganization;
  org.directory_phone = "+86 (755) 8888-0000";
  org.applicant_phone = "+86 138 0000 1111";
  org.operational_existence_evidence = false;
  org.signer_authority_confirmed = true;
  return org;
}

RandomStream stream(std::uint64_t seed) { return RandomStream(seed, 0, "review.call.answer"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(lookups_show_status_changes_over_time) {
  OrganizationRegistry registry;
  registry.add(acme(), RegistryStatus::Active, "orgs.yaml:4:3");
  registry.set_status("91440300MA5XXXXX1K", kT0 + 2 * kDay, RegistryStatus::Inactive);
  registry.set_status("91440300MA5XXXXX1K", kT0 + 5 * kDay, RegistryStatus::NotFound);

  const RegistryAnswer now = registry.find_by_number("91440300MA5XXXXX1K", kT0);
  BOOST_TEST(now.status == RegistryStatus::Active);
  BOOST_TEST_REQUIRE(now.organization != nullptr);
  BOOST_TEST(now.organization->jurisdiction.country == "CN");
  BOOST_TEST(now.organization->directory_phone == "+8675588880000");
  BOOST_TEST(now.organization->signer_authority_confirmed);
  BOOST_TEST(registry.find_by_name("Acme Widgets (Shenzhen) Co., Ltd.", kT0 + 2 * kDay).status ==
             RegistryStatus::Inactive);
  const RegistryAnswer gone = registry.find_by_name("Acme Widgets (Shenzhen) Co., Ltd.", kT0 + 5 * kDay);
  BOOST_TEST(gone.status == RegistryStatus::NotFound);
  BOOST_TEST(gone.organization == nullptr);
  // Exact names only; unknown numbers are not found.
  BOOST_TEST(registry.find_by_name("ACME WIDGETS (SHENZHEN) CO., LTD.", kT0).status ==
             RegistryStatus::NotFound);
  BOOST_TEST(registry.find_by_number("nope", kT0).status == RegistryStatus::NotFound);
  // Before its registration date the company is not in the registry.
  BOOST_TEST(registry.find_by_number("91440300MA5XXXXX1K", parse_instant("2023-03-04")).status ==
             RegistryStatus::NotFound);
}

BOOST_AUTO_TEST_CASE(years_registered_counts_whole_years_at_an_instant) {
  const Organization org = acme();  // registered 2023-03-05
  BOOST_TEST(org.years_registered(parse_instant("2026-03-04T23:59:59Z")) == 2);
  BOOST_TEST(org.years_registered(parse_instant("2026-03-05")) == 3);
  BOOST_TEST(org.years_registered(parse_instant("2023-03-05")) == 0);
  BOOST_TEST(org.years_registered(parse_instant("2020-01-01")) == 0);
}

BOOST_AUTO_TEST_CASE(bad_organizations_are_input_errors) {
  OrganizationRegistry registry;
  registry.add(acme());
  Organization twin = acme();
  twin.legal_name = "Other Co.";
  BOOST_CHECK_THROW(registry.add(twin), casim::InputError);  // same registration number
  Organization bad_country = acme();
  bad_country.registration_number = "X1";
  bad_country.legal_name = "Other Co.";
  bad_country.jurisdiction.country = "China";
  try {
    registry.add(bad_country, RegistryStatus::Active, "orgs.yaml:9:3");
    BOOST_ERROR("a bad country was accepted");
  } catch (const casim::InputError& error) {
    BOOST_TEST(error.where() == "orgs.yaml:9:3");
  }
  Organization bad_phone = acme();
  bad_phone.registration_number = "X2";
  bad_phone.legal_name = "Third Co.";
  bad_phone.applicant_phone = "call me";
  BOOST_CHECK_THROW(registry.add(bad_phone), casim::InputError);
  BOOST_CHECK_THROW(registry.set_status("X9", kT0, RegistryStatus::Inactive), casim::InputError);
  BOOST_TEST(registry.size() == 1);
  BOOST_TEST(parse_registry_status("Not_Found") == RegistryStatus::NotFound);
  BOOST_TEST(parse_business_category("non-commercial entity") == BusinessCategory::NonCommercialEntity);
  BOOST_TEST(to_string(BusinessCategory::GovernmentEntity) == "Government Entity");
  BOOST_CHECK_THROW(parse_business_category("Charity"), casim::InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(phones)

BOOST_AUTO_TEST_CASE(a_script_is_consumed_call_by_call_then_repeats_its_last_answer) {
  Phones phones;
  phones.set_line("+86 755 8888 0000", kT0,
                  PhoneLine::scripted({{CallResult::NoAnswer},
                                       {CallResult::Busy},
                                       PhoneAnswer::call_back_after(2h),
                                       {CallResult::Confirmed}},
                                      ScriptEnd::repeat_last()));
  RandomStream rng = stream(1);
  BOOST_TEST(phones.call("+8675588880000", kT0, rng).result == CallResult::NoAnswer);
  BOOST_TEST(phones.call("+86-755-8888-0000", kT0 + 1h, rng).result == CallResult::Busy);
  const CallOutcome later = phones.call("+8675588880000", kT0 + 2h, rng);
  BOOST_TEST(later.result == CallResult::CallBack);
  BOOST_TEST(later.call_back_at.value() == kT0 + 4h);
  BOOST_TEST(phones.call("+8675588880000", kT0 + 4h, rng).result == CallResult::Confirmed);
  BOOST_TEST(phones.call("+8675588880000", kT0 + 5h, rng).result == CallResult::Confirmed);
}

// Issue 17: a line with hours answers only within them, and keeps its script for then.
BOOST_AUTO_TEST_CASE(a_line_with_hours_is_unanswered_outside_them) {
  Phones phones;
  PhoneLine office = PhoneLine::scripted({CallResult::Busy, CallResult::Confirmed}, ScriptEnd::repeat_last());
  office.hours = CalendarLibrary().load("CN");  // 09:00-18:00 Beijing on Chinese business days
  phones.set_line("+86 10 1234 5678", kT0, office);
  RandomStream rng = stream(1);
  const Instant monday_9am = parse_instant("2026-09-14T09:00:00+08:00");
  const CallOutcome early = phones.call("+861012345678", monday_9am - 1min, rng);
  BOOST_TEST(early.result == CallResult::NoAnswer);
  BOOST_TEST(early.outside_hours);
  BOOST_TEST(describe(early) == "no answer (outside the line's hours)");
  BOOST_TEST(phones.call("+861012345678", parse_instant("2026-09-19T10:00:00+08:00"), rng).outside_hours);  // Saturday
  const CallOutcome first = phones.call("+861012345678", monday_9am, rng);
  BOOST_TEST(first.result == CallResult::Busy);  // the script's first answer, kept for the staffed hours
  BOOST_TEST(!first.outside_hours);
  BOOST_TEST(phones.call("+861012345678", monday_9am + 1h, rng).result == CallResult::Confirmed);
  BOOST_TEST(phones.call_log().size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_script_can_end_in_a_default_answer) {
  Phones phones;
  phones.set_line("010-1234-5678", kT0,
                  PhoneLine::scripted({PhoneAnswer::call_back_at(kT0 + kDay)},
                                      ScriptEnd::answer({CallResult::Voicemail})));
  RandomStream rng = stream(1);
  const CallOutcome first = phones.call("01012345678", kT0, rng);
  BOOST_TEST(first.call_back_at.value() == kT0 + kDay);
  BOOST_TEST(describe(first) == "call back at 2026-03-03T09:00:00Z");
  for (int i = 1; i <= 3; ++i) {
    BOOST_TEST(phones.call("01012345678", kT0 + i * 1h, rng).result == CallResult::Voicemail);
  }
  // A call-back instant already past is moved to the call itself.
  phones.set_line("010-1234-0000", kT0, PhoneLine::always(PhoneAnswer::call_back_at(kT0)));
  BOOST_TEST(phones.call("01012340000", kT0 + 1h, rng).call_back_at.value() == kT0 + 1h);
}

BOOST_AUTO_TEST_CASE(a_line_changes_at_an_instant_and_its_script_starts_afresh) {
  Phones phones;
  phones.set_line("+1 212 555 0100", kT0, PhoneLine::always({CallResult::WrongNumber}));
  phones.set_line(
      "+1 212 555 0100", kT0 + kDay,
      PhoneLine::scripted({{CallResult::Refused}, {CallResult::Confirmed}}, ScriptEnd::repeat_last()));
  RandomStream rng = stream(1);
  BOOST_TEST(phones.call("+12125550100", kT0 - 1s, rng).result == CallResult::NotInService);
  BOOST_TEST(phones.call("+12125550100", kT0, rng).result == CallResult::WrongNumber);
  BOOST_TEST(phones.call("+12125550100", kT0 + kDay, rng).result == CallResult::Refused);
  BOOST_TEST(phones.call("+12125550100", kT0 + kDay, rng).result == CallResult::Confirmed);
}

BOOST_AUTO_TEST_CASE(unknown_numbers_are_not_in_service_and_every_call_is_logged) {
  Phones phones;
  phones.set_line("+86 10 0000 0001", kT0, PhoneLine::always({CallResult::Confirmed}));
  RandomStream rng = stream(1);
  BOOST_TEST(phones.call("+86 10 9999 9999", kT0, rng).result == CallResult::NotInService);
  phones.call("+86 10 0000 0001", kT0 + 1min, rng);
  const auto& log = phones.call_log();
  BOOST_TEST_REQUIRE(log.size() == 2);
  BOOST_TEST(log[0].number == "+861099999999");
  BOOST_TEST(log[0].at == kT0);
  BOOST_TEST(log[0].outcome.result == CallResult::NotInService);
  BOOST_TEST(log[1].number == "+861000000001");
  BOOST_TEST(log[1].at == kT0 + 1min);
  BOOST_TEST(log[1].outcome.result == CallResult::Confirmed);
}

BOOST_AUTO_TEST_CASE(weighted_outcomes_are_deterministic_per_seed_and_follow_the_weights) {
  const PhoneLine line = PhoneLine::weighted({{{CallResult::Confirmed}, 0.5},
                                              {{CallResult::NoAnswer}, 0.3},
                                              {{CallResult::Busy}, 0.15},
                                              {PhoneAnswer::call_back_after(3h), 0.05}});
  const auto draws = [&](std::uint64_t seed, int calls) {
    Phones phones;
    phones.set_line("+86 21 5555 0000", kT0, line);
    RandomStream rng = stream(seed);
    std::vector<CallResult> results;
    for (int i = 0; i < calls; ++i)
      results.push_back(phones.call("+862155550000", kT0 + i * 1min, rng).result);
    return results;
  };
  BOOST_TEST(draws(42, 200) == draws(42, 200), boost::test_tools::per_element());
  BOOST_TEST(draws(42, 200) != draws(43, 200));

  constexpr int kCalls = 20000;
  std::map<CallResult, int> counts;
  for (const CallResult result : draws(7, kCalls)) ++counts[result];
  // Within 4 standard deviations of the expected share (n = 20000).
  BOOST_TEST(std::abs(counts[CallResult::Confirmed] / double(kCalls) - 0.5) < 0.015);
  BOOST_TEST(std::abs(counts[CallResult::NoAnswer] / double(kCalls) - 0.3) < 0.013);
  BOOST_TEST(std::abs(counts[CallResult::Busy] / double(kCalls) - 0.15) < 0.011);
  BOOST_TEST(std::abs(counts[CallResult::CallBack] / double(kCalls) - 0.05) < 0.007);
}

BOOST_AUTO_TEST_CASE(bad_lines_are_input_errors) {
  Phones phones;
  const auto fails = [&](std::string_view number, PhoneLine line) {
    BOOST_CHECK_THROW(phones.set_line(number, kT0, std::move(line), "phones.yaml:2:1"),
                      casim::InputError);
  };
  fails("12", PhoneLine::always({CallResult::Confirmed}));
  fails("+86 abc", PhoneLine::always({CallResult::Confirmed}));
  fails("+86 10 1", PhoneLine::scripted({}, ScriptEnd::repeat_last()));
  fails("+86 10 1", PhoneLine::always({CallResult::CallBack}));
  fails("+86 10 1", PhoneLine::always(PhoneAnswer::call_back_after(-1min)));
  fails("+86 10 1", PhoneLine::always({CallResult::Busy, kT0}));
  fails("+86 10 1", PhoneLine::weighted({{{CallResult::Busy}, 0}}));
  fails("+86 10 1", PhoneLine::weighted({{{CallResult::Busy}, -1}, {{CallResult::Confirmed}, 2}}));
  // An empty script that ends in a default answer is just that answer.
  phones.set_line("+86 10 1", kT0, PhoneLine::scripted({}, ScriptEnd::answer({CallResult::Busy})));
  RandomStream rng = stream(1);
  BOOST_TEST(phones.call("+86101", kT0, rng).result == CallResult::Busy);
  BOOST_TEST(parse_call_result("Call-Back") == CallResult::CallBack);
  BOOST_TEST(parse_call_result("not_in_service") == CallResult::NotInService);
  BOOST_CHECK_THROW(parse_call_result("hung up"), casim::InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(each_run_starts_from_a_copy_of_the_same_world) {
  World initial;
  initial.registry.add(acme());
  initial.phones.set_line(
      "+86 755 8888 0000", kT0,
      PhoneLine::scripted({{CallResult::NoAnswer}, {CallResult::Confirmed}}, ScriptEnd::repeat_last()));
  const auto run = [&](World world) {
    RandomStream rng = stream(1);
    std::vector<CallResult> results;
    for (int i = 0; i < 2; ++i)
      results.push_back(world.phones.call("+8675588880000", kT0 + i * 1h, rng).result);
    BOOST_TEST(world.phones.call_log().size() == 2);
    return results;
  };
  const std::vector<CallResult> expected{CallResult::NoAnswer, CallResult::Confirmed};
  BOOST_TEST(run(initial) == expected, boost::test_tools::per_element());
  BOOST_TEST(run(initial) == expected, boost::test_tools::per_element());
  BOOST_TEST(initial.phones.call_log().empty());
}

BOOST_AUTO_TEST_SUITE_END()  // test_world_review
