// `casim csr check` and `casim csr generate` as a user runs them: exit codes 0/1/2, the JSON
// shape, the text lines, messages for missing files and bad option values; generation writes a
// 0600 key.pem in a 0700 directory, refuses to overwrite it without --force, and writes nothing
// when the names are refused. Inputs come from `casim csr generate` itself and from the bad-CSR
// corpus (CASIM_CSR_CORPUS).
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_csr)

namespace {

namespace fs = std::filesystem;
using casim::test::CommandResult;
using casim::test::run_casim;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path corpus(const std::string& file) {
  const char* dir = std::getenv("CASIM_CSR_CORPUS");
  if (dir == nullptr || *dir == '\0') throw std::runtime_error("CASIM_CSR_CORPUS is not set (run through ctest)");
  return fs::path(dir) / file;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 07777u;
}

// Generates an ECC key and CSR for www.example.com and example.com into `dir`.
CommandResult generate(const fs::path& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"csr",   "generate",    "--algorithm", "ecc",       "--cn", "www.example.com",
                                "--san", "example.com", "--out",       dir.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_casim(args);
}

// The fields and their order, as printed.
void check_field_order(const std::string& out) {
  const auto json = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  BOOST_TEST(keys == (std::vector<std::string>{"verdict", "names", "key", "reasons"}),
             boost::test_tools::per_element());
  std::vector<std::string> key_fields;
  for (const auto& [key, value] : json["key"].items()) key_fields.push_back(key);
  BOOST_TEST(key_fields == (std::vector<std::string>{"type", "bits", "curve"}), boost::test_tools::per_element());
}

void check_json_shape(const nlohmann::json& json) {
  BOOST_TEST(json.size() == 4u);
  BOOST_TEST(json["verdict"].is_string());
  BOOST_TEST(json["names"].is_array());
  BOOST_TEST(json["key"]["type"].is_string());
  BOOST_TEST(json["key"]["bits"].is_number_integer());
  BOOST_TEST(json["key"]["curve"].is_string());
  BOOST_TEST(json["key"].size() == 3u);
  for (const auto& reason : json["reasons"]) {
    for (const auto* field : {"code", "category", "message", "name", "reseller_code", "hint"}) {
      BOOST_TEST(reason[field].is_string(), field);
    }
    const std::set<std::string> categories{"format", "signature", "key", "name"};
    BOOST_TEST(categories.contains(reason["category"].get<std::string>()));
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_accepts_a_generated_csr_with_exit_zero) {
  const casim::test::TempDir temp;
  const auto made = generate(temp.path() / "out");
  BOOST_TEST_REQUIRE(made.exit_code == 0, describe(made));
  const auto csr = (temp.path() / "out" / "csr.pem").string();
  const auto result = run_casim({"csr", "check", "--json", csr});
  BOOST_TEST(result.exit_code == 0, describe(result));
  check_field_order(result.out);
  const auto json = nlohmann::json::parse(result.out);
  check_json_shape(json);
  BOOST_TEST(json["verdict"] == "accepted");
  BOOST_TEST(json["names"] == nlohmann::json::parse(R"(["www.example.com", "example.com"])"));
  BOOST_TEST(json["key"] == nlohmann::json::parse(R"({"type": "EC", "bits": 256, "curve": "P-256"})"));
  BOOST_TEST(json["reasons"].empty());

  const auto text = run_casim({"csr", "check", csr});
  BOOST_TEST(text.exit_code == 0, describe(text));
  BOOST_TEST(contains(text.out, "verdict: accepted\n"), describe(text));
  BOOST_TEST(contains(text.out, "names: www.example.com, example.com\n"), describe(text));
  BOOST_TEST(contains(text.out, "key: EC P-256, 256 bits\n"), describe(text));
}

BOOST_AUTO_TEST_CASE(check_rejects_with_exit_one_and_lists_every_reason) {
  const casim::test::TempDir temp;
  BOOST_TEST_REQUIRE(generate(temp.path() / "out").exit_code == 0);
  const auto csr = (temp.path() / "out" / "csr.pem").string();
  const auto limited = run_casim({"csr", "check", "--json", "--max-names", "1", csr});
  BOOST_TEST(limited.exit_code == 1, describe(limited));
  check_field_order(limited.out);
  const auto json = nlohmann::json::parse(limited.out);
  check_json_shape(json);
  BOOST_TEST(json["verdict"] == "rejected");
  BOOST_TEST_REQUIRE(json["reasons"].size() == 1u);
  BOOST_TEST(json["reasons"][0]["code"] == "NameTooMany");
  BOOST_TEST(json["reasons"][0]["category"] == "name");
  BOOST_TEST(json["reasons"][0]["reseller_code"] == "InvalidParameter.DomainCountInvalid");

  const auto mixed = corpus("mixed-everything-wrong.pem").string();
  const auto text = run_casim({"csr", "check", mixed});
  BOOST_TEST(text.exit_code == 1, describe(text));
  BOOST_TEST(contains(text.out, "verdict: rejected\n"), describe(text));
  BOOST_TEST(contains(text.out, "key: RSA, 1024 bits\n"), describe(text));
  BOOST_TEST(contains(text.out, "5 finding(s):\n"), describe(text));
  // One line per finding: code, category, reseller code, message, name, hint.
  BOOST_TEST(contains(text.out,
                      "  - NameCommonNameIsIp [name] InvalidParameter.DomainInvalid: the CN '10.1.2.3' is an "
                      "IP address (name: 10.1.2.3; hint: put a domain name in the CN)\n"),
             describe(text));
  BOOST_TEST(contains(text.out,
                      "  - SignatureAlgorithmWeak [signature] -: the request is signed with "
                      "sha1WithRSAEncryption, a broken hash (name: -; hint: sign the CSR with SHA-256"),
             describe(text));
  const auto json_mixed = nlohmann::json::parse(run_casim({"csr", "check", "--json", mixed}).out);
  check_json_shape(json_mixed);
  BOOST_TEST(json_mixed["reasons"].size() == 5u);
}

BOOST_AUTO_TEST_CASE(unreadable_input_and_missing_files_exit_two) {
  for (const auto* file : {"format-certificate.pem", "format-truncated.der", "format-private-key.pem"}) {
    const auto result = run_casim({"csr", "check", "--json", corpus(file).string()});
    BOOST_TEST(result.exit_code == 2, describe(result));
    const auto json = nlohmann::json::parse(result.out);
    check_json_shape(json);
    BOOST_TEST(json["verdict"] == "unreadable");
    BOOST_TEST(json["reasons"][0]["category"] == "format");
    BOOST_TEST(json["reasons"][0]["reseller_code"] == "FailedOperation.CertificateCsrParseFailed");
  }
  const auto cert = run_casim({"csr", "check", corpus("format-certificate.pem").string()});
  BOOST_TEST(contains(cert.out, "verdict: unreadable\n"), describe(cert));
  BOOST_TEST(contains(cert.out, "a certificate (-----BEGIN CERTIFICATE-----), not a certificate request"),
             describe(cert));

  const casim::test::TempDir temp;
  const auto missing = (temp.path() / "no-such.csr").string();
  const auto result = run_casim({"csr", "check", missing});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, missing), describe(result));
  BOOST_TEST(contains(result.err, "No such file"), describe(result));
  BOOST_TEST(result.out.empty(), describe(result));

  const auto no_file = run_casim({"csr", "check"});
  BOOST_TEST(no_file.exit_code == 2, describe(no_file));
  BOOST_TEST(contains(no_file.err, "missing FILE"), describe(no_file));
}

BOOST_AUTO_TEST_CASE(policy_files_are_validated) {
  const casim::test::TempDir temp;
  const auto bad = temp.write("keys.txt", "# digests\nnot-a-digest\n");
  const auto result = run_casim({"csr", "check", "--blocked-keys", bad.string(), corpus("good-rsa-2048.pem").string()});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, bad.string() + ":2"), describe(result));
  BOOST_TEST(contains(result.err, "not a SHA-256 digest"), describe(result));
  const auto p521 = corpus("key-ec-p521.pem").string();
  BOOST_TEST(run_casim({"csr", "check", p521}).exit_code == 1);
  BOOST_TEST(run_casim({"csr", "check", "--allow-p521", p521}).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(generate_writes_a_private_key_only_its_owner_can_read) {
  const casim::test::TempDir temp;
  const auto dir = temp.path() / "new" / "keys";
  const auto password = temp.write("password.txt", "s3cret passphrase\n");
  const auto result =
      run_casim({"csr", "generate", "--algorithm", "rsa", "--key-size", "2048", "--cn", "shop.example.com", "--org",
                 "Example Ltd", "--country", "GB", "--password-file", password.string(), "--out", dir.string()});
  BOOST_TEST_REQUIRE(result.exit_code == 0, describe(result));
  BOOST_TEST(mode_of(dir) == 0700u);
  BOOST_TEST(mode_of(dir / "key.pem") == 0600u);
  BOOST_TEST(read_text(dir / "key.pem").starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  BOOST_TEST(read_text(dir / "csr.pem").starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
  BOOST_TEST(contains(result.out, "RSA 2048"), describe(result));
  BOOST_TEST(contains(result.out, "AES-256-CBC"), describe(result));
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  BOOST_TEST(files == (std::vector<std::string>{"csr.pem", "key.pem"}), boost::test_tools::per_element());

  const auto check = run_casim({"csr", "check", "--json", (dir / "csr.pem").string()});
  BOOST_TEST(check.exit_code == 0, describe(check));
  BOOST_TEST(nlohmann::json::parse(check.out)["key"]["type"] == "RSA");
}

BOOST_AUTO_TEST_CASE(generate_never_overwrites_without_force) {
  const casim::test::TempDir temp;
  const auto dir = temp.path() / "out";
  BOOST_TEST_REQUIRE(generate(dir).exit_code == 0);
  const auto key_before = read_text(dir / "key.pem");
  const auto again = generate(dir);
  BOOST_TEST(again.exit_code == 2, describe(again));
  BOOST_TEST(contains(again.err, "key.pem"), describe(again));
  BOOST_TEST(contains(again.err, "--force"), describe(again));
  BOOST_TEST(read_text(dir / "key.pem") == key_before);

  const auto forced = generate(dir, {"--force"});
  BOOST_TEST(forced.exit_code == 0, describe(forced));
  BOOST_TEST(read_text(dir / "key.pem") != key_before);
  BOOST_TEST(mode_of(dir / "key.pem") == 0600u);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  BOOST_TEST(files == 2u);
}

BOOST_AUTO_TEST_CASE(generate_refuses_invalid_names_and_writes_nothing) {
  const casim::test::TempDir temp;
  const auto dir = temp.path() / "refused";
  const auto result = run_casim(
      {"csr", "generate", "--algorithm", "ecc", "--cn", "*.co.uk", "--san", "intranet", "--out", dir.string()});
  BOOST_TEST(result.exit_code == 1, describe(result));
  BOOST_TEST(contains(result.out, "FailedOperation.GenCSRFail"), describe(result));
  BOOST_TEST(contains(result.out, "NameWildcardOnPublicSuffix"), describe(result));
  BOOST_TEST(contains(result.out, "NameTooFewLabels"), describe(result));
  BOOST_TEST(!fs::exists(dir));

  const auto bad_algorithm =
      run_casim({"csr", "generate", "--algorithm", "dsa", "--cn", "www.example.com", "--out", dir.string()});
  BOOST_TEST(bad_algorithm.exit_code == 2, describe(bad_algorithm));
  BOOST_TEST(contains(bad_algorithm.err, "rsa or ecc"), describe(bad_algorithm));
  const auto mixed_options = run_casim({"csr", "generate", "--algorithm", "ecc", "--key-size", "2048", "--cn",
                                        "www.example.com", "--out", dir.string()});
  BOOST_TEST(mixed_options.exit_code == 2, describe(mixed_options));
  const auto small = run_casim({"csr", "generate", "--algorithm", "rsa", "--key-size", "1024", "--cn",
                                "www.example.com", "--out", dir.string()});
  BOOST_TEST(small.exit_code == 1, describe(small));
  BOOST_TEST(contains(small.out, "KeyRsaSizeUnsupported"), describe(small));
  BOOST_TEST(!fs::exists(dir));
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_csr
