// A service handler's core: a JSON request holding records (one object per row, strings,
// numbers and null for missing values, as a client sends a DataFrame's rows) becomes a
// skops::Table, which the model runs on with scikit-learn's DataFrame rules. Errors in the
// request (syntax, a column the model needs that is missing, a string where it needs a
// number) are skops::InputError with the place named, which a service turns into a 400.
//
//   table_records MODEL.skops REQUEST.json [--trusted TYPE]...
// prints one line per row: the predicted label and the probability of each class.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <skops/skops.hpp>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: table_records MODEL.skops REQUEST.json [--trusted TYPE]...\n";
    return 64;
  }
  skops::LoadOptions options;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--trusted") options.trusted.push_back(argv[i + 1]);
  }
  try {
    // Load once at start-up; the estimator is immutable and safe to share between threads.
    const auto model = skops::load(argv[1], options);

    std::ifstream in(argv[2], std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The request is {"records": [...]}: hand the list to the JSON table reader, which takes
    // pandas' records layout (or its split layout) with limits on size, depth and columns.
    auto strip = [](std::string s) {
      std::string out;
      for (char c : s) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out += c;
      }
      return out;
    };
    const auto start = body.find('[');
    const auto end = body.rfind(']');
    if (start == std::string::npos || end == std::string::npos || end < start ||
        strip(body.substr(0, start)) != "{\"records\":" || strip(body.substr(end + 1)) != "}") {
      throw skops::InputError("request must be {\"records\": [...]}");
    }
    skops::TableLimits limits;
    limits.max_rows = 10'000;  // a request, not a file
    const skops::Table X =
        skops::read_json_table(std::string_view(body).substr(start, end - start + 1), limits);

    const skops::NdArray labels = model->predict(X);
    const skops::NdArray proba = model->predict_proba(X);
    const auto p = proba.to_vector<double>();
    const auto k = static_cast<std::size_t>(proba.dim(1));
    const auto y = labels.to_vector<std::int64_t>();
    for (std::size_t i = 0; i < X.n_rows(); ++i) {
      std::printf("row %zu: label %lld proba", i, static_cast<long long>(y[i]));
      for (std::size_t c = 0; c < k; ++c) std::printf(" %.8f", p[i * k + c]);
      std::printf("\n");
    }
  } catch (const skops::InputError& e) {
    std::cerr << "400 Bad Request: " << e.what() << "\n";
    return 2;
  } catch (const skops::Error& e) {
    std::cerr << "cannot serve: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
