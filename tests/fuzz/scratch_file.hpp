// One scratch file per process and purpose, for the fuzz targets whose API reads a path: in a
// folder of its own under /dev/shm (when there is one), rewritten for each input, removed at exit.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace casim::fuzz {

class ScratchFile {
 public:
  // The file is <base>/casim-fuzz-<purpose>-<pid>/<file_name>.
  ScratchFile(const std::string& purpose, const std::string& file_name) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path base = fs::is_directory("/dev/shm", error) ? fs::path("/dev/shm") : fs::temp_directory_path();
    dir_ = base / ("casim-fuzz-" + purpose + "-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    file_ = dir_ / file_name;
  }
  ~ScratchFile() {
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::filesystem::path& write(const std::uint8_t* data, std::size_t size) {
    std::ofstream out(file_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) throw std::runtime_error("cannot write the scratch file " + file_.string());
    return file_;
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path file_;
};

}  // namespace casim::fuzz
