// Text model inference cost: a pipeline that starts with a vectorizer (e.g. the zoo's
// TfidfVectorizer + LogisticRegression) on documents read from a JSON list of strings, timed
// as run_documents (vectorize + the rest of the pipeline) and as the vectorizer's
// transform_documents alone (median of --repeat runs after one warm-up), on one thread.
// Prints one JSON object; bench/docs_compare.py runs it beside scikit-learn on the same
// documents.
//
//   skops_bench_docs MODEL.skops DOCS.json [--method predict] [--repeat 7] [--trusted TYPE]...

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "skops/estimators/pipeline.hpp"
#include "bench_util.hpp"
#include "skops/skops.hpp"


int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: skops_bench_docs MODEL.skops DOCS.json [--method M] [--repeat N] "
                 "[--trusted TYPE]...\n";
    return 64;
  }
  skops::LoadOptions lo;
  std::string method_name = "predict";
  int repeat = 7;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--method") method_name = argv[i + 1];
    else if (a == "--repeat") repeat = std::max(1, std::stoi(argv[i + 1]));
    else if (a == "--trusted") lo.trusted.push_back(argv[i + 1]);
  }
  const auto method = skops::method_from_string(method_name);
  if (!method) {
    std::cerr << "unknown method " << method_name << "\n";
    return 64;
  }
  const auto est = skops::load(argv[1], lo);
  std::ifstream in(argv[2], std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto docs = skops::read_json_documents(text);
  if (!docs) {
    std::cerr << argv[2] << " is not a JSON list of strings\n";
    return 64;
  }
  const skops::Estimator* first = est.get();
  if (const auto* p = dynamic_cast<const skops::estimators::Pipeline*>(est.get()))
    first = p->steps().front().estimator.get();
  std::vector<double> t_run, t_vec;
  for (int r = 0; r <= repeat; ++r) {  // run 0 warms up
    const double a = skops_bench::seconds([&] { (void)est->run_documents(*method, *docs); });
    const double b = skops_bench::seconds([&] { (void)first->transform_documents(*docs); });
    if (r == 0) continue;
    t_run.push_back(a);
    t_vec.push_back(b);
  }
  std::size_t bytes = 0;
  for (const auto& d : *docs) bytes += d.size();
  std::cout << "{\"documents\": " << docs->size() << ", \"bytes\": " << bytes << ", \"method\": \""
            << method_name << "\", \"run_seconds\": " << skops_bench::median(t_run)
            << ", \"vectorize_seconds\": " << skops_bench::median(t_vec) << "}\n";
  return 0;
}
