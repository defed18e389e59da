// report.json: the golden file of a fixed-seed simulation, what a reader finds in it (instants in
// UTC, reasons with hints, certificate facts, 16-hex-digit fingerprints, the metadata), the round
// trip to_json → report_from_json → to_json, and errors naming the file and the field.
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "report_support.hpp"

BOOST_AUTO_TEST_SUITE(test_json)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;
using nlohmann::json;

namespace {

const ReportSet& golden_set() {
  static const ReportSet set = set_of({simulate(golden_scenario(), {0, 1, 2, 3})});
  return set;
}

std::string json_text(const ReportSet& set) {
  std::ostringstream out;
  write_json(set, out);
  return out.str();
}

// `path` removed from a copy of `document`, then read back: the error message.
std::string error_reading(json document, const json::json_pointer& path) {
  document[path.parent_pointer()].erase(path.back());
  try {
    report_from_json(document, "shard-1/report.json");
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(report_json_matches_the_golden_file) {
  check_golden("report.json", json_text(golden_set()));
}

BOOST_AUTO_TEST_CASE(report_json_holds_what_a_reader_needs) {
  const json document = to_json(golden_set());
  BOOST_TEST(document["meta"]["schema_version"] == kSchemaVersion);
  BOOST_TEST(document["meta"]["non_reproducible_fields"].empty());
  BOOST_TEST(document["meta"]["shard"].is_null());
  BOOST_TEST(document["summary"]["failed"] == 1);
  const json& scenario = document["scenarios"][0];
  BOOST_TEST(scenario["name"] == "golden-mixed");
  BOOST_TEST(scenario["runs"].size() == 4u);
  const std::regex iso_utc(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z)");
  // The CN calendar from the scenario's start (Monday 14 September 2026) to its 400-day horizon and
  // the timeline's week: 2026's Mid-Autumn Festival, National Day and its two make-up working days,
  // no holiday data for 2027.
  for (const char* role : {"review", "pre_review"}) {
    const json& calendar = scenario["calendars"][role];
    BOOST_TEST(calendar["name"] == "CN");
    BOOST_TEST(calendar["time_zone"] == json({{"name", "Asia/Shanghai"}, {"posix", "CST-8"}}));
    BOOST_TEST(calendar["weekend"] == json({"Saturday", "Sunday"}));
    BOOST_TEST(calendar["from"] == "2026-09-14");
    BOOST_TEST(calendar["to"] == "2027-10-25");
    BOOST_TEST(calendar["holidays"].size() == 10u);
    BOOST_TEST(calendar["holidays"][0] == json({{"date", "2026-09-25"}, {"name", "Mid-Autumn Festival"}}));
    BOOST_TEST(calendar["holidays"][3] == json({{"date", "2026-10-01"}, {"name", "National Day"}}));
    BOOST_TEST(calendar["working_days"] == json::parse(R"([{"date": "2026-09-20", "name": "National Day make-up working day"},
                                                          {"date": "2026-10-10", "name": "National Day make-up working day"}])"));
    BOOST_TEST(calendar["years_without_data"] == json({2027}));
  }
  for (const json& run : scenario["runs"]) {
    BOOST_TEST(std::regex_match(run["fingerprint"].get<std::string>(), std::regex("[0-9a-f]{16}")));
    BOOST_TEST(std::regex_match(run["start"].get<std::string>(), iso_utc));
  }
  const json& orders = scenario["runs"][0]["orders"];
  BOOST_TEST_REQUIRE(orders.size() == 3u);
  const json& shop = orders[0];
  BOOST_TEST(shop["ref"] == "dv-shop");
  BOOST_TEST(shop["status"]["code"] == 3);  // issued, then expired before the horizon
  BOOST_TEST(shop["status"]["name"] == "expired");
  BOOST_TEST(shop["certificate"]["policy_oid"] == "2.23.140.1.2.1");
  BOOST_TEST(shop["certificate"]["names"][0] == "shop.example.com");
  BOOST_TEST(!shop["certificate"]["serial"].get<std::string>().empty());
  BOOST_TEST(std::regex_match(shop["history"][0]["at"].get<std::string>(), iso_utc));
  const json& total = shop["stages"][4];
  BOOST_TEST(total["stage"] == "total_to_issue");
  BOOST_TEST(total["calendar_seconds"] == 4 * 3600 + 120);
  const json& calendar = scenario["calendars"]["review"];
  BOOST_TEST(calendar["business_hours"] == "09:00-18:00");  // CN: business days of 9 hours
  BOOST_TEST(total["business_days"] == (4 * 3600 + 120) / (9.0 * 3600));
  const json& missing = orders[2];
  BOOST_TEST(missing["outcome"] == "failed");
  bool timed_out = false;
  for (const json& reason : missing["reasons"]) {
    if (reason["code"] != "DcvTimedOut") continue;
    timed_out = true;
    BOOST_TEST(reason["category"] == "validation");
    BOOST_TEST(reason["hint"] == std::string(mockca::info(mockca::Reason::DcvTimedOut).hint));
  }
  BOOST_TEST(timed_out);
  BOOST_TEST(scenario["results"].size() > 5u);
  BOOST_TEST(scenario["aggregates"][1]["level"] == "OV");
}

BOOST_AUTO_TEST_CASE(the_json_round_trip_is_exact) {
  const json first = to_json(golden_set());
  ReportSet read = report_from_json(first, "report.json");
  BOOST_TEST(to_json(read).dump() == first.dump());
  evaluate(read);  // evaluating what was read gives the same results again
  BOOST_TEST(to_json(read).dump() == first.dump());
}

BOOST_AUTO_TEST_CASE(the_round_trip_keeps_fractions_unknown_business_time_and_errors) {
  ScenarioReport report = bare_report("fractions");
  order::OrderResult o = issued("www", mockca::ValidationLevel::EV, 90 * sim::kMinute + sim::Duration{123457}, sim::kHour);
  o.timing(order::Stage::TotalToIssue).business = std::nullopt;  // the calendar had no data
  o.history.back().at += sim::Duration{250};
  o.refusals.push_back({kMonday, "cancel", mockca::Reason::OrderStatusNotAllowResubmit, "FailedOperation.X", "d\"q"});
  o.expiry_notices.push_back(kMonday + 300 * sim::kDay);
  o.earlier_attempts.push_back({kMonday, kMonday + sim::kHour, kMonday + 2 * sim::kHour, mockca::Status::ReviewFailed,
                                {mockca::Reason::ReviewCallRefused, mockca::Reason::CaaForbidden}, "failed \"x\""});
  report.runs.push_back(run_of(0, {o}));
  report.run_expectation = scenario::RunExpectation{{"s.yaml", 4, 3}, order::RunStop::CalendarDataMissing};
  scenario::OrderExpectation exact;
  exact.order = "www";
  exact.issued_at = kMonday + sim::kHour;
  report.order_expectations.push_back(exact);
  report.runs[0].warnings.push_back({kMonday, mockca::Reason::RunCalendarDataMissing, "no data for 2028"});
  ScenarioReport broken = bare_report("broken");
  broken.error = "could not load: \"x\"";
  const ReportSet set = set_of({report, broken}, "2/3");
  const json first = to_json(set);
  const ReportSet read = report_from_json(first, "report.json");
  BOOST_TEST(to_json(read).dump() == first.dump());
  BOOST_TEST(*read.shard == "2/3");
  const auto& total = read.scenarios[1].runs[0].orders[0].timing(order::Stage::TotalToIssue);
  BOOST_TEST(!total.business.has_value());
  BOOST_TEST(total.calendar.count() == (90 * sim::kMinute + sim::Duration{123457}).count());
  BOOST_TEST(read.scenarios[0].error == "could not load: \"x\"");
  const ScenarioReport& fractions = read.scenarios[1];
  BOOST_TEST((fractions.run_expectation == report.run_expectation));
  BOOST_TEST((fractions.order_expectations == report.order_expectations));
  BOOST_TEST((fractions.runs[0].orders[0].earlier_attempts == o.earlier_attempts));
}

BOOST_AUTO_TEST_CASE(malformed_report_json_names_the_file_and_the_field) {
  const json document = to_json(golden_set());
  const std::string missing = error_reading(document, json::json_pointer("/scenarios/0/runs/2/orders/1/outcome"));
  BOOST_TEST(missing == "shard-1/report.json: scenarios[0].runs[2].orders[1].outcome: missing");

  json bad_status = document;
  bad_status["scenarios"][0]["runs"][0]["orders"][0]["status"]["code"] = 42;
  BOOST_CHECK_EXCEPTION(report_from_json(bad_status, "r.json"), InputError, [](const InputError& e) {
    return std::string(e.what()).find("unknown status code 42") != std::string::npos;
  });
  json bad_version = document;
  bad_version["meta"]["schema_version"] = kSchemaVersion + 1;
  BOOST_CHECK_EXCEPTION(report_from_json(bad_version, "r.json"), InputError, [](const InputError& e) {
    return std::string(e.what()).find(fmt::format("meta.schema_version: schema version {} is not supported", kSchemaVersion + 1)) !=
           std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(report_from_json(json::array(), "r.json"), InputError, [](const InputError& e) {
    return std::string(e.what()) == "r.json: the document: expected an object";
  });
  json bad_hours = document;
  bad_hours["scenarios"][0]["calendars"]["review"]["business_hours"] = "9-18";
  BOOST_CHECK_EXCEPTION(report_from_json(bad_hours, "r.json"), InputError, [](const InputError& e) {
    return std::string(e.what()) == "r.json: scenarios[0].calendars.review.business_hours: expected business hours HH:MM-HH:MM";
  });
  json bad_weekend = document;
  bad_weekend["scenarios"][0]["calendars"]["pre_review"]["weekend"][0] = "Caturday";
  BOOST_CHECK_EXCEPTION(report_from_json(bad_weekend, "r.json"), InputError, [](const InputError& e) {
    return std::string(e.what()).find("scenarios[0].calendars.pre_review.weekend[0]: unknown weekday 'Caturday'") != std::string::npos;
  });
  json bad_type = document;
  bad_type["scenarios"][0]["seed"] = "forty-two";
  BOOST_CHECK_EXCEPTION(report_from_json(bad_type, "r.json"), InputError, [](const InputError& e) {
    return std::string(e.what()) == "r.json: scenarios[0].seed: expected a non-negative integer";
  });
}

BOOST_AUTO_TEST_SUITE_END()  // test_json
