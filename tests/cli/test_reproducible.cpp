// Reproducibility of the bundled suite (scenarios/): run twice with --jobs 1 and once with
// --jobs 2, every run of every scenario has the same trace fingerprint, and report.json is the
// same to the byte (timing only, --no-certs: signed certificates carry random serials, so with
// them only two folders are compared, serials aside). load/ is left out: its one 10,000-order run
// is most of the suite's time and --jobs cannot split it.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_reproducible)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kEmptyTraceFingerprint = "cbf29ce484222325";  // FNV-1a of no event

struct SuiteRun {
  std::string report;                              // report.json as written
  std::map<std::string, std::string> fingerprints;  // "scenario #run" → fingerprint
};

fs::path suite_root() {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  if (source == nullptr) throw std::runtime_error("CASIM_SOURCE_DIR is not set (run the test through ctest)");
  return fs::path(source) / "scenarios";
}

// The folders of scenarios/ but load/ and the bases' (_base/).
std::vector<std::string> suite_folders() {
  std::vector<std::string> folders;
  for (const auto& entry : fs::directory_iterator(suite_root())) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name != "load" && !name.starts_with('_')) folders.push_back(entry.path().string());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

SuiteRun run_suite(const fs::path& out, const std::string& jobs) {
  std::vector<std::string> args{"run"};
  const auto folders = suite_folders();
  args.insert(args.end(), folders.begin(), folders.end());
  args.insert(args.end(), {"--no-certs", "--format", "json", "--jobs", jobs, "--out", out.string()});
  const auto result = run_casim(args);
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0 || result.exit_code == 1, describe(result));
  SuiteRun run;
  run.report = read_text(out / "report.json");
  const auto json = nlohmann::json::parse(run.report);
  for (const auto& scenario : json.at("scenarios")) {
    for (const auto& record : scenario.at("runs")) {
      const std::string key =
          scenario.at("name").get<std::string>() + " #" + std::to_string(record.at("run_index").get<int>());
      run.fingerprints[key] = record.at("fingerprint").get<std::string>();
    }
  }
  return run;
}

// The first run whose fingerprint differs between `a` and `b`, or "" when all agree.
std::string first_difference(const SuiteRun& a, const SuiteRun& b) {
  for (const auto& [key, fingerprint] : a.fingerprints) {
    const auto other = b.fingerprints.find(key);
    if (other == b.fingerprints.end()) return key + " is missing";
    if (other->second != fingerprint) return key + ": " + fingerprint + " vs " + other->second;
  }
  return a.fingerprints.size() == b.fingerprints.size() ? "" : "a different number of runs";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_bundled_suite_gives_the_same_fingerprints_and_report_whatever_the_jobs) {
  TempDir dir;
  const SuiteRun first = run_suite(dir.path() / "first", "1");
  const SuiteRun second = run_suite(dir.path() / "second", "1");
  const SuiteRun parallel = run_suite(dir.path() / "parallel", "2");

  BOOST_TEST(first.fingerprints.size() > 300U, "every scenario's runs are in the report");
  for (const auto& [key, fingerprint] : first.fingerprints) {
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST(fingerprint.size() == 16U);
      BOOST_TEST(fingerprint != kEmptyTraceFingerprint, "the run traced events");
    }
  }
  BOOST_TEST(first_difference(first, second).empty(), "again with --jobs 1: " << first_difference(first, second));
  BOOST_TEST(first_difference(first, parallel).empty(), "with --jobs 2: " << first_difference(first, parallel));
  BOOST_TEST((first.report == second.report), "report.json is the same to the byte with --jobs 1");
  BOOST_TEST((first.report == parallel.report), "report.json is the same to the byte with --jobs 2");
}

BOOST_AUTO_TEST_CASE(a_different_seed_gives_different_fingerprints) {
  TempDir dir;
  const auto base = run_casim({"run", run_data("mc"), "--no-certs", "--format", "json", "--out",
                               (dir.path() / "base").string()});
  const auto reseeded = run_casim({"run", run_data("mc"), "--no-certs", "--format", "json", "--seed", "12", "--out",
                                   (dir.path() / "reseeded").string()});
  BOOST_REQUIRE_MESSAGE(base.exit_code <= 1, describe(base));
  BOOST_REQUIRE_MESSAGE(reseeded.exit_code <= 1, describe(reseeded));
  const auto fingerprints = [](const fs::path& report) {
    const auto json = nlohmann::json::parse(read_text(report));
    std::vector<std::string> values;
    for (const auto& record : json.at("scenarios").at(0).at("runs")) {
      values.push_back(record.at("fingerprint").get<std::string>());
    }
    return values;
  };
  const auto a = fingerprints(dir.path() / "base" / "report.json");
  const auto b = fingerprints(dir.path() / "reseeded" / "report.json");
  BOOST_REQUIRE(a.size() == 8U);
  BOOST_REQUIRE(b.size() == 8U);
  BOOST_TEST((a != b), "the fingerprint tells runs that behaved differently apart");
}

// With certificates signed, only the fields report.json lists as not reproducible (the random
// serials and what hashes them) may differ between --jobs 1 and --jobs 2; the traces do not.
BOOST_AUTO_TEST_CASE(signing_certificates_changes_only_the_fields_listed_as_not_reproducible) {
  TempDir dir;
  const auto run = [&](const std::string& jobs) {
    const fs::path out = dir.path() / ("jobs-" + jobs);
    const auto result = run_casim({"run", (suite_root() / "lifecycle").string(), (suite_root() / "dcv").string(),
                                   "--format", "json", "--jobs", jobs, "--out", out.string()});
    BOOST_REQUIRE_MESSAGE(result.exit_code == 0 || result.exit_code == 1, describe(result));
    return nlohmann::json::parse(read_text(out / "report.json"));
  };
  auto one = run("1");
  auto two = run("2");
  BOOST_TEST(one.at("meta").at("non_reproducible_fields") ==
             nlohmann::json({"scenarios[].runs[].orders[].certificate.serial",
                             "scenarios[].runs[].orders[].certificate.sha256_fingerprint"}));
  int signed_certificates = 0;
  for (auto* report : {&one, &two}) {
    for (auto& scenario : report->at("scenarios")) {
      for (auto& record : scenario.at("runs")) {
        for (auto& order : record.at("orders")) {
          auto& certificate = order.at("certificate");
          if (certificate.is_null()) continue;
          signed_certificates += certificate.at("signed").get<bool>() ? 1 : 0;
          certificate.erase("serial");
          certificate.erase("sha256_fingerprint");
        }
      }
    }
  }
  BOOST_TEST(signed_certificates > 0, "some certificates were signed");
  BOOST_TEST((one == two), "report.json differs only in the fields listed as not reproducible");
}

BOOST_AUTO_TEST_SUITE_END()  // test_reproducible
