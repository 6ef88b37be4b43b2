// The program both consumer projects build: load a model, predict, compare with the labels
// scikit-learn recorded. Uses nothing but the public API (skops/skops.hpp).
//
//   consumer MODEL.skops X.npy EXPECTED.npy
//
// Prints the predictions on one line, then "match: N/N"; exits 0 only when all match.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <skops/skops.hpp>

namespace {

skops::NdArray read_npy_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw skops::IoError("cannot open " + path);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  return skops::read_npy(skops::ByteView::adopt(std::move(bytes)), skops::Limits{}, path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: consumer MODEL.skops X.npy EXPECTED.npy\n";
    return 64;
  }
  try {
    const auto model = skops::load(argv[1]);
    const skops::Matrix X = skops::to_matrix(read_npy_file(argv[2]));
    const std::vector<std::int64_t> got = model->predict(X).to_vector<std::int64_t>();
    const std::vector<std::int64_t> want = read_npy_file(argv[3]).to_vector<std::int64_t>();

    std::cout << model->type_name() << " (" << model->n_features_in() << " features)\n";
    std::cout << "predictions:";
    for (auto v : got) std::cout << ' ' << v;
    std::size_t same = 0;
    for (std::size_t i = 0; i < got.size() && i < want.size(); ++i) same += got[i] == want[i];
    std::cout << "\nmatch: " << same << "/" << want.size() << "\n";
    return (got.size() == want.size() && same == want.size()) ? 0 : 1;
  } catch (const skops::Error& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 2;
  }
}
