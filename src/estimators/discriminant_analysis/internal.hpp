#pragma once
// The builders and writers of sklearn.discriminant_analysis (registered in register.cpp).

#include <memory>

#include "skops/estimators/discriminant_analysis.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::discriminant_analysis {

/// The only code that reaches LinearDiscriminantAnalysis's private state.
struct Access {
  static std::unique_ptr<LinearDiscriminantAnalysis> build_lda(const ObjectView& obj);
  static void save_lda(const LinearDiscriminantAnalysis& est, ObjectWriter& w);
};

/// QuadraticDiscriminantAnalysis (qda.cpp), built from the file's per-class factors.
std::unique_ptr<QuadraticDiscriminantAnalysis> build_qda(const ObjectView& obj);
void save_qda(const QuadraticDiscriminantAnalysis& est, ObjectWriter& w);

}  // namespace skops::estimators::detail::discriminant_analysis
