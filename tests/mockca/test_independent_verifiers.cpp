// Issued chains checked by verifiers written apart from casim: for DV, OV and EV, RSA and ECDSA
// subscriber keys, and both CA key types, every chain must pass `openssl verify -x509_strict`,
// GnuTLS `certtool --verify`, Python cryptography's WebPKI verifier (for every SAN), and a TLS
// handshake on loopback (openssl s_server, verified by an OpenSSL client with hostname checks).
// Negative controls (a wrong root, a name not in the SANs) must be rejected, so these tests can
// fail. A verifier that is not installed makes its test case skip, visibly.
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include <boost/test/unit_test.hpp>

#include <openssl/ssl.h>

#include "casim/mockca/issuer.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

BOOST_AUTO_TEST_SUITE(test_independent_verifiers)

namespace {

namespace fs = std::filesystem;
namespace mockca = casim::mockca;
namespace ossl = casim::mockca::ossl;
namespace utf = boost::unit_test;
using casim::test::run_command;

constexpr auto kTimeout = std::chrono::seconds(20);  // per external step; all run on 127.0.0.1

// One issued chain on disk: cert.pem, chain.pem, fullchain.pem, key.pem.
struct IssuedCase {
  std::string label;  // "ecdsa CA, RSA key, OV"
  fs::path dir;
  fs::path root;      // the trusted root, PEM
  std::vector<std::string> names;
  std::int64_t issued_at = 0;  // notBefore, seconds since the epoch
};

// Host names a name stands for: a wildcard is tried with a concrete first label.
std::string host_for(const std::string& name) {
  return name.starts_with("*.") ? "wildcard-label" + name.substr(1) : name;
}

struct Cases {
  casim::test::TempDir temp;
  std::vector<IssuedCase> cases;
  fs::path wrong_root;  // a root that issued none of them (same name, other key)

  Cases() {
    // Valid from an hour ago: GnuTLS and the TLS handshake verify at the wall clock's now.
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    const casim::sim::Instant not_before{now - std::chrono::hours(1)};
    const ossl::Pkey ec_key = casim::test::make_key(false);
    const ossl::Pkey rsa_key = casim::test::make_key(true);
    for (const auto ca_type : {mockca::CaKeyType::Ecdsa, mockca::CaKeyType::Rsa}) {
      const auto& ca = casim::test::test_ca(ca_type);
      mockca::Issuer issuer(ca.hierarchy);
      for (const bool rsa : {false, true}) {
        for (const auto level : mockca::kValidationLevels) {
          mockca::IssueRequest request;
          request.level = level;
          request.not_before = not_before;
          switch (level) {
            case mockca::ValidationLevel::DV:
              request.names = {"www.example.com", "example.com", "*.shop.example.com"};
              break;
            case mockca::ValidationLevel::OV:
              request.names = {"www.example.org", "*.example.org", "api.example.org"};
              request.subject = {"CN", "Guangdong", "Shenzhen", "Example Technology Ltd", "", "", "", "", ""};
              break;
            case mockca::ValidationLevel::EV:
              request.names = {"www.example.net", "example.net"};
              request.subject = {"CN", "Guangdong", "Shenzhen", "Example Technology Ltd", "Private Organization",
                                 "CN", "Guangdong", "", "91440300MA5G0X0X0X"};
              break;
          }
          const EVP_PKEY& key = rsa ? *rsa_key : *ec_key;
          const auto outcome = issuer.issue(request, mockca::SubscriberKey::from_key(key));
          if (!outcome.certificate) throw std::runtime_error("issuance refused: " + outcome.findings.front().message);
          IssuedCase issued;
          issued.label = std::string(mockca::key_type_name(ca_type)) + " CA, " + (rsa ? "RSA" : "ECDSA") + " key, " +
                         std::string(mockca::level_name(level));
          issued.dir = temp.path() / (std::string(mockca::key_type_name(ca_type)) + (rsa ? "-rsa-" : "-ec-") +
                                      std::string(mockca::level_dir_name(level)));
          mockca::write_issued(issued.dir, *outcome.certificate, &key);
          issued.root = ca.path / "root" / "cert.pem";
          issued.names = request.names;
          issued.issued_at = now.count() - 3600;
          cases.push_back(std::move(issued));
        }
      }
    }
    mockca::init_hierarchy(temp.path() / "wrong-ca", {});
    wrong_root = temp.path() / "wrong-ca" / "root" / "cert.pem";
  }
};

const Cases& cases() {
  static const Cases instance;
  return instance;
}

std::string at_issuance(const IssuedCase& issued) { return std::to_string(issued.issued_at + 60); }

// A precondition: the program is on PATH.
struct Installed {
  std::string program;
  boost::test_tools::assertion_result operator()(utf::test_unit_id) const {
    boost::test_tools::assertion_result result(!casim::test::find_program(program).empty());
    if (!result) {
      result.message() << "SKIPPED: " << program << " is not installed";
      std::cout << "SKIPPED: " << program << " is not installed\n";
    }
    return result;
  }
};

// A python3 whose cryptography has x509.verification (≥ 42): the one on PATH, else /usr/bin/python3.
std::string python_with_cryptography() {
  for (const auto& candidate : {casim::test::find_program("python3"), std::string("/usr/bin/python3")}) {
    if (candidate.empty() || access(candidate.c_str(), X_OK) != 0) continue;
    const auto probe = run_command({candidate, "-c", "from cryptography.x509.verification import PolicyBuilder"});
    if (probe.exit_code == 0) return candidate;
  }
  return "";
}

boost::test_tools::assertion_result has_cryptography(utf::test_unit_id) {
  boost::test_tools::assertion_result result(!python_with_cryptography().empty());
  if (!result) {
    result.message() << "SKIPPED: no python3 with cryptography >= 42 (x509.verification)";
    std::cout << "SKIPPED: no python3 with cryptography >= 42 (x509.verification)\n";
  }
  return result;
}

// A program running in the background, its output read through a pipe; ended when destroyed.
class Background {
 public:
  explicit Background(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    std::vector<std::string> arguments = argv;
    std::vector<char*> pointers;
    for (auto& text : arguments) pointers.push_back(text.data());
    pointers.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, pointers[0], &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    output_fd_ = pipe_fds[0];
    if (spawned != 0) {
      pid_ = -1;
      throw std::runtime_error("cannot run " + argv.front());
    }
  }
  ~Background() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (i == 50) kill(pid_, SIGKILL);
      }
    }
    close(output_fd_);
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // The first output line starting with `prefix`, waiting at most `timeout`; nothing on timeout.
  std::optional<std::string> wait_for_line(const std::string& prefix, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      for (auto end = output_.find('\n'); end != std::string::npos; end = output_.find('\n')) {
        std::string line = output_.substr(0, end);
        output_.erase(0, end + 1);
        if (line.starts_with(prefix)) return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd poll_fd{output_fd_, POLLIN, 0};
      if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char buffer[1024];
      const ssize_t got = read(output_fd_, buffer, sizeof buffer);
      if (got <= 0) return std::nullopt;
      output_.append(buffer, static_cast<std::size_t>(got));
    }
  }

 private:
  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::string output_;
};

// A TLS handshake with 127.0.0.1:`port` that verifies the server's chain against `ca_file` and
// its certificate against `host`. Returns "" on success, else why it failed.
std::string handshake(int port, const fs::path& ca_file, const std::string& host) {
  const std::unique_ptr<SSL_CTX, ossl::Deleter<SSL_CTX_free>> context(SSL_CTX_new(TLS_client_method()));
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
  if (SSL_CTX_load_verify_locations(context.get(), ca_file.c_str(), nullptr) != 1) return "cannot load the CA file";
  X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(context.get()), X509_V_FLAG_X509_STRICT);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const timeval limit{std::chrono::duration_cast<std::chrono::seconds>(kTimeout).count(), 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "cannot connect to 127.0.0.1:" + std::to_string(port);
  }
  const std::unique_ptr<SSL, ossl::Deleter<SSL_free>> ssl(SSL_new(context.get()));
  SSL_set_fd(ssl.get(), fd);
  SSL_set_tlsext_host_name(ssl.get(), host.c_str());
  SSL_set1_host(ssl.get(), host.c_str());
  std::string failure;
  if (SSL_connect(ssl.get()) != 1) {
    const long verify = SSL_get_verify_result(ssl.get());
    failure = verify != X509_V_OK ? X509_verify_cert_error_string(verify) : "handshake failed: " + ossl::drain_errors();
  } else if (SSL_get_verify_result(ssl.get()) != X509_V_OK) {
    failure = X509_verify_cert_error_string(SSL_get_verify_result(ssl.get()));
  } else {
    SSL_shutdown(ssl.get());
  }
  ossl::drain_errors();
  close(fd);
  return failure;
}

// Serves `issued` with openssl s_server on a free loopback port for one connection, runs the
// handshake, and ends the server.
std::string serve_and_handshake(const std::string& openssl, const IssuedCase& issued, const fs::path& ca_file,
                                const std::string& host) {
  Background server({openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-www", "-cert",
                     (issued.dir / "cert.pem").string(), "-key", (issued.dir / "key.pem").string(), "-cert_chain",
                     (issued.dir / "chain.pem").string()});
  const auto accept = server.wait_for_line("ACCEPT", kTimeout);
  if (!accept) return "s_server did not start";
  const int port = std::stoi(accept->substr(accept->rfind(':') + 1));
  return handshake(port, ca_file, host);
}

}  // namespace

BOOST_AUTO_TEST_CASE(openssl_verify_x509_strict_accepts_every_chain, *utf::precondition(Installed{"openssl"})) {
  const auto openssl = casim::test::find_program("openssl");
  for (const auto& issued : cases().cases) {
    BOOST_TEST_CONTEXT(issued.label) {
      const auto result = run_command({openssl, "verify", "-x509_strict", "-purpose", "sslserver", "-attime",
                                       at_issuance(issued), "-verify_hostname", issued.names.front(), "-CAfile",
                                       issued.root.string(), "-untrusted", (issued.dir / "chain.pem").string(),
                                       (issued.dir / "cert.pem").string()});
      BOOST_TEST(result.exit_code == 0, result.out + result.err);
      BOOST_TEST(result.out.find(": OK") != std::string::npos, result.out);
    }
  }
  // Negative controls: another root with the same name; a name the certificate does not carry.
  const auto& issued = cases().cases.front();
  const auto wrong_root = run_command({openssl, "verify", "-x509_strict", "-purpose", "sslserver", "-attime",
                                       at_issuance(issued), "-CAfile", cases().wrong_root.string(), "-untrusted",
                                       (issued.dir / "chain.pem").string(), (issued.dir / "cert.pem").string()});
  BOOST_TEST(wrong_root.exit_code != 0, wrong_root.out);
  const auto wrong_name = run_command({openssl, "verify", "-x509_strict", "-purpose", "sslserver", "-attime",
                                       at_issuance(issued), "-verify_hostname", "www.not-in-the-san.com", "-CAfile",
                                       issued.root.string(), "-untrusted", (issued.dir / "chain.pem").string(),
                                       (issued.dir / "cert.pem").string()});
  BOOST_TEST(wrong_name.exit_code != 0, wrong_name.out);
}

BOOST_AUTO_TEST_CASE(gnutls_certtool_accepts_every_chain, *utf::precondition(Installed{"certtool"})) {
  const auto certtool = casim::test::find_program("certtool");
  for (const auto& issued : cases().cases) {
    for (const auto& name : issued.names) {
      BOOST_TEST_CONTEXT(issued.label << ", " << name) {
        const auto result = run_command({certtool, "--verify", "--load-ca-certificate", issued.root.string(), "--infile",
                                         (issued.dir / "fullchain.pem").string(), "--verify-hostname", host_for(name),
                                         "--verify-purpose", "1.3.6.1.5.5.7.3.1"});
        BOOST_TEST(result.exit_code == 0, result.out + result.err);
        BOOST_TEST(result.out.find("Chain verification output: Verified.") != std::string::npos, result.out);
      }
    }
  }
  const auto& issued = cases().cases.back();
  const auto wrong_root = run_command({certtool, "--verify", "--load-ca-certificate", cases().wrong_root.string(),
                                       "--infile", (issued.dir / "fullchain.pem").string()});
  BOOST_TEST(wrong_root.exit_code != 0, wrong_root.out);
  const auto wrong_name = run_command({certtool, "--verify", "--load-ca-certificate", issued.root.string(), "--infile",
                                       (issued.dir / "fullchain.pem").string(), "--verify-hostname",
                                       "www.not-in-the-san.com"});
  BOOST_TEST(wrong_name.exit_code != 0, wrong_name.out);
}

BOOST_AUTO_TEST_CASE(python_cryptography_accepts_every_chain_for_every_san, *utf::precondition(has_cryptography)) {
  const auto python = python_with_cryptography();
  const auto script = fs::path(std::getenv("CASIM_SOURCE_DIR")) / "tests" / "mockca" / "verify_with_cryptography.py";
  for (const auto& issued : cases().cases) {
    BOOST_TEST_CONTEXT(issued.label) {
      std::vector<std::string> argv{python, script.string(), "--root", issued.root.string(), "--cert",
                                    (issued.dir / "cert.pem").string(), "--chain", (issued.dir / "chain.pem").string(),
                                    "--time", at_issuance(issued)};
      for (const auto& name : issued.names) argv.push_back(host_for(name));
      const auto result = run_command(argv);
      BOOST_TEST(result.exit_code == 0, result.out + result.err);
      BOOST_TEST(result.out.find("FAIL") == std::string::npos, result.out);
    }
  }
  const auto& issued = cases().cases.front();
  const auto wrong_name = run_command({python, script.string(), "--root", issued.root.string(), "--cert",
                                       (issued.dir / "cert.pem").string(), "--chain",
                                       (issued.dir / "chain.pem").string(), "--time", at_issuance(issued),
                                       "www.not-in-the-san.com"});
  BOOST_TEST(wrong_name.exit_code == 1, wrong_name.out + wrong_name.err);
  const auto wrong_root = run_command({python, script.string(), "--root", cases().wrong_root.string(), "--cert",
                                       (issued.dir / "cert.pem").string(), "--chain",
                                       (issued.dir / "chain.pem").string(), "--time", at_issuance(issued),
                                       issued.names.front()});
  BOOST_TEST(wrong_root.exit_code == 1, wrong_root.out + wrong_root.err);
}

BOOST_AUTO_TEST_CASE(tls_handshake_on_loopback_verifies_every_chain, *utf::precondition(Installed{"openssl"})) {
  const auto openssl = casim::test::find_program("openssl");
  for (const auto& issued : cases().cases) {
    BOOST_TEST_CONTEXT(issued.label) {
      const auto failure = serve_and_handshake(openssl, issued, issued.root, host_for(issued.names.back()));
      BOOST_TEST(failure.empty(), failure);
    }
  }
  const auto& issued = cases().cases.front();
  const auto wrong_name = serve_and_handshake(openssl, issued, issued.root, "www.not-in-the-san.com");
  BOOST_TEST(wrong_name.find("hostname mismatch") != std::string::npos, wrong_name);
  const auto wrong_root = serve_and_handshake(openssl, issued, cases().wrong_root, issued.names.front());
  BOOST_TEST(!wrong_root.empty());
}

BOOST_AUTO_TEST_SUITE_END()  // test_independent_verifiers
