// Real servers on loopback for the `casim probe` tests, started by the test on free ports and
// killed when it ends: Knot DNS (knotd) serving zone files the test writes, and
// tests/probe/web_server.py serving HTTP and HTTPS with a self-signed certificate made with
// openssl; and a UDP port that never answers.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

namespace casim::test {

// `path`, or a failure naming the Debian package to install: these tests never skip.
inline std::string required_program(const std::string& path, const std::string& package) {
  if (access(path.c_str(), X_OK) != 0) {
    throw std::runtime_error(path + " is missing: install the Debian package " + package +
                             " (scripts/setup.sh installs it); the probe tests need it");
  }
  return path;
}

// An unprivileged port free on 127.0.0.1 for both TCP and UDP when asked.
inline std::uint16_t free_loopback_port() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const int tcp = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool bound = bind(tcp, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                       getsockname(tcp, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int udp = socket(AF_INET, SOCK_DGRAM, 0);
    const bool udp_free = bound && bind(udp, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(udp);
    close(tcp);
    if (udp_free) return ntohs(address.sin_port);
  }
  throw std::runtime_error("no free port on 127.0.0.1 for both TCP and UDP");
}

// A UDP socket bound on 127.0.0.1 that reads nothing and answers nothing: a DNS server that never
// replies.
class SilentUdpPort {
 public:
  SilentUdpPort() : socket_(socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      close(socket_);
      throw std::runtime_error(std::string("cannot bind a UDP socket on 127.0.0.1: ") + std::strerror(errno));
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentUdpPort() { close(socket_); }
  SilentUdpPort(const SilentUdpPort&) = delete;
  SilentUdpPort& operator=(const SilentUdpPort&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  int socket_;
  std::uint16_t port_ = 0;
};

// A server process with its standard output and error in files, run under
// `setpriv --pdeathsig KILL` so it dies with the test even when the test crashes; killed when the
// object goes away.
class BackgroundProcess {
 public:
  BackgroundProcess(std::vector<std::string> argv, const std::filesystem::path& out, const std::filesystem::path& err) {
    argv.insert(argv.begin(), {required_program("/usr/bin/setpriv", "util-linux"), "--pdeathsig", "KILL"});
    pid_ = spawn_in_background(std::move(argv), out, err);
  }
  ~BackgroundProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // False once the process has exited (it is reaped then).
  bool running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, nullptr, WNOHANG) != pid_) return true;
    pid_ = -1;
    return false;
  }

 private:
  pid_t pid_ = -1;
};

// The rcode of a UDP DNS query (recursion not desired) to 127.0.0.1:port, or std::nullopt without
// an answer within `wait`: a probe independent of the code under test.
inline std::optional<int> loopback_dns_rcode(std::uint16_t port, const std::string& name, std::uint16_t type,
                                             std::chrono::milliseconds wait) {
  std::string query{'\x4c', '\x51', '\0', '\0', '\0', '\1', '\0', '\0', '\0', '\0', '\0', '\0'};
  std::istringstream labels(name);
  for (std::string label; std::getline(labels, label, '.');) {
    query += static_cast<char>(label.size());
    query += label;
  }
  query += std::string{'\0', static_cast<char>(type >> 8), static_cast<char>(type & 0xff), '\0', '\1'};
  const int udp = socket(AF_INET, SOCK_DGRAM, 0);
  timeval timeout{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>(wait.count() % 1000 * 1000)};
  setsockopt(udp, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  char reply[512];
  ssize_t got = -1;
  if (sendto(udp, query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&address), sizeof address) > 0) {
    got = recv(udp, reply, sizeof reply, 0);
  }
  close(udp);
  if (got < 12 || reply[0] != query[0] || reply[1] != query[1]) return std::nullopt;
  return reply[3] & 0x0f;
}

// A zone Knot serves: its apex and zone file text, or no file at all (Knot then answers SERVFAIL
// for every name in the zone).
struct ZoneFile {
  std::string apex;
  std::optional<std::string> text;
};

// knotd (Debian's knot) as an authoritative server on 127.0.0.1:port(), as the current user,
// with its configuration, zone files, run and storage folders in a temporary folder.
class KnotServer {
 public:
  explicit KnotServer(const std::vector<ZoneFile>& zones) : port_(free_loopback_port()) {
    const std::string knotd = required_program("/usr/sbin/knotd", "knot");
    const std::string root = dir_.path().string();
    std::string config = "server:\n    listen: 127.0.0.1@" + std::to_string(port_) + "\n    rundir: \"" + root +
                         "\"\n    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n"
                         "database:\n    storage: \"" + root + "\"\n"
                         "log:\n  - target: stderr\n    any: info\n"
                         "template:\n  - id: default\n    storage: \"" + root + "\"\n"
                         "    zonefile-sync: -1\n    journal-content: none\nzone:\n";
    for (const ZoneFile& zone : zones) {
      config += "  - domain: " + zone.apex + "\n    file: " + zone.apex + ".zone\n";
      if (zone.text) dir_.write(zone.apex + ".zone", *zone.text);
    }
    const auto config_file = dir_.write("knot.conf", config);
    process_.emplace(std::vector<std::string>{knotd, "--config", config_file.string()}, dir_.path() / "knotd.out",
                     dir_.path() / "knotd.log");
    wait_until_ready(zones);
  }

  std::uint16_t port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return "knotd's log:\n" + read_text(dir_.path() / "knotd.log"); }

 private:
  // Every zone with a file answers its SOA with NOERROR, within 10 s.
  void wait_until_ready(const std::vector<ZoneFile>& zones) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (const ZoneFile& zone : zones) {
      if (!zone.text) continue;
      while (loopback_dns_rcode(port_, zone.apex, 6, std::chrono::milliseconds(200)) != 0) {
        if (!process_->running()) throw std::runtime_error("knotd exited while starting\n" + log());
        if (std::chrono::steady_clock::now() > deadline) {
          throw std::runtime_error("knotd does not answer for " + zone.apex + " within 10 s\n" + log());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }

  TempDir dir_;
  std::uint16_t port_;
  std::optional<BackgroundProcess> process_;
};

// tests/probe/web_server.py (with Debian's /usr/bin/python3) on two free ports of 127.0.0.1:
// http_port() and https_port(), the latter with a self-signed certificate for every name.
class WebServer {
 public:
  explicit WebServer(const nlohmann::json& routes) {
    const std::string python = required_program("/usr/bin/python3", "python3");
    const std::string openssl = required_program("/usr/bin/openssl", "openssl");
    const auto routes_file = dir_.write("routes.json", routes.dump(2));
    const auto key = dir_.path() / "key.pem";
    const auto certificate = dir_.path() / "cert.pem";
    const CommandResult made = run_command({openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                            "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj",
                                            "/CN=casim-probe-test", "-keyout", key.string(), "-out",
                                            certificate.string()});
    if (made.exit_code != 0) throw std::runtime_error("openssl cannot make the test certificate\n" + describe(made));
    process_.emplace(std::vector<std::string>{python, source_path("tests/probe/web_server.py"), routes_file.string(),
                                              certificate.string(), key.string()},
                     dir_.path() / "web.out", dir_.path() / "web.log");
    read_ports();
  }

  std::uint16_t http_port() const { return http_port_; }
  std::uint16_t https_port() const { return https_port_; }
  std::string log() const { return "web_server.py's log:\n" + read_text(dir_.path() / "web.log"); }

 private:
  // The "HTTP_PORT HTTPS_PORT" line the server prints once it listens, within 10 s.
  void read_ports() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (true) {
      const std::string out = read_text(dir_.path() / "web.out");
      if (out.find('\n') != std::string::npos) {
        std::istringstream line(out);
        int http = 0;
        int https = 0;
        if (!(line >> http >> https)) throw std::runtime_error("web_server.py printed '" + out + "'\n" + log());
        http_port_ = static_cast<std::uint16_t>(http);
        https_port_ = static_cast<std::uint16_t>(https);
        return;
      }
      if (!process_->running()) throw std::runtime_error("web_server.py exited while starting\n" + log());
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("web_server.py does not listen within 10 s\n" + log());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  TempDir dir_;
  std::optional<BackgroundProcess> process_;
  std::uint16_t http_port_ = 0;
  std::uint16_t https_port_ = 0;
};

}  // namespace casim::test
