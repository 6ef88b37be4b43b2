#include "estimators/ensemble/base.hpp"

#include <cmath>
#include <limits>

#include "estimators/utils/versions.hpp"
#include "estimators/tree/flat_tree.hpp"
#include "estimators/utils/multiclass.hpp"
#include "estimators/utils/extmath.hpp"
#include "skops/error.hpp"

namespace skops::estimators::detail::ensemble {

double logaddexp(double x, double y) noexcept {
  if (x == y) return x + M_LN2;  // handles infinities of the same sign
  const double tmp = x - y;
  if (tmp > 0) return x + std::log1p(std::exp(-tmp));
  if (tmp <= 0) return y + std::log1p(std::exp(tmp));
  return tmp;  // NaN
}

Matrix result_matrix(const NdArray& a, const std::string& what) {
  const DTypeKind k = a.dtype().kind();
  if (k != DTypeKind::Float && k != DTypeKind::Int && k != DTypeKind::UInt &&
      k != DTypeKind::Bool) {
    throw UnsupportedError(what + " returned a " + a.dtype().name() + " array, not numbers");
  }
  if (a.ndim() != 1 && a.ndim() != 2) {
    throw UnsupportedError(what + " returned a " + std::to_string(a.ndim()) + "-d array");
  }
  const auto values = a.to_vector<double>();
  const Eigen::Index rows = a.dim(0);
  const Eigen::Index cols = a.ndim() == 2 ? a.dim(1) : 1;
  Matrix m(rows, cols);
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

Matrix take_columns(const MatrixView& X, const std::vector<std::int64_t>& features) {
  Matrix out(X.rows(), static_cast<Eigen::Index>(features.size()));
  for (std::size_t j = 0; j < features.size(); ++j)
    out.col(static_cast<Eigen::Index>(j)) = X.col(features[j]);
  return out;
}

namespace {

bool is_text(const NdArray& a) {
  return a.dtype().kind() == DTypeKind::Unicode || a.dtype().kind() == DTypeKind::Bytes;
}

}  // namespace

std::vector<std::int64_t> label_positions(const NdArray& labels, const NdArray& classes) {
  const auto n = static_cast<std::size_t>(labels.size());
  std::vector<std::int64_t> out(n, -1);
  if (is_text(labels) != is_text(classes)) return out;
  if (is_text(labels)) {
    const auto l = labels.to_strings();
    const auto c = classes.to_strings();
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < c.size(); ++j) {
        if (l[i] == c[j]) {
          out[i] = static_cast<std::int64_t>(j);
          break;
        }
      }
    }
    return out;
  }
  const auto l = labels.to_vector<double>();
  const auto c = classes.to_vector<double>();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < c.size(); ++j) {
      if (l[i] == c[j]) {
        out[i] = static_cast<std::int64_t>(j);
        break;
      }
    }
  }
  return out;
}

std::vector<std::int64_t> encoded_positions(const NdArray& labels, std::int64_t k,
                                            const std::string& what) {
  if (labels.ndim() != 1 || !labels.is_numeric() || labels.dtype().kind() == DTypeKind::Complex) {
    throw UnsupportedError(what + " must return 1-d integer label positions");
  }
  const auto v = labels.to_vector<double>();
  std::vector<std::int64_t> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!(v[i] >= 0 && v[i] < static_cast<double>(k)) || v[i] != std::floor(v[i])) {
      throw UnsupportedError(what + " returned the label " + std::to_string(v[i]) +
                             ", not a position in [0, " + std::to_string(k) + ")");
    }
    out[i] = static_cast<std::int64_t>(v[i]);
  }
  return out;
}

std::vector<EstimatorPtr> read_estimators(const ObjectView& obj, const std::string& key) {
  const ValueView list = obj.at(key);
  if (list.node().kind != NodeKind::List && list.node().kind != NodeKind::Tuple)
    list.fail(key + " must be a list of estimators");
  for (const ValueView& item : list.items()) {
    if (item.node().kind != NodeKind::Object) item.fail(key + " item is not an estimator");
  }
  std::vector<EstimatorPtr> out = list.estimators();  // in parallel when independent
  if (out.empty()) list.fail(key + " is empty");
  return out;
}

std::vector<std::vector<std::int64_t>> read_feature_lists(const ObjectView& obj,
                                                          const std::string& key, std::size_t count,
                                                          std::int64_t n_features) {
  const ValueView list = obj.at(key);
  const auto items = list.items();
  if (items.size() != count) {
    list.fail(key + " has " + std::to_string(items.size()) + " entries for " +
              std::to_string(count) + " estimators");
  }
  std::vector<std::vector<std::int64_t>> out;
  for (const ValueView& item : items) {
    const NdArray a = item.as_array();
    if (a.ndim() != 1 ||
        (a.dtype().kind() != DTypeKind::Int && a.dtype().kind() != DTypeKind::UInt))
      item.fail(key + " entries must be 1-d integer arrays, got " + a.dtype().name());
    auto f = a.to_vector<std::int64_t>();
    for (std::int64_t j : f) {
      if (j < 0 || j >= n_features) {
        item.fail("feature index " + std::to_string(j) + " out of range [0, " +
                  std::to_string(n_features) + ")");
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

NamedParam read_named_param(const ObjectView& obj) {
  NamedParam out;
  auto v = obj.find("estimators");
  if (!v || v->is_none()) return out;
  for (const ValueView& pair : v->items()) {
    const auto kv = pair.items();
    if (kv.size() != 2) pair.fail("estimators entries must be (name, estimator) pairs");
    out.names.push_back(kv[0].as_str());
    const Node& est = kv[1].node();
    out.dropped.push_back(est.kind == NodeKind::Json && est.scalar == ScalarKind::Str &&
                          est.str_value == "drop");
  }
  return out;
}

std::vector<double> read_number_list(const ValueView& v) {
  if (v.node().kind == NodeKind::NdArray && v.node().storage != "json") return v.as_doubles();
  std::vector<double> out;
  for (const ValueView& item : v.items()) out.push_back(item.as_double());
  return out;
}

NodePtr save_estimator_list(ObjectWriter& w, const std::vector<EstimatorPtr>& estimators) {
  std::vector<NodePtr> items;
  for (const auto& e : estimators) items.push_back(w.ctx().save(*e));
  return make::list(std::move(items));
}

NodePtr bunch_of(const std::vector<std::string>& names, const std::vector<NodePtr>& estimators) {
  std::vector<DictEntry> entries;
  for (std::size_t i = 0; i < names.size() && i < estimators.size(); ++i)
    entries.push_back({names[i], make::type_ref("builtins", "str"), estimators[i]});
  return make::dict_entries(std::move(entries), "sklearn.utils._bunch", "Bunch");
}

NdArray encoder_classes(const ObjectView& obj, const std::string& key) {
  if (auto enc = obj.find(key); enc && enc->node().kind == NodeKind::Object) {
    const ObjectView le(enc->ptr(), enc->ctx());
    return detail::read_classes(le.at("classes_"));
  }
  return detail::read_classes(obj.at("classes_"));
}

NodePtr int64_scalar(std::int64_t v) {
  return make::numpy_scalar(NdArray::from_vector(std::vector<std::int64_t>{v}, {}));
}

std::string method_attr(Method m) { return to_string(m); }

Method stack_method_from(const ValueView& v) {
  const std::string s = v.as_str();
  if (s == "predict_proba") return Method::PredictProba;
  if (s == "decision_function") return Method::DecisionFunction;
  if (s == "predict") return Method::Predict;
  v.fail("unknown stack method '" + s + "'");
}

}  // namespace skops::estimators::detail::ensemble
