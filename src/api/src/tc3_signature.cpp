// TC3-HMAC-SHA256: reading the Authorization header, rebuilding the canonical request and string to
// sign as the official SDKs do, and comparing signatures in constant time.
#include "casim/api/tc3_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>

#include "param_reader.hpp"

namespace casim::api {
namespace {

constexpr std::string_view kAlgorithm = "TC3-HMAC-SHA256";

using Digest = std::array<unsigned char, 32>;

Digest hmac_sha256(std::string_view key, std::string_view message) {
  Digest out{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &length) == nullptr) {
    throw std::runtime_error("TC3 signature: HMAC-SHA256 failed in OpenSSL");
  }
  return out;
}

std::string_view as_text(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    text[2 * i] = kDigits[data[i] >> 4];
    text[2 * i + 1] = kDigits[data[i] & 0x0f];
  }
  return text;
}

std::string sha256_hex(std::string_view text) {
  Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("TC3 signature: SHA-256 failed in OpenSSL");
  }
  return hex(digest.data(), digest.size());
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

const std::string* header(const SignedHttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (lower(key) == name) return &value;
  }
  return nullptr;
}

// The UTC day of a Unix time, as the credential scope writes it.
std::string utc_date(std::int64_t timestamp) {
  const auto seconds = static_cast<std::time_t>(timestamp);
  std::tm day{};
  gmtime_r(&seconds, &day);
  return fmt::format("{:04}-{:02}-{:02}", day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
}

struct Authorization {
  std::string secret_id;
  std::string date;
  std::string service;
  std::vector<std::string> signed_headers;  // lower-case, in the header's order
  std::string signature;
};

using detail::api_error;

mockca::ApiError malformed(std::string why) {
  return api_error(mockca::Reason::ApiAuthorizationInvalid, "Authorization: " + std::move(why));
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX".
mockca::ApiResult<Authorization> parse_authorization(std::string_view text) {
  text = trim(text);
  if (!text.starts_with(kAlgorithm) || text.size() == kAlgorithm.size() || text[kAlgorithm.size()] != ' ') {
    return malformed(fmt::format("expected '{} Credential=…, SignedHeaders=…, Signature=…'", kAlgorithm));
  }
  Authorization parsed;
  std::string_view credential;
  std::string_view signed_headers;
  for (const std::string_view part : split(text.substr(kAlgorithm.size() + 1), ',')) {
    const std::string_view field = trim(part);
    const std::size_t equals = field.find('=');
    const std::string_view name = field.substr(0, equals);
    const std::string_view value = equals == std::string_view::npos ? "" : field.substr(equals + 1);
    if (name == "Credential") credential = value;
    if (name == "SignedHeaders") signed_headers = value;
    if (name == "Signature") parsed.signature = value;
  }
  const std::vector<std::string_view> scope = split(credential, '/');
  if (scope.size() != 4 || scope[0].empty() || scope[1].empty() || scope[2].empty() || scope[3] != "tc3_request") {
    return malformed("Credential must be SecretId/DATE/SERVICE/tc3_request");
  }
  parsed.secret_id = scope[0];
  parsed.date = scope[1];
  parsed.service = scope[2];
  if (signed_headers.empty()) return malformed("SignedHeaders is missing");
  for (const std::string_view name : split(signed_headers, ';')) parsed.signed_headers.push_back(lower(name));
  if (parsed.signature.size() != 64) return malformed("Signature must be 64 hex digits");
  return parsed;
}

std::optional<std::int64_t> parse_timestamp(const std::string* text) {
  if (text == nullptr) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 0) return std::nullopt;
  return value;
}

std::string signature(const SignedHttpRequest& request, const std::vector<std::string>& signed_headers,
                      std::string_view host, std::string_view secret_key, std::string_view date,
                      std::string_view service, std::int64_t timestamp) {
  std::string canonical_headers;
  std::string names;
  for (const std::string& name : signed_headers) {
    const std::string* value = name == "host" ? nullptr : header(request, name);
    canonical_headers += name + ":" + std::string(name == "host" ? host : trim(*value)) + "\n";
    names += (names.empty() ? "" : ";") + name;
  }
  const std::string canonical_request = request.method + "\n" + request.path + "\n" + request.query + "\n" +
                                        canonical_headers + "\n" + names + "\n" + sha256_hex(request.body);
  const std::string scope = fmt::format("{}/{}/tc3_request", date, service);
  const std::string to_sign =
      fmt::format("{}\n{}\n{}\n{}", kAlgorithm, timestamp, scope, sha256_hex(canonical_request));
  const Digest day_key = hmac_sha256("TC3" + std::string(secret_key), date);
  const Digest service_key = hmac_sha256(as_text(day_key), service);
  const Digest signing_key = hmac_sha256(as_text(service_key), "tc3_request");
  const Digest signed_digest = hmac_sha256(as_text(signing_key), to_sign);
  return hex(signed_digest.data(), signed_digest.size());
}

// "host:port" → "host" (the SDKs sign the host name alone); "[::1]:80" → "[::1]".
std::string_view without_port(std::string_view host) {
  const std::size_t colon = host.rfind(':');
  if (colon == std::string_view::npos || host.find(']', colon) != std::string_view::npos) return host;
  if (host.front() != '[' && host.find(':') != colon) return host;  // a bare IPv6 address
  return host.substr(0, colon);
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<mockca::ApiError> verify_tc3_signature(const SignedHttpRequest& request,
                                                     const std::vector<Tc3Credential>& accepted,
                                                     std::int64_t now_unix) {
  const std::string* authorization_header = header(request, "authorization");
  if (authorization_header == nullptr) return malformed("the header is missing: every call must be signed");
  const auto authorization = parse_authorization(*authorization_header);
  if (!authorization) return authorization.error();
  const Authorization& auth = authorization.value();
  const auto timestamp = parse_timestamp(header(request, "x-tc-timestamp"));
  if (!timestamp) {
    return api_error(mockca::Reason::ApiAuthorizationInvalid,
                      "X-TC-Timestamp must be the signing time in seconds since the epoch");
  }
  if (*timestamp > now_unix + kTc3MaxSkewSeconds || *timestamp < now_unix - kTc3MaxSkewSeconds) {
    return api_error(mockca::Reason::ApiSignatureExpired,
                      fmt::format("X-TC-Timestamp {} is {} s from the server's clock ({}); at most {} s is allowed",
                                  *timestamp, *timestamp - now_unix, now_unix, kTc3MaxSkewSeconds));
  }
  if (auth.date != utc_date(*timestamp)) {
    return malformed(fmt::format("the credential's date {} is not the UTC day of X-TC-Timestamp ({})", auth.date,
                                 utc_date(*timestamp)));
  }
  const auto credential = std::find_if(accepted.begin(), accepted.end(),
                                       [&](const Tc3Credential& each) { return each.secret_id == auth.secret_id; });
  if (credential == accepted.end()) {
    return api_error(mockca::Reason::ApiSecretIdNotFound,
                      "SecretId " + auth.secret_id + " is not one of this server's credentials");
  }
  for (const std::string& name : auth.signed_headers) {
    if (header(request, name) == nullptr) return malformed("signed header '" + name + "' is not in the request");
  }
  const std::string_view host = trim(*header(request, "host"));
  for (const std::string_view candidate : {without_port(host), host}) {
    if (same(signature(request, auth.signed_headers, candidate, credential->secret_key, auth.date, auth.service,
                       *timestamp),
             auth.signature)) {
      return std::nullopt;
    }
  }
  return api_error(mockca::Reason::ApiSignatureMismatch,
                    "the signature does not match the request signed with the key of " + auth.secret_id);
}

std::string sign_tc3(const SignedHttpRequest& request, const Tc3Credential& credential, std::string_view service,
                     std::int64_t timestamp) {
  const std::string* host = header(request, "host");
  const std::string* content_type = header(request, "content-type");
  if (host == nullptr || content_type == nullptr) {
    throw std::invalid_argument("sign_tc3: the request needs Host and Content-Type headers");
  }
  const std::string date = utc_date(timestamp);
  const std::vector<std::string> names{"content-type", "host"};
  return fmt::format("{} Credential={}/{}/{}/tc3_request, SignedHeaders=content-type;host, Signature={}", kAlgorithm,
                     credential.secret_id, date, service,
                     signature(request, names, without_port(trim(*host)), credential.secret_key, date, service, timestamp));
}

}  // namespace casim::api
