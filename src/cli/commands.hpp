#pragma once
// The verbs of skops-cpp. Each returns the process exit code; library errors propagate to
// main, which maps them to exit codes (1 untrusted, 2 invalid/limit/unsupported).

#include "args.hpp"

namespace skops::cli {

int cmd_audit(const Args& args);
int cmd_inspect(const Args& args);
int cmd_types(const Args& args);
int cmd_validate(const Args& args);
int cmd_predict(const Args& args);
int cmd_resave(const Args& args);

}  // namespace skops::cli
