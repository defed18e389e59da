// `casim probe` on the command line, without the network: its help, and every usage error or
// unreadable input refused with exit 2 and a message naming the option or file:line:column,
// before any question is put to the network.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_probe_cli)

using namespace casim::test;

namespace {

// A resolver nothing listens on: a test that reached the network would fail on its timeout.
const std::vector<std::string> kOffline{"--resolver", "127.0.0.1:9", "--timeout", "200ms"};

CommandResult probe(std::vector<std::string> args) {
  args.insert(args.begin(), "probe");
  args.insert(args.end(), kOffline.begin(), kOffline.end());
  return run_casim(args);
}

void expect_usage_error(const CommandResult& result, const std::string& message) {
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, message), describe(result));
  BOOST_TEST(result.out.empty(), describe(result));
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_lists_the_subcommands_and_their_options) {
  const auto help = run_casim({"probe", "--help"});
  BOOST_TEST(help.exit_code == 0, describe(help));
  for (const std::string word : {"dns", "file", "caa", "order"}) BOOST_TEST(contains(help.out, "  " + word + " "), help.out);
  const auto dns = run_casim({"probe", "dns", "--help"});
  BOOST_TEST(dns.exit_code == 0, describe(dns));
  for (const std::string option : {"--value", "--method", "--resolver", "--timeout", "--http-timeout", "--max-body",
                                   "--allow-private", "--http-port", "--https-port", "--json", "--emit-scenario"}) {
    BOOST_TEST(contains(dns.out, option), option);
  }
  BOOST_TEST(contains(run_casim({"probe", "file", "--help"}).out, "--scheme"));
  BOOST_TEST(contains(run_casim({"probe", "caa", "--help"}).out, "--wildcard"));
  BOOST_TEST(contains(run_casim({"probe", "caa", "--help"}).out, "--ca-id"));
  BOOST_TEST(contains(run_casim({"--help"}).out, "probe"));
}

BOOST_AUTO_TEST_CASE(bad_options_are_usage_errors) {
  expect_usage_error(probe({"dns", "example.com"}), "missing required option --value");
  expect_usage_error(probe({"dns", "--value", "v"}), "name the host name to check");
  expect_usage_error(probe({"dns", "example.com", "--value", "v", "--method", "TLS"}), "'TLS' is not a method");
  expect_usage_error(probe({"dns", "example.com", "--value", "v", "--method", "FILE"}), "use 'casim probe file'");
  expect_usage_error(probe({"dns", "exa mple.com", "--value", "v"}), "NAME");
  expect_usage_error(probe({"file", "example.com", "--value", "v", "--scheme", "ftp"}), "'ftp' is not http, https or both");
  expect_usage_error(probe({"caa", "example.com", "--http-timeout", "5"}), "--http-timeout must be a duration");
  expect_usage_error(probe({"caa", "example.com", "--http-port", "70000"}), "--http-port must be a whole number");
  expect_usage_error(probe({"caa", "example.com", "--max-body", "lots"}), "--max-body");
  expect_usage_error(probe({"caa", "example.com", "--bogus"}), "bogus");
  expect_usage_error(run_casim({"probe", "caa", "example.com", "--resolver", "not-an-address"}), "--resolver");
  expect_usage_error(probe({"caa", "example.com", "--emit-scenario", "/nonexistent-folder/x.yaml"}),
                     "/nonexistent-folder does not exist");
}

BOOST_AUTO_TEST_CASE(unreadable_order_files_are_refused_with_where_and_why) {
  const TempDir dir;
  expect_usage_error(probe({"order", (dir.path() / "missing.json").string()}), "missing.json");
  const auto broken = dir.write("broken.json", "[\n  {\"names\": [\"example.com\"],\n   \"method\": DNS}\n]\n");
  expect_usage_error(probe({"order", broken.string()}), "broken.json:3:");
  const auto unknown = dir.write("unknown.json", R"([{"names": ["example.com"], "caa": true, "values": "x"}])");
  expect_usage_error(probe({"order", unknown.string()}), "[0]: unknown key 'values'");
  const auto no_value = dir.write("no-value.json", R"({"names": ["example.com"], "method": "FILE"})");
  expect_usage_error(probe({"order", no_value.string()}), "missing value");
  const auto bad_method = dir.write("bad-method.json", R"([{"names": ["a.example.com"], "method": "SMTP", "value": "v"}])");
  expect_usage_error(probe({"order", bad_method.string()}), "[0].method: 'SMTP' is not a method");
  const auto empty = dir.write("empty.json", "[]");
  expect_usage_error(probe({"order", empty.string()}), "a non-empty list");
  expect_usage_error(probe({"order"}), "name the order file (FILE.json)");
}

BOOST_AUTO_TEST_SUITE_END()  // test_probe_cli
