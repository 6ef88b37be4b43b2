// Classify raw text with a scikit-learn text pipeline saved by Python skops, e.g.
// Pipeline([("count", CountVectorizer()), ("nb", MultinomialNB())]):
//
//   text_documents MODEL.skops "first document" "second document" ... [--trusted TYPE]...
//
// Prints each document's label and class probabilities, then the vectorizer's sparse
// output for the first document (column index: count), straight from the CSR matrix.

#include <iostream>
#include <string>
#include <variant>
#include <vector>

#include "skops/estimators.hpp"
#include "skops/skops.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: text_documents MODEL.skops DOCUMENT... [--trusted TYPE]...\n";
    return 64;
  }
  skops::LoadOptions options;
  std::vector<std::string> documents;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--trusted" && i + 1 < argc) {
      options.trusted.push_back(argv[++i]);
    } else {
      documents.push_back(a);
    }
  }
  try {
    const auto model = skops::load(argv[1], options);  // audits the types first
    if (!model->accepts_documents()) {
      std::cerr << model->type_name() << " does not take raw text\n";
      return 2;
    }
    const skops::NdArray labels = model->run_documents(skops::Method::Predict, documents);
    const skops::NdArray proba = model->run_documents(skops::Method::PredictProba, documents);
    const auto p = proba.to_vector<double>();
    const auto k = static_cast<std::size_t>(proba.dim(1));
    for (std::size_t i = 0; i < documents.size(); ++i) {
      std::cout << "document " << i << ": label " << labels.to_vector<std::int64_t>()[i]
                << " proba";
      for (std::size_t j = 0; j < k; ++j) std::cout << " " << p[i * k + j];
      std::cout << "\n";
    }
    // The first step alone: a CountVectorizer's counts stay sparse.
    const auto& pipeline = dynamic_cast<const skops::estimators::Pipeline&>(*model);
    const skops::SparseTransform t =
        pipeline.steps().front().estimator->transform_documents({documents.front()});
    const skops::CsrMatrix& counts = std::get<skops::CsrMatrix>(t);
    std::cout << "counts of document 0 (" << counts.cols << " columns):";
    for (std::int64_t k2 = counts.indptr[0]; k2 < counts.indptr[1]; ++k2)
      std::cout << " " << counts.indices[static_cast<std::size_t>(k2)] << ":"
                << counts.data[static_cast<std::size_t>(k2)];
    std::cout << "\n";
  } catch (const skops::Error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  return 0;
}
