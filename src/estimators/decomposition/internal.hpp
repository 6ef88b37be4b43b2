#pragma once
// The builders and writers of sklearn.decomposition (pca.cpp), registered in register.cpp.

#include <memory>

#include "skops/estimators/decomposition.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"

namespace skops::estimators::detail::decomposition {

std::unique_ptr<PCA> build_pca(const ObjectView& obj);
void save_pca(const PCA& e, ObjectWriter& w);
std::unique_ptr<TruncatedSVD> build_svd(const ObjectView& obj);
void save_svd(const TruncatedSVD& e, ObjectWriter& w);

/// log|det m| as numpy.linalg.slogdet computes it over reference LAPACK (reference_lu.cpp);
/// `sign` gets the determinant's sign (0 for a singular m).
double reference_logdet(const Matrix& m, int& sign);
/// inv(m) as scipy.linalg.inv computes it over reference LAPACK (dgetrf + dgetri); false
/// when m is exactly singular (scipy raises LinAlgError).
bool reference_inverse(const Matrix& m, Matrix& out);

}  // namespace skops::estimators::detail::decomposition
