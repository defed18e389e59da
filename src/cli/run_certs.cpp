// write_order_certificates, write_root_certificate: PEM files with the modes keys need.
#include "run_certs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "run_plan.hpp"

namespace casim::cli {
namespace {

namespace fs = std::filesystem;

constexpr auto kPrivateDir = fs::perms::owner_all;

void make_private_dirs(const fs::path& dir) {
  fs::path built;
  for (const auto& part : dir) {
    built /= part;
    if (fs::create_directory(built)) fs::permissions(built, kPrivateDir);
  }
}

// Writes `content` to a new file of mode `mode` (refusing to write over an existing one).
void write_new_file(const fs::path& file, const std::string& content, mode_t mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(saved));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

}  // namespace

void write_order_certificates(const fs::path& certs, const std::string& scenario,
                              const std::vector<order::OrderResult>& orders) {
  check_path_name(scenario, "scenario name");
  for (const auto& order : orders) {
    if (!order.certificate || !order.certificate->files) continue;
    check_path_name(order.ref, "order ref");
    const auto& files = *order.certificate->files;
    const fs::path dir = certs / scenario / order.ref;
    make_private_dirs(dir);
    write_new_file(dir / "cert.pem", files.certificate_pem, 0644);
    write_new_file(dir / "chain.pem", files.chain_pem, 0644);
    write_new_file(dir / "fullchain.pem", files.full_chain_pem, 0644);
    if (!files.private_key_pem.empty()) write_new_file(dir / "key.pem", files.private_key_pem, 0600);
  }
}

void write_root_certificate(const fs::path& certs, const std::string& root_pem) {
  make_private_dirs(certs);
  write_new_file(certs / "root.pem", root_pem, 0644);
}

}  // namespace casim::cli
