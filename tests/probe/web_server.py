#!/usr/bin/python3
"""The `casim probe` tests' web server: HTTP and HTTPS on 127.0.0.1, answering from a JSON file of
routes keyed by Host header and path. Standard library only (Debian's python3).

Usage: web_server.py ROUTES.json CERT.pem KEY.pem [HTTP_PORT HTTPS_PORT]
Ports 0 (the default) take free ones. Once both listen it prints "HTTP_PORT HTTPS_PORT" on a line.

ROUTES.json:
  {"https_only": {"HOST": "redirect" | "refuse"},   # plain http: 301 to https, or close unanswered
   "routes": [{"host": H, "path": P,                # exact Host (port ignored) and path with query
               "scheme": "http" | "https",          # optional: answer on that scheme only
               "status": 200,                       # the status code (default 200)
               "body": "text",                      # or "body_bytes": N (N bytes of 'x')
               "location": "URL",                   # a Location header (redirects)
               "delay": SECONDS}]}                  # wait before answering (a slow server)
Anything else is 404.
"""

import http.server
import json
import socket
import ssl
import sys
import threading
import time


def load_routes(path):
    with open(path, encoding="utf-8") as file:
        config = json.load(file)
    routes = {}
    for route in config.get("routes", []):
        for scheme in [route["scheme"]] if "scheme" in route else ["http", "https"]:
            routes[(scheme, route["host"].lower(), route["path"])] = route
    return routes, {host.lower(): mode for host, mode in config.get("https_only", {}).items()}


def make_handler(routes, https_only, scheme):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            host = self.headers.get("Host", "").split(":")[0].lower()
            if scheme == "http" and host in https_only:
                if https_only[host] == "refuse":
                    self.close_connection = True
                    return
                self.answer({"status": 301, "location": f"https://{host}{self.path}"})
                return
            self.answer(routes.get((scheme, host, self.path), {"status": 404, "body": "not found\n"}))

        def answer(self, route):
            time.sleep(route.get("delay", 0))
            body = route["body"].encode() if "body" in route else b"x" * route.get("body_bytes", 0)
            self.send_response(route.get("status", 200))
            if "location" in route:
                self.send_header("Location", route["location"])
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            sys.stderr.write(f"{scheme} {self.address_string()} {format % args}\n")

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that stops reading (the probe cuts an oversized body) is expected.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, socket.timeout)):
            super().handle_error(request, client_address)


class TlsServer(Server):
    def __init__(self, address, handler, context):
        super().__init__(address, handler)
        self.context = context

    def get_request(self):
        connection, address = super().get_request()
        # The handshake runs in the request's thread, on its first read.
        return self.context.wrap_socket(connection, server_side=True, do_handshake_on_connect=False), address


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    routes, https_only = load_routes(sys.argv[1])
    http_port, https_port = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) == 6 else (0, 0)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    plain = Server(("127.0.0.1", http_port), make_handler(routes, https_only, "http"))
    secure = TlsServer(("127.0.0.1", https_port), make_handler(routes, https_only, "https"), context)
    for server in (plain, secure):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(plain.server_address[1], secure.server_address[1], flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
