// report.html, rendered from report sets built in code (small runs of the ordering logic): it
// parses with balanced tags (tests/report/check_html.py), has one Gantt bar per stage entered and
// a marker per status change, shades exactly the CA calendar's days off (CN National Day 2026,
// not the worked Saturday), has histograms only with several runs, escapes user text, fetches
// nothing, renders the same bytes twice, and (where Chromium is installed) renders to a screenshot.
// Days off come from the report's calendar snapshot alone: a holiday a scenario adds is shaded,
// and a merge where the calendar files say otherwise shades the same days.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../order/e2e_support.hpp"
#include "casim/report/writers.hpp"
#include "casim/sim/calendar_library.hpp"
#include "run_command.hpp"

BOOST_AUTO_TEST_SUITE(test_html)

using namespace casim;
using namespace casim::order::e2e;
using casim::order::OrderResult;

namespace {

const std::string kHostile = R"(<script>alert("x")</script> & co)";

// The built-in CN calendar over the local days first..last.
report::CalendarSnapshot cn(const char* first, const char* last) {
  return report::snapshot_of(sim::CalendarLibrary{}.load("CN"), sim::parse_date(first), sim::parse_date(last));
}

report::ScenarioReport scenario(std::string name, report::CalendarSnapshot calendar, std::vector<report::RunRecord> runs) {
  report::ScenarioReport report;
  report.name = std::move(name);
  report.file = "scenarios/" + report.name + ".yaml";
  report.review_calendar = std::move(calendar);
  report.runs_planned = static_cast<int>(runs.size());
  report.runs = std::move(runs);
  report.passed = true;
  return report;
}

// Tuesday 2026-09-29 10:00 Beijing: an OV and an EV order across National Day, and an OV order
// with a hostile ref and no organization, which the platform rejects.
report::ScenarioReport national_day() {
  order::RunConfig config = base_config(at("2026-09-29T02:00:00Z"));
  config.orders = {ov_plan("ov-national-day", "shop.example.com"), ev_plan("ev-national-day", "www.example.com"),
                   ov_plan(kHostile, "portal.example.com")};
  config.orders.back().organization.reset();
  report::ScenarioReport report =
      scenario("national-day", cn("2026-09-29", "2026-10-31"), {report::record_of(order::run_simulation(config))});
  report.description = "National Day " + kHostile;
  report::ExpectationResult status;
  status.id = "order " + kHostile + ": status";
  status.where = {report.file, 12, 5};
  status.message = "expected <issued>";
  status.runs_checked = status.runs_failed = 1;
  status.first_failed_run = 0;
  report.results.push_back(std::move(status));
  report.passed = false;
  return report;
}

// Six Monte Carlo runs of a DV and an EV order with uniformly drawn review durations.
report::ScenarioReport forecast(int runs) {
  std::vector<report::RunRecord> records;
  for (int run = 0; run < runs; ++run) {
    order::RunConfig config = base_config(at("2026-11-02T02:00:00Z"), 11);
    config.run_index = static_cast<std::uint64_t>(run);
    config.ca.config.review.ev_duration = sim::DurationDistribution::uniform(sim::DurationSpec::business_days(3),
                                                                             sim::DurationSpec::business_days(9), "test");
    config.ca.config.pre_review.duration = sim::DurationDistribution::uniform(sim::DurationSpec::business_hours(1),
                                                                              sim::DurationSpec::business_hours(12), "test");
    config.orders = {dv_plan("dv-forecast", "shop.example.com"), ev_plan("ev-forecast", "www.example.com")};
    records.push_back(report::record_of(order::run_simulation(config)));
  }
  return scenario("forecast", cn("2026-11-02", "2026-12-31"), std::move(records));
}

// One issued order with only a status history, from `first` to `last` (no stage timings).
report::ScenarioReport history_only(report::CalendarSnapshot calendar, const char* first, const char* last) {
  OrderResult order;
  order.ref = "by-hand";
  order.outcome = order::Outcome::Issued;
  order.status = mockca::Status::Issued;
  order.history = {{at(first), mockca::Status::UnderReview, mockca::StatusMsg::PreReviewing, "", std::nullopt},
                   {at(last), mockca::Status::Issued, mockca::StatusMsg::None, "", std::nullopt}};
  report::RunRecord run;
  run.stopped_at = at(last);
  run.orders = {order};
  return scenario("by-hand", std::move(calendar), {run});
}

std::string render(std::vector<report::ScenarioReport> scenarios) {
  report::ReportSet reports;
  reports.casim_version = "test";
  reports.scenarios = std::move(scenarios);
  std::ostringstream out;
  report::write_html(reports, out);
  return out.str();
}

// What check_html.py found in a page.
struct Checked {
  std::string html;
  std::string output;
  std::map<std::string, int> counts;
  std::string off_dates;
  bool balanced = false;
  int fetching_urls = -1;

  int count(const std::string& key) const { return counts.contains(key) ? counts.at(key) : 0; }
};

Checked check(const std::string& html, const test::TempDir& dir) {
  Checked checked{html, {}, {}, {}, false, -1};
  const auto file = dir.write("report.html", html);
  const auto script = std::filesystem::path(std::getenv("CASIM_SOURCE_DIR")) / "tests/report/check_html.py";
  const test::CommandResult result = test::run_command({"/usr/bin/python3", script.string(), file.string()});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  checked.output = result.out;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string key, name;
    words >> key;
    if (key == "balanced") checked.balanced = line == "balanced yes";
    if (key == "count" && words >> name) words >> checked.counts[name];
    if (key == "off_dates") checked.off_dates = line.size() > 10 ? line.substr(10) : "";
    if (key == "fetching_urls") words >> checked.fetching_urls;
  }
  return checked;
}

int stages_entered(const report::RunRecord& run) {
  int bars = 0;
  for (const auto& order : run.orders) {
    for (const auto stage : {order::Stage::PreReview, order::Stage::DomainValidation, order::Stage::Review, order::Stage::WaitingToIssue}) {
      bars += order.timing(stage).entered() ? 1 : 0;
    }
  }
  return bars;
}

int status_changes(const report::RunRecord& run) {
  int changes = 0;
  for (const auto& order : run.orders) changes += static_cast<int>(order.history.size());
  return changes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_gantt_has_a_bar_per_stage_entered_and_a_marker_per_status_change) {
  const report::ScenarioReport report = national_day();
  const test::TempDir dir;
  const Checked page = check(render({report}), dir);
  BOOST_TEST(page.balanced, page.output);
  BOOST_TEST(page.count("svg.gantt") == 1);
  BOOST_TEST(page.count("svg.histogram") == 0);  // one run: nothing to chart
  BOOST_TEST(stages_entered(report.runs.front()) >= 5);
  BOOST_TEST(page.count("rect.bar") == stages_entered(report.runs.front()));
  BOOST_TEST(page.count("circle.mark") == status_changes(report.runs.front()));
  BOOST_TEST(page.count("text.row-label") == 3);
  BOOST_TEST(page.html.find("Timeline (run 0)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(national_day_2026_is_shaded_on_cn_and_the_worked_saturday_is_not) {
  // Days from Tuesday 29 September to the EV order's issuance on Monday 12 October: off are
  // National Day 1–7 October and Sunday 11 October; Saturday 10 October is a make-up working day.
  const test::TempDir dir;
  const Checked page = check(render({national_day()}), dir);
  BOOST_TEST(page.off_dates == "2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 2026-10-06 2026-10-07 2026-10-11");
  BOOST_TEST(page.html.find("2026-10-01 National Day") != std::string::npos);
  BOOST_TEST(page.html.find("no holiday data") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_shaded_days_are_exactly_the_days_off_of_the_joint_calendar_snapshotted) {
  // CN+US over National Day: CN's holidays, US Columbus Day, and CN's worked Saturday 10 October,
  // which is off on the joint calendar because the US does not work it.
  const sim::Calendar joint = sim::CalendarLibrary{}.load("CN+US");
  const report::CalendarSnapshot snapshot = report::snapshot_of(joint, sim::parse_date("2026-09-21"), sim::parse_date("2026-10-31"));
  const test::TempDir dir;
  const Checked page = check(render({history_only(snapshot, "2026-09-21T02:00:00Z", "2026-10-20T02:00:00Z")}), dir);
  std::string expected;
  for (sim::Date day = sim::parse_date("2026-09-21"); day <= sim::parse_date("2026-10-20"); day += boost::gregorian::days(1)) {
    if (!joint.is_business_day(day)) expected += (expected.empty() ? "" : " ") + sim::format_date(day);
  }
  BOOST_TEST(page.off_dates == expected);
  BOOST_TEST(page.off_dates.find("2026-10-10") != std::string::npos);
  BOOST_TEST(page.off_dates.find("2026-10-12") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(years_without_calendar_data_shade_the_snapshots_weekend_only_and_say_so) {
  const test::TempDir dir;
  report::CalendarSnapshot calendar = cn("2027-01-01", "2027-01-31");
  BOOST_TEST(calendar.years_without_data == (std::set<int>{2027}));
  const Checked page = check(render({history_only(calendar, "2027-01-04T02:00:00Z", "2027-01-12T02:00:00Z")}), dir);
  BOOST_TEST(page.off_dates == "2027-01-09 2027-01-10");
  BOOST_TEST(page.html.find("Calendar CN has no holiday data for 2027: only weekends are shaded") != std::string::npos);
  calendar.weekend = std::bitset<7>{0b1100000};  // Friday and Saturday, as the snapshot says
  const Checked friday = check(render({history_only(calendar, "2027-01-04T02:00:00Z", "2027-01-12T02:00:00Z")}), dir);
  BOOST_TEST(friday.off_dates == "2027-01-08 2027-01-09");
}

namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A folder with a calendar file CN.yaml that disagrees with the built-in CN about September 2026:
// no holidays, and only Sunday off.
std::filesystem::path odd_cn_calendar(const test::TempDir& dir) {
  const auto folder = dir.path() / "odd-calendars";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "CN.yaml") << "description: not China\ntime_zone: Asia/Shanghai\nbusiness_hours: 09:00-18:00\n"
                                       "weekend: [Sunday]\ncoverage: listed-years\nyears:\n  2026: {}\n";
  return folder;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_holiday_the_scenario_adds_is_shaded_and_merge_draws_from_the_snapshot_alone) {
  // cn-inline-company-holiday adds Wednesday 16 September 2026 to CN; its OV order runs from
  // Monday 14th to Friday 18th, so the timeline's week ends on Sunday 20th — a make-up working day.
  const test::TempDir dir;
  const auto scenario = std::filesystem::path(std::getenv("CASIM_SOURCE_DIR")) / "scenarios/calendar/cn-inline-company-holiday.yaml";
  const auto out = dir.path() / "run";
  const test::CommandResult run = test::run_casim({"run", scenario.string(), "--no-certs", "--out", out.string()});
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out + run.err);
  const Checked page = check(read_text(out / "report.html"), dir);
  BOOST_TEST(page.off_dates == "2026-09-16 2026-09-19");
  BOOST_TEST(page.html.find("2026-09-16 Company offsite: day off") != std::string::npos);

  // Merged where CN means something else: the same days are shaded, the snapshot is unchanged.
  const auto merged = dir.path() / "merged";
  const test::CommandResult merge = test::run_casim({"merge", out.string(), "--out", merged.string()},
                                                    {"CASIM_CALENDAR_PATH=" + odd_cn_calendar(dir).string()});
  BOOST_TEST_REQUIRE(merge.exit_code == 0, merge.out + merge.err);
  const Checked merged_page = check(read_text(merged / "report.html"), dir);
  BOOST_TEST(merged_page.off_dates == page.off_dates);
  BOOST_TEST(merged_page.html.find("2026-09-16 Company offsite: day off") != std::string::npos);
  const auto calendars = [](const std::filesystem::path& folder) {
    return nlohmann::json::parse(read_text(folder / "report.json"))["scenarios"][0]["calendars"];
  };
  BOOST_TEST(calendars(merged) == calendars(out));
  BOOST_TEST(calendars(out)["review"]["holidays"][0] == nlohmann::json({{"date", "2026-09-16"}, {"name", "Company offsite"}}));
  BOOST_TEST(calendars(out)["pre_review"]["holidays"][0]["name"] == "Mid-Autumn Festival");  // no company holiday
}

BOOST_AUTO_TEST_CASE(several_runs_give_histograms_per_level_and_per_order_with_percentiles) {
  const test::TempDir dir;
  const Checked page = check(render({forecast(6)}), dir);
  BOOST_TEST(page.balanced, page.output);
  // DV and EV, then each of the two orders: business days and calendar days each.
  BOOST_TEST(page.count("svg.histogram") == 8);
  BOOST_TEST(page.count("line.pct") == 16);
  BOOST_TEST(page.html.find("Time to issue over 6 runs") != std::string::npos);
  BOOST_TEST(page.html.find("EV orders — business days") != std::string::npos);
  BOOST_TEST(page.html.find("business days to issue") != std::string::npos);
  BOOST_TEST(page.count("rect.hbar") > 8);
}

BOOST_AUTO_TEST_CASE(user_text_is_escaped_and_the_failure_table_gives_the_reason_and_hint) {
  const test::TempDir dir;
  const Checked page = check(render({national_day()}), dir);
  BOOST_TEST(page.balanced, page.output);
  BOOST_TEST(page.count("script") == 0);
  BOOST_TEST(page.html.find("<script") == std::string::npos);
  BOOST_TEST(page.html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co") != std::string::npos);
  BOOST_TEST(page.count("table.failures") == 1);
  BOOST_TEST(page.html.find("Orders not issued (1)") != std::string::npos);
  BOOST_TEST(page.html.find("OrderOrganizationMissing") != std::string::npos);
  BOOST_TEST(page.html.find(std::string(mockca::info(mockca::Reason::OrderOrganizationMissing).hint)) != std::string::npos);
  BOOST_TEST(page.html.find("expected &lt;issued&gt;") != std::string::npos);
  BOOST_TEST(page.html.find("1 of 1 scenarios failed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_is_fetched_and_the_same_report_gives_the_same_bytes) {
  const std::string html = render({national_day(), forecast(3)});
  const test::TempDir dir;
  const Checked page = check(html, dir);
  BOOST_TEST(page.fetching_urls == 0);
  BOOST_TEST(html.find("http://") == std::string::npos);
  BOOST_TEST(html.find("https://") == std::string::npos);
  BOOST_TEST(html == render({national_day(), forecast(3)}));
}

BOOST_AUTO_TEST_CASE(a_load_run_of_10000_orders_shows_its_first_50_and_counts_the_rest) {
  report::ScenarioReport report = history_only(cn("2026-11-02", "2026-11-30"), "2026-11-02T02:00:00Z", "2026-11-04T02:00:00Z");
  const OrderResult order = report.runs.front().orders.front();
  for (int i = 1; i < 10000; ++i) {
    report.runs.front().orders.push_back(order);
    report.runs.front().orders.back().ref = "order-" + std::to_string(i);
  }
  const test::TempDir dir;
  const Checked page = check(render({report}), dir);
  BOOST_TEST(page.count("text.row-label") == 50);
  BOOST_TEST(page.count("circle.mark") == 100);
  BOOST_TEST(page.html.find("Showing the first 50 of 10000 orders; 9950 more are left out.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(chromium_renders_the_page_to_a_screenshot) {
  const std::filesystem::path chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium)) {
    BOOST_TEST_MESSAGE("skipped: /usr/bin/chromium is not installed");
    return;
  }
  const test::TempDir dir;
  const auto page = dir.write("report.html", render({national_day(), forecast(6)}));
  const auto png = dir.path() / "report.png";
  const test::CommandResult result = test::run_command(
      {chromium.string(), "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + (dir.path() / "profile").string(),
       "--screenshot=" + png.string(), "--window-size=1400,2000", "file://" + page.string()});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  BOOST_TEST_REQUIRE(std::filesystem::exists(png), result.err);
  std::ifstream in(png, std::ios::binary);
  std::string signature(8, '\0');
  in.read(signature.data(), 8);
  BOOST_TEST(signature == "\x89PNG\r\n\x1a\n");
  BOOST_TEST(std::filesystem::file_size(png) > 40000u);  // a blank 1400×2000 page compresses to a few KB
  if (const char* keep = std::getenv("CASIM_HTML_SCREENSHOT")) std::filesystem::copy_file(png, keep, std::filesystem::copy_options::overwrite_existing);
}

BOOST_AUTO_TEST_SUITE_END()  // test_html
