// DataFrame inference cost: a model (e.g. the zoo's Titanic pipeline) on a CSV read as a
// Table, timed as read_csv alone, run_table alone and both together (median of --repeat
// runs, after one warm-up), and, for models that take numbers only, run on the same values
// as a matrix (the numeric path) to show what the table path adds. Prints one JSON object.
// bench/frame_compare.py runs it beside pandas.read_csv + scikit-learn on the same file.
//
//   skops_bench_frame MODEL.skops INPUT.csv [--method predict_proba] [--repeat 15]
//                     [--trusted TYPE]...

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "skops/skops.hpp"


int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: skops_bench_frame MODEL.skops INPUT.csv [--method M] [--repeat N] "
                 "[--trusted TYPE]...\n";
    return 64;
  }
  skops::LoadOptions lo;
  std::string method_name = "predict_proba";
  int repeat = 15;
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
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const skops::Table table = skops::read_csv(csv);
  std::vector<double> t_read, t_run, t_both, t_matrix;
  bool numeric = true;
  for (std::size_t j = 0; j < table.n_cols(); ++j)
    numeric = numeric && table.column(j).type() != skops::ColumnType::String;
  std::vector<std::size_t> all(table.n_cols());
  for (std::size_t j = 0; j < all.size(); ++j) all[j] = j;
  skops::Matrix X;
  if (numeric) X = skops::to_matrix(table.to_ndarray(all));
  for (int r = 0; r <= repeat; ++r) {  // run 0 warms up
    const double a = skops_bench::seconds([&] { (void)skops::read_csv(csv); });
    const double b = skops_bench::seconds([&] { (void)est->run_table(*method, table); });
    const double c = skops_bench::seconds([&] { (void)est->run_table(*method, skops::read_csv(csv)); });
    const double d = numeric ? skops_bench::seconds([&] { (void)est->run(*method, X); }) : 0.0;
    if (r == 0) continue;
    t_read.push_back(a);
    t_run.push_back(b);
    t_both.push_back(c);
    t_matrix.push_back(d);
  }
  std::cout << "{\"rows\": " << table.n_rows() << ", \"columns\": " << table.n_cols()
            << ", \"method\": \"" << method_name << "\", \"read_csv_seconds\": " << skops_bench::median(t_read)
            << ", \"run_table_seconds\": " << skops_bench::median(t_run)
            << ", \"read_and_run_seconds\": " << skops_bench::median(t_both);
  if (numeric) std::cout << ", \"run_matrix_seconds\": " << skops_bench::median(t_matrix);
  std::cout << "}\n";
  return 0;
}
