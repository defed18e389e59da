// `casim serve` driven by the reseller's official Node.js SDK (tencentcloud-sdk-nodejs 4.1.313,
// found through NODE_PATH): a whole OV order whose download openssl verifies against the served
// root, refused credentials, the validate-now rate limit, a client recovering from an injected
// network error, and a cancelled review. Each case starts its own server on a free port and runs
// one script of this folder against it. Without the SDK installed (scripts/test.sh installs it)
// every case is skipped with a message saying so.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "serve_process.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_serve_sdk)

using namespace casim::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kSdkVersion = "4.1.313";

boost::test_tools::assertion_result sdk_installed(boost::unit_test::test_unit_id) {
  const char* node_path = std::getenv("NODE_PATH");
  const fs::path package = fs::path(node_path == nullptr ? "" : node_path) / "tencentcloud-sdk-nodejs" / "package.json";
  const std::string text = read_text(package);
  if (contains(text, std::string("\"version\": \"") + kSdkVersion + "\"")) return true;
  boost::test_tools::assertion_result skipped(false);
  skipped.message() << "tencentcloud-sdk-nodejs " << kSdkVersion << " is not installed in NODE_PATH ("
                    << (node_path == nullptr ? "unset" : node_path)
                    << "): SKIPPING the casim serve SDK tests; scripts/test.sh installs it";
  return skipped;
}

// A server started with tests/serve_sdk/data/world.yaml, and a folder for a script's files.
struct ServedWorld {
  TempDir dir;
  ServeProcess server{{source_path("tests/serve_sdk/data/world.yaml"), "--clock", "manual", "--out",
                       (dir.path() / "reports").string()},
                      dir.path()};

  // Runs tests/serve_sdk/SCRIPT against the server (2 minutes at most) and parses the JSON line
  // it prints.
  json run(const std::string& script) {
    const auto result = run_command({"/usr/bin/timeout", "120", "/usr/bin/node",
                                     source_path("tests/serve_sdk/" + script), server.endpoint(), dir.path().string()},
                                    {"http_proxy="});  // the SDK would send loopback calls through a proxy
    BOOST_TEST_REQUIRE(result.exit_code == 0, describe(result) + server.output());
    BOOST_TEST_MESSAGE(script << ": " << result.out);
    return json::parse(result.out);
  }

  ~ServedWorld() { BOOST_TEST(server.stop() == 143, "SIGTERM stops casim serve cleanly\n" + server.output()); }
};

CommandResult run_in(const fs::path& dir, std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"/usr/bin/env", "-C", dir.string()});
  return run_command(argv);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(serve_with_the_official_node_sdk, *boost::unit_test::precondition(sdk_installed))

BOOST_AUTO_TEST_CASE(a_whole_ov_order_downloads_a_certificate_that_openssl_verifies_against_the_served_root) {
  ServedWorld world;
  const json result = world.run("whole_ov_order.js");
  BOOST_TEST(result.at("record") == "_dnsauth.shop.example.com");
  const json& steps = result.at("steps");
  BOOST_TEST(steps.at("submitted") == (json{{"Status", 0}, {"StatusMsg", "PRE-REVIEWING"}}));
  BOOST_TEST(steps.at("after_pre_review").at("Status") == 0);
  BOOST_TEST(steps.at("after_pre_review").at("StatusMsg") != "PRE-REVIEWING", "the review runs after pre-review");
  BOOST_TEST(steps.at("after_review").at("Status") == 1, "issued once the review passed");
  BOOST_TEST(result.at("contentType") == "application/zip");

  const fs::path& dir = world.dir.path();
  const auto unzipped = run_in(dir, {"/usr/bin/python3", "-m", "zipfile", "-e", "certificate.zip", "files"});
  BOOST_TEST_REQUIRE(unzipped.exit_code == 0, describe(unzipped));
  const auto verified = run_in(dir / "files", {"openssl", "verify", "-CAfile", "../root.pem", "-untrusted",
                                               "chain.pem", "certificate.pem"});
  BOOST_TEST(verified.exit_code == 0, describe(verified));
  BOOST_TEST(verified.out == "certificate.pem: OK\n", describe(verified));
  const auto subject = run_in(dir / "files", {"openssl", "x509", "-in", "certificate.pem", "-noout", "-subject",
                                              "-nameopt", "multiline"});
  BOOST_TEST(contains(subject.out, "commonName                = shop.example.com"), describe(subject));
  BOOST_TEST(contains(subject.out, "organizationName          = Acme Widgets (Beijing) Co., Ltd."), describe(subject));
  const auto certificate_key = run_in(dir / "files", {"openssl", "x509", "-in", "certificate.pem", "-noout", "-pubkey"});
  const auto private_key = run_in(dir / "files", {"openssl", "pkey", "-in", "private_key.pem", "-pubout"});
  BOOST_TEST(private_key.exit_code == 0, describe(private_key));
  BOOST_TEST(certificate_key.out == private_key.out, "the online CSR's key is the certificate's");
}

BOOST_AUTO_TEST_CASE(a_wrong_secret_key_and_an_unknown_secret_id_are_refused) {
  ServedWorld world;
  const json result = world.run("bad_credentials.js");
  BOOST_TEST(result.at("wrong_secret_key") == "AuthFailure.SignatureFailure");
  BOOST_TEST(result.at("unknown_secret_id") == "AuthFailure.SecretIdNotFound");
  BOOST_TEST(result.at("test_credential") == "FailedOperation.CertificateNotFound", "signed right, the action runs");
}

BOOST_AUTO_TEST_CASE(validate_now_twice_within_five_minutes_is_rate_limited) {
  ServedWorld world;
  const json result = world.run("validate_now_twice.js");
  BOOST_TEST(result.at("first") == "ok");
  BOOST_TEST(result.at("after_2_minutes") == "LimitExceeded.RateLimitExceeded");
  BOOST_TEST(result.at("after_7_minutes") == "ok", "allowed again once the 5 minutes have passed");
}

BOOST_AUTO_TEST_CASE(a_client_that_retries_gets_past_an_injected_network_error) {
  ServedWorld world;
  const json result = world.run("network_error_retry.js");
  BOOST_TEST(result.at("failures") == json::array({"FailedOperation.NetworkError"}));
  BOOST_TEST(result.at("certificateIds") == json::array({"cert-1"}), "the failed try bought nothing");
  BOOST_TEST(result.at("status").at("Status") == 5, "the retried purchase is pending submission");
}

BOOST_AUTO_TEST_CASE(an_ov_order_cancelled_during_review_stays_cancelled) {
  ServedWorld world;
  const json result = world.run("cancel_during_review.js");
  BOOST_TEST(result.at("status_before").at("Status") == 0);
  BOOST_TEST(result.at("review_before") == "in progress");
  BOOST_TEST(result.at("result") == true);
  BOOST_TEST(result.at("after_cancel").at("Status") == 7);
  BOOST_TEST(result.at("three_days_later").at("Status") == 7, "a cancelled order is not issued");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_serve_sdk
