#pragma once
/// \file skops.hpp
/// Everything public in skops-cpp.

#include "skops/api.hpp"
#include "skops/archive.hpp"
#include "skops/document.hpp"
#include "skops/error.hpp"
#include "skops/estimator.hpp"
#include "skops/limits.hpp"
#include "skops/ndarray.hpp"
#include "skops/node.hpp"
#include "skops/npy.hpp"
#include "skops/object_view.hpp"
#include "skops/object_writer.hpp"
#include "skops/registry.hpp"
#include "skops/schema.hpp"
#include "skops/sklearn_version.hpp"
#include "skops/table.hpp"
#include "skops/trust.hpp"
