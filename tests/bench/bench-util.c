/* bench-util.c: what the benchmark programs share
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "bench-util.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The median of @values, which it sorts. */
double
bench_median (double *values,
              guint   n_values)
{
  g_return_val_if_fail (n_values > 0, 0);

  qsort (values, n_values, sizeof (double), compare_doubles);

  return n_values % 2 ? values[n_values / 2]
                      : (values[n_values / 2 - 1] + values[n_values / 2]) / 2;
}
