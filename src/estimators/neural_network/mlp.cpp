// sklearn.neural_network.MLPClassifier / MLPRegressor
// (sklearn/neural_network/_multilayer_perceptron.py, _base.py):
//  - forward pass: _forward_pass_fast (safe_sparse_dot, then += intercept, ACTIVATIONS);
//  - MLPRegressor.predict: the output, raveled when it has one column;
//  - MLPClassifier.predict: _label_binarizer.inverse_transform(output): multiclass → first
//    argmax; binary → classes_[output > threshold]; multilabel → (output > threshold) as int;
//    threshold = (pos_label + neg_label) / 2 (LabelBinarizer.inverse_transform);
//  - predict_proba: binary → [1 - p, p]; else the output; predict_log_proba = log of it.

#include <cmath>

#include "estimators/linear_model/linear_math.hpp"
#include "estimators/neural_network/internal.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace {

bool known_activation(const std::string& a) {
  return a == "identity" || a == "logistic" || a == "tanh" || a == "relu" || a == "softmax";
}

void activate(const std::string& a, Matrix& x) {
  if (a == "identity") return;
  if (a == "logistic") {
    x = x.unaryExpr([](double v) { return detail::expit(v); });
  } else if (a == "tanh") {
    x = x.unaryExpr([](double v) { return std::tanh(v); });
  } else if (a == "relu") {
    // np.maximum(X, 0) propagates NaN.
    x = x.unaryExpr([](double v) { return std::isnan(v) ? v : (v > 0 ? v : 0.0); });
  } else {  // softmax: inplace_softmax
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      double mx = x(r, 0);
      for (Eigen::Index c = 1; c < x.cols() && !std::isnan(mx); ++c) {
        if (std::isnan(x(r, c)) || x(r, c) > mx) mx = x(r, c);  // np.max propagates NaN
      }
      for (Eigen::Index c = 0; c < x.cols(); ++c) x(r, c) = std::exp(x(r, c) - mx);
      const double s = detail::numpy_sum(x.row(r).data(), x.cols());
      for (Eigen::Index c = 0; c < x.cols(); ++c) x(r, c) /= s;
    }
  }
}

std::string str(std::int64_t v) { return std::to_string(v); }

}  // namespace

std::unique_ptr<MLP> MLP::from_arrays(MLPParams p, bool classifier) {
  const std::string who = classifier ? detail::neural_network::kClassifierType : detail::neural_network::kRegressorType;
  const detail::Fail fail = detail::native_fail(who);
  detail::neural_network::validate(p, classifier, fail);
  auto est = std::make_unique<MLP>();
  est->classifier_ = classifier;
  for (std::size_t i = 0; i < p.coefs.size(); ++i) {
    est->w_.push_back(detail::to_matrix2d(p.coefs[i]));
    est->b_.push_back(detail::to_vector1d(p.intercepts[i]));
  }
  est->set_n_features_in(p.coefs.front().dim(0));
  est->set_type_name(who);
  est->p_ = std::move(p);
  return est;
}

namespace detail::neural_network {

void validate(const MLPParams& p, bool classifier, const detail::Fail& fail) {
  if (p.coefs.empty()) fail("coefs_ is empty");
  if (p.coefs.size() != p.intercepts.size()) {
    fail("coefs_ has " + str(static_cast<std::int64_t>(p.coefs.size())) +
         " layers but intercepts_ has " + str(static_cast<std::int64_t>(p.intercepts.size())));
  }
  std::int64_t width = -1;
  // float64, or float32 throughout for a network fitted on float32 data.
  const DType dtype = p.coefs.front().dtype();
  if (dtype != DType::float64() && dtype != DType::float32()) {
    fail("coefs_[0] must be float64 or float32, found " + dtype.name());
  }
  for (std::size_t i = 0; i < p.coefs.size(); ++i) {
    const std::string idx = "[" + std::to_string(i) + "]";
    detail::check_float_array(p.coefs[i], "coefs_" + idx, 2, {width, -1}, fail);
    if (p.coefs[i].dim(0) < 1 || p.coefs[i].dim(1) < 1) fail("coefs_" + idx + " is empty");
    width = p.coefs[i].dim(1);
    detail::check_float_array(p.intercepts[i], "intercepts_" + idx, 1, {width}, fail);
    if (p.coefs[i].dtype() != dtype || p.intercepts[i].dtype() != dtype) {
      fail("coefs_" + idx + " and intercepts_" + idx + " must have the dtype of coefs_[0] (" +
           dtype.name() + ")");
    }
  }
  if (!known_activation(p.activation) || p.activation == "softmax") {
    fail("unknown hidden activation '" + p.activation + "'");
  }
  if (!known_activation(p.out_activation))
    fail("unknown out_activation_ '" + p.out_activation + "'");
  if (!classifier) return;
  detail::check_classes(p.classes, fail);
  const auto k = static_cast<std::int64_t>(p.classes.size());
  if (p.y_type == "binary") {
    if (k > 2 || width != 1) {
      fail("a binary MLPClassifier needs 1 output and at most 2 classes (found " + str(width) +
           " outputs, " + str(k) + " classes)");
    }
  } else if (p.y_type == "multiclass" || p.y_type == "multilabel-indicator") {
    if (width != k) {
      fail("the output layer has " + str(width) + " units but there are " + str(k) + " classes");
    }
  } else {
    fail("unsupported label type y_type_ = '" + p.y_type + "'");
  }
}

}  // namespace detail::neural_network

bool MLP::supports(Method m) const noexcept {
  if (m == Method::Predict) return true;
  return classifier_ && (m == Method::PredictProba || m == Method::PredictLogProba);
}

Matrix MLP::forward(const MatrixView& X) const {
  check_finite_input(X);
  Matrix a = X;
  for (std::size_t i = 0; i < w_.size(); ++i) {
    const Matrix& w = w_[i];
    Matrix z(a.rows(), w.cols());
    // Reference BLAS dgemm: each output accumulates its products in input order from 0.
    for (Eigen::Index r = 0; r < a.rows(); ++r) {
      for (Eigen::Index j = 0; j < w.cols(); ++j) {
        double s = 0;
        for (Eigen::Index l = 0; l < w.rows(); ++l) s += a(r, l) * w(l, j);
        z(r, j) = s + b_[i](j);
      }
    }
    activate(i + 1 == w_.size() ? p_.out_activation : p_.activation, z);
    a = std::move(z);
  }
  return a;
}

NdArray MLP::run_float32(Method m, const MatrixView& X) const {
  NdArray out = run(m, X);
  // float64 weights (or labels) make numpy's result float64 whatever X is. float32 X with
  // float32 weights stays float32 in scikit-learn, computed in float32 BLAS whose summation
  // order is not reproducible here: computed in float64 and rounded once (≤ 1 float32 ulp
  // of the exact value; scikit-learn's own float32 rounding differs by a few ulps).
  if (p_.coefs.front().dtype() != DType::float32() || out.dtype() != DType::float64()) return out;
  const std::vector<double> v = out.to_vector<double>();
  return NdArray::from_vector(std::vector<float>(v.begin(), v.end()), out.shape());
}

NdArray MLP::run(Method m, const MatrixView& X) const {
  if (!supports(m)) {
    throw UnsupportedError(std::string(to_string(m)) + " is not available for " + type_name());
  }
  const Matrix out = forward(X);
  const Eigen::Index n = out.rows();
  if (!classifier_) {
    if (out.cols() == 1) return to_ndarray(Eigen::VectorXd(out.col(0)));
    return to_ndarray(out);
  }
  const double threshold = (p_.pos_label + p_.neg_label) / 2.0;
  if (m == Method::Predict) {
    if (p_.y_type == "multiclass") return detail::take_labels(p_.classes, detail::argmax_rows(out));
    if (p_.y_type == "binary") {
      std::vector<std::int64_t> idx(static_cast<std::size_t>(n));
      for (Eigen::Index r = 0; r < n; ++r) {
        idx[static_cast<std::size_t>(r)] =
            p_.classes.size() == 1 ? 0 : (out(r, 0) > threshold ? 1 : 0);
      }
      return detail::take_labels(p_.classes, idx);
    }
    std::vector<std::int64_t> ind(static_cast<std::size_t>(out.size()));
    for (Eigen::Index r = 0; r < n; ++r) {
      for (Eigen::Index c = 0; c < out.cols(); ++c) {
        ind[static_cast<std::size_t>(r * out.cols() + c)] = out(r, c) > threshold ? 1 : 0;
      }
    }
    return NdArray::from_vector(ind, {n, out.cols()});
  }
  Matrix proba = out;
  if (out.cols() == 1) {
    proba.resize(n, 2);
    for (Eigen::Index r = 0; r < n; ++r) {
      proba(r, 0) = 1 - out(r, 0);
      proba(r, 1) = out(r, 0);
    }
  }
  if (m == Method::PredictLogProba) proba = detail::log_of(proba);  // libm per element, as numpy
  return to_ndarray(proba);
}

}  // namespace skops::estimators
