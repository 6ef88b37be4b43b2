// TargetEncoder.transform (scikit-learn >= 1.3): _transform(handle_unknown="ignore",
// force_all_finite="allow-nan") gives category codes and a known mask; each code → its
// encoding, unknown → target_mean_ (_transform_X_ordinal).
// https://github.com/scikit-learn/scikit-learn/blob/1.4.2/sklearn/preprocessing/_target_encoder.py

#include <cmath>

#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

TargetEncoder::TargetEncoder(std::vector<CategoryList> categories,
                             std::vector<std::vector<double>> encodings,
                             std::vector<double> target_mean)
    : categories_(std::move(categories)),
      encodings_(std::move(encodings)),
      target_mean_(std::move(target_mean)) {
  if (categories_.empty()) throw ValidationError("TargetEncoder: no categories");
  if (target_mean_.empty()) throw ValidationError("TargetEncoder: no target_mean_");
  const std::size_t k = target_mean_.size();
  if (encodings_.size() != categories_.size() * k) {
    throw ValidationError("TargetEncoder: encodings_ has " + std::to_string(encodings_.size()) +
                          " entries for " + std::to_string(categories_.size()) + " features × " +
                          std::to_string(k) + " targets");
  }
  for (std::size_t e = 0; e < encodings_.size(); ++e) {
    if (encodings_[e].size() != categories_[e / k].items.size())
      throw ValidationError("TargetEncoder: encodings_[" + std::to_string(e) +
                            "] needs one value per category");
  }
  for (const auto& c : categories_) {
    if (c.items.empty()) throw ValidationError("TargetEncoder: a column has no categories");
    index_.emplace_back(c);
  }
  set_type_name("sklearn.preprocessing._target_encoder.TargetEncoder");
  set_n_features_in(static_cast<std::int64_t>(categories_.size()));
}

template <class CodeAt>
NdArray TargetEncoder::encode(Eigen::Index rows, const CodeAt& code_at) const {
  const auto k = static_cast<Eigen::Index>(target_mean_.size());
  const auto n = static_cast<Eigen::Index>(categories_.size());
  Matrix out(rows, n * k);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) {
      const std::int64_t code = code_at(static_cast<std::size_t>(j), i);
      for (Eigen::Index c = 0; c < k; ++c) {
        const auto e = static_cast<std::size_t>(j * k + c);
        out(i, j * k + c) = code < 0 ? target_mean_[static_cast<std::size_t>(c)]
                                     : encodings_[e][static_cast<std::size_t>(code)];
      }
    }
  }
  return to_ndarray(out);
}

NdArray TargetEncoder::do_transform(const MatrixView& X) const {
  estimators::detail::check_allow_nan(*this, X);
  return encode(X.rows(), [&](std::size_t j, Eigen::Index i) {
    return index_[j].number(X(i, static_cast<Eigen::Index>(j)));
  });
}

NdArray TargetEncoder::on_table(Method m, const Table& X) const {
  if (m != Method::Transform) return TransformerBase::on_table(m, X);
  check_table_columns(X);
  return encode(static_cast<Eigen::Index>(X.n_rows()), [&](std::size_t j, Eigen::Index i) {
    return index_[j].cell(X.column(j), static_cast<std::size_t>(i));
  });
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

std::unique_ptr<TargetEncoder> build_target(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  auto cats = read_all_categories(obj, n);
  const std::string type = obj.str("target_type_");
  if (type != "binary" && type != "continuous" && type != "multiclass")
    obj.at("target_type_").fail("target_type_ must be binary, continuous or multiclass");
  const NdArray mean = obj.array("target_mean_");
  if (mean.dtype().kind() != DTypeKind::Float || mean.ndim() > 1)
    obj.at("target_mean_").fail("target_mean_ must be a float or a 1-d float array");
  std::vector<double> target_mean = mean.to_vector<double>();
  if ((type == "multiclass") != (mean.ndim() == 1))
    obj.at("target_mean_").fail("target_mean_ must be an array exactly for multiclass");
  std::vector<std::vector<double>> encodings;
  for (const auto& e : obj.at("encodings_").items()) {
    const NdArray a = e.as_array();
    if (a.ndim() != 1 || a.dtype().kind() != DTypeKind::Float) e.fail("an encoding must be a 1-d float array");
    encodings.push_back(a.to_vector<double>());
  }
  if (auto inf = obj.find("_infrequent_enabled"); inf && inf->as_bool())
    inf->fail("TargetEncoder with infrequent categories is not supported");
  auto est = detail::located(obj, [&] {
    return std::make_unique<TargetEncoder>(std::move(cats), std::move(encodings),
                                           std::move(target_mean));
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_target(const TargetEncoder& e, ObjectWriter& w) {
  // categories_, encodings_ and target_mean_ are kept as read; a natively built encoder
  // has no fitted parameters (cv, smooth, ...) to write.
  if (!e.original_state())
    throw UnsupportedError("TargetEncoder: only an encoder loaded from a file can be saved");
  w.set_int("n_features_in_", e.n_features_in());
}

}  // namespace skops::estimators::detail::preprocessing
