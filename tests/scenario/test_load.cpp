// Loading the documented example scenarios (tests/scenario/data/good/): each loads without a
// problem, its typed values are those written (a few key fields per section), the docs' full
// example is one of these files, and a loaded scenario runs.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <variant>

#include "casim/mockca/csr_intake.hpp"
#include "casim/order/simulation.hpp"
#include "casim/scenario/load.hpp"
#include "casim/sim/random.hpp"
#include "scenario_test_support.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_load)

namespace {

using namespace casim;
using scenario::test::data_dir;
using sim::parse_instant;
namespace world = sim::world;

const std::filesystem::path kGood = data_dir() / "good";

scenario::Scenario load(const char* name) { return scenario::load_scenario(kGood / name); }

const order::OrderPlan& plan(const scenario::Scenario& s, std::string_view ref) {
  const auto found = std::find_if(s.config.orders.begin(), s.config.orders.end(),
                                  [&](const order::OrderPlan& p) { return p.ref == ref; });
  BOOST_TEST_REQUIRE((found != s.config.orders.end()), "no order " << ref);
  return *found;
}

sim::Duration delay_of(const order::Timing& timing) { return std::get<sim::Duration>(timing.when); }

sim::DurationSpec draw(const sim::DurationDistribution& distribution) {
  sim::RandomStream stream(1, 0, "test");
  return distribution.draw(stream);
}

world::DnsRcode rcode(const world::World& w, const char* name, world::DnsType type, sim::Instant at) {
  return w.dns.query(name, type, at).rcode;
}

BOOST_AUTO_TEST_CASE(every_good_example_lints_clean) {
  for (const auto& file : scenario::collect_scenario_files({kGood})) {
    const auto diagnostics = scenario::lint_scenario(file);
    std::string text;
    for (const auto& d : diagnostics) text += d.to_string() + "\n";
    BOOST_TEST(diagnostics.empty(), file.string() << ":\n" << text);
  }
  BOOST_TEST(scenario::collect_scenario_files({kGood}).size() == 4u);
}

BOOST_AUTO_TEST_CASE(the_docs_full_example_is_the_good_full_example_file) {
  const std::string doc = scenario::test::read_text(scenario::test::source_dir() / "docs" / "scenario-format.md");
  const auto section = doc.find("## Full example");
  BOOST_TEST_REQUIRE(section != std::string::npos);
  const std::string fence = "```yaml\n";
  const auto begin = doc.find(fence, section) + fence.size();
  const auto end = doc.find("```", begin);
  BOOST_TEST(doc.substr(begin, end - begin) == scenario::test::read_text(kGood / "full-example.yaml"));
  BOOST_TEST(doc.find("Status: stable") < doc.find("## Top level"));
}

BOOST_AUTO_TEST_CASE(full_example_top_level_calendars_and_ca) {
  const auto s = load("full-example.yaml");
  BOOST_TEST(s.name == "full-example");
  BOOST_TEST(s.seed == 42u);
  BOOST_TEST(s.runs == 3);
  BOOST_TEST(s.tags == (std::vector<std::string>{"example", "ov", "dv"}));
  BOOST_TEST(s.config.start == parse_instant("2026-09-14T01:00:00Z"));
  BOOST_TEST(!s.config.issue_certificates);
  BOOST_TEST(s.where.file == (kGood / "full-example.yaml").string());
  BOOST_TEST(s.config.ca.review_calendar->name() == "CN");
  // The added holiday is off on the review calendar only.
  BOOST_TEST(!s.config.ca.review_calendar->is_business_day(sim::parse_date("2026-09-18")));
  BOOST_TEST(s.config.ca.pre_review_calendar->is_business_day(sim::parse_date("2026-09-18")));
  BOOST_TEST((draw(s.config.ca.config.pre_review.duration) == sim::DurationSpec::business_hours(4)));
  BOOST_TEST((draw(s.config.ca.config.issuance_delay) == sim::DurationSpec::calendar(2 * sim::kMinute)));
  BOOST_TEST(s.config.ca.config.review.max_call_attempts == 3);
  BOOST_TEST(s.config.limits.horizon == 60 * sim::kDay);
}

BOOST_AUTO_TEST_CASE(full_example_world_actions_and_orders) {
  const auto s = load("full-example.yaml");
  const auto start = s.config.start;
  BOOST_TEST((rcode(s.config.world, "www.example.com", world::DnsType::A, start) == world::DnsRcode::NoError));
  // The CAA action replaces otherca.example with casim.test one day after the start.
  const auto before = s.config.world.dns.query("example.com", world::DnsType::CAA, start);
  const auto after = s.config.world.dns.query("example.com", world::DnsType::CAA, start + sim::kDay);
  BOOST_TEST_REQUIRE(before.records.size() == 1u);
  BOOST_TEST(before.records[0].value == "otherca.example");
  BOOST_TEST_REQUIRE(after.records.size() == 1u);
  BOOST_TEST(after.records[0].value == "casim.test");
  BOOST_TEST(s.config.world.hosted.is_hosted("site1.hosted.example.net"));
  // The phone script: no answer, then confirmed.
  world::World copy = s.config.world;
  sim::RandomStream stream(1, 0, "calls");
  BOOST_TEST((copy.phones.call("+861012345678", start, stream).result == world::CallResult::NoAnswer));
  BOOST_TEST((copy.phones.call("+861012345678", start, stream).result == world::CallResult::Confirmed));

  std::vector<std::string> refs;
  for (const auto& p : s.config.orders) refs.push_back(p.ref);
  BOOST_TEST(refs == (std::vector<std::string>{"dv-dns", "ov-shop", "batch-00001", "batch-00002", "batch-00003"}));
  BOOST_TEST(delay_of(plan(s, "dv-dns").placed) == 30 * sim::kMinute);
  const auto& ov = plan(s, "ov-shop");
  BOOST_TEST((ov.level == mockca::ValidationLevel::OV));
  BOOST_TEST_REQUIRE(ov.organization.has_value());
  BOOST_TEST(ov.organization->legal_name == "Acme Widgets (Beijing) Co., Ltd.");
  BOOST_TEST(ov.organization->phone == "+86 138 0000 1111");
  const auto& online = std::get<mockca::OnlineCsr>(ov.csr);
  BOOST_TEST((online.key.algorithm == mockca::KeyAlgorithm::Rsa));
  BOOST_TEST(online.common_name == "shop.example.com");
  BOOST_TEST(delay_of(ov.publish.when) == 2 * sim::kHour);
  const auto& batch = plan(s, "batch-00002");
  BOOST_TEST(std::get<mockca::OnlineCsr>(batch.csr).common_name == "site2.hosted.example.net");
  BOOST_TEST(delay_of(batch.placed) == sim::kHour);
  BOOST_TEST((batch.verify_type == mockca::VerifyType::DnsAuto));
}

BOOST_AUTO_TEST_CASE(full_example_expectations) {
  const auto s = load("full-example.yaml");
  BOOST_TEST_REQUIRE(s.order_expectations.size() == 3u);
  const auto& dv = s.order_expectations[0];
  BOOST_TEST(dv.order == "dv-dns");
  BOOST_TEST((dv.outcome == order::Outcome::Issued));
  BOOST_TEST_REQUIRE(dv.issued_within.has_value());
  BOOST_TEST((dv.issued_within->unit == scenario::TimeBound::Unit::BusinessDays));
  BOOST_TEST(dv.issued_within->amount == 3.0);
  BOOST_TEST(dv.issued_within->text == "3bd");
  BOOST_TEST(dv.where.line > 0);
  const auto& ov = s.order_expectations[1];
  BOOST_TEST((*ov.statuses == std::vector<mockca::Status>{mockca::Status::PendingSubmission, mockca::Status::UnderReview,
                                                         mockca::Status::Issued}));
  BOOST_TEST_REQUIRE(ov.stages.size() == 1u);
  BOOST_TEST((ov.stages[0].stage == order::Stage::Review));
  BOOST_TEST(ov.stages[0].min->amount == 3.0);
  BOOST_TEST_REQUIRE(s.aggregate_expectations.size() == 2u);
  const auto& rate = s.aggregate_expectations[0];
  BOOST_TEST((rate.kind == scenario::AggregateExpectation::Kind::FailureRate));
  BOOST_TEST(*rate.max_rate == 0.0);
  const auto& p90 = s.aggregate_expectations[1];
  BOOST_TEST((p90.kind == scenario::AggregateExpectation::Kind::TimeToIssuePercentile));
  BOOST_TEST(p90.percentile == 90.0);
  BOOST_TEST(p90.max_time->text == "6bd");
  BOOST_TEST((p90.level == mockca::ValidationLevel::OV));
}

BOOST_AUTO_TEST_CASE(calendars_and_ca_settings) {
  const auto s = load("calendars-and-ca.yaml");
  BOOST_TEST(s.config.ca.review_calendar->name() == "CN+US");
  const auto& review = *s.config.ca.review_calendar;
  BOOST_TEST(!review.is_business_day(sim::parse_date("2026-09-29")));  // added holiday
  BOOST_TEST(!review.is_business_day(sim::parse_date("2026-12-30")));  // inside the added span
  BOOST_TEST(review.is_business_day(sim::parse_date("2026-11-07")));   // added working Saturday
  BOOST_TEST(!review.is_business_day(sim::parse_date("2026-11-26")));  // US Thanksgiving
  BOOST_TEST(!review.is_business_day(sim::parse_date("2026-10-05")));  // CN National Day
  BOOST_TEST(!review.is_business_day(sim::parse_date("2026-10-01")));  // added where CN lists it already
  BOOST_TEST(s.config.ca.pre_review_calendar->name() == "US");
  const mockca::CaConfig& ca = s.config.ca.config;
  BOOST_TEST(ca.intake.allow_p521);
  BOOST_TEST(ca.intake.max_names == 50u);
  BOOST_TEST(ca.intake.blocked_names == (std::vector<std::string>{"blocked.example.com"}));
  BOOST_TEST(ca.pre_review.outcomes.size() == 3u);
  BOOST_TEST((ca.pre_review.basis == mockca::TimeBasis::BusinessTime));
  BOOST_TEST((ca.dcv.dns_record == mockca::DnsRecordKind::Cname));
  BOOST_TEST(ca.dcv.ca.remote.size() == 3u);
  BOOST_TEST(ca.dcv.ca.max_disagreeing == 0u);
  BOOST_TEST(ca.dcv.local.name == "platform-sh");
  BOOST_TEST(ca.dcv.timeout_dv == 2 * sim::kDay);
  BOOST_TEST(ca.dcv.resolver.failure_ttl == 30 * sim::kSecond);
  BOOST_TEST(ca.caa.brand_domains.size() == 2u);
  BOOST_TEST(ca.caa.min_freshness == 12 * sim::kHour);
  BOOST_TEST((ca.review.no_listed_phone == mockca::NoListedPhone::Letter));
  BOOST_TEST((ca.review.retry_spacing == sim::DurationSpec::business_days(1)));
  BOOST_TEST(ca.review.max_call_backs == 1);
  BOOST_TEST((draw(ca.review.ev_duration).unit == sim::DurationSpec::Unit::BusinessDays));
  BOOST_TEST((ca.review_start == mockca::ReviewStart::AfterValidation));
  BOOST_TEST(ca.local_check_interval == 2 * sim::kMinute);
  BOOST_TEST(!ca.reuse_validation_data);
  BOOST_TEST(s.config.limits.max_events == 100000u);
  BOOST_TEST(s.config.limits.slice == 30 * sim::kMinute);
  BOOST_TEST(s.config.platform.expiry_notice_days == (std::vector<int>{30, 7}));
  BOOST_TEST(s.config.platform.multi_year_lead == 45 * sim::kDay);
  const auto& order = plan(s, "ov-order");
  BOOST_TEST(order.brand == "trustasia");
  BOOST_TEST(order.organization->registration_number == "12345678");
}

BOOST_AUTO_TEST_CASE(world_entries_and_actions_land_on_the_timelines) {
  const auto s = load("world-and-actions.yaml");
  const world::World& w = s.config.world;
  const auto start = s.config.start;
  // TXT added 2h after the start, visible after the 1-minute default propagation; removed after 2 days.
  BOOST_TEST((rcode(w, "note.example.com", world::DnsType::TXT, start + 2 * sim::kHour) != world::DnsRcode::NoError ||
              w.dns.query("note.example.com", world::DnsType::TXT, start + 2 * sim::kHour).records.empty()));
  BOOST_TEST(w.dns.query("note.example.com", world::DnsType::TXT, start + 3 * sim::kHour).records.size() == 1u);
  BOOST_TEST(w.dns.query("note.example.com", world::DnsType::TXT, start + 3 * sim::kDay).records.empty());
  BOOST_TEST(w.dns.query("example.com", world::DnsType::CAA, start).records.size() == 2u);
  BOOST_TEST(w.dns.query("example.com", world::DnsType::CAA, start + 2 * sim::kDay).records.size() == 2u);
  BOOST_TEST(w.dns.query("example.com", world::DnsType::CAA, start + 2 * sim::kDay).records[1].caa_tag == "issuewild");
  BOOST_TEST((rcode(w, "api.slow.example.org", world::DnsType::A, start + sim::kHour) == world::DnsRcode::ServFail));
  BOOST_TEST((rcode(w, "api.slow.example.org", world::DnsType::A, start + 2 * sim::kDay) == world::DnsRcode::NoError));
  const world::Perspective cn{"cn", "CN"};
  BOOST_TEST((w.web.fetch("http://down.example.com/", start + 2 * sim::kHour, cn).error == world::WebError::Timeout));
  const auto up = w.web.fetch("http://down.example.com/", start + 4 * sim::kHour, cn);
  BOOST_TEST(up.status == 200);
  BOOST_TEST(up.body == "up again");
  BOOST_TEST((w.web.fetch("http://legacy.example.com/", start + 5 * sim::kHour, cn).error ==
              world::WebError::ConnectionRefused));
  const world::Perspective us{"us", "US"};
  BOOST_TEST((w.web.fetch("https://www.example.com/", start + 6 * sim::kHour, us).error == world::WebError::Timeout));
  BOOST_TEST(w.web.fetch("https://www.example.com/", start + 6 * sim::kHour, cn).body == "<html>welcome</html>");

  world::World copy = w;
  sim::RandomStream stream(1, 0, "calls");
  BOOST_TEST((copy.phones.call("+861077770000", start, stream).result == world::CallResult::Voicemail));
  BOOST_TEST((copy.phones.call("+861077770000", parse_instant("2026-09-15T03:00:00Z"), stream).result ==
              world::CallResult::Confirmed));
  BOOST_TEST((copy.phones.call("+14155550100", start, stream).result == world::CallResult::NotInService));
  const auto call_back = copy.phones.call("+861088880000", start, stream);
  BOOST_TEST((call_back.call_back_at == parse_instant("2026-09-15T02:00:00Z")));

  BOOST_TEST((w.registry.find_by_number("91110000MA01ABCD2X", start).status == world::RegistryStatus::Active));
  BOOST_TEST((w.registry.find_by_number("91110000MA01ABCD2X", start + 11 * sim::kDay).status ==
              world::RegistryStatus::Inactive));
  BOOST_TEST((w.registry.find_by_number("91310000OLD0001", start).status == world::RegistryStatus::Inactive));
  BOOST_TEST(
      (w.registry.find_by_number("91310000OLD0001", start + 30 * sim::kDay).status == world::RegistryStatus::NotFound));
  BOOST_TEST(plan(s, "ev-acme").organization->business_category.has_value());
}

BOOST_AUTO_TEST_CASE(order_fields) {
  const auto s = load("orders-and-expectations.yaml");
  BOOST_TEST(s.config.orders.size() == 5u + 12u);
  const auto& generated = plan(s, "dv-generated");
  BOOST_TEST(generated.brand == "digicert");
  BOOST_TEST(generated.domain_count == 3);
  BOOST_TEST(generated.years == 2);
  BOOST_TEST(delay_of(generated.placed) == 30 * sim::kMinute);
  BOOST_TEST(generated.submit_after == 10 * sim::kMinute);
  const auto& online = std::get<mockca::OnlineCsr>(generated.csr);
  BOOST_TEST(online.key.rsa_bits == 3072);
  BOOST_TEST(online.other_names == (std::vector<std::string>{"example.com"}));
  BOOST_TEST(*online.key_password == "s3cret");
  BOOST_TEST(generated.administrator.email == "li@example.com");
  BOOST_TEST((generated.verify_type == mockca::VerifyType::File));
  BOOST_TEST((generated.publish.kind == order::PublishKind::WrongValue));
  BOOST_TEST(generated.publish.wrong_value == "stale-token");
  BOOST_TEST(delay_of(*generated.publish.corrected) == 2 * sim::kDay);
  BOOST_TEST((generated.publish.file_scheme == order::FileScheme::Both));
  BOOST_TEST(generated.polling.backoff == 2.0);
  BOOST_TEST(!generated.polling.validate_now);
  BOOST_TEST(generated.cancel->cycle == 2);

  const auto& pasted = std::get<mockca::PastedCsr>(plan(s, "dv-pasted").csr);
  BOOST_TEST(pasted.pem.starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
  BOOST_TEST(pasted.common_name == "shop.example.com");
  BOOST_TEST((std::get<sim::Instant>(plan(s, "dv-pasted").placed.when) == parse_instant("2026-09-14T04:00:00Z")));
  BOOST_TEST((plan(s, "dv-pasted").publish.kind == order::PublishKind::Never));
  BOOST_TEST(std::get<mockca::PastedCsr>(plan(s, "dv-inline").csr).pem.find("MIIBBTCB") != std::string::npos);

  // The bad CSR is made for the order's names and refused by intake for the documented reason.
  const auto verdict = mockca::check_csr(std::get<mockca::PastedCsr>(plan(s, "dv-bad").csr).pem);
  BOOST_TEST_REQUIRE(!verdict.findings.empty());
  BOOST_TEST((verdict.findings.front().reason == mockca::Reason::KeyRsaSizeUnsupported));

  const auto& ov = plan(s, "ov-lifecycle");
  BOOST_TEST(ov.organization->legal_name == "Acme Widget Co");
  BOOST_TEST(ov.organization->registration_number == "91110000MA01ABCD2X");
  BOOST_TEST(std::get<mockca::OnlineCsr>(ov.csr).key.curve == "P-384");
  BOOST_TEST(!ov.delete_dns_auto_record);
  BOOST_TEST(ov.resubmit.enabled);
  BOOST_TEST(ov.resubmit.max_attempts == 2);
  BOOST_TEST(ov.resubmit.corrected_organization->legal_name == "Acme Widgets (Beijing) Co., Ltd.");
  BOOST_TEST_REQUIRE(ov.reissue.has_value());
  BOOST_TEST((std::get<mockca::OnlineCsr>(*ov.reissue->csr).key.algorithm == mockca::KeyAlgorithm::Rsa));
  BOOST_TEST((*ov.reissue->verify_type == mockca::VerifyType::Dns));
  BOOST_TEST((ov.revoke->reason == mockca::RevocationReason::KeyCompromise));
  BOOST_TEST(ov.renew->before_expiry == 25 * sim::kDay);

  const auto& last = plan(s, "load-00012");
  BOOST_TEST(std::get<mockca::OnlineCsr>(last.csr).common_name == "site12.hosted.example.net");
  BOOST_TEST(delay_of(last.placed) == 11 * 30 * sim::kSecond);
  BOOST_TEST(s.config.orders.back().ref == "load-00012");  // file order kept
}

BOOST_AUTO_TEST_CASE(expectation_forms) {
  const auto s = load("orders-and-expectations.yaml");
  BOOST_TEST_REQUIRE(s.order_expectations.size() == 5u);
  const auto& cancelled = s.order_expectations[0];
  BOOST_TEST((*cancelled.status == mockca::Status::Cancelled));
  BOOST_TEST(
      (*cancelled.statuses == std::vector<mockca::Status>{mockca::Status::PendingSubmission, mockca::Status::UnderReview,
                                                         mockca::Status::Cancelling, mockca::Status::Cancelled}));
  BOOST_TEST((*s.order_expectations[1].reason == mockca::Reason::KeyRsaSizeUnsupported));
  const auto& ov = s.order_expectations[2];
  BOOST_TEST(ov.stages.size() == 5u);
  BOOST_TEST((ov.stages[4].stage == order::Stage::TotalToIssue));
  BOOST_TEST((ov.stages[4].max->unit == scenario::TimeBound::Unit::BusinessHours));
  BOOST_TEST(ov.stages[0].max->amount == 72.0 * 3600);
  BOOST_TEST((*ov.issued_by == sim::parse_date("2026-09-30")));
  BOOST_TEST(ov.min_runs_fraction == 0.9);
  BOOST_TEST(s.order_expectations[3].order == "ov-lifecycle/reissue");
  const auto& p50 = s.aggregate_expectations[0];
  BOOST_TEST(p50.percentile == 50.0);
  BOOST_TEST(p50.min_time->amount == 60.0);
  BOOST_TEST(p50.order == "load");
  BOOST_TEST(*s.aggregate_expectations[2].min_rate == 0.5);
}

BOOST_AUTO_TEST_CASE(a_loaded_scenario_runs) {
  const auto s = load("full-example.yaml");
  order::RunConfig config = s.config;
  config.seed = s.seed;
  const order::RunResult result = order::run_simulation(config);
  BOOST_TEST(result.orders.size() == 5u);
  const auto* dv = result.find("dv-dns");
  BOOST_TEST_REQUIRE(dv != nullptr);
  BOOST_TEST((dv->outcome == order::Outcome::Issued));
}

}  // namespace

// `casim serve` reads a file for its world and settings only; `casim run` still needs orders.
BOOST_AUTO_TEST_CASE(orders_are_optional_only_when_asked) {
  const auto dir = std::filesystem::temp_directory_path() / ("casim-world-only-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "world-only.yaml";
  std::ofstream(file) << "name: world-only\nstart: 2026-09-07T09:00:00+08:00\n"
                         "world:\n  hosted_domains: [example.com]\n";
  const auto served = scenario::load_scenario(file, {}, scenario::OrdersNeeded::Optional);
  BOOST_TEST(served.config.orders.empty());
  BOOST_TEST(served.name == "world-only");
  try {
    scenario::load_scenario(file);
    BOOST_FAIL("a run scenario without orders was accepted");
  } catch (const scenario::ScenarioError& error) {
    BOOST_TEST(error.diagnostics().size() == 1u);
    BOOST_TEST(error.diagnostics().front().message.find("orders") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()  // test_load
