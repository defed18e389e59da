// ZIP archives in memory with libzip, deterministic timestamps, and base64 with OpenSSL.
#include "zip_archive.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <zip.h>

namespace casim::api::detail {

namespace {

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Source = std::unique_ptr<zip_source_t, SourceFree>;

[[noreturn]] void fail(const std::string& what, const char* why) {
  throw std::runtime_error("writing the certificate ZIP: " + what + ": " + why);
}

// MS-DOS date and time of `instant` as UTC+8 wall time (from 1980, two-second steps).
struct DosTime {
  std::uint16_t time;
  std::uint16_t date;
};

DosTime dos_time(sim::Instant instant) {
  using namespace std::chrono;
  const auto local = floor<seconds>(instant.time_since_epoch() + hours{8});
  const auto day = floor<days>(local);
  const year_month_day ymd{sys_days{day}};
  const hh_mm_ss clock{local - day};
  const int year = std::max(static_cast<int>(ymd.year()), 1980);
  return {static_cast<std::uint16_t>((clock.hours().count() << 11) | (clock.minutes().count() << 5) |
                                     (clock.seconds().count() / 2)),
          static_cast<std::uint16_t>(((year - 1980) << 9) | (static_cast<unsigned>(ymd.month()) << 5) |
                                     static_cast<unsigned>(ymd.day()))};
}

std::string read_all(zip_source_t* source) {
  if (zip_source_open(source) < 0) fail("reopening", zip_error_strerror(zip_source_error(source)));
  zip_source_seek(source, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(source);
  zip_source_seek(source, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size < 0 ? 0 : size), '\0');
  const zip_int64_t read = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (size < 0 || read != size) fail("reading back", zip_error_strerror(zip_source_error(source)));
  return bytes;
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries, sim::Instant modified) {
  zip_error_t error;
  zip_error_init(&error);
  Source source(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!source) fail("a buffer", zip_error_strerror(&error));
  zip_t* archive = zip_open_from_source(source.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) fail("opening", zip_error_strerror(&error));
  zip_source_keep(source.get());  // the archive's close releases one reference; the bytes stay ours
  const DosTime stamp = dos_time(modified);
  for (const ZipEntry& entry : entries) {
    zip_source_t* data = zip_source_buffer(archive, entry.content.data(), entry.content.size(), 0);
    const zip_int64_t index = data == nullptr ? -1 : zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (data != nullptr) zip_source_free(data);
      const std::string why = zip_strerror(archive);
      zip_discard(archive);
      fail(entry.name, why.c_str());
    }
    const auto at = static_cast<zip_uint64_t>(index);
    const std::uint32_t mode = entry.secret ? 0100600 : 0100644;
    if (zip_file_set_dostime(archive, at, stamp.time, stamp.date, 0) < 0 ||
        zip_file_set_external_attributes(archive, at, 0, ZIP_OPSYS_UNIX, mode << 16) < 0) {
      const std::string why = zip_strerror(archive);
      zip_discard(archive);
      fail(entry.name, why.c_str());
    }
  }
  if (zip_close(archive) < 0) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    fail("closing", why.c_str());
  }
  return read_all(source.get());
}

std::string base64(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(length));
  return text;
}

}  // namespace casim::api::detail
