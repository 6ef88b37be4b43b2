// DecisionTree{Classifier,Regressor} and ExtraTree{Classifier,Regressor}: prediction.
// Semantics: sklearn/tree/_classes.py (BaseDecisionTree.predict, DecisionTreeClassifier.
// predict_proba) and sklearn/tree/_tree.pyx (Tree.apply: X as float32, go left when
// X[i, feature] <= threshold).

#include "estimators/tree/decision_tree.hpp"

#include <cmath>

#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

using detail::FlatTree;
using detail::ValueRow;

namespace detail::tree {

std::vector<std::int32_t> leaves(const FlatTree& tree, const std::vector<float>& x32,
                                 Eigen::Index rows, Eigen::Index cols) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(rows));
  tree.leaves(x32.data(), rows, cols, out.data());
  return out;
}

void add_proba(const FlatTree& tree, std::int32_t leaf, std::int64_t output, std::int64_t n_classes,
               bool fractions, double* row) {
  const ValueRow v = tree.value(leaf) + output * tree.max_n_classes();
  if (fractions) {  // >= 1.4.1: tree_.predict(X)[:, :n_classes_] as it is
    for (std::int64_t j = 0; j < n_classes; ++j) row[j] += v[j];
    return;
  }
  // < 1.4.1: proba / proba.sum(axis=1), zero sums left as 1.
  const double sum = detail::class_value_sum(v, n_classes);
  for (std::int64_t j = 0; j < n_classes; ++j) row[j] += v[j] / sum;
}

}  // namespace detail::tree

namespace {

NdArray leaf_ids(const std::vector<std::int32_t>& leaves) {
  std::vector<std::int64_t> out(leaves.begin(), leaves.end());
  return NdArray::from_vector(out);
}

}  // namespace

// --- classifier ------------------------------------------------------------------------

DecisionTreeClassifier::DecisionTreeClassifier(std::shared_ptr<const FlatTree> tree,
                                               std::vector<NdArray> classes,
                                               bool multi_output_classes, bool allow_nan,
                                               bool values_are_fractions)
    : tree_(std::move(tree)),
      classes_(std::move(classes)),
      multi_output_(multi_output_classes),
      allow_nan_(allow_nan),
      values_are_fractions_(values_are_fractions) {
  set_n_features_in(tree_->n_features());
}

bool DecisionTreeClassifier::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::PredictProba || m == Method::PredictLogProba ||
         m == Method::Apply;
}

std::vector<Matrix> DecisionTreeClassifier::predict_proba_outputs(const MatrixView& X) const {
  check_input(X);
  const auto x32 = detail::to_float32_rows(X, allow_nan_);
  const auto leaves = detail::tree::leaves(*tree_, x32, X.rows(), X.cols());
  std::vector<Matrix> out;
  for (std::int64_t k = 0; k < tree_->n_outputs(); ++k) {
    const std::int64_t nc = tree_->n_classes()[static_cast<std::size_t>(k)];
    Matrix p = Matrix::Zero(X.rows(), nc);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      detail::tree::add_proba(*tree_, leaves[static_cast<std::size_t>(i)], k, nc,
                             values_are_fractions_, p.row(i).data());
    }
    out.push_back(std::move(p));
  }
  return out;
}

NdArray DecisionTreeClassifier::apply(const MatrixView& X) const { return run(Method::Apply, X); }

NdArray DecisionTreeClassifier::run(Method m, const MatrixView& X) const {
  switch (m) {
    case Method::Predict: {
      check_input(X);
      const auto x32 = detail::to_float32_rows(X, allow_nan_);
      const auto leaves = detail::tree::leaves(*tree_, x32, X.rows(), X.cols());
      const std::int64_t n_out = tree_->n_outputs();
      std::vector<std::int64_t> idx(static_cast<std::size_t>(X.rows() * n_out));
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        for (std::int64_t k = 0; k < n_out; ++k) {
          // argmax over the raw leaf values, as BaseDecisionTree.predict does.
          const ValueRow v =
              tree_->value(leaves[static_cast<std::size_t>(i)]) + k * tree_->max_n_classes();
          idx[static_cast<std::size_t>(i * n_out + k)] =
              detail::argmax(v, tree_->n_classes()[static_cast<std::size_t>(k)]);
        }
      }
      if (n_out == 1) return detail::take_labels(classes_[0], idx);
      return detail::take_labels_2d(classes_, idx, X.rows());
    }
    case Method::PredictProba:
    case Method::PredictLogProba: {
      if (tree_->n_outputs() != 1) {
        throw UnsupportedError(std::string(to_string(m)) +
                               " of a multi-output classifier returns one array per output; use "
                               "predict_proba_outputs");
      }
      auto p = predict_proba_outputs(X);
      return m == Method::PredictProba ? to_ndarray(p[0]) : to_ndarray(detail::log_of(p[0]));
    }
    case Method::Apply: {
      check_input(X);
      const auto x32 = detail::to_float32_rows(X, allow_nan_);
      return leaf_ids(detail::tree::leaves(*tree_, x32, X.rows(), X.cols()));
    }
    default:
      throw UnsupportedError(type_name() + " has no method " + to_string(m));
  }
}

// --- regressor -------------------------------------------------------------------------

DecisionTreeRegressor::DecisionTreeRegressor(std::shared_ptr<const FlatTree> tree, bool allow_nan)
    : tree_(std::move(tree)), allow_nan_(allow_nan) {
  set_n_features_in(tree_->n_features());
}

bool DecisionTreeRegressor::supports(Method m) const noexcept {
  return m == Method::Predict || m == Method::Apply;
}

NdArray DecisionTreeRegressor::apply(const MatrixView& X) const { return run(Method::Apply, X); }

NdArray DecisionTreeRegressor::run(Method m, const MatrixView& X) const {
  if (m != Method::Predict && m != Method::Apply) {
    throw UnsupportedError(type_name() + " has no method " + to_string(m));
  }
  check_input(X);
  const auto x32 = detail::to_float32_rows(X, allow_nan_);
  const auto leaves = detail::tree::leaves(*tree_, x32, X.rows(), X.cols());
  if (m == Method::Apply) return leaf_ids(leaves);
  const std::int64_t n_out = tree_->n_outputs();
  const auto rows = static_cast<std::int64_t>(X.rows());
  std::vector<double> out(static_cast<std::size_t>(rows * n_out));
  for (std::int64_t i = 0; i < rows; ++i) {
    const ValueRow v = tree_->value(leaves[static_cast<std::size_t>(i)]);
    for (std::int64_t k = 0; k < n_out; ++k)
      out[static_cast<std::size_t>(i * n_out + k)] = v[k * tree_->max_n_classes()];
  }
  if (n_out == 1) return NdArray::from_vector(out);
  return NdArray::from_vector(out, {rows, n_out});
}

}  // namespace skops::estimators
