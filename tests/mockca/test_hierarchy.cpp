// The local test hierarchy: what `init` creates on disk (files, modes, subjects, extensions), that
// a second init reuses it and never overwrites it, that concurrent inits make one, and that loading
// reads it back and finds keys open to others.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <openssl/x509v3.h>

#include "casim/mockca/hierarchy.hpp"
#include "casim/sim/error.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

BOOST_AUTO_TEST_SUITE(test_hierarchy)

namespace {

namespace fs = std::filesystem;
namespace mockca = casim::mockca;
using casim::test::TempDir;
using casim::test::read_text;

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  BOOST_REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

std::string common_name(const X509& cert) {
  const X509_NAME* name = X509_get_subject_name(&cert);
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::vector<std::string> policies_of(X509& cert) {
  std::vector<std::string> oids;
  auto* policies = static_cast<CERTIFICATEPOLICIES*>(X509_get_ext_d2i(&cert, NID_certificate_policies, nullptr, nullptr));
  for (int i = 0; policies != nullptr && i < sk_POLICYINFO_num(policies); ++i) {
    char text[80];
    OBJ_obj2txt(text, sizeof text, sk_POLICYINFO_value(policies, i)->policyid, 1);
    oids.emplace_back(text);
  }
  CERTIFICATEPOLICIES_free(policies);
  return oids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(init_writes_keys_0600_in_0700_directories) {
  TempDir temp;
  const auto dir = temp.path() / "ca";
  const auto outcome = mockca::init_hierarchy(dir, {});
  BOOST_TEST((outcome.action == mockca::InitOutcome::Action::Created));
  BOOST_TEST((outcome.key_type == mockca::CaKeyType::Ecdsa));
  BOOST_TEST(outcome.brands == std::vector<std::string>{"casim"});

  for (const auto* sub : {"", "root", "casim", "casim/dv", "casim/ov", "casim/ev"}) {
    BOOST_TEST_CONTEXT(sub) { BOOST_TEST(mode_of(dir / sub) == 0700u); }
  }
  for (const auto* key : {"root/key.pem", "casim/dv/key.pem", "casim/ov/key.pem", "casim/ev/key.pem"}) {
    BOOST_TEST_CONTEXT(key) { BOOST_TEST(mode_of(dir / key) == 0600u); }
  }
  for (const auto* cert : {"root/cert.pem", "casim/dv/cert.pem", "casim/ov/cert.pem", "casim/ev/cert.pem"}) {
    BOOST_TEST_CONTEXT(cert) { BOOST_TEST(mode_of(dir / cert) == 0644u); }
  }
  BOOST_TEST(fs::exists(dir / "ca.json"));
  BOOST_TEST(mode_of(dir / "state.json") == 0600u);
  // No temporary file is left behind.
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    BOOST_TEST(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(load_reads_a_root_and_three_intermediates_per_brand) {
  const auto& ca = casim::test::test_ca(mockca::CaKeyType::Ecdsa);
  const auto& hierarchy = ca.hierarchy;
  BOOST_TEST(hierarchy.brands() == std::vector<std::string>{"casim"});
  BOOST_TEST(hierarchy.default_brand() == "casim");
  BOOST_TEST(common_name(hierarchy.root()) == "casim Test Root \u2014 NOT FOR PRODUCTION");
  BOOST_TEST(EVP_PKEY_get_base_id(X509_get0_pubkey(&hierarchy.root())) == EVP_PKEY_EC);
  BOOST_TEST(X509_check_ca(const_cast<X509*>(&hierarchy.root())) == 1);

  for (const auto level : mockca::kValidationLevels) {
    const auto* issuing = hierarchy.find("", level);
    BOOST_REQUIRE(issuing != nullptr);
    BOOST_TEST(issuing == hierarchy.find("CASIM", level));  // brands match without regard to case
    BOOST_TEST(issuing->brand == "casim");
    BOOST_TEST(common_name(*issuing->cert).find("NOT FOR PRODUCTION") != std::string::npos);
    BOOST_TEST(X509_check_issued(const_cast<X509*>(&hierarchy.root()), issuing->cert.get()) == X509_V_OK);
    BOOST_TEST(X509_verify(issuing->cert.get(), X509_get0_pubkey(&hierarchy.root())) == 1);
    BOOST_TEST(X509_check_private_key(issuing->cert.get(), issuing->key.get()) == 1);
    BOOST_TEST(policies_of(*issuing->cert) == std::vector<std::string>{std::string(mockca::level_policy_oid(level))});
    BOOST_TEST(X509_get_pathlen(issuing->cert.get()) == 0);
    BOOST_TEST(X509_get0_subject_key_id(issuing->cert.get()) != nullptr);
    BOOST_TEST(X509_get0_authority_key_id(issuing->cert.get()) != nullptr);
    BOOST_TEST(issuing->ca_issuers_url ==
               "http://casim.test/casim/" + std::string(mockca::level_dir_name(level)) + "/ca.crt");
    BOOST_TEST(issuing->cert_pem == read_text(issuing->dir / "cert.pem"));
    BOOST_TEST(casim::sim::format_instant(issuing->not_before) == mockca::kCaNotBefore);
    BOOST_TEST(casim::sim::format_instant(issuing->not_after) == mockca::kCaNotAfter);
  }
  BOOST_TEST(hierarchy.find("nosuchbrand", mockca::ValidationLevel::DV) == nullptr);
}

BOOST_AUTO_TEST_CASE(init_again_reuses_and_never_overwrites) {
  TempDir temp;
  const auto dir = temp.path() / "ca";
  mockca::init_hierarchy(dir, {});
  const auto root_before = read_text(dir / "root" / "key.pem");
  const auto dv_before = read_text(dir / "casim" / "dv" / "cert.pem");

  const auto again = mockca::init_hierarchy(dir, {mockca::CaKeyType::Ecdsa, {"casim"}});
  BOOST_TEST((again.action == mockca::InitOutcome::Action::Reused));
  BOOST_TEST(again.added_brands.empty());
  BOOST_TEST(read_text(dir / "root" / "key.pem") == root_before);
  BOOST_TEST(read_text(dir / "casim" / "dv" / "cert.pem") == dv_before);

  // Another key type than the one there is refused, and nothing changes.
  BOOST_CHECK_THROW(mockca::init_hierarchy(dir, {mockca::CaKeyType::Rsa, {}}), casim::InputError);
  BOOST_TEST(read_text(dir / "root" / "key.pem") == root_before);

  // A new brand is added beside the old ones, under the same root.
  const auto extended = mockca::init_hierarchy(dir, {std::nullopt, {"casim", "TrustAsia"}});
  BOOST_TEST((extended.action == mockca::InitOutcome::Action::Extended));
  BOOST_TEST(extended.added_brands == std::vector<std::string>{"TrustAsia"});
  BOOST_TEST(read_text(dir / "casim" / "dv" / "cert.pem") == dv_before);
  const auto hierarchy = mockca::Hierarchy::load(dir);
  BOOST_TEST((hierarchy.brands() == std::vector<std::string>{"casim", "TrustAsia"}));
  const auto* added = hierarchy.find("trustasia", mockca::ValidationLevel::EV);
  BOOST_REQUIRE(added != nullptr);
  BOOST_TEST(X509_verify(added->cert.get(), X509_get0_pubkey(&hierarchy.root())) == 1);
  BOOST_TEST(common_name(*added->cert) == "casim Test TrustAsia EV CA \u2014 NOT FOR PRODUCTION");
}

BOOST_AUTO_TEST_CASE(init_refuses_a_directory_that_is_not_a_hierarchy) {
  TempDir temp;
  temp.write("notes.txt", "someone else's file\n");
  BOOST_CHECK_THROW(mockca::init_hierarchy(temp.path(), {}), casim::InputError);
  BOOST_TEST(!fs::exists(temp.path() / "ca.json"));
  BOOST_CHECK_THROW(mockca::init_hierarchy(temp.path() / "x", {std::nullopt, {"root"}}), std::invalid_argument);
  BOOST_CHECK_THROW(mockca::init_hierarchy(temp.path() / "x", {std::nullopt, {"bad/brand"}}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(load_refuses_missing_or_mismatched_files) {
  TempDir temp;
  BOOST_CHECK_THROW(mockca::Hierarchy::load(temp.path()), casim::InputError);
  const auto dir = temp.path() / "ca";
  mockca::init_hierarchy(dir, {});
  // A key that belongs to another certificate is caught at load time.
  fs::copy_file(dir / "casim" / "ov" / "key.pem", dir / "casim" / "dv" / "key.pem",
                fs::copy_options::overwrite_existing);
  BOOST_CHECK_EXCEPTION(mockca::Hierarchy::load(dir), casim::InputError, [](const casim::InputError& error) {
    return std::string(error.what()).find("does not match") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(rsa_hierarchy_has_an_rsa_3072_root_and_rsa_2048_intermediates) {
  const auto& hierarchy = casim::test::test_ca(mockca::CaKeyType::Rsa).hierarchy;
  BOOST_TEST((hierarchy.key_type() == mockca::CaKeyType::Rsa));
  BOOST_TEST(EVP_PKEY_get_bits(X509_get0_pubkey(&hierarchy.root())) == 3072);
  for (const auto& issuing : hierarchy.issuing_cas()) {
    BOOST_TEST(EVP_PKEY_get_base_id(issuing.key.get()) == EVP_PKEY_RSA);
    BOOST_TEST(EVP_PKEY_get_bits(issuing.key.get()) == 2048);
  }
}

BOOST_AUTO_TEST_CASE(cli_init_says_whether_it_created_or_reused) {
  TempDir temp;
  const auto dir = (temp.path() / "ca").string();
  const auto first = casim::test::run_casim({"ca", "init", "--dir", dir, "--brand", "casim", "--brand", "DNSPod"});
  BOOST_TEST(first.exit_code == 0, first.err);
  BOOST_TEST(first.out.find("Created a casim test CA") != std::string::npos);
  BOOST_TEST(first.out.find("DNSPod EV") != std::string::npos);

  const auto second = casim::test::run_casim({"ca", "init", "--dir", dir});
  BOOST_TEST(second.exit_code == 0, second.err);
  BOOST_TEST(second.out.find("Reusing the casim test CA") != std::string::npos);
  BOOST_TEST(second.out.find("nothing written") != std::string::npos);

  const auto conflict = casim::test::run_casim({"ca", "init", "--dir", dir, "--key", "rsa"});
  BOOST_TEST(conflict.exit_code == 2);
  BOOST_TEST(conflict.err.find("already holds an ecdsa hierarchy") != std::string::npos, conflict.err);

  const auto bad_brand = casim::test::run_casim({"ca", "init", "--dir", dir, "--brand", "../x"});
  BOOST_TEST(bad_brand.exit_code == 2);
}

BOOST_AUTO_TEST_CASE(concurrent_inits_of_one_new_folder_make_one_hierarchy_and_leave_nothing_beside_it) {
  TempDir temp;
  const auto dir = temp.path() / "ca";
  fs::create_directories(temp.path() / ".ca.ca-tmp-Abc123");  // what a killed creator leaves
  temp.write(".ca.ca-tmp-Abc123/key.pem", "an abandoned key\n");
  std::vector<std::thread> threads;
  std::vector<mockca::InitOutcome::Action> actions(8);
  std::atomic<int> failures{0};
  for (std::size_t i = 0; i < actions.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        actions[i] = mockca::init_hierarchy(dir, {std::nullopt, {i % 2 == 0 ? "casim" : "DNSPod"}}).action;
      } catch (const std::exception& error) {
        BOOST_TEST_MESSAGE("init failed: " << error.what());
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(std::count(actions.begin(), actions.end(), mockca::InitOutcome::Action::Created) == 1);
  const auto hierarchy = mockca::Hierarchy::load(dir);  // every key matches its certificate
  BOOST_TEST(hierarchy.find("DNSPod", mockca::ValidationLevel::OV) != nullptr);
  BOOST_TEST(hierarchy.find("casim", mockca::ValidationLevel::OV) != nullptr);
  std::vector<std::string> beside;
  for (const auto& entry : fs::directory_iterator(temp.path())) beside.push_back(entry.path().filename().string());
  BOOST_TEST(beside == std::vector<std::string>{"ca"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_new_hierarchy_is_renamed_into_an_empty_folder_but_never_through_a_link) {
  TempDir temp;
  fs::create_directories(temp.path() / "empty");
  BOOST_TEST((mockca::init_hierarchy(temp.path() / "empty" / "", {}).action == mockca::InitOutcome::Action::Created));
  BOOST_TEST(mode_of(temp.path() / "empty") == 0700u);
  BOOST_TEST(fs::exists(temp.path() / "empty" / "ca.json"));

  fs::create_directories(temp.path() / "elsewhere");
  fs::create_directory_symlink(temp.path() / "elsewhere", temp.path() / "linked");
  BOOST_CHECK_THROW(mockca::init_hierarchy(temp.path() / "linked", {}), casim::InputError);
  BOOST_TEST(fs::is_empty(temp.path() / "elsewhere"));
}

BOOST_AUTO_TEST_CASE(load_lists_the_folders_and_keys_open_to_group_or_others) {
  TempDir temp;
  const auto dir = temp.path() / "ca";
  mockca::init_hierarchy(dir, {});
  BOOST_TEST(mockca::Hierarchy::load(dir).open_permissions().empty());
  fs::permissions(dir / "casim", fs::perms(0755));
  fs::permissions(dir / "root" / "key.pem", fs::perms(0644));
  fs::permissions(dir / "root" / "cert.pem", fs::perms(0666));  // a certificate is public: no warning
  const auto found = mockca::Hierarchy::load(dir).open_permissions();
  BOOST_REQUIRE(found.size() == 2u);
  BOOST_TEST(found[0].starts_with((dir / "casim").string() + " has mode 0755:"), found[0]);
  BOOST_TEST(found[1].starts_with((dir / "root" / "key.pem").string() + " has mode 0644:"), found[1]);
}

BOOST_AUTO_TEST_SUITE_END()  // test_hierarchy
