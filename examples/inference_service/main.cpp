// inference_service: a small HTTP prediction service over one .skops model (cpp-httplib).
//
//   inference_service MODEL.skops [--port N] [--trusted TYPE]... [--threads N]
//
// Binds 127.0.0.1 only. --port 0 (the default) picks a free port. Once ready it prints
//   inference_service: listening on http://127.0.0.1:PORT
// Routes: POST /predict, GET /model, GET /healthz (see service.hpp and docs/service.md).
// Refuses to start on an untrusted file (exit 1) or an invalid one (exit 2), printing why.
// SIGINT/SIGTERM stop it cleanly (exit 0).

// skops (Eigen) before httplib.h: httplib pulls in <resolv.h>, whose `_res` macro breaks
// Eigen's headers when they come after it.
#include "service.hpp"
// (keep this order)
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kExitUntrusted = 1;
constexpr int kExitInvalid = 2;
constexpr int kExitUsage = 64;
constexpr std::size_t kMaxBody = 8 * 1024 * 1024;

struct Options {
  std::string model;
  int port = 0;
  std::size_t threads = 32;
  std::vector<std::string> trusted;
};

int usage(const std::string& why) {
  std::cerr
      << "inference_service: " << why << "\n"
      << "usage: inference_service MODEL.skops [--port N] [--trusted TYPE]... [--threads N]\n";
  return kExitUsage;
}

void send(httplib::Response& res, const service::Reply& reply) {
  res.status = reply.status;
  // Replies echo client text (column names, values) only after nlohmann parsed it as valid
  // UTF-8; `replace` keeps a cut or stray byte from turning an answer into a 500 anyway.
  res.set_content(reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    try {
      if (a == "--port" && has_value) {
        opt.port = std::stoi(argv[++i]);
        if (opt.port < 0 || opt.port > 65535) return usage("--port must be 0..65535");
      } else if (a == "--threads" && has_value) {
        opt.threads = static_cast<std::size_t>(std::stoul(argv[++i]));
        if (opt.threads == 0 || opt.threads > 1024) return usage("--threads must be 1..1024");
      } else if (a == "--trusted" && has_value) {
        opt.trusted.emplace_back(argv[++i]);
      } else if (a.rfind("--", 0) == 0 || !opt.model.empty()) {
        return usage("unexpected argument " + a);
      } else {
        opt.model = a;
      }
    } catch (const std::exception&) {
      return usage(a + " needs a number");
    }
  }
  if (opt.model.empty()) return usage("no MODEL given");

  // Load before anything listens: a model that cannot be trusted or read never serves.
  std::unique_ptr<service::PredictionService> svc;
  try {
    svc = std::make_unique<service::PredictionService>(opt.model, opt.trusted);
  } catch (const skops::UntrustedTypeError& e) {
    std::cerr << "inference_service: refusing to start: " << opt.model << ": " << e.what() << "\n";
    return kExitUntrusted;
  } catch (const skops::Error& e) {
    std::cerr << "inference_service: refusing to start: " << opt.model << ": " << e.what() << "\n";
    return kExitInvalid;
  }

  // Signals are taken by one thread through sigwait (the server's threads inherit the mask).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill the server

  httplib::Server server;
  const std::size_t threads = opt.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(kMaxBody);
  server.set_tcp_nodelay(true);  // small JSON answers: no Nagle delay behind delayed ACKs
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  // httplib closes a keep-alive connection after 5 requests by default; every reconnect then
  // goes through its listen backlog of 5, which a burst of clients overflows.
  server.set_keep_alive_max_count(1000);

  server.Post("/predict", [&svc](const httplib::Request& req, httplib::Response& res) {
    send(res, svc->predict(req.body));
  });
  server.Get("/model", [&svc](const httplib::Request&, httplib::Response& res) {
    send(res, service::Reply{200, svc->summary()});
  });
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    send(res, service::Reply{200, {{"status", "ok"}}});
  });
  // Unknown routes and bodies over the cap (413) answer JSON too; replies that already carry
  // a JSON error (from /predict) are left alone.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = "HTTP " + std::to_string(res.status);
        if (res.status == 404)
          message = "no route " + req.method + " " + req.path +
                    " (POST /predict, GET /model, GET /healthz)";
        if (res.status == 413) message = "request body over " + std::to_string(kMaxBody) + " bytes";
        // httplib parses a form-encoded body (curl -d without -H) as a query, capped far
        // lower: say so, or a 70 KB request would read as being over 8 MiB.
        if (res.status == 413 &&
            req.get_header_value("Content-Type") == "application/x-www-form-urlencoded") {
          message = "form-encoded request body over " +
                    std::to_string(CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH) +
                    " bytes: send Content-Type: application/json";
        }
        send(res, service::error_reply(res.status, message));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send(res, service::error_reply(500, "internal error: " + what));
      });

  const char* host = "127.0.0.1";
  int port = opt.port;
  if (port == 0) {
    port = server.bind_to_any_port(host);
  } else if (!server.bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) {
    std::cerr << "inference_service: cannot bind " << host << ":" << opt.port << "\n";
    return kExitInvalid;
  }

  std::atomic<bool> stopping{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    server.stop();
  });

  std::cout << "inference_service: " << svc->summary()["type"].get<std::string>() << " from "
            << opt.model << "\n"
            << "inference_service: listening on http://" << host << ":" << port << std::endl;
  const bool ok = server.listen_after_bind();
  if (!stopping) pthread_kill(signal_thread.native_handle(), SIGTERM);  // wake the waiter
  signal_thread.join();
  std::cout << "inference_service: stopped" << std::endl;
  return ok || stopping ? 0 : kExitInvalid;
}
