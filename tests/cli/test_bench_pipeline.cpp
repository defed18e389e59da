// `casim bench pipeline` on a small mix, with and without certificates: every order issued, the
// JSON fields a script reads, and bad --orders / --jobs values refused with exit 2.
#include <boost/test/unit_test.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_bench_pipeline)

using namespace casim::test;

namespace {

nlohmann::json bench_json(const std::vector<std::string>& extra) {
  std::vector<std::string> args{"bench", "pipeline", "--orders", "30", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto run = run_casim(args);
  BOOST_TEST_REQUIRE(run.exit_code == 0, describe(run));
  return nlohmann::json::parse(run.out);
}

void check_totals(const nlohmann::json& out, bool certificates) {
  BOOST_TEST(out.at("benchmark").get<std::string>() == "pipeline");
  BOOST_TEST(out.at("orders").get<int>() == 30);
  BOOST_TEST(out.at("issued").get<int>() == 30);
  BOOST_TEST(out.at("certificates").get<bool>() == certificates);
  BOOST_TEST(out.at("events").get<long>() > 0);
  BOOST_TEST(out.at("events_per_order").get<double>() > 0.0);
  BOOST_TEST(out.at("orders_per_second").get<double>() > 0.0);
  BOOST_TEST(out.at("wall_seconds").get<double>() > 0.0);
  BOOST_TEST(out.at("peak_rss_bytes").get<long>() > 0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(thirty_orders_with_certificates_are_all_issued) {
  check_totals(bench_json({}), true);
}

BOOST_AUTO_TEST_CASE(thirty_orders_timing_only_on_two_jobs_match_one_job) {
  const auto one = bench_json({"--no-certs"});
  check_totals(one, false);
  const auto two = bench_json({"--no-certs", "--jobs", "2"});
  check_totals(two, false);
  // 30 orders are one batch: the same run whatever the number of threads.
  BOOST_TEST(two.at("events").get<long>() == one.at("events").get<long>());
}

BOOST_AUTO_TEST_CASE(orders_spanning_batches_are_all_counted) {
  const auto run = run_casim({"bench", "pipeline", "--orders", "1001", "--no-certs", "--jobs", "2", "--json"});
  BOOST_TEST_REQUIRE(run.exit_code == 0, describe(run));
  const auto out = nlohmann::json::parse(run.out);
  BOOST_TEST(out.at("orders").get<int>() == 1001);
  BOOST_TEST(out.at("issued").get<int>() == 1001);
}

BOOST_AUTO_TEST_CASE(the_text_output_names_each_figure) {
  const auto run = run_casim({"bench", "pipeline", "--orders", "20", "--no-certs"});
  BOOST_TEST_REQUIRE(run.exit_code == 0, describe(run));
  for (const char* figure : {"orders per second", "events per order", "peak resident memory", "issued: "}) {
    BOOST_TEST(contains(run.out, figure), figure << "\n" << describe(run));
  }
  BOOST_TEST(contains(run.out, "20 of 20"), describe(run));
}

BOOST_AUTO_TEST_CASE(bad_values_exit_two) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--orders", "0"}, {"--orders", "-5"}, {"--orders", "many"}, {}, {"--orders", "10", "--jobs", "0"}}) {
    std::vector<std::string> full{"bench", "pipeline"};
    full.insert(full.end(), args.begin(), args.end());
    const auto run = run_casim(full);
    BOOST_TEST(run.exit_code == 2, describe(run));
    BOOST_TEST(!run.err.empty(), describe(run));
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_bench_pipeline
