#pragma once
// Reading and writing the libsvm attributes shared by SVC, NuSVC, SVR, NuSVR and
// OneClassSVM (sklearn/svm/_base.py, BaseLibSVM.fit sets them).

#include <string>
#include <utility>
#include <vector>

#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/estimators/svm.hpp"

namespace skops::estimators::detail::svm {

using Nodes = std::vector<std::pair<std::string, NodePtr>>;

/// Reads kernel, degree, _gamma, coef0 and the fitted arrays; records every node read in
/// `nodes` (attribute name → node) for a verbatim re-save. Throws UnsupportedError for
/// sparse-fitted models and precomputed/callable kernels, ValidationError otherwise.
LibsvmModel read_model(const ObjectView& obj, Nodes& nodes);

/// Records an optional attribute's node when present.
void keep(const ObjectView& obj, const std::string& key, Nodes& nodes);

/// Writes the recorded nodes back (loaded estimators).
void write_nodes(const Nodes& nodes, ObjectWriter& w);

/// Writes the libsvm attributes and BaseLibSVM hyper-parameters of a natively built model.
/// `flip_sign`: binary SVC/NuSVC, whose public dual_coef_/intercept_ are negated.
void write_native(const LibsvmModel& m, bool flip_sign, std::int64_t n_models, ObjectWriter& w);

/// Checks n_features_in_ (when present) against the support vectors.
void check_n_features(const ObjectView& obj, std::int64_t n_features);

}  // namespace skops::estimators::detail::svm
