// Hostile scenario files (tests/scenario/data/hostile/, and the big or binary ones generated into
// a temporary folder): alias bombs and alias cycles, deep nesting, a 50 MB file, binary garbage,
// invalid UTF-8, enormous and negative counts, durations and dates, a CSR or calendar file that is
// a device, a FIFO or a 3 GB sparse file. Each is refused with a
// diagnostic at the line:column it names, by the loader and by `casim lint` and `casim run`:
// exit 2, within seconds, with bounded memory, and a previous report in --out left as it was.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "casim/scenario/load.hpp"
#include "run_command.hpp"
#include "scenario_test_support.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_hostile_input)

namespace {

using namespace casim;
namespace fs = std::filesystem;

// What a user waits at most for a refusal, even on a loaded CI machine (a hang is what this catches).
constexpr auto kQuick = std::chrono::seconds(20);
// The most memory any casim process these tests start may take (its peak resident set).
constexpr long kMaxResidentKiB = 1024L * 1024L;

struct Case {
  std::string file;  // under data/hostile, or generated
  int line;          // 0: the diagnostic names the file only
  int column;
  std::string fragment;
};

const std::vector<Case> kCommitted = {
    {"alias-bomb.yaml", 13, 45, "more than 1000000 values once its aliases (*name) are expanded; an alias bomb?"},
    {"alias-cycle.yaml", 8, 5, "an alias (*name) refers to the collection it is part of"},
    {"too-many-orders.yaml", 5, 3, "orders: 2000000 orders pass the limit of 100000 (--max-orders)"},
    {"enormous-count.yaml", 4, 3, "orders: 1000000000000 orders pass the limit of 100000 (--max-orders)"},
    {"enormous-runs.yaml", 2, 7, "runs: 1000000000 runs pass the limit of 10000 (--max-runs)"},
    {"negative-runs.yaml", 2, 7, "runs: -3 is out of range (expected 1 to 10000)"},
    {"horizon-a-million-years.yaml", 6, 19, "limits.horizon: '365000000d' is not a duration"},
    {"horizon-a-century.yaml", 6, 19, "limits.horizon: 36500d passes the limit of 3650d (--max-horizon)"},
    {"negative-horizon.yaml", 6, 19, "limits.horizon: '-30d' is not a duration"},
    {"too-many-events.yaml", 6, 22, "limits.max_events: 100000000000 events pass the limit of 2000000 (--max-events)"},
    {"long-slice.yaml", 6, 17, "limits.slice: must be longer than 0s and at most 1d"},
    {"negative-delay.yaml", 4, 19, "ca.issuance_delay: '-5m' is not a duration"},
    {"start-after-9999.yaml", 2, 8, "start: '10000-01-0' is not a date"},
    {"start-before-1400.yaml", 2, 8, "start: '1066-10-14': year out of range (1400 to 9999)"},
    {"orders-not-a-list-of-orders.yaml", 3, 10, "orders[0]: expected a mapping"},
    // The instants a run reaches (start, horizon, a certificate issued then) are checked before it runs;
    // before, lint passed these and run exited 3 ("Year is out of valid range") or 2 mid-run.
    {"start-in-9999.yaml", 2, 8,
     "start: 9999-06-01T09:00:00Z plus the horizon (400d) and the validity of a certificate issued then (47d) "
     "reaches past 9998, the last year a run may reach"},
    {"start-after-calendar-data.yaml", 2, 8,
     "calendar 'CN', which has no data for 2027 (it covers 2025, 2026)"},
    // A holiday span is bounded: before, expanding one day by day took 20 s and 1.7 GB (to 3025) and
    // more than 10 minutes and 6.6 GB (to 9999).
    {"holiday-span-to-9999.yaml", 8, 32,
     "2026-10-01 to 9999-12-31 is 2912170 days; an added holiday spans at most 366 days"},
    {"holiday-span-to-3025.yaml", 8, 32,
     "2026-10-01 to 3025-12-31 is 364969 days; an added holiday spans at most 366 days"},
};

fs::path hostile(const std::string& name) { return scenario::test::data_dir() / "hostile" / name; }

std::string listing(const std::vector<scenario::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += "  " + diagnostic.to_string() + "\n";
  return text;
}

// "FILE:LINE:COLUMN: error: " (or "FILE: error: ") as casim prints a diagnostic.
std::string where(const fs::path& file, const Case& c) {
  if (c.line == 0) return file.string() + ": error: ";
  return file.string() + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": error: ";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void check_loader(const fs::path& file, const Case& c) {
  const auto diagnostics = scenario::lint_scenario(file);
  const std::string prefix = where(file, c);
  const bool found = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const scenario::Diagnostic& d) {
    return d.to_string().starts_with(prefix) && contains(d.message, c.fragment);
  });
  BOOST_TEST(found, "expected " << prefix << "... " << c.fragment << "\ngot:\n" << listing(diagnostics));
  BOOST_CHECK_THROW(scenario::load_scenario(file), scenario::ScenarioError);
}

struct Timed {
  test::CommandResult result;
  std::chrono::milliseconds took;
};

Timed timed_casim(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  auto result = test::run_casim(args);
  return {std::move(result),
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)};
}

std::string describe(const Timed& run) {
  return "exit " + std::to_string(run.result.exit_code) + " after " + std::to_string(run.took.count()) +
         " ms\nstdout:\n" + run.result.out + "stderr:\n" + run.result.err;
}

long peak_child_kib() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss;
}

// A good report in `out`, made by the `casim run` test scenario that passes.
std::string previous_report(const fs::path& out) {
  const auto good = scenario::test::source_dir() / "tests" / "cli" / "data" / "run" / "pass";
  const auto run = test::run_casim({"run", good.string(), "--out", out.string(), "--no-certs", "--format", "json"});
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.err);
  return scenario::test::read_text(out / "report.json");
}

// `casim lint` and `casim run` both refuse `file` quickly, with the diagnostic, exit 2, and the
// previous report in --out intact.
void check_commands(const fs::path& file, const Case& c, const fs::path& out, const std::string& before) {
  const std::string expected = where(file, c);
  const Timed lint = timed_casim({"lint", file.string()});
  BOOST_TEST(lint.result.exit_code == 2, describe(lint));
  BOOST_TEST(contains(lint.result.out, expected), describe(lint));
  BOOST_TEST(contains(lint.result.out, c.fragment), describe(lint));
  BOOST_TEST((lint.took < kQuick), describe(lint));

  const Timed run = timed_casim({"run", file.string(), "--out", out.string(), "--no-certs"});
  BOOST_TEST(run.result.exit_code == 2, describe(run));
  BOOST_TEST(contains(run.result.err, expected), describe(run));
  BOOST_TEST(contains(run.result.err, c.fragment), describe(run));
  BOOST_TEST(run.result.out.empty(), describe(run));
  BOOST_TEST((run.took < kQuick), describe(run));
  BOOST_TEST(scenario::test::read_text(out / "report.json") == before, "the previous report is intact");
  BOOST_TEST(peak_child_kib() < kMaxResidentKiB,
             "peak resident set of a casim process: " << peak_child_kib() << " KiB");
  BOOST_TEST_MESSAGE(file.filename().string() << ": lint " << lint.took.count() << " ms, run " << run.took.count()
                                              << " ms");
}

const std::string kHeader =
    "name: hostile\nstart: 2026-09-14T09:00:00+08:00\norders:\n  - ref: dv\n    names: [www.example.com]\n";

}  // namespace

BOOST_AUTO_TEST_CASE(each_committed_hostile_file_is_refused_where_and_why) {
  for (const Case& c : kCommitted) {
    BOOST_TEST_CONTEXT(c.file) { check_loader(hostile(c.file), c); }
  }
}

BOOST_AUTO_TEST_CASE(the_table_covers_every_committed_hostile_file) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(scenario::test::data_dir() / "hostile")) {
    ++files;
    const auto name = entry.path().filename().string();
    BOOST_TEST(std::any_of(kCommitted.begin(), kCommitted.end(), [&](const Case& c) { return c.file == name; }),
               name << " has no row in kCommitted");
  }
  BOOST_TEST(files == kCommitted.size());
}

BOOST_AUTO_TEST_CASE(lint_and_run_refuse_each_committed_hostile_file_quickly) {
  test::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string before = previous_report(out);
  for (const Case& c : kCommitted) {
    BOOST_TEST_CONTEXT(c.file) { check_commands(hostile(c.file), c, out, before); }
  }
}

BOOST_AUTO_TEST_CASE(generated_hostile_files_are_refused_quickly_with_where_and_why) {
  test::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string before = previous_report(out);

  std::vector<std::pair<fs::path, Case>> cases;
  const auto add = [&](const std::string& name, const std::string& text, Case c) {
    c.file = name;
    cases.emplace_back(dir.write(name, text), c);
  };
  // 100,000 '[': yaml-cpp 0.7 stops at 500 levels with "bad file"; we stop at 64 and say so.
  // (yaml-cpp reads a '[' inside a flow sequence as a sequence in a one-pair map: two levels each.)
  add("deep-flow.yaml", std::string(100'000, '['), {"", 1, 33, "the document nests deeper than 64 levels"});
  std::string block;
  for (int level = 0; level < 200; ++level) block += std::string(static_cast<std::size_t>(level), ' ') + "a:\n";
  add("deep-block.yaml", block, {"", 64, 64, "the document nests deeper than 64 levels"});
  // Just below the size limit: yaml-cpp scans the whole flow before its first event (about 2 s
  // and 260 MB here), which the size limit bounds.
  add("deep-1mib.yaml", std::string(1024U * 1024U - 16U, '['), {"", 1, 33, "nests deeper than 64 levels"});
  std::string big = kHeader;
  while (big.size() < 50U * 1000U * 1000U) big += "# padding to make a 50 MB scenario file ...............\n";
  add("fifty-megabytes.yaml", big,
      {"", 0, 0, "the file is " + std::to_string(big.size()) + " bytes, more than the 1048576 bytes (1 MiB)"});
  add("elf-binary.yaml", std::string("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3E\0", 20),
      {"", 1, 1, "control character U+007F at byte offset 0: a scenario file is text, not binary data"});
  add("nul-byte.yaml", kHeader + std::string("description: a\0b\n", 17),
      {"", 6, 15, "control character U+0000 at byte offset " + std::to_string(kHeader.size() + 14)});
  add("invalid-utf8.yaml", kHeader + "description: caf\xC3\x28 au lait\n",
      {"", 6, 17, "byte 0xC3 at offset " + std::to_string(kHeader.size() + 16) + " is not UTF-8"});
  // Columns count characters: two 3-byte characters before the bad byte are two columns.
  add("invalid-utf8-after-chinese.yaml", kHeader + "description: \xE8\xAF\x81\xE4\xB9\xA6\xFF\n",
      {"", 6, 16, "byte 0xFF at offset " + std::to_string(kHeader.size() + 19) + " is not UTF-8"});
  add("overlong-utf8.yaml", kHeader + "description: \xC0\xAF\n",
      {"", 6, 14, "byte 0xC0 at offset " + std::to_string(kHeader.size() + 13) + " is not UTF-8"});
  add("utf8-surrogate.yaml", kHeader + "description: \xED\xA0\x80\n",
      {"", 6, 14, "byte 0xED at offset " + std::to_string(kHeader.size() + 13) + " is not UTF-8"});
  add("utf16.yaml", std::string("\xFF\xFEn\0a\0m\0e\0", 10), {"", 1, 1, "byte 0xFF at offset 0 is not UTF-8"});
  // A CSR file the scenario names is bounded too: a device never ends, a big file is not a CSR.
  const std::string csr_file_scenario = "name: csr-file\nstart: 2026-09-14T09:00:00+08:00\norders:\n  - ref: a\n"
                                        "    csr: {file: ";
  add("csr-from-dev-zero.yaml", csr_file_scenario + "/dev/zero}\n",
      {"", 5, 17, "the CSR file '/dev/zero' is a character device, not a regular file"});
  dir.write("big.csr", std::string(100'000, 'A'));
  add("csr-too-big.yaml", csr_file_scenario + "big.csr}\n",
      {"", 5, 17, "is 100000 bytes, more than the 65536 bytes (64 KiB) allowed for a CSR file"});

  for (const auto& [file, c] : cases) {
    BOOST_TEST_CONTEXT(c.file) {
      check_loader(file, c);
      check_commands(file, c, out, before);
    }
  }
}

// A calendar file on CASIM_CALENDAR_PATH is read as boundedly as the scenario naming it: a FIFO
// (which would block a read for ever) or a 3 GB sparse file is refused at once by lint and run.
BOOST_AUTO_TEST_CASE(a_calendar_file_that_is_a_fifo_or_too_large_is_refused_by_lint_and_run) {
  test::TempDir dir;
  const fs::path out = dir.path() / "out";
  const std::string before = previous_report(out);
  const fs::path scenario = dir.write("hostile-calendar.yaml", kHeader + "calendars:\n  pre_review: HOSTILE\n");
  fs::create_directories(dir.path() / "calendars");
  const fs::path calendar = dir.path() / "calendars" / "HOSTILE.yaml";
  const std::vector<std::string> env{"CASIM_CALENDAR_PATH=" + calendar.parent_path().string()};
  BOOST_TEST_REQUIRE(::mkfifo(calendar.c_str(), 0600) == 0);
  const auto refused = [&](const std::string& why) {
    const std::string expected = calendar.string() + ": " + why;
    const auto lint = test::run_casim_within(20, {"lint", scenario.string()}, env);
    BOOST_TEST(lint.exit_code == 2, test::describe(lint));
    BOOST_TEST(contains(lint.out + lint.err, expected), test::describe(lint));
    const auto run = test::run_casim_within(20, {"run", scenario.string(), "--out", out.string(), "--no-certs"}, env);
    BOOST_TEST(run.exit_code == 2, test::describe(run));
    BOOST_TEST(contains(run.err, expected), test::describe(run));
    BOOST_TEST(scenario::test::read_text(out / "report.json") == before, "the previous report is intact");
  };
  refused("is a FIFO (named pipe), not a regular file");
  fs::remove(calendar);
  std::ofstream{calendar};
  fs::resize_file(calendar, 3ULL << 30U);
  refused("is 3221225472 bytes, more than the 1048576 bytes (1 MiB) allowed for a calendar file");
}

BOOST_AUTO_TEST_CASE(anchors_and_aliases_within_bounds_still_load) {
  test::TempDir dir;
  const auto file = dir.write("aliases.yaml", "name: aliases\nstart: 2026-09-14T09:00:00+08:00\n"
                                              "orders:\n  - ref: a\n    names: &names [www.example.com]\n"
                                              "  - ref: b\n    names: *names\n");
  const auto diagnostics = scenario::lint_scenario(file);
  BOOST_TEST(diagnostics.empty(), listing(diagnostics));
  const auto loaded = scenario::load_scenario(file);
  BOOST_TEST(loaded.config.orders.size() == 2u);
}

BOOST_AUTO_TEST_CASE(limits_given_to_the_loader_bound_what_a_scenario_asks_for) {
  test::TempDir dir;
  const auto file = dir.write("ten.yaml", "name: ten\nruns: 3\nstart: 2026-09-14T09:00:00+08:00\n"
                                          "orders:\n  - ref: web\n    names: [www.example.com]\n    count: 10\n"
                                          "limits: {horizon: 30d}\n");
  scenario::LoadLimits limits;
  BOOST_TEST(scenario::lint_scenario(file, limits).empty());
  limits.max_orders = 9;
  limits.max_runs = 2;
  limits.max_horizon = sim::kDay * 7;
  const auto diagnostics = scenario::lint_scenario(file, limits);
  BOOST_TEST_REQUIRE(diagnostics.size() == 3u, listing(diagnostics));
  BOOST_TEST(diagnostics[0].to_string() ==
             file.string() + ":2:7: error: runs: 3 runs pass the limit of 2 (--max-runs)");
  BOOST_TEST(diagnostics[1].to_string() ==
             file.string() + ":5:3: error: orders: 10 orders pass the limit of 9 (--max-orders)");
  BOOST_TEST(diagnostics[2].to_string() ==
             file.string() + ":8:19: error: limits.horizon: 30d passes the limit of 1w (--max-horizon)");
}

BOOST_AUTO_TEST_CASE(defaults_above_a_limit_are_lowered_to_it) {
  test::TempDir dir;
  const auto file = dir.write("plain.yaml", kHeader);
  scenario::LoadLimits limits;
  limits.max_events = 1000;
  limits.max_horizon = sim::kDay * 30;
  const auto loaded = scenario::load_scenario(file, limits);
  BOOST_TEST(loaded.config.limits.max_events == 1000u);
  BOOST_TEST((loaded.config.limits.horizon == sim::kDay * 30));
  const auto unbounded = scenario::load_scenario(file);
  BOOST_TEST(unbounded.config.limits.max_events == 2'000'000u, "the scenario default is the --max-events default");
  BOOST_TEST((unbounded.config.limits.horizon == sim::kDay * 400));
}

BOOST_AUTO_TEST_SUITE_END()  // test_hostile_input
