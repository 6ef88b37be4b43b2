#pragma once
// Shared pieces of the naive_bayes family: the `_BaseNB` output methods computed from the
// joint log likelihood, and the build/save functions registered in register.cpp.

#include <memory>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/naive_bayes.hpp"

namespace skops::estimators::detail::naive_bayes {

/// predict / predict_proba / predict_log_proba from jll (sklearn/naive_bayes.py, _BaseNB:
/// predict = classes_[argmax(jll)], predict_log_proba = jll - logsumexp(jll, axis=1),
/// predict_proba = exp(predict_log_proba)). Other methods throw UnsupportedError.
NdArray output(const Estimator& est, Method m, const Matrix& jll, const NdArray& classes);
bool supports(Method m) noexcept;

std::unique_ptr<GaussianNB> build_gaussian(const ObjectView& obj);
void save_gaussian(const GaussianNB& est, ObjectWriter& w);
std::unique_ptr<DiscreteNB> build_discrete(DiscreteNBKind kind, const ObjectView& obj);
void save_discrete(const DiscreteNB& est, ObjectWriter& w);
std::unique_ptr<CategoricalNB> build_categorical(const ObjectView& obj);
void save_categorical(const CategoricalNB& est, ObjectWriter& w);

const char* type_name(DiscreteNBKind kind) noexcept;
constexpr const char* kGaussianType = "sklearn.naive_bayes.GaussianNB";
constexpr const char* kCategoricalType = "sklearn.naive_bayes.CategoricalNB";

}  // namespace skops::estimators::detail::naive_bayes
